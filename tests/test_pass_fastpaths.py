"""The structure passes' shortcuts give exactly what the plain computations they replace give."""

from __future__ import annotations

import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.passes.doubled_line import _halves_equal, is_doubled
from cleaner.passes.state import collapsed, word_count

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
