"""STRUCT-TOPIC-ECHO and STRUCT-TAIL-TAGS' heading: cruft told by position and shape at the
end of an article (round 12), with the body lines of the same shape that must stay."""

from __future__ import annotations

from replay import clean_replayed as _clean

_KORHOGO = ("Korhogo : le nouveau marché de gros ouvrira ses portes en janvier\n"
            "Le nouveau marché de gros de Korhogo ouvrira ses portes début janvier 2027, a annoncé lundi le conseil municipal.\n"
            "Construit à la sortie nord de la ville, le marché compte 420 magasins et un parc pour les camions.\n"
            "Les commerçants de l'ancien marché seront transférés progressivement à partir de février.\n")
_LAST = "Le président de l'association des commerçants a salué le projet tout en demandant des loyers accessibles."


def test_teaser_with_the_headlines_topic_under_a_removed_line_goes():
    text = f"{_KORHOGO}Publicité\nKorhogo : visite du chantier du marché de gros\n{_LAST}"
    assert _clean(text, "fr") == f"{_KORHOGO}{_LAST}"


def test_line_with_the_headlines_topic_not_under_a_removed_line_stays():
    line = "Korhogo : visite du chantier du marché de gros"
    assert line in _clean(f"{_KORHOGO}{line}\n{_LAST}", "fr")


def test_short_answer_of_a_speaker_named_in_the_headline_stays():
    # The headline's topic is the guest's name: her answers open with it, one ends like a sentence.
    text = ("Laure Mévaux : les glaciers suisses auront perdu la moitié de leur volume en 2050\n"
            "La glaciologue répond à nos questions sur le recul des glaciers alpins et ce qu'il signifie pour les vallées.\n"
            "Combien de glaciers compte encore la Suisse ?\n"
            "Laure Mévaux : Plus de 1200, selon notre dernier inventaire. Il y en avait environ 1400 en 1973.\n"
            "Faut-il s'inquiéter pour l'eau potable ?\n"
            "Publicité\n"
            "Laure Mévaux : Pas encore, mais les étés secs vont se multiplier\n"
            "Merci pour cet entretien.")
    assert "Laure Mévaux : Pas encore, mais les étés secs vont se multiplier" in _clean(text, "fr")


_KOALA = ("Koala underpass opens on busy Moreton Bay road after spate of deaths\n"
          "A wildlife underpass designed to keep koalas off one of Moreton Bay's busiest roads has opened, the council said.\n"
          "The tunnel runs beneath a stretch of road near Burpengary and is fitted with fencing that guides animals.\n"
          "Cameras installed at both ends will record how often koalas and other animals use the tunnel.\n")


def test_tag_list_under_its_colon_label_goes():
    text = f"{_KOALA}License this article\nMore:\nKoalas"
    assert _clean(text, "en") == _KOALA.rstrip("\n")


def test_closing_list_under_a_colon_label_under_the_last_paragraph_stays():
    text = f"{_KOALA}You will need:\nBinoculars\nWarm clothes"
    assert _clean(text, "en") == text


_INTERVIEW = ("\"Das Ehrenamt ist nicht müde, es ist anders geworden\"\n"
              "Immer weniger Menschen engagieren sich langfristig in Vereinen. Die Soziologin Veronika Strasser über Feuerwehr und Chor.\n"
              "Frau Strasser, Vereine klagen, niemand wolle mehr Verantwortung übernehmen. Stimmt das?\n"
              "Nur zum Teil. Die Zahl der Freiwilligen ist seit Jahren recht stabil.\n"
              "Was heißt das konkret?\n"
              "Viele helfen gern bei einem Fest, aber sie wollen nicht zehn Jahre Kassier sein.\n"
              "Was können Gemeinden tun?\n"
              "Sie können Ehrenamt sichtbar machen und entlasten, etwa mit einer Anlaufstelle.\n")


def test_german_bio_with_a_capitalised_noun_after_the_verb_goes():
    # "Veronika Strasser ist Soziologin" reads as a four-word name; the guest's name is two of them.
    bio = "Veronika Strasser ist Soziologin an der Universität Graz und forscht zu Zivilgesellschaft."
    assert _clean(f"{_INTERVIEW}{bio}", "de") == _INTERVIEW.rstrip("\n")


def test_closing_line_about_someone_not_named_before_stays():
    line = "Martina Berger ist Bürgermeisterin der Gemeinde und will eine Anlaufstelle schaffen."
    assert line in _clean(f"{_INTERVIEW}{line}", "de")


def test_product_name_with_its_size_above_a_price_row_goes():
    head = ("Norelo Tab 11 im Test-Vorabcheck: 299 Euro für ein Tablet\n"
            "Der Hersteller Norelo bringt sein zweites Android-Tablet nach Deutschland, es kostet 299 Euro.\n"
            "Auffälligstes Merkmal ist das 11-Zoll-Display mit 120 Hertz, das in dieser Preisklasse selten ist.\n")
    last = "Der Akku fasst 8.000 Milliamperestunden und hielt im ersten Kurztest gut zwölf Stunden durch."
    assert _clean(f"{head}Norelo Tab 11 (256 GB)\n299,00 € bei Amazon\n{last}", "de") == f"{head}{last}"


_ORLIX = ("Orlix déploie enfin Android 17 sur ses smartphones milieu de gamme\n"
          "Le fabricant Orlix commence à distribuer Android 17 sur six de ses smartphones milieu de gamme.\n"
          "La mise à jour arrive d'abord en France et en Belgique, puis dans le reste de l'Europe.\n"
          "Suivez bien les étapes de l'assistant : il faut prévoir environ 3,5 Go d'espace libre.\n")
_ORLIX_LAST = "Les utilisateurs signalent déjà une autonomie légèrement meilleure et une nouvelle gestion des notifications."


def test_deal_line_and_its_label_above_a_shop_button_go():
    box = "Bon plan\nOrlix Nova 8 128 Go à 279 € au lieu de 349 €\nVoir l'offre\n"
    assert _clean(f"{_ORLIX}{box}{_ORLIX_LAST}", "fr") == f"{_ORLIX}{_ORLIX_LAST}"


def test_deal_line_without_a_shop_button_under_it_stays():
    deal = "Orlix Nova 8 128 Go à 279 € au lieu de 349 €"
    assert deal in _clean(f"{_ORLIX}Bon plan\n{deal}\n{_ORLIX_LAST}", "fr")


_STAHL_PARAGRAPH = "Essen/Duisburg. Der Vorstand will weitere 1500 Stellen streichen, die IG Metall kündigt Widerstand an."
_STAHL_REST = ("\n20.11.2026, 16:47 Uhr\n"
               "Bei Thyssenkrupp Steel spitzt sich der Konflikt um den Stellenabbau zu, der Betriebsrat droht mit Protesten.\n"
               "Für den 3. Dezember ist eine Kundgebung vor der Hauptverwaltung angekündigt.")


def test_bare_name_between_headline_and_first_paragraph_goes():
    title = "Thyssenkrupp Steel: Betriebsrat droht mit Protesten in Duisburg"
    out = _clean(f"{title}\nFrank Meßing\n{_STAHL_PARAGRAPH}{_STAHL_REST}", "de")
    assert "Frank Meßing" not in out and out.startswith(f"{title}\n{_STAHL_PARAGRAPH}")


def test_subheading_after_the_first_paragraph_stays():
    title = "Thyssenkrupp Steel: Betriebsrat droht mit Protesten in Duisburg"
    text = f"{title}\n{_STAHL_PARAGRAPH}\nDie Folgen\n{_STAHL_PARAGRAPH}{_STAHL_REST}"
    assert "\nDie Folgen\n" in _clean(text, "de")


_LANDTAG = ("Wiesbaden streitet über das Ende der Straßenausbaubeiträge\n"
            "Von Jochen Brandeis, Wiesbaden\n"
            "Die Landesregierung will die Beiträge für Anlieger abschaffen, die Kommunen fürchten um ihre Einnahmen.\n"
            "Der Entwurf soll im Dezember beraten werden.")


def test_kicker_ending_with_a_colon_above_the_headline_goes():
    out = _clean(f"Startseite\nHessischer Landtag:\n{_LANDTAG}", "de")
    assert out.startswith("Wiesbaden streitet")


def test_colon_line_not_touching_the_headline_stays():
    text = f"Startseite\nHessischer Landtag:\nDer Landtag tagt am Dienstag in Wiesbaden und berät den Haushalt.\n{_LANDTAG}"
    assert "Hessischer Landtag:" in _clean(text, "de")


def test_short_lines_set_off_by_blank_lines_between_removed_lines_stay():
    # STRUCT-ISLAND reads only lines touching removed lines: a list in a block of its own is the article's.
    text = ("Grifos Freistoß entscheidet ein zähes Duell: Freiburg schlägt Bremen\n\n"
            "Der SC Freiburg hat sein Heimspiel gegen Werder Bremen mit 1:0 gewonnen. Ein Standard reichte.\n"
            "Sa. 21.11.2026, 15:30 Uhr\n\nEuropa-Park Stadion, Freiburg\nZuschauer: 34.700\n\nAufstellung SC Freiburg\n"
            "In einer ereignisarmen ersten Hälfte hatte Bremen die besseren Chancen, zweimal parierte Atubolu stark.")
    assert "Europa-Park Stadion, Freiburg\nZuschauer: 34.700" in _clean(text, "de")


_URGENCES = ("Les urgences de Laval débordent\n"
             "Le taux d'occupation de l'urgence de la Cité-de-la-Santé a atteint 180 % mardi, forçant Santé Québec à réagir.\n"
             "Des patients ont attendu plus de 30 heures sur une civière, selon des données consultées par La Presse.\n")
_URGENCES_LAST = "« On est dans une situation intenable », a confié une infirmière qui a requis l'anonymat par crainte."


def test_fact_box_title_above_its_removed_figure_goes():
    box = "Ce qu'il faut savoir\n180 %\nTaux d'occupation de l'urgence de la Cité-de-la-Santé mardi\n"
    out = _clean(f"{_URGENCES}{box}{_URGENCES_LAST}", "fr")
    assert "Ce qu'il faut savoir" not in out and out.endswith(_URGENCES_LAST)


def test_subheading_above_a_related_link_stays():
    text = f"{_URGENCES}Des civières dans les couloirs\nÀ lire aussi : Virus respiratoires : la saison commence tôt\n{_URGENCES_LAST}"
    assert "Des civières dans les couloirs" in _clean(text, "fr")


_ENTRETIEN = ("« Le médecin seul dans son cabinet, c'est fini »\n"
              "Dans un essai qui paraît en janvier, la géographe Hélène Marquet raconte trois ans passés dans des cabinets ruraux.\n"
              "On parle sans cesse de déserts médicaux. Le mot vous semble-t-il juste ?\n"
              "Il dit une part de vérité, mais il efface tout ce qui se passe dans ces territoires.\n"
              "Qu'est-ce qui a le plus changé dans le quotidien de ces médecins ?\n"
              "Ils travaillent beaucoup plus en équipe, avec des infirmières et des pharmaciens.\n")
_BIO = "Hélène Marquet est géographe, maîtresse de conférences à l'université de Limoges."


def test_book_reference_above_the_guests_bio_goes_with_it():
    book = "Hélène Marquet, Au chevet des campagnes, à paraître le 14 janvier 2027."
    assert _clean(f"{_ENTRETIEN}{book}\n{_BIO}", "fr") == _ENTRETIEN.rstrip("\n")


def test_last_answer_above_the_bio_stays():
    answer = "Hélène Marquet : Certains, oui. Ce qui les inquiète, c'est de ne plus voir le même médecin."
    assert answer in _clean(f"{_ENTRETIEN}{answer}\n{_BIO}", "fr")
