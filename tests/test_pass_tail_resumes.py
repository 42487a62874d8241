"""STRUCT-TAIL: a comment widget between two paragraphs takes nothing when the article resumes under it.

The headings are ones only the comment rules take (EN-COM-001): a button-shaped heading such as
"Join the conversation" may be taken as a call to action first, which leaves no drop-rest to guard."""

from __future__ import annotations

from replay import clean_replayed as _clean

_HEAD = ("Mountain road to close for six weeks of upgrades\n\n"
         "The road to the summit will close for six weeks from January 27 while barriers and the surface are upgraded, the council has confirmed.\n\n"
         "The closure will affect the section above the springs. Walking tracks will stay open, but the summit shuttle bus will not run.\n\n"
         "Reopening the road earlier would not be possible, the council's roads manager said, because the asphalt needs warm, dry weather to cure.\n\n")
_RESUMED = "Debate about the timing has already started online, with some tourism operators calling for the works to be moved to winter."


def test_a_paragraph_under_a_mid_article_comment_widget_stays():
    text = _HEAD + f"Add a comment\n12 comments\n\n{_RESUMED}\n\nMore Coverage\nShuttle to add extra trips over Christmas"
    out = _clean(text, "en")
    assert _RESUMED in out
    assert "Add a comment" not in out
    assert "12 comments" not in out
    assert "Shuttle to add extra trips" not in out


def test_a_reader_comment_with_a_reply_label_under_the_widget_goes():
    comment = "Another stealth tax on people doing the right thing, and nobody in the council seems to care at all."
    text = _HEAD + f"Leave a Reply\n12 comments\n\n{comment}\nReply\n41 likes"
    out = _clean(text, "en")
    assert comment not in out
    assert "Reopening the road earlier" in out


def test_a_reader_comment_under_a_commenter_line_goes():
    comment = "Toujours la même chose chaque année, il faut enfin investir dans le solaire et les barrages."
    text = ("Délestages : Ouagadougou plongée dans le noir\n\n"
            "Les coupures d'électricité se multiplient à Ouagadougou depuis le début de la saison chaude, selon la Sonabel.\n\n"
            "Dans plusieurs quartiers, les habitants restent sans courant pendant plus de huit heures par jour.\n\n"
            "La société nationale promet un retour à la normale avec la mise en service d'une nouvelle centrale en décembre.\n\n"
            f"Vos réactions (3)\nPosté par Wendkouni, le 21 novembre 2026 à 23:02\n{comment}\n\nLe quartier de Tampouy est le plus touché, disent les habitants.")
    out = _clean(text, "fr")
    assert comment not in out
    assert "La société nationale promet" in out


def test_a_reader_comment_followed_by_the_next_commenter_goes():
    comment = "Another stealth tax on people doing the right thing, and nobody in the council seems to care at all."
    text = _HEAD + f"Leave a Reply\n\n{comment}\n\nrider77\nOver a seat."
    out = _clean(text, "en")
    assert comment not in out
    assert "rider77" not in out
