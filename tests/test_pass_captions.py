"""STRUCT-CAPTION-ABOVE-CREDIT reads an abbreviation before a capital ("St. Vith", "Dr. Smith")
as part of one sentence; two sentences next to a credit stay."""

from __future__ import annotations

from replay import clean_replayed as _clean

_HEAD = ("St. Vith: Neuer TEC-Fahrplan sorgt für Unmut bei Schülern und Eltern\n\n"
         "Betroffen ist vor allem die Linie zwischen Burg-Reuland und St. Vith, die seit November später fährt.\n"
         "Der Bus erreicht den Schulbusbahnhof erst kurz nach Unterrichtsbeginn, klagen die Eltern.\n"
         "Die Gemeinde hat sich deshalb an die Verkehrsgesellschaft gewandt und eine Lösung verlangt.\n")
_P1 = "Seit dem Fahrplanwechsel kommen mehrere Dutzend Schüler aus den Dörfern rund um St. Vith morgens zu spät."
_P2 = "Das könnte sich bald ändern: Die TEC hat zugesagt, die Abfahrtszeit ab Januar wieder vorzuverlegen."


def test_caption_with_a_place_abbreviation_goes_with_its_credit():
    caption = "Morgens am Busbahnhof St. Vith: Viele Schüler kommen derzeit nicht pünktlich an."
    out = _clean(f"{_HEAD}{_P1}\n{caption}\nFoto: Helmut Kessler\n{_P2}", "de")
    assert out == f"{_HEAD}{_P1}\n{_P2}"


def test_two_sentences_above_a_credit_stay():
    body = "Die Schüler warten am Busbahnhof. Der Bus kommt erst zehn Minuten später."
    out = _clean(f"{_HEAD}{_P1}\n{body}\nFoto: Helmut Kessler\n{_P2}", "de")
    assert body in out and "Helmut Kessler" not in out


def test_the_last_paragraph_above_an_agency_signature_stays_with_cruft_after_it():
    last = "La municipalité prévoit de transférer les commerçants de l'ancien marché, situé en centre-ville, à partir de février."
    text = ("Korhogo : le nouveau marché de gros ouvrira en mars\n\n"
            "Le nouveau marché de gros de Korhogo ouvrira ses portes en mars, a annoncé le maire lundi lors d'une visite du chantier.\n"
            "Construit à la sortie nord de la ville, le marché compte 420 magasins et un parc pour les camions.\n"
            f"Publicité\n{last}\n(AIP)\nCommentaires")
    out = _clean(text, "fr")
    assert last in out
    assert "(AIP)" not in out


_EN_HEAD = ("Tessaly browser adds offline translation\n\n"
            "The Tessaly browser can now translate whole pages without sending them to a server, its developer said on Tuesday.\n"
            "The feature uses a small language model that runs on the device and supports twelve languages at launch.\n")
_EN_NEXT = "The update is rolling out on Windows, macOS and Linux now, and an Android release is planned for January."


def test_a_long_paragraph_after_an_ad_label_stays_above_a_source_line():
    paragraph = ("Source code for the translation component has been published on the company's public "
                 "repository under an open-source licence.")
    out = _clean(f"{_EN_HEAD}Advertisement\n{paragraph}\nSource: Tessaly blog\n{_EN_NEXT}", "en")
    assert paragraph in out and "Advertisement" not in out


def test_a_long_caption_after_a_removed_line_goes_with_a_photographers_credit():
    caption = ("Volunteers test the offline translation feature at a library in Leeds, one of twelve "
               "pilot sites chosen this autumn.")
    out = _clean(f"{_EN_HEAD}Advertisement\n{caption}\nPhoto: Mark Ellison/Tessaly\n{_EN_NEXT}", "en")
    assert caption not in out and _EN_NEXT in out
