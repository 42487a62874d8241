"""STRUCT-KEY-UPDATES: a live blog's list of post headlines above the first post goes; the
posts keep their headlines, and a summary that repeats no post headline stays."""

from __future__ import annotations

from replay import clean_replayed as _clean


_POSTS = ("19:40 Uhr\nBerliner Wasserbetriebe: Reparatur dauert bis Dienstagmittag\n"
          "Die beschädigte Hauptleitung aus dem Jahr 1906 muss auf einer Länge von zwölf Metern ersetzt werden.\n"
          "16:15 Uhr\nTram M1 fährt nur bis Hackescher Markt\n"
          "Weil die Gleise unterspült sein könnten, endet die M1 aus Richtung Pankow am Hackeschen Markt.\n"
          "07:30 Uhr\nStraße überflutet\n"
          "Gegen 5.30 Uhr stand die Friedrichstraße knapp 20 Zentimeter unter Wasser, die Feuerwehr pumpte sie aus.")
_LEAD = ("Nach einem Rohrbruch unter der Friedrichstraße sind seit dem frühen Montagmorgen rund 6.000 Haushalte "
         "in Mitte ohne Wasser. Wir berichten im Liveblog.")
_HEAD = "Wasserrohrbruch in Mitte: Friedrichstraße gesperrt, Tausende ohne Wasser\nAktualisiert: 23.11.2026, 19:48 Uhr\n"


def test_list_of_post_headlines_above_the_first_post_goes():
    text = (_HEAD + "Das Wichtigste in Kürze\nBerliner Wasserbetriebe: Reparatur dauert bis Dienstagmittag\n"
            "Tram M1 fährt nur bis Hackescher Markt\n" + _LEAD + "\n" + _POSTS)
    out = _clean(text, "de")
    assert out.count("Berliner Wasserbetriebe: Reparatur dauert bis Dienstagmittag") == 1
    assert out.count("Tram M1 fährt nur bis Hackescher Markt") == 1
    assert out.index(_LEAD) < out.index("Tram M1")  # the posts keep their headlines
    assert "Straße überflutet" in out


def test_summary_that_repeats_no_post_headline_stays():
    summary = "Rund 6.000 Haushalte ohne Wasser\nFriedrichstraße zwischen Oranienburger Tor und Reinhardtstraße gesperrt\n"
    text = _HEAD + "Das Wichtigste in Kürze\n" + summary + _LEAD + "\n" + _POSTS
    out = _clean(text, "de")
    assert summary.strip() in out


def test_one_repeated_headline_is_no_list():
    text = (_HEAD + "Berliner Wasserbetriebe: Reparatur dauert bis Dienstagmittag\n\n" + _LEAD + "\n" + _POSTS)
    out = _clean(text, "de")
    assert out.count("Berliner Wasserbetriebe: Reparatur dauert bis Dienstagmittag") == 2


def test_list_whose_items_carry_their_time_stamps_goes():
    listed = ("Die Übersicht\n19:40 Uhr\nBerliner Wasserbetriebe: Reparatur dauert bis Dienstagmittag\n"
              "16:15 Uhr\nTram M1 fährt nur bis Hackescher Markt\n")
    out = _clean(_HEAD + listed + _LEAD + "\n" + _POSTS, "de")
    assert out.count("Berliner Wasserbetriebe: Reparatur dauert bis Dienstagmittag") == 1
    assert out.count("Tram M1 fährt nur bis Hackescher Markt") == 1
    assert out.index(_LEAD) < out.index("Tram M1")
    assert "Die Übersicht" not in out


def test_list_partly_taken_by_a_label_rule_loses_its_last_item_and_the_post_keeps_its_headline():
    # 'Key events' takes the items under it as teasers (drop-next, up to three lines): the
    # fourth line is the last item, and without it title-echo took the post's own headline.
    text = ("Storm Bert live: Flood warnings across Wales as rivers rise\nLast updated: 19:48 GMT\nKey events\n"
            "2h ago\nRail lines closed between Cardiff and Swansea\n4h ago\nHundreds of homes without power in Gwynedd\n"
            "Heavy rain has hit Wales since Saturday night, with more than 30 flood warnings in place on Sunday evening.\n"
            "19:40 GMT\nRail lines closed between Cardiff and Swansea\n"
            "Transport for Wales said services would not run before Monday morning after flooding near Bridgend.\n"
            "17:55 GMT\nHundreds of homes without power in Gwynedd\n"
            "National Grid said engineers were working to restore supplies but warned some homes could be cut off overnight.")
    out = _clean(text, "en")
    assert out.count("Hundreds of homes without power in Gwynedd") == 1
    assert out.index("Hundreds of homes") > out.index("Transport for Wales")


def test_list_in_a_scrape_that_sets_every_line_apart_goes():
    spaced = lambda text: "\n\n".join(text.split("\n"))  # noqa: E731
    listed = ("Das Wichtigste\nBerliner Wasserbetriebe: Reparatur dauert bis Dienstagmittag\n"
              "Tram M1 fährt nur bis Hackescher Markt\n")
    out = _clean(spaced(_HEAD + listed + _LEAD + "\n" + _POSTS), "de")
    assert out.count("Berliner Wasserbetriebe: Reparatur dauert bis Dienstagmittag") == 1
    assert out.count("Tram M1 fährt nur bis Hackescher Markt") == 1
    assert out.index(_LEAD) < out.index("Tram M1")
    assert "Das Wichtigste" not in out
