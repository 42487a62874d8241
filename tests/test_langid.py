"""Language identification: the function-word pass on short and long texts, langdetect otherwise."""

from __future__ import annotations

import pytest

from cleaner.langid import _WORD, LanguageIdentifier, _words
from cleaner.normalize import normalize_lines, split_lines
from conftest import CORPUS

DE = "Der Bürgermeister sagte am Montag, dass die Stadt das Freibad im Sommer wieder öffnen wird."
EN = "The council said on Monday that the new library will open to the public in the spring."
FR = "Le maire a annoncé lundi que la piscine de la ville ouvrira de nouveau pendant l'été."
ES = ("El alcalde anunció el lunes que la piscina municipal volverá a abrir durante el verano, "
      "según explicaron los responsables del ayuntamiento a los vecinos del barrio.")


@pytest.fixture(scope="module")
def langid(cleaner):
    return cleaner.langid


@pytest.mark.parametrize("text, lang", [(DE, "de"), (EN, "en"), (FR, "fr")])
def test_short_texts(langid, text, lang):
    assert langid.detect([text]) == lang


@pytest.mark.parametrize("text, lang", [(DE, "de"), (EN, "en"), (FR, "fr")])
def test_long_texts_with_cruft(langid, text, lang):
    lines = ["Foto: dpa", "Anzeige", *([text, ""] * 40), "Kommentare (3)"]
    assert langid.detect(lines) == lang


def test_other_language_falls_back_to_langdetect(langid):
    assert langid.by_function_words(langid.sample([ES])) is None
    assert langid.detect([ES]) == "es"


def test_no_body_text_gives_none(langid):
    assert langid.detect(["Foto: dpa", "Anzeige", ""]) is None


@pytest.mark.parametrize("lang", ["de", "en", "fr"])
def test_labelled_corpus(langid, lang):
    files = sorted((CORPUS / lang).glob("*.txt"))
    assert files
    for f in files:
        lines = normalize_lines(split_lines(f.read_text(encoding="utf-8")))
        assert langid.detect(lines) == lang, f.name


@pytest.mark.parametrize("text", [DE, EN, FR, ES, "l'homme d'État, 3x schneller_als 2024er Ärzte—und"])
def test_fast_tokenizer_finds_the_same_words(text):
    folded = text.casefold()
    assert sorted(_words(folded)) == sorted(_WORD.findall(folded))


def test_sample_is_bounded():
    ident = LanguageIdentifier({"de": frozenset({"der"})}, sample_chars=100)
    sample = ident.sample([DE] * 10 + ["kurz"])
    assert len(sample) == 100 and sample.startswith(DE[:50])
