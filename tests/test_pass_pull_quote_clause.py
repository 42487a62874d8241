"""STRUCT-PULL-QUOTE, widened: a clause of a paragraph above (after a comma too, with or without
its sentence end) and a close paraphrase of a paragraph just above go; a quotation whose words
stand only below it, a quoted title and a quotation the text above does not hold stay."""

from __future__ import annotations

from replay import clean_replayed as _clean

_EN_HEAD = ("Quezon City to reroute 14 jeepney lines around new busway\n\n"
            "Quezon City will reroute 14 jeepney lines around the new Commonwealth Avenue busway from February 3, the city's traffic office said.\n\n"
            "Drivers' groups said the new routes would add up to 20 minutes to some trips and cut their daily earnings.\n\n")
_EN_SOURCE = "\"We were not consulted, we learned about it from Facebook,\" said Arnel Cruz, who has driven the Fairview route for 19 years."
_EN_TAIL = "\n\nThe city said it held two consultations in December and would review the routes after three months."


def test_a_clause_after_a_comma_repeated_as_a_pull_quote_goes():
    text = _EN_HEAD + _EN_SOURCE + "\n\n\"We learned about it from Facebook.\"" + _EN_TAIL
    assert _clean(text, "en") == _EN_HEAD + _EN_SOURCE + _EN_TAIL


def test_a_pull_quote_without_its_full_stop_goes():
    head = ("« Les boulangers ne peuvent plus absorber la hausse de l'électricité »\n\n"
            "Combien de boulangeries ont fermé dans votre région cet hiver ?\n\n"
            "Une quarantaine depuis octobre, d'après nos adhérents. C'est deux fois plus qu'un hiver normal.\n\n")
    tail = "Qu'est-ce qui pèse le plus ?\n\nL'électricité, de loin. Un four consomme énormément."
    assert _clean(head + "« C'est deux fois plus qu'un hiver normal »\n\n" + tail, "fr") == head + tail


def test_a_close_paraphrase_of_the_paragraph_above_goes():
    head = ("Neue Schutzmauer an der Ilz soll bis 2028 stehen\n\n"
            "Die neue Mauer soll die Ilzstadt künftig bis zu einem Pegel von 12,80 Metern schützen, teilte die Stadt am Mittwoch mit.\n\n"
            "Haslinger versprach, die Zufahrten zu den Häusern so lange wie möglich offen zu halten und die Arbeiten in Abschnitte zu teilen.\n\n")
    tail = "Beim Hochwasser 2013 hatte die Ilz Teile der Altstadt und der Ilzstadt mehrere Tage lang überflutet."
    assert _clean(head + "„Wir werden die Zufahrten so lange wie möglich offen halten.“\n\n" + tail, "de") == head + tail


def test_a_quotation_whose_words_stand_only_below_stays():
    quote = "\"My fears have been realized\""
    text = ("Five takeaways from the hearing\n\nHere are some of the highlights of a long day on Capitol Hill for the committee.\n\n"
            f"{quote}\n\nMorrison told the committee, \"I feared at the time how its disclosure would play. My fears have been realized.\"")
    assert quote in _clean(text, "en")


def test_a_quoted_title_named_in_the_paragraph_above_stays():
    quote = "‘Jewels after Jewels after Jewels’"
    text = ("A festival of non-verbal theatre\n\nThe company brought its play ‘Jewels after Jewels after Jewels’, "
            "a 75-minute long show, to the city's main stage on Friday.\n\n"
            f"{quote}\n\nThe actors were very happy, the organisers said.")
    assert quote in _clean(text, "en")


def test_a_quotation_the_text_above_does_not_hold_stays():
    quote = "“We will rebuild this town together, whatever it costs.”"
    text = ("Mayor vows to rebuild flooded town\n\nThe river burst its banks on Sunday night, flooding more than 200 homes in the old town.\n\n"
            "Addressing residents at the town hall on Monday, the mayor said:\n\n"
            f"{quote}\n\nThe council has set up an emergency fund for families who lost their homes.")
    assert quote in _clean(text, "en")


def test_a_long_pull_quote_set_above_the_paragraph_it_is_taken_from_goes():
    head = ("Alte Mühle in Schramberg wird zum Dorfladen umgebaut\n\n"
            "Eine Bürgergenossenschaft mit inzwischen 240 Mitgliedern hat dafür 180.000 Euro gesammelt, wie Vorstand Peter Hug sagte.\n\n")
    quote = "„Wir wollen, dass man hier wieder einkaufen kann, ohne ins Auto zu steigen.“"
    tail = ("„Wir wollen, dass man hier wieder einkaufen kann, ohne ins Auto zu steigen“, sagte Hug.\n\n"
            "Der Umbau kostet nach Angaben der Genossenschaft rund 420.000 Euro.")
    assert _clean(head + quote + "\n\n" + tail, "de") == head + tail


def test_a_short_quotation_above_the_paragraph_that_discusses_it_stays():
    quote = "\"We can do this, together.\""
    text = ("Merkel's phrase, ten years on\n\nTen years ago the chancellor opened the borders to refugees arriving from Hungary.\n\n"
            f"{quote}\n\nThe sentence \"We can do this, together\" became the motto of a whole year, and her critics quoted it back at her.")
    assert quote in _clean(text, "en")
