"""Round 9 position detectors: what they take and the body lines they must leave alone.

Headline echoed above the headline (head-echo), a name shown twice in the byline block
(head-name), topic tags straight under the last paragraph that repeat a head label (tail-tags).
"""

from __future__ import annotations

from cleaner import Cleaner
from replay import clean_replayed as _clean

_CLEANER = Cleaner()


_TREES = "Christmas tree prices expected to rise up to 10 per cent after dry summer: growers"
_TREE_BODY = ("Canadians shopping for a real Christmas tree this year should expect to pay five to 10 per cent "
              "more, growers say, after a dry summer.\n\nRelated costs, including fuel and seasonal labour, have "
              "also gone up, said one grower in Quebec.\n\nGrowers in Nova Scotia say supply for this season is "
              "stable.\n\nSome farms are planting more drought-tolerant species such as Fraser fir.")
_CREDIT = "A customer carries a tree at a farm near Hubbards, N.S., in a 2025 file photo. (THE CANADIAN PRESS/Andrew Vaughan)"


def test_headline_echoed_above_the_picture_goes_and_the_headline_stays():
    text = f"Canada\n{_TREES}\n{_CREDIT}\n{_TREES}\nBy The Canadian Press\n\n{_TREE_BODY}"
    out = _clean(text, "en")
    assert out.count(_TREES) == 1
    assert out.startswith(_TREES + "\n\nCanadians shopping")


def test_headline_echo_at_the_top_of_the_text_keeps_one_copy():
    # The first copy is the first kept line: caption-twice must not read the pair as a
    # doubled line and take the second copy, the headline.
    text = f"{_TREES}\n{_CREDIT}\n{_TREES}\nBy The Canadian Press\n\n{_TREE_BODY}"
    out = _clean(text, "en")
    assert out.count(_TREES) == 1
    assert "Canadians shopping" in out


def test_headline_repeated_after_a_paragraph_is_not_an_echo():
    sentence = "Canadians shopping for a real Christmas tree this year should expect to pay more, growers say."
    text = f"{_TREES}\n\n{sentence}\nBy The Canadian Press\n{_TREES}\n\n{_TREE_BODY}"
    out = _clean(text, "en")
    assert out.count(_TREES) == 2
    assert sentence in out


_EIS_BODY = ("Ab Freitag, 27. November, wird am Viktor-Adler-Markt wieder Eis gelaufen, die Fläche ist bis Ende "
             "Februar geöffnet.\n\nKinder bis 14 Jahre können Schlittschuhe kostenlos ausleihen, Erwachsene zahlen "
             "drei Euro.\n\nGekühlt wird die Fläche wie im Vorjahr mit Ökostrom.")


def test_name_shown_twice_in_the_byline_block_goes():
    text = ("Gratis-Eislaufplatz am Viktor-Adler-Markt öffnet am Freitag\nSabine Pröll\nSabine Pröll\n"
            "Redakteurin Wien-Favoriten\n24. November 2026, 09:42\n\n" + _EIS_BODY)
    out = _clean(text, "de")
    assert "Sabine Pröll" not in out and "Redakteurin" not in out
    assert out.startswith("Gratis-Eislaufplatz")


def test_person_as_kicker_above_the_headline_goes_as_a_kicker_not_as_a_byline():
    """head-name never takes the line above the headline; head-label takes it as the kicker."""
    text = ("24.11.2026, 09:42\nSabine Pröll\nAngela Merkel\nDie Altkanzlerin stellt in Wien ihre Memoiren vor\n\n"
            + _EIS_BODY)
    out = _clean(text, "de")
    removals = _CLEANER.clean_and_explain(text, lang="de").removals
    assert out.startswith("Die Altkanzlerin stellt in Wien ihre Memoiren vor\n\n")
    assert any(r.rule_id == "STRUCT-HEAD-LABEL" and "Angela Merkel" in r.text for r in removals)


_GREVE_BODY = ("Les salariés de l'entrepôt réclament une hausse de 150 euros net et la fin des cadences imposées.\n\n"
               "Ils dénoncent un logiciel de guidage vocal installé au printemps, qui fixe un nombre de colis à "
               "l'heure.\n\nSoutenus par l'union locale CGT, les grévistes ont reçu la visite de plusieurs élus.\n\n"
               "Une nouvelle réunion de négociation doit se tenir jeudi à la préfecture de Melun.")
_GREVE_TITLE = "À Réau, les préparateurs de commandes tiennent le piquet depuis huit jours"


def test_tags_under_the_last_paragraph_that_repeat_the_head_label_go():
    text = (f"Social et Économie\nGrève\n{_GREVE_TITLE}\n\n{_GREVE_BODY}\n"
            "Grève\nLogistique\nSeine-et-Marne\nConditions de travail")
    out = _clean(text, "fr")
    assert out.endswith("préfecture de Melun.")
    assert "Grève" not in out and "Logistique" not in out
    assert out.startswith(_GREVE_TITLE)


def test_closing_list_without_a_head_label_stays():
    items = "Les revendications\nHausse de salaire\nFin des cadences\nRetrait du logiciel"
    out = _clean(f"Social et Économie\n{_GREVE_TITLE}\n\n{_GREVE_BODY}\n\n{items}", "fr")
    assert out.endswith(items)


def test_short_headline_repeated_as_the_last_label_stays_the_headline():
    text = f"Grève\n\n{_GREVE_BODY}\n\nLes revendications\nSalaires\nGrève"
    out = _clean(text, "fr")
    assert out.startswith("Grève\n\nLes salariés")


_SSD = ("Velcor X9 Pro SSD gets firmware fix for sudden write slowdowns\n{byline}\npublished 24 November 2026\n\n"
        "Velcor has released firmware version 3.1.4 for its X9 Pro SSD, fixing a bug that slowed sustained writes.\n\n"
        "Owners had reported on Reddit that large file copies slowed to around 2 GB/s.\n\n"
        "The update can be installed through the Velcor Drive Manager app on Windows.\n\n{last}")


def test_closing_bio_led_by_the_byline_name_goes():
    bio = "Dominik Ashworth writes about storage and memory for the site and lives in Leeds."
    out = _clean(_SSD.format(byline="Dominik Ashworth", last=bio), "en")
    assert bio not in out
    assert out.endswith("app on Windows.")


def test_closing_line_led_by_another_name_stays():
    last = "Jenny Tyson, who runs a repair shop in Leeds, said she would wait before installing it."
    out = _clean(_SSD.format(byline="Dominik Ashworth", last=last), "en")
    assert out.endswith(last)


def test_closing_line_led_by_an_outlet_byline_stays():
    last = "NBC News has reached out to Velcor for comment on the number of drives affected."
    out = _clean(_SSD.format(byline="By NBC News", last=last), "en")
    assert out.endswith(last)


_PASS_BODY = ("The Honister Pass in the Lake District is expected to stay closed until at least March after a "
              "landslip sent boulders onto the road.\n\nPart of the slope above the B5289 gave way after heavy rain "
              "on Saturday night.\n\nThe council said engineers needed to assess the rest of the slope.")
_PASS_TITLE = "Honister Pass to stay closed until spring after landslip sends boulders onto road"


def test_section_name_and_place_above_the_headline_go():
    text = f"ITV News Border\nCumbria\n{_PASS_TITLE}\nTuesday 24 November 2026, 3:18pm\n\n{_PASS_BODY}"
    result = _CLEANER.clean_and_explain(text, lang="en")
    assert result.title == _PASS_TITLE
    assert result.text.startswith(_PASS_TITLE + "\n\nThe Honister Pass")


def test_short_headline_above_a_two_word_line_and_an_unfinished_standfirst_stays():
    # Only one-word labels are skipped: a two-word line under a short headline may be a
    # name or a place of the story, and the headline is not read as a section name.
    text = (f"Landslip closes Honister\nRoad closures\nBoulders block the B5289 below the summit for months\n\n"
            f"{_PASS_BODY}")
    out = _clean(text, "en")
    assert out.startswith("Landslip closes Honister\n")
    assert "Boulders block the B5289" in out


def test_a_line_kept_above_removed_lines_stays_when_cleaned_again():
    # Found by hypothesis: the first cleaning keeps the line (removed lines separate it from
    # the title), the second saw it right above the title and took it as a kicker.
    text = '08:20 Uhr | Anna Schmidt\n Advertisement \n"It was the best day of my life." (Smith)'
    once = _clean(text, "en")
    assert _clean(once, "en") == once


def test_four_word_headline_above_a_label_and_an_unfinished_standfirst_stays():
    text = f"Landslip closes Honister Pass\nCumbria\nBoulders block the B5289 below the summit for months\n\n{_PASS_BODY}"
    out = _clean(text, "en")
    assert out.startswith("Landslip closes Honister Pass\n")
    assert "Boulders block the B5289" in out


_RAD = ("Neue Radwege für die Innenstadt\nDie Stadt will bis 2028 rund 20 Kilometer neue Radwege bauen, teilte die "
        "Verwaltung am Montag mit.\nDie Kosten liegen bei rund 30 Millionen Euro, der Bund übernimmt einen Teil.\n"
        "Die Opposition kritisiert den Zeitplan als zu knapp.\n")


def test_question_teasers_at_the_end_of_a_box_go():
    box = ("Mehr zum Thema\nWohnungsbau: Warum die Mieten in der Region weiter steigen\n"
           "Wie teuer wird das Parken in der Altstadt?\nNeue Buslinie verbindet Klinikum und Bahnhof")
    out = _clean(_RAD + box, "de")
    assert out.endswith("als zu knapp.")


def test_closing_question_under_a_paragraph_after_a_box_stays():
    # A question that has a paragraph between it and the box is the article's.
    text = (_RAD + "Mehr zum Thema\nWohnungsbau: Warum die Mieten in der Region weiter steigen\n"
            "Der Gemeinderat stimmt im Dezember über die Pläne ab, eine Mehrheit gilt als sicher.\n"
            "Und wer bezahlt am Ende?")
    out = _clean(text, "de")
    assert out.endswith("Und wer bezahlt am Ende?")


def test_closing_list_right_above_a_share_bar_stays_without_blank_lines():
    # Scraped text often has no blank lines: the list touches the share bar from below only.
    items = "Where the lanes will go\nMain Street from the river to the station\nOak Street along the park"
    text = ("Council approves new bike lanes downtown\nThe city council voted 7-2 on Tuesday to build protected "
            "bike lanes on three downtown streets next year.\nConstruction is expected to start in April and last "
            "about six months, officials said.\n" + items + "\nShare this article")
    out = _clean(text, "en")
    assert out.endswith(items)


def test_closing_list_under_an_ad_stays():
    items = "Diese Straßen sind betroffen\nHauptstraße zwischen Markt und Bahnhof\nLindenallee am Stadtpark"
    out = _clean(_RAD + "Anzeige\n" + items, "de")
    assert out.endswith(items)


def test_teaser_box_run_under_a_related_heading_still_goes():
    box = ("Weitere Meldungen\nSkigebiete starten: Diese Lifte sind schon offen\nLawinengefahr steigt im Stubaital\n"
           "Neuer Sessellift am Glungezer eröffnet\nStau vor dem Brenner am Samstag")
    out = _clean(_RAD + box, "de")
    assert out.endswith("als zu knapp.")


def test_closing_labels_under_an_ad_are_not_tags():
    items = "Infoabend im Rathaus\nEintritt frei\nAnmeldung nicht nötig"
    out = _clean(_RAD + "Anzeige\n" + items, "de")
    assert out.endswith(items)


def test_tags_under_a_removed_topics_heading_still_go():
    out = _clean(_RAD + "Mehr zum Thema\nVerkehr\nRadwege\nStadtrat", "de")
    assert out.endswith("als zu knapp.")


def test_headline_repeated_under_its_byline_keeps_the_first_copy():
    text = f"{_TREES}\nBy The Canadian Press\nPublished Nov. 24, 2026\n{_TREES}\n\n{_TREE_BODY}"
    out = _clean(text, "en")
    assert out.startswith(_TREES)


def test_a_run_of_title_echoes_goes_in_one_cleaning():
    # Six copies of the first line: each round of the pipeline dropped one echo from the last
    # three lines and the rounds ran out, so cleaning the output again took one more.
    text = " Advertisement \n" * 6 + ('"We want to hear from you," the mayor told residents at the meeting.\n'
                                     '"It was the best day of my life." (Smith)')
    once = _clean(text, "de")
    assert once.split("\n")[0] == "Advertisement" and once.count("Advertisement") == 1
    assert _clean(once, "de") == once
