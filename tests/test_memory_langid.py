"""langdetect's profiles in a compact store (langid.SparseProbabilities): the same answers,
bit for bit, in a third of the memory (a batch worker that meets a document the function
words cannot place loads them: 61 MB as langdetect keeps them)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from langdetect import detector_factory
from langdetect.lang_detect_exception import LangDetectException

from cleaner import langid

SAMPLES = [
    "El alcalde anunció el lunes que la piscina municipal volverá a abrir durante el verano.",
    "Dzień dobry, to jest krótki polski tekst o pogodzie w Krakowie.",
    "Der Bürgermeister sagte am Montag, dass die Stadt das Freibad wieder öffnen wird.",
    "The council said on Monday that the new library will open in the spring.",
    "Le maire a annoncé lundi que la piscine ouvrira de nouveau pendant l'été.",
    "これは日本語のテキストです", "Привет, как дела", "Ελληνικό κείμενο εδώ", "ok ok ok", "a", "12345",
]


def _probabilities(factory, text):  # type: ignore[no-untyped-def]
    detector_factory.DetectorFactory.seed = 0
    detector = factory.create()
    detector.append(text)
    try:
        return [(p.lang, p.prob) for p in detector.get_probabilities()]
    except LangDetectException as exc:
        return str(exc)


@pytest.fixture(scope="module")
def factories():  # type: ignore[no-untyped-def]
    own = detector_factory.DetectorFactory()
    own.load_profile(detector_factory.PROFILES_DIRECTORY)
    return own, langid._compact_factory(detector_factory)


def test_the_compact_store_gives_langdetects_probabilities_exactly(factories):
    own, compact = factories
    assert compact.langlist == own.langlist
    for text in SAMPLES:
        assert _probabilities(compact, text) == _probabilities(own, text), text


def test_the_compact_store_holds_every_ngram_with_the_same_row(factories):
    own, compact = factories
    store = compact.word_lang_prob_map
    assert len(store) == len(own.word_lang_prob_map)
    for n, (word, row) in enumerate(own.word_lang_prob_map.items()):
        if n % 97 == 0:  # a sample of the 87,598 n-grams
            assert word in store and store[word] == row
    assert "not an n-gram" not in store


def test_langdetect_itself_shares_the_compact_store():
    spanish = ("El alcalde anunció el lunes que la piscina municipal volverá a abrir durante el verano, "
               "según explicaron los responsables del ayuntamiento a los vecinos del barrio.")
    assert langid._langdetect(spanish) == "es"
    assert isinstance(detector_factory._factory.word_lang_prob_map, langid.SparseProbabilities)
    from langdetect import detect

    assert detect(SAMPLES[1]) == "pl"


def test_loading_the_profiles_takes_a_third_of_langdetects_memory():
    code = textwrap.dedent("""
        import langdetect.detector, langdetect.detector_factory
        from cleaner import langid

        def rss():
            with open("/proc/self/status") as fh:
                return next(int(l.split()[1]) for l in fh if l.startswith("VmRSS")) / 1024

        before = rss()
        langid._factory()
        print(rss() - before)
    """)
    grown = float(subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                                 text=True).stdout)
    assert grown < 35, f"{grown:.1f} MB (langdetect's own store: ~60 MB)"
