"""Metadata from text: the headline, and the date read from the dateline a rule removed."""

from __future__ import annotations

import pytest

from cleaner.passes.metadata import parse_date

MONTHS = {"märz": 3, "mars": 3, "march": 3, "novembre": 11, "mai": 5}


@pytest.mark.parametrize(("text", "month_first", "iso"), [
    ("Stand: 12.03.2024, 14:05 Uhr", False, "2024-03-12"),
    ("11.09.2023 13:44", False, "2023-09-11"),
    ("Publié le 28 novembre 2023 à 14h05", False, "2023-11-28"),
    ("Publié le 1er mai 2024", False, "2024-05-01"),
    ("Published 3:15 PM EDT, Tue March 12, 2024", True, "2024-03-12"),
    ("12/03/2024", False, "2024-03-12"),
    ("12/03/2024", True, "2024-12-03"),
    ("2024-03-12T10:00", False, "2024-03-12"),
    ("12. März 2024", False, "2024-03-12"),
    ("vor 2 Stunden", False, None),
    ("31.13.2024", False, None),
])
def test_parse_date(text, month_first, iso):
    assert parse_date(text, MONTHS, month_first=month_first) == iso


@pytest.mark.parametrize(("lang", "dateline", "iso"), [
    ("de", "Veröffentlicht am 3. Mai 2024", "2024-05-03"),
    ("fr", "Publié le 28 novembre 2023 à 14h05", "2023-11-28"),
    ("en", "Published March 12, 2024", "2024-03-12"),
])
def test_result_date_comes_from_the_removed_dateline(cleaner, lang, dateline, iso):
    body = {
        "de": "Der Stadtrat hat am Dienstag mit großer Mehrheit einen neuen Haushalt für das Jahr beschlossen.",
        "fr": "Le conseil municipal a adopté mardi soir le budget primitif après trois heures de débat.",
        "en": "The city council voted on Tuesday night to approve the budget after a three-hour debate.",
    }[lang]
    text = f"A headline for the test article\n\n{dateline}\n\n{body}\n\n{body}"
    result = cleaner.clean_and_explain(text, lang=lang)
    assert dateline not in result.text
    assert result.date == iso


BODY = "Der Gemeinderat hat am Dienstagabend nach langer Debatte mit knapper Mehrheit den Neubau der Halle abgelehnt."


@pytest.mark.parametrize(("head", "title"), [
    # a one-word label, and three labels, above the headline
    ("Penzlin\nWindpark bei Penzlin: Stadt soll 180.000 Euro im Jahr bekommen",
     "Windpark bei Penzlin: Stadt soll 180.000 Euro im Jahr bekommen"),
    ("Region Baden\nFislisbach\nGemeindeversammlung\nNach drei Stunden Debatte: Fislisbach sagt Nein zur Halle",
     "Nach drei Stunden Debatte: Fislisbach sagt Nein zur Halle"),
    # a kicker of three words is told from the longer headline under it
    ("Drama im Wipptal\nLawine erfasst Skitourengeher – Alpinist (46) tot",
     "Lawine erfasst Skitourengeher – Alpinist (46) tot"),
    # a byline under the headline is shorter: the headline stays the title
    ("Gemeinderat lehnt neue Mehrzweckhalle ab\nVon Dominik Bucher",
     "Gemeinderat lehnt neue Mehrzweckhalle ab"),
    # a standfirst under a short headline ends like a sentence: not a headline
    ("Halle abgelehnt\nDer Gemeinderat stimmt nach drei Stunden gegen den Kredit.",
     "Halle abgelehnt"),
])
def test_title_is_the_headline_under_its_kicker(cleaner, head, title):
    result = cleaner.clean_and_explain(f"{head}\n\n{BODY}\n\n{BODY}", lang="de")
    assert result.title == title
