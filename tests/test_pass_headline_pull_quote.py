"""STRUCT-TITLE-ECHO, anywhere below the headline: the headline printed again inside the text
as a pull quote (quotation marks aside) goes; a sentence quoting it and a short headline stay."""

from __future__ import annotations

from replay import clean_replayed as _clean

_TITLE = "« Le travail de nuit reste invisible alors qu'il fait tourner la ville »"
_TEXT = ("À Genève, près d'un salarié sur huit travaille régulièrement la nuit.\n\n"
         "Qu'est-ce qui vous a le plus frappée ?\n\n"
         "La fatigue, évidemment, mais aussi la solidarité entre les travailleurs de nuit.\n\n"
         "{quote}\n\n"
         "Soutenez-vous les revendications syndicales pour de meilleures primes ?\n\n"
         "Les primes ne suffisent pas. Il faut surtout des transports publics la nuit.\n\n"
         "Des crèches aux horaires adaptés manquent aussi, dit-elle.\n\n"
         "La commune doit se prononcer au printemps.")


def test_headline_repeated_as_pull_quote_mid_text_goes():
    out = _clean(_TITLE + "\n\n" + _TEXT.format(quote=_TITLE), "fr")
    assert out.count("Le travail de nuit reste invisible") == 1
    assert out.startswith(_TITLE)
    assert "Soutenez-vous" in out


def test_pull_quote_copy_without_the_headline_quotation_marks_goes():
    bare = _TITLE.strip("« »")
    out = _clean(_TITLE + "\n\n" + _TEXT.format(quote="“" + bare + "”"), "fr")
    assert out.count("Le travail de nuit reste invisible") == 1


def test_sentence_quoting_the_headline_stays():
    line = "Elle le dit sans détour : « Le travail de nuit reste invisible alors qu'il fait tourner la ville »."
    out = _clean(_TITLE + "\n\n" + _TEXT.format(quote=line), "fr")
    assert line in out


def test_short_headline_repeated_as_subhead_stays():
    title = "Nachtarbeit"
    text = _TEXT.format(quote=title)
    out = _clean(title + "\n\n" + text, "fr")
    assert out.count("Nachtarbeit") == 2


def test_bare_repeat_of_an_unquoted_headline_mid_text_stays():
    title = _TITLE.strip("« »")
    out = _clean(title + "\n\n" + _TEXT.format(quote=title), "fr")
    assert out.count(title) == 2
