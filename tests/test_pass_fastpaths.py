"""The structure passes' shortcuts give exactly what the plain computations they replace give."""

from __future__ import annotations

import itertools
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.labelled import parse_labelled
from cleaner.passes.doubled_line import _halves_equal, is_doubled
from cleaner.passes.state import PassState, collapsed, count_words, word_count
from conftest import CORPUS

_SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Few distinct words so that doubled lines come up often; every kind of whitespace.
_ALPHABET = ("ab  \t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u1680\u2000\u2028\u2029\u202f\u3000\u200b.")
_line = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=30) | st.text(max_size=20)
_words = st.lists(st.sampled_from(["a", "b", "ab", "Kim", "„Nein.“"]), max_size=8)


def test_the_space_is_the_only_printable_whitespace():
    # collapsed() rests on this: a printable line has no whitespace but " ".
    assert [c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace() and c.isprintable()] == [" "]


@_SETTINGS
@given(_line)
def test_word_count_is_the_split_length(line):
    assert word_count(line) == len(line.split())


@_SETTINGS
@given(_line.filter(bool))
def test_collapsed_lines_are_join_of_split(line):
    if collapsed(line):
        assert " ".join(line.split()) == line
    elif line.isprintable():
        assert " ".join(line.split()) != line  # printable lines are told exactly


@_SETTINGS
@given(_words, st.booleans(), _line, st.integers(1, 3))
def test_halves_equal_is_is_doubled(words, twice, noise, min_words):
    # Lines shaped "A A" (collapsed or with odd spacing) and arbitrary ones, at the word
    # counts the caller asks about (even, at least twice min_words).
    half = " ".join(words)
    for line in (f"{half} {half}" if twice else f"{half} {noise}", f"{half}  {half}", f"{half}\u00a0{half}", noise):
        n = len(line.split())
        if line and n % 2 == 0 and n >= 2 * min_words:
            assert _halves_equal(line, min_words) == is_doubled(line, min_words), line


def test_skipping_idle_detectors_changes_no_result(cleaner, monkeypatch):
    # _settle skips a detector whose last run removed nothing while PassState.signature is
    # unchanged; with signatures that never repeat, every detector runs every round.
    articles = [parse_labelled(f).text for f in sorted(CORPUS.rglob("*.txt"))]
    assert len(articles) > 100
    skipping = [cleaner.clean_and_explain(text) for text in articles]
    fresh = itertools.count()
    monkeypatch.setattr(PassState, "signature", lambda self, regions: (next(fresh),))
    assert [cleaner.clean_and_explain(text) for text in articles] == skipping


def test_a_detector_reruns_when_its_region_grows(cleaner):
    # Eight head lines go in the first round, so the name under the date is only among the
    # first eight kept lines after reranking: head-name, idle in round one, must run again.
    head = ["Startseite", "Teilen", "Drucken", "Anzeige", "Zur Startseite", "Mehr zum Thema", "Artikel teilen", "Merken"]
    text = ("Haupttäter muss sieben Jahre in Haft\n\n" + "\n".join(head) + "\n\n14.11.2025 - 15:37 Uhr\nUlrike Behringer\n\n"
            "Mit falschen Polizisten und Schockanrufen hat eine Bande vor allem ältere Menschen um ihr Erspartes gebracht.\n\n"
            "Zweiter Absatz mit genug Wörtern, damit es ein Artikel ist, der weitergeht.")
    result = cleaner.clean_and_explain(text, lang="de")
    assert "Ulrike Behringer" not in result.text
    assert "STRUCT-HEAD-NAME" in {r.rule_id for r in result.removals}


@_SETTINGS
@given(st.lists(_line, max_size=6) | st.lists(st.sampled_from(["", "a b", "Kim Kim", "x"]), max_size=6))
def test_count_words_is_each_split_length(lines):
    assert count_words(lines) == [len(line.split()) for line in lines]
