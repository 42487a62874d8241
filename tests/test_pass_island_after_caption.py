"""STRUCT-ISLAND: two or three short lines right under a removed caption, credit, ad or player
line are the article's own (a subheading and its short list: "Landing figures" / "Zone 34:
12,400 kg"), not what rules left of a box; a caption sits between paragraphs. Found on a
fresh round-15 probe (Saltwire), where the closing figures went between a photo credit and
the share bar. A single short line there still goes (a widget's leftover)."""

from __future__ import annotations

from replay import clean_replayed as _clean

_HEAD = ("Lobster season opens late in southwest Nova Scotia after storm\n"
         "Hundreds of boats left harbours in southwestern Nova Scotia on Monday, three days later than planned, after a storm.\n"
         "Shore prices opened at about $7.50 a pound, down from $9 last year, buyers at the wharf in Meteghan said.\n"
         "The crews said they would work through the weekend to make up for the lost days at sea.\n"
         "Fishing boats in Meteghan harbour on Monday. Photo: Tina Comeau\n")
_LIST = ["Landing figures", "Zone 34: 12,400 kg", "Zone 33: 8,100 kg"]


def test_a_subheading_and_its_list_under_a_photo_credit_stay():
    out = _clean(_HEAD + "\n".join(_LIST) + "\nShare this story\nTrending\nTruro council votes to keep parking free", "en")
    for line in _LIST:
        assert line in out
    assert "Photo: Tina Comeau" not in out and "Share this story" not in out


def test_a_single_short_line_under_a_photo_credit_still_goes():
    out = _clean(_HEAD + "Wharf prices live\nShare this story\nMore to come from the wharf later today, the association said.", "en")
    assert "Wharf prices live" not in out
