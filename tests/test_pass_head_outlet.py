"""STRUCT-HEAD-NAME: a word or two between the headline and a removed dateline is the outlet."""

from __future__ import annotations

from replay import clean_replayed as _clean

_TITLE = "140 Punsch-Häferl im Kofferraum: Christkindlmarkt-Dieb in Wien geschnappt"
_P1 = "Kurioser Fang für die Wiener Polizei: Beamte haben am Sonntagabend einen 34-Jährigen angehalten."
_P2 = "Der Mann hatte die Häferl offenbar über mehrere Abende gesammelt, hieß es von der Landespolizeidirektion."


def test_outlet_between_headline_and_dateline_goes():
    out = _clean(f"Wien\n{_TITLE}\noe24\n23. November 2026 19:12\n{_P1}\n{_P2}", "de")
    assert out == f"{_TITLE}\n{_P1}\n{_P2}"


def test_short_line_under_the_headline_without_a_dateline_under_it_stays():
    text = f"{_TITLE}\nWien-Neubau\n{_P1}\n{_P2}"
    assert _clean(text, "de") == text


def test_sentence_under_the_headline_stays():
    text = f"{_TITLE}\nErwischt!\n23. November 2026 19:12\n{_P1}\n{_P2}"
    assert "Erwischt!" in _clean(text, "de")
