"""STRUCT-TEASER-RUN: "topic: headline" lines under a related box go, but a year or a date
before the colon makes a row of the article's own list ("2024: 1,4 Prozent"), not a teaser.
Found by a round-15 stress run that put a related box above an article's closing figures."""

from __future__ import annotations

from replay import clean_replayed as _clean

_HEAD = ("SNB senkt den Leitzins auf 0,5 Prozent\n\n"
         "Die Schweizerische Nationalbank hat den Leitzins am Donnerstag um einen Viertelprozentpunkt gesenkt.\n\n"
         "Die Teuerung sei zuletzt deutlich schwächer ausgefallen als erwartet, teilte die Notenbank in Zürich mit.\n\n"
         "Ökonomen hatten den Schritt mehrheitlich erwartet, einige rechneten sogar mit einer stärkeren Senkung.\n\n"
         "Die Nationalbank rechnet für die kommenden Jahre mit einer Teuerung von:\n\n"
         "Mehr zum Thema\nEZB: Lagarde schließt weitere Senkungen nicht aus\n")
_ROWS = ["2025: 1,2 Prozent", "2026: 1,1 Prozent", "2027: 0,9 Prozent"]


def test_year_rows_under_a_related_box_stay():
    out = _clean(_HEAD + "\n".join(_ROWS), "de")
    for row in _ROWS:
        assert row in out
    assert "Lagarde" not in out


def test_topic_teasers_under_a_related_box_still_go():
    teasers = ["Inflation: Warum die Preise im Detailhandel sinken", "Franken: Exporteure klagen über den starken Kurs"]
    out = _clean(_HEAD + "\n".join(teasers), "de")
    for t in teasers:
        assert t not in out
