"""STRUCT-COMMA-TAGS: one comma-joined line of capitalised labels after the last paragraph
goes; an article's own list or sentence of names stays."""

from __future__ import annotations

from replay import clean_replayed as _clean


_EN = ("Community replanting restores mangroves on the Volta\n\n"
       "Along the Volta estuary in Ghana, community-led replanting has restored around 400 hectares of mangrove forest.\n\n"
       "The fishers decided which creeks to replant, and they now share the income from carbon credits.\n\n"
       "Researchers say the model could work in other West African estuaries as well.")


def test_tag_line_at_the_end_goes():
    assert _clean(_EN + "\n\nMangroves, Coastal Ecosystems, Community-based Conservation, Interviews, Ghana", "en") == _EN
    assert _clean(_EN + "\nFriendship, Loneliness, Men", "en") == _EN


def test_sentence_listing_names_stays():
    for last in ["Ghana, Togo and Benin have signed the agreement.", "Ghana, Togo, Benin and Nigeria signed it",
                 "Partners: Ghana, Togo, Benin"]:
        assert last in _clean(_EN + "\n\n" + last, "en")


def test_list_announced_by_a_colon_stays():
    text = _EN + "\n\nThe project is funded by:\nUSAID, Conservation International, Wetlands International"
    assert "USAID, Conservation International, Wetlands International" in _clean(text, "en")


def test_comma_line_before_the_last_paragraph_stays():
    text = ("Community replanting restores mangroves on the Volta\n\nAlong the Volta estuary in Ghana, "
            "community-led replanting has restored around 400 hectares of mangrove forest.\n\n"
            "Ada Foah, Sogakope, Keta\n\nThe three towns have set up committees that decide which creeks to replant first.")
    assert "Ada Foah, Sogakope, Keta" in _clean(text, "en")


def test_bar_joined_tags_and_hashtags_at_the_end_go():
    assert _clean(_EN + "\n\nMangroves | Coastal Ecosystems | Ghana", "en") == _EN
    assert _clean(_EN + "\n\n#Mangroves #Ghana #Climate", "en") == _EN


def test_one_hashtag_or_a_numbered_hashtag_line_stays():
    for last in ["#Mangroves", "#1 Hit in Ghana"]:
        assert last in _clean(_EN + "\n\n" + last, "en")
