"""STRUCT-CAPTION-ABOVE-CREDIT: in the head, a caption right under the lead, the lead right under the byline block."""

from __future__ import annotations

import pytest
from replay import clean_replayed as _clean

_LEAD = ("Der Batterie-Recycler Veltrix will in einer leerstehenden Halle im Industriepark Saarlouis "
         "ein Werk mit rund 320 Arbeitsplätzen aufbauen.")
_REST = ("In der Halle sollen ab Ende 2027 alte Akkus aus Elektroautos zerlegt und wichtige Rohstoffe "
         "wie Nickel und Kobalt zurückgewonnen werden.\n"
         "Das Wirtschaftsministerium bestätigte, dass es Gespräche über Fördermittel gibt, nannte aber keine Summe.")


@pytest.mark.xfail(strict=True, reason="lead_after_removed is off: on the blind set holdout16 the same "
                   "shape (headline, byline block, lead, one short line, photo credit) was a short second "
                   "paragraph three times (Ligaportal, Gizmodo, Génération NT); losing body is worse")
def test_a_caption_under_the_lead_above_a_photo_credit_goes():
    text = ("Batteriehersteller übernimmt Halle im Industriepark Saarlouis\n"
            "Stand: 24.11.2026 16:40 Uhr\n"
            f"{_LEAD}\nBlick auf das Gelände im Industriepark Saarlouis.\nFoto: SR/Anja Kullmann\n\n{_REST}")
    out = _clean(text, "de")
    assert "Blick auf das Gelände" not in out
    assert _LEAD in out


def test_a_standfirst_second_line_above_an_agency_copyright_stays():
    second = "Une hausse plus modeste que l'an dernier, mais qui reste sensible pour les entreprises."
    text = ("Indexation : les salaires de 500.000 employés augmenteront de 2,1 % en janvier\n"
            "Par Jean Dupont\nPublié le 5/12/2024 à 06:00\n"
            "L'indice santé de novembre confirme une nouvelle indexation des salaires pour les employés de la commission paritaire 200.\n"
            f"{second}\n© Belga.\n"
            "C'est désormais acquis : les quelque 500.000 employés verront leur salaire brut augmenter de 2,1 % au 1er janvier.\n"
            "Concrètement, un employé gagnant 3.500 euros brut par mois verra sa rémunération progresser d'environ 73 euros.")
    out = _clean(text, "fr")
    assert second in out


def test_a_second_standfirst_line_right_under_the_headline_stays():
    second = "Die Stadt spricht von einem wichtigen Schritt."
    text = ("Batteriehersteller übernimmt Halle im Industriepark Saarlouis\n"
            f"{_LEAD}\n{second}\nFoto: SR/Anja Kullmann\n\n{_REST}")
    out = _clean(text, "de")
    assert second in out


def test_a_sentence_under_a_credit_whose_caption_stands_above_it_stays():
    # One picture, one caption: once the line above the credit went as its caption, the
    # short sentence under the credit is the article going on (here between the credit
    # and a support box), not a second caption.
    kept = "Kritik kam aus dem Gewerbe: Der Detaillistenverband befürchtet weniger Kundschaft."
    text = ("Stadtrat legt neues Verkehrskonzept für den Bahnhofplatz vor\n"
            "Autor/in: Nadine Imhof\n06.02.2027, 05:00 Uhr\n"
            "Der Stadtrat hat ein neues Verkehrskonzept für den Bahnhofplatz vorgestellt. "
            "Künftig sollen dort nur noch Busse, Velos und Taxis verkehren.\n"
            "Der Individualverkehr soll über die Zentralstrasse umgeleitet werden. Die Umsetzung ist ab 2029 geplant.\n"
            "Der Bahnhofplatz soll autofrei werden.\n(Bild: Nadine Imhof)\n"
            f"{kept}\nJetzt kostenlos anmelden\n"
            "Unterstützung erhält der Stadtrat dagegen von den Quartiervereinen rund um den Bahnhof und vom Verkehrsclub.")
    out = _clean(text, "de")
    assert kept in out
    assert "Der Bahnhofplatz soll autofrei werden." not in out


def test_a_short_second_paragraph_above_a_photo_credit_stays():
    # holdout16's blind run: a review's second paragraph, one sentence, sat right above the
    # photo credit under the byline block; a caption there has the same shape.
    second = "I spent a week with it, and I still cannot decide whether I love it."
    text = ("This Folding E-Reader Is Either Brilliant or Completely Pointless\n"
            "By Maya Trelawney\nPublished January 14, 2027\n"
            "The new Fold 8 is an e-reader that opens like a paperback, with two E Ink screens joined "
            "by a hinge, and it costs a startling $449.\n"
            f"{second}\nPhoto: Maya Trelawney / Gizmodo\n"
            "The hinge is sturdy, and reading two pages side by side feels oddly natural, especially with comics.")
    assert second in _clean(text, "en")
