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
