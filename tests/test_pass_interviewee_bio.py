"""STRUCT-INTERVIEWEE-BIO: the guest's bio under a Q&A goes; answers, questions, quotes, a
report's closing line and a bio set apart as a paragraph stay."""

from __future__ import annotations

from replay import clean_replayed as _clean

_FR = ("«Dans dix ans, la moitié des villages du Jura bernois n'auront plus de médecin»\n"
       "Élodie Schaller est l'une des dernières généralistes de la vallée de Tavannes. Elle explique pourquoi.\n"
       "Pourquoi les cabinets de campagne ne trouvent-ils pas de repreneurs?\n"
       "Parce qu'on demande à une seule personne d'être disponible tout le temps.\n"
       "Que pourraient faire les communes?\n"
       "Les communes peuvent aider en mettant des locaux à disposition pour des cabinets de groupe.\n")
_BIO = "Élodie Schaller est médecin généraliste à Reconvilier depuis 2004. Elle préside l'association des médecins."


def test_bio_under_the_interview_goes_with_a_kept_line_after_it():
    out = _clean(f"{_FR}{_BIO}\nCet article fait partie de notre Flux «Santé»", "fr")
    assert _BIO not in out
    assert "Les communes peuvent aider" in out


def test_bio_with_a_book_title_in_quotation_marks_goes():
    bio = "Élodie Schaller est médecin généraliste à Reconvilier. Elle publie en janvier « Soigner au village »."
    assert bio not in _clean(f"{_FR}{bio}", "fr")


def test_answer_quote_and_question_with_the_name_stay():
    for last in ("Élodie Schaller: Il faut surtout des locaux communs et des horaires partagés.",
                 "Élodie Schaller conclut : « Il faut des cabinets de groupe partout. »",
                 "Élodie Schaller ajoute, « sans cabinets de groupe, rien ne changera ».",
                 "Élodie Schaller restera-t-elle dans la vallée jusqu'à sa retraite?"):
        assert last in _clean(f"{_FR}{last}", "fr")


def test_bio_set_apart_as_a_paragraph_stays():
    text = _FR.replace("\n", "\n\n") + _BIO
    assert _BIO in _clean(text, "fr")


def test_report_without_questions_keeps_its_closing_line_about_a_person():
    text = ("Neue Sporthalle für Düdingen\n"
            "Die Gemeinde will bis 2028 eine neue Sporthalle bauen, sagte Gemeinderätin Anna Keller am Montag.\n"
            "Die Kosten liegen bei 30 Millionen Franken, die Versammlung entscheidet im März.\n"
            "Anna Keller rechnet mit Subventionen von höchstens zehn Prozent der Kosten.")
    assert _clean(text, "de") == text


def test_guest_not_named_before_is_not_taken():
    other = "Marc Aebischer est médecin à Tramelan depuis 2010 et partage son cabinet avec deux collègues."
    assert other in _clean(f"{_FR}{other}", "fr")


def test_q_and_a_labels_are_not_names():
    text = ("Heat pumps in Minnesota winters\nFarm families are trying heat pumps, installer Jon Berg says.\n"
            "Q. Do they work at minus 20?\nA. They do, with a small backup.\nQ. What convinced people?\n"
            "A. Propane prices, mostly, and a neighbour who had one.\n"
            "Q. What would you tell someone who's still skeptical?\nA. Fix the house first and seal the attic.")
    assert _clean(text, "en") == text
