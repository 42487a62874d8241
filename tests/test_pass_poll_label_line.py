"""STRUCT-POLL: a poll whose label stands on a line of its own above the question ("BVZ Umfrage"),
and options set on one line with slashes ("Ja, unbedingt / Nein / Weiß nicht"). holdout17's blind
run leaked BVZ's widget whole (label, question, options); a fresh probe leaked SVZ's (one option
taken by a rule, the button by another). A question over the article's own short list, with no
label and no button, stays."""

from __future__ import annotations

from replay import clean_replayed as _clean

_HEAD = ("Schilfernte am Neusiedler See kommt kaum voran\n\n"
         "Weil das Eis am Neusiedler See heuer kaum trägt, kommen die Schilfschneider nur langsam voran.\n"
         "Bei der Firma Pannoschilf in Weiden am See ist erst ein Drittel der geplanten Menge geschnitten.\n")
_BODY = "Umfragen unter den Betrieben zeigen laut Landwirtschaftskammer, dass rund die Hälfte der Ernte ausfallen könnte."


def test_label_line_question_and_slashed_options_go_above_a_vote_button():
    poll = "BVZ Umfrage\nSollte die Schilfernte stärker gefördert werden?\nJa, unbedingt / Nein / Weiß nicht\nAbstimmen\n"
    out = _clean(_HEAD + poll + _BODY, "de")
    assert out == _HEAD + _BODY


def test_label_line_marks_the_question_without_a_button():
    # The widget's last option and its button are taken by rules; the label line makes the
    # kept question and options a poll.
    poll = ("SVZ-Umfrage\nSoll die Westseite des Pfaffenteichs Einbahnstraße werden?\nJa, das ist überfällig\n"
            "Nein, das verlagert nur den Verkehr\nIst mir egal\nAbstimmen\n")
    out = _clean(_HEAD + poll + _BODY, "de")
    assert "Pfaffenteichs" not in out and "überfällig" not in out and "SVZ-Umfrage" not in out
    assert _BODY in out


def test_a_question_over_the_articles_list_stays():
    facts = "Was ändert sich für die Betriebe?\nHöhere Förderung / längere Fristen\nNeue Flächen im Seewinkel\n"
    text = _HEAD + facts + _BODY
    assert _clean(text, "de") == text
