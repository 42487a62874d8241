"""STRUCT-TAIL and related boxes (drop-next): the article's paragraph right after a teaser box
stays. holdout16's blind run lost three en body lines this way: under a box whose own rule
took its teaser ("Related Stories" / teaser / paragraph), under a teaser sharing a word with
the paragraph when the paragraph reports speech, and a paragraph ending in a wire sign-off
("…, Lim said. — Bernama") taken as the box's last teaser."""

from __future__ import annotations

from replay import clean_replayed as _clean

_HEAD = ("Pune Metro to run longer trains on the Vanaz line from April\n"
         "Pune Metro will add three coaches to every train on the Vanaz-Ramwadi line by April, officials said on Monday.\n"
         "Ridership on the corridor has doubled since the extension opened, leaving platforms crowded at peak hours.\n"
         "The new coaches are being built at a plant near Nashik and will be tested on the depot line in March.\n"
         "Longer trains need no platform works, because the stations were built for six coaches from the start.\n"
         "Commuter groups welcomed the plan but asked for later trains on weekends, when the last service leaves at ten.\n"
         "The corporation expects ridership on the line to pass two lakh a day once the longer trains run.\n"
         "A second depot at Hinjewadi is due to open next year and will house the line's spare trains.\n")


def test_a_paragraph_under_a_box_that_took_its_own_teaser_stays():
    # 'Tags:' asks for the rest; a kept place line, then a related box whose rule took its
    # teaser, then the article's last paragraph (no teaser right above it to be its dek).
    last = "Escalators at four halts will be replaced in February under a separate tender."
    text = (_HEAD + "Tags: pune metro, vanaz, ridership\nLocation: India, Maharashtra, Pune\n"
            "Related Stories\nMaharashtra: Bus fares to rise from June\n" + last + "\nLatest News")
    out = _clean(text, "en")
    assert last in out
    assert "Bus fares to rise" not in out and "Tags:" not in out


def test_a_paragraph_that_reports_speech_under_a_teaser_stays():
    # The teaser shares a word ("coaches") with the paragraph; the paragraph quotes a source.
    last = "The coaches will not change fares on the line, a spokesperson for the corporation said."
    text = _HEAD + "Related\nMumbai Metro coaches delayed by supplier dispute\n" + last + "\nTopics: Pune, Metro"
    out = _clean(text, "en")
    assert last in out
    assert "supplier dispute" not in out


def test_a_paragraph_ending_in_a_wire_sign_off_is_not_a_teaser():
    last = "Related work on the depot will also create about 200 jobs, Patil said. — PTI"
    text = (_HEAD + "Related Articles\nNagpur Metro posts record ridership\nMumbai coastal road opens\n"
            + last + "\nAdvertisement\nTags: metro, Pune")
    out = _clean(text, "en")
    assert last in out
    assert "Nagpur Metro posts" not in out and "coastal road" not in out


def test_a_teasers_dek_without_speech_under_its_headline_still_goes():
    dek = "Mumbai's new coaches have been stuck at a supplier's yard since the autumn over a payment row."
    text = _HEAD + "Related\nMumbai Metro coaches delayed by supplier dispute\n" + dek + "\nMore teasers here"
    out = _clean(text, "en")
    assert dek not in out
    assert "Nashik" in out


def test_a_caption_with_a_lower_case_word_after_the_agency_is_no_sign_off():
    # '— PTI photo' is a caption's credit, not a sign-off: the line still reads as a teaser.
    teaser = "Commuters board a Vanaz-bound train at Garware College station — PTI photo"
    text = _HEAD + "Related Articles\n" + teaser + "\nTags: metro, Pune"
    out = _clean(text, "en")
    assert teaser not in out


def test_the_articles_last_paragraph_under_a_box_of_bare_teasers_stays():
    # holdout17's blind run (Digital Trends): "Editors' Recommendations" and two teaser
    # headlines between the last two paragraphs; the last one ends the page's text.
    last = "Editors at several transit forums had flagged the problem within an hour of the timetable change."
    text = (_HEAD + "Editors' Recommendations\nThe best commuter apps for 2027\n"
            "Google Maps finally gets a setting riders have asked for\n" + last)
    out = _clean(text, "en")
    assert last in out
    assert "The best commuter apps" not in out


def test_a_sentence_shaped_pitch_under_bare_teasers_with_more_pitch_under_it_goes():
    # holdout4's Japan Times box: the line under the teasers is followed by more of the box.
    pitch = "In a time of both misinformation and too much information, quality journalism is more crucial than ever."
    text = (_HEAD + "Related\nBus fares in Mumbai to rise from June\nNagpur Metro posts record ridership\n"
            + pitch + "\nBy subscribing, you can help us get the story right.\nSUBSCRIBE NOW")
    out = _clean(text, "en")
    assert pitch not in out
    assert "Nagpur Metro" not in out
