"""STRUCT-PULL-QUOTE: a sentence of the text printed again in quotation marks as a line of its
own goes; the paragraph that holds it, a quotation found nowhere else, a quoted title and a
line that a later paragraph quotes stay."""

from __future__ import annotations

from replay import clean_replayed as _clean

from cleaner.passes.pull_quote import quoted_inner

_DE_HEAD = ("Im Winter kommen mehr Menschen, die sich schämen\n\n"
            "Renate Wolters leitet seit elf Jahren die Bahnhofsmission in Kassel. Ein Gespräch über kalte Nächte.\n\n"
            "Wer kommt zu Ihnen?\n\n")
_DE_ANSWER = ("Längst nicht nur Wohnungslose. Wir sehen Rentnerinnen, die sich die Heizung nicht mehr leisten "
              "können. Viele schämen sich, überhaupt zu fragen.")
_DE_TAIL = "\n\nWas brauchen Sie am dringendsten?\n\nMenschen, die nachts Dienst machen. Sachspenden haben wir genug."


def test_pull_quote_repeating_an_answer_goes():
    for quote in ['"Viele schämen sich, überhaupt zu fragen."', "„Viele schämen sich, überhaupt zu fragen.“",
                  "« Viele schämen sich, überhaupt zu fragen. »"]:
        text = _DE_HEAD + _DE_ANSWER + "\n\n" + quote + _DE_TAIL
        assert _clean(text, "de") == _DE_HEAD + _DE_ANSWER + _DE_TAIL


def test_french_pull_quote_with_other_apostrophes_goes():
    body = ("Les chauves-souris migrent comme les oiseaux\n\nAnouk Verhaegen : Avec les radars des parcs éoliens. "
            "Ils voient passer des milliers d’échos chaque nuit d’automne, on les attribuait aux oiseaux.\n\n"
            "Lire la migration sur un écran radar, est-ce vraiment fiable ?")
    text = body + "\n\n« Ils voient passer des milliers d'échos chaque nuit d'automne. »\n\nOui, si l'on croise les mesures."
    assert "« Ils voient" not in _clean(text, "fr")
    assert "Ils voient passer des milliers d’échos chaque nuit d’automne, on les" in _clean(text, "fr")


def test_quotation_found_nowhere_else_stays():
    text = _DE_HEAD + _DE_ANSWER + '\n\n"Manche kommen jeden Abend, andere nur einmal."' + _DE_TAIL
    assert '"Manche kommen jeden Abend, andere nur einmal."' in _clean(text, "de")


def test_line_quoted_again_by_a_later_paragraph_stays():
    text = ("Merkel's phrase, ten years on\n\nThe chancellor spoke to the press in Berlin in late August.\n\n"
            '"We can do this, and we will do it."\n\n'
            'Years later she said again: "We can do this, and we will do it." Her critics quoted it back at her.')
    assert '\n"We can do this, and we will do it."\n' in _clean(text, "en")


def test_quoted_title_and_words_inside_a_sentence_stay():
    text = ("Design week in Milan\n\nThe installation, entitled ‘Jewels after Jewels after Jewels’ and conceived "
            "for the new collection, confirms his poetic approach.\n\n‘Jewels after Jewels after Jewels’\n\n"
            "The chandeliers hang in a dark room.")
    assert "\n‘Jewels after Jewels after Jewels’\n" in _clean(text, "en")
    middle = ("A Yukon bush pilot on winter runs\n\nMinus 40 and they say you fly the weather, not the map, "
              "all winter long.\n\n\"You fly the weather, not the map.\"\n\nSome quit after one season.")
    assert '"You fly the weather, not the map."' in _clean(middle, "en")


def test_quoted_inner_reads_one_whole_quotation_only():
    assert quoted_inner('"You fly the weather, not the map."') == "you fly the weather, not the map"
    assert quoted_inner("« Ils voient passer des échos. »") == "ils voient passer des échos"
    assert quoted_inner('"Yes," she said. "No."') is None
    assert quoted_inner("‘Jewels after Jewels’") is None
    assert quoted_inner("Plain line.") is None
