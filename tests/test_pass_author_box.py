"""STRUCT-AUTHOR-BOX: a name line and a paragraph about that person at the end, not a wire section."""

from __future__ import annotations

import pytest
from replay import clean_replayed as _clean

_HEAD = ("Davis Cup: France and Argentina win their groups\n\n"
         "France beat Japan 2-0 on Tuesday and Argentina got past Chile in Madrid.\n\n"
         "Gael Monfils and Nicolas Mahut won the doubles after the French team arrived late from London.\n\n"
         "\"We know we arrived late, but the captain had a lot of confidence in our team,\" Mahut said.\n\n"
         "Guido Pella beat Nicolas Jarry 6-4, 6-3 and Diego Schwartzman defeated Cristian Garin 6-2, 6-2.\n\n"
         "The tie was already decided when Maximo Gonzalez and Leonardo Mayer won the doubles in straight sets.\n\n"
         "\"I think I played one of the best matches of the year, maybe of my career,\" Schwartzman said.\n\n"
         "Belgium, Croatia and Serbia also reached the quarterfinals, which start on Thursday in the same arena.\n\n"
         "Organisers said about 12,000 spectators watched the evening session despite the late finish.\n\n"
         "KAZAKHSTAN WINS AGAIN\n\n"
         "Kazakhstan also needed the doubles match to beat the Netherlands 2-1 in Group E.\n\n")


def test_a_wire_section_heading_in_capitals_is_not_an_author_name():
    text = (_HEAD + "AUSTRALIA AHEAD\n\n"
            "Australia beat Colombia behind Nick Kyrgios' 6-4, 6-4 win over Alejandro Gonzalez on Monday.\n\n"
            "Colombia had lost to Belgium on Monday.")
    out = _clean(text, "en")
    assert "AUSTRALIA AHEAD" in out
    assert "Australia beat Colombia" in out


@pytest.mark.parametrize("name, bio", [
    ("MARIA DELGADO", "Maria Delgado is a sports reporter for the agency and has covered tennis since 2012 from Madrid."),
    ("Maria Delgado", "A sports reporter for the agency, Delgado has covered tennis since 2012 from Madrid and Paris."),
])
def test_a_name_line_over_a_bio_naming_that_person_is_the_author_box(name, bio):
    out = _clean(f"{_HEAD}{name}\n\n{bio}", "en")
    assert name not in out
    assert "sports reporter" not in out
    assert "Kazakhstan also needed" in out


_LIVE = ("Warnstreik legt Busse und Trams in Potsdam lahm\n"
         "Seit dem frühen Morgen stehen in Potsdam alle Busse und Straßenbahnen still, die Gewerkschaft hat zum Warnstreik aufgerufen.\n"
         "10:47 Uhr\n"
         "Pendler weichen auf die Regionalbahn aus\n"
         "In den Regionalzügen nach Berlin ist es deutlich voller als sonst, die Bahn setzt zusätzliche Wagen ein.\n"
         "09:15 Uhr\n")


def test_a_live_blog_entry_heading_with_a_name_shape_is_not_an_author_box():
    heading = "Streikposten vor dem Betriebshof"
    entry = ("Rund 150 Beschäftigte haben sich vor dem Betriebshof in der Teltower Vorstadt versammelt. "
             "Die Gewerkschaft fordert mehr Geld und kürzere Schichten.")
    out = _clean(f"{_LIVE}{heading}\n{entry}\nWeitere Einträge laden", "de")
    assert heading in out and entry in out and "09:15 Uhr" not in out


def test_a_name_with_particles_over_its_bio_is_still_the_author_box():
    name = "Lena von der Heide"
    bio = "Lena von der Heide ist Redakteurin im Lokalressort und berichtet seit 2019 über Verkehr und Stadtentwicklung in Potsdam."
    out = _clean(f"{_LIVE}Der Streik soll bis Mitternacht dauern, danach fahren die Busse wieder nach Plan, teilte der Verkehrsbetrieb mit.\n{name}\n{bio}", "de")
    assert name not in out and bio not in out


@pytest.mark.parametrize("label, paragraph", [
    # holdout18 (India Today): a widget label over the paragraph it happens to share its first word with
    ("Trending Reel", "Trending on social media since Tuesday, a video of students cheering the last train at the "
                      "station has been viewed over two lakh times."),
    ("Mehr Videos", "Mehr als 8.000 Unterschriften hatte die Schülerinitiative gesammelt, bevor der Verkehrsverbund "
                    "die längeren Fahrzeiten beschloss."),
])
def test_a_paragraph_sharing_only_its_first_word_with_a_name_shaped_line_is_not_a_bio(label, paragraph):
    """A paragraph's first word is capitalised whatever it is: a name's first part found only
    there names no one (the paragraph still names the person with the last part or the full name)."""
    out = _clean(f"{_HEAD}{label}\n\n{paragraph}", "en" if label.startswith("Trending") else "de")
    assert paragraph in out


def test_a_bio_opening_with_the_surname_is_still_the_author_box():
    out = _clean(f"{_HEAD}Maria Delgado\n\nDelgado is a sports reporter for the agency and has covered tennis since 2012 from Madrid.", "en")
    assert "Maria Delgado" not in out and "sports reporter" not in out
