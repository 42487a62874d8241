"""STRUCT-TAIL: a related heading mid-article with the article going on under its teasers in
short paragraphs (under twelve words, under 80 characters each) takes only its teasers. A
round-16 probe (Sunshine Coast Daily) lost five body lines to 'Related' (drop-rest): one
paragraph under the box had twelve words, the others ten or eleven. Three kept lines of eight
words or more that end as sentences are the article; a box with a two-sentence pitch under its
teasers (holdout4's Japan Times) still goes."""

from __future__ import annotations

from replay import clean_replayed as _clean

_HEAD = ("Bruce Highway upgrade near Caloundra to finish six months late\n\n"
         "The upgrade of the Bruce Highway between Caloundra Rd and the Sunshine Motorway will finish six months later than planned.\n"
         "Wet weather and a shortage of concrete workers were blamed for the delay by the department.\n"
         "The project was first announced in 2023 and was meant to ease congestion for commuters heading south.\n")
_BOX = ("Related\nSunshine Coast: New bus route to link Maroochydore and the airport\n"
        "Sunshine Coast: Council approves Mooloolaba foreshore plan\n")
_SHORT = ("Motorists have faced lane closures on the stretch for two years.\n"
          "The department now expects all six lanes to open in December.\n"
          "A spokeswoman said the cost of the project had not changed.\n"
          "The department will hold an information session on March 18.")


def test_short_paragraphs_under_a_mid_article_box_stay():
    out = _clean(_HEAD + _BOX + _SHORT, "en")
    assert _SHORT in out
    assert "Mooloolaba" not in out and "Maroochydore" not in out


def test_a_box_with_a_two_sentence_pitch_under_it_still_goes_whole():
    pitch = ("In a time of both misinformation and too much information, quality journalism is more crucial than ever.\n"
             "By subscribing, you can help us get the story right.\nSUBSCRIBE NOW")
    out = _clean(_HEAD + _BOX + pitch, "en")
    assert "misinformation" not in out and "By subscribing" not in out and "Mooloolaba" not in out
