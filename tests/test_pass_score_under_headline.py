"""STRUCT-SCORE-HEADER, under the headline: a score line between the headline and its byline
or dateline is the scoreboard; one with the first paragraph right under it, or further down
the text, stays."""

from __future__ import annotations

from replay import clean_replayed as _clean

_HEAD = "RWE dreht das Westderby gegen Aachen – Brandhorst trifft doppelt\n"
_BODY = ("Rot-Weiss Essen hat das Westderby gegen Alemannia Aachen mit 2:1 gewonnen. Vor 17.400 Zuschauern "
         "an der Hafenstraße drehte Stürmer Luca Brandhorst die Partie mit zwei Toren nach der Pause.\n\n"
         "Aachen war in der 23. Minute durch einen Kopfball in Führung gegangen.")


def test_score_between_headline_and_dateline_goes():
    out = _clean(_HEAD + "RWE 2:1 Aachen\n29.11.2026 - 16:05 Uhr\n\n" + _BODY, "de")
    assert "RWE 2:1 Aachen" not in out and out.startswith(_HEAD) and out.endswith(_BODY)


def test_score_with_the_paragraph_right_under_it_stays():
    assert "RWE 2:1 Aachen" in _clean(_HEAD + "RWE 2:1 Aachen\n\n" + _BODY, "de")


def test_score_line_in_the_body_stays():
    text = _HEAD + "29.11.2026 - 16:05 Uhr\n\n" + _BODY + "\n\nDie weiteren Spiele:\nRWE 2:1 Aachen\nUlm 0:0 Sandhausen"
    assert "RWE 2:1 Aachen\nUlm 0:0 Sandhausen" in _clean(text, "de")
