"""Rules search through a simple-case twin of their pattern where it answers as full case
folding does (cleaner.engine.patterns.search): the same matches, spans included, except
that a character class matches one character of the line (full folding lets a composite
class holding "ß" match "ss" as one; see patterns.py)."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given, reject, settings
from hypothesis import strategies as st

from cleaner.engine.loader import load_packs, shipped_rules_dir
from cleaner.engine.patterns import search

FULL = regex.IGNORECASE | regex.FULLCASE

# Patterns where full and simple case folding differ, and some where they do not.
PATTERNS = [
    r"^Straße\b", r"^strasse\b", r"^STRASSE$", r"\bgro[sß]{1,2}\b", r"^[À-ÿ]+$", r"^(?:stra\xdfe|weg)$",
    r"^\N{LATIN SMALL LETTER SHARP S}", r"^[a-z]{2,8}ss$", r"^(?:Anzeige|Werbung)$", r"^Fi\w+", r"^ﬁnal",
    r"^final$", r"^(\w)\1", r"^\p{L}{2,12}$", r"^(?-i:[A-Z])[a-z]{1,10}ss\b", r"^i̇stanbul", r"^istanbul$",
    # A hyphen next to a non-ASCII letter outside a class is text, not a range: these have twins.
    r"^(?:peut-être|Bien-être|Fête-Dieu)\s*:?$", r"^[A-Z]{1,3}-É[a-z]*", r"^[·•|/\-–—]+\s?\w+",
]
# Composite classes that hold a character folding to several: full folding lets them take
# "ss" as one character, the twin does not (tested apart below).
# Characters that fold to several (ß, ẞ, ﬁ, İ, ŉ) next to their expansions and plain letters.
ALPHABET = st.sampled_from(list("sSßẞfFiIİﬁnŉ'’aAeEtTrR -") + ["ss", "SS", "fi", "FI", "i̇", "peut-être", "BIEN-ÊTRE",
                                                                  "Fête-Dieu", "É", "é", "–", "·"])


@settings(max_examples=400, deadline=None)
@given(st.lists(ALPHABET, max_size=12).map("".join), st.sampled_from(PATTERNS))
def test_search_answers_as_full_case_folding_does(text, source):
    pattern = regex.compile(source, FULL)
    try:  # full folding backtracks badly on some of these strings; such an example proves nothing
        full = pattern.search(text, timeout=0.2)
    except TimeoutError:
        reject()
    found = search(pattern, text)
    assert (found is None) == (full is None), (source, text)
    if full is not None:
        assert found.span() == full.span()


@pytest.mark.parametrize("source, line", [
    (r"^Straße$", "STRASSE"), (r"^strasse$", "Straße"), (r"^stra\xdfe$", "STRASSE"), (r"^[À-ÿ]se$", "ssse"),
    (r"^fin$", "ﬁn"), (r"^ﬁn$", "FIN"),
])
def test_lines_that_only_full_case_folding_matches_still_match(source, line):
    assert search(regex.compile(source, FULL), line) is not None


def test_shipped_patterns_answer_alike_on_their_examples():
    rules = [r for p in load_packs([shipped_rules_dir()]) for r in p.rules if r.pattern is not None]
    for rule in rules:
        for line in (*rule.examples.drop, *rule.examples.keep):
            full = regex.compile(rule.pattern.pattern, rule.pattern.flags).search(line)
            found = search(rule.pattern, line)
            assert (found is None) == (full is None), (rule.id, line)
            if full is not None:
                assert found.span() == full.span(), (rule.id, line)


@pytest.mark.parametrize("source, line", [(r"^[\w-]{2,4}$", "sssss"), (r"^[\p{L}'’-]{2,12}$", "s" * 13)])
def test_a_class_matches_one_character_of_the_line(source, line):
    # regex with full case folding reads "ss" as one "ß" here; a rule's bound counts letters
    assert regex.compile(source, FULL).search(line) is not None
    assert search(regex.compile(source, FULL), line) is None
    assert search(regex.compile(source, FULL), line[:-1]) is not None  # within the bound


@pytest.mark.parametrize("source, twin", [
    (r"^Vous aimerez peut-être$", True), (r"^Bien-être$", True), (r"^[·•|/\-–—]{1,3}$", True),
    (r"^[a-z]-é", True), (r"^[-é]x", True), (r"^[^-é]x", True), (r"^[é-]x", True),
    (r"^[À-ÿ]+$", False), (r"^[a-é]", False), (r"^\xdf", False), (r"^[\]-é]", False), (r"^Straße$", False),
    (r"(?x)^peut-être$", False),   # verbose syntax: the conservative reading
])
def test_a_twin_is_refused_only_where_the_pattern_may_name_a_folding_character(source, twin):
    from cleaner.engine.patterns import _twin_of

    assert (_twin_of(source, FULL) is not None) is twin
