"""STRUCT-TEASER-RUN: a teaser with the same "topic:" as the removed teaser above it goes even
when the article goes on right under it; a body line under a teaser stays."""

from __future__ import annotations

from replay import clean_replayed as _clean

_HEAD = ("Dubai: New interchange on Al Khail Road opens, cutting travel time by half\n\n"
         "Dubai's Roads and Transport Authority has opened a new interchange on Al Khail Road, it said on Sunday.\n"
         "The interchange includes two bridges with a combined capacity of 8,000 vehicles per hour.\n"
         "Motorists heading to Dubai Marina are advised to use the existing exit, which remains unchanged.\n"
         "The RTA said the project cost 1.2 billion dirhams and took two years to build.\n"
         "Traffic on Al Khail Road has grown by a third since 2022, according to the authority.\n"
         "A second phase, with a tunnel under Al Quoz, is planned to open in 2028.\n"
         "Buses on routes F8 and 91 will use the new bridges from Monday, the RTA added.\n"
         "Speed limits on the interchange are 80 km/h on the bridges and 60 km/h on the ramps.\n")
_LAST = 'Residents of Al Quoz welcomed the opening. "It used to take me 35 minutes," said one resident.'


def test_second_teaser_with_the_same_topic_goes():
    box = "Also read\nDubai: New bus route links Expo City and Jebel Ali\nDubai: Paid parking zones extended in Al Barsha\n"
    assert _clean(f"{_HEAD}{box}{_LAST}", "en") == f"{_HEAD}{_LAST}"


def test_subheading_with_another_topic_or_a_sentence_under_a_teaser_stays():
    for line in ("Traffic: What changes for commuters", "Dubai: the RTA said more bridges will follow."):
        text = f"{_HEAD}Also read\nDubai: New bus route links Expo City and Jebel Ali\n{line}\n{_LAST}"
        assert line in _clean(text, "en")
