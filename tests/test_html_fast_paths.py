"""The HTML mode's fast paths give the same answers as the plain way they shortcut."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.html.content import (_SPLIT_NAME, ContentParams, _negative_marks, _name_evidence, _name_words,
                                  _Tree)
from cleaner.html.segment import Block, Node

NAMES = [
    "article-body", "articleBody main", "c-related_links", "share-bar -share", "social-share-bar",
    "nav:top.menu/x", "AdSlot", "comment\x1cbox", "sidebar\u00a0widget", "story\u2003content",
    "promo-teaser trending", "", "   ", "MostRead", "Ünterseite-ÄRGER", "gallery-thumb-x", "x__y--z",
]


@pytest.fixture
def params() -> ContentParams:
    return ContentParams.from_params({
        "negative_words": ["comment", "sidebar", "nav", "menu", "share", "ad"],
        "negative_substrings": ["comment", "share-", "-share", "social", "promo", "gallery-thumb", "trending"],
        "positive_words": ["article", "content", "story"],
        "positive_substrings": ["article-body", "articlebody", "story-content"],
    })


@pytest.mark.parametrize("name", NAMES)
def test_name_words_split_like_the_pattern(name):
    assert _name_words(name) == {w.lower() for w in _SPLIT_NAME.split(name) if w}


@pytest.mark.parametrize("name", NAMES)
def test_negative_marks_are_what_the_patterns_find(name, params):
    words = {w.lower() for w in _SPLIT_NAME.split(name) if w}
    found = {m.group() for m in params.negative_pattern.finditer(name)}
    assert _negative_marks(name, params) == frozenset((words & params.negative_words) | found)


def _evidence_by_patterns(name: str, params: ContentParams) -> int:
    words = {w.lower() for w in _SPLIT_NAME.split(name) if w}
    if not name:
        expected = 0
    elif words & params.negative_words or params.negative_pattern.search(name):
        expected = -1
    elif words & params.positive_words or params.positive_pattern.search(name):
        expected = 1
    else:
        expected = 0
    return expected


@pytest.mark.parametrize("name", NAMES)
def test_name_evidence_matches_the_patterns(name, params):
    assert _name_evidence(name, params, {}) == _evidence_by_patterns(name, params)


# Names built from pieces of the configured words, separators, capitals and letters whose
# lower case depends on their neighbours (final sigma), so the substring and word tests meet
# their edge cases: a word split across a separator, a substring inside a longer word.
_PIECES = st.sampled_from(["comment", "share", "-share", "social", "promo", "article", "body", "story",
                           "content", "nav", "ad", "gallery", "thumb", "-", "_", " ", ":", ".", "/",
                           "\x1c", "\u00a0", "A", "Σ", "ς", "ÄR", "x", "İ"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=8).map("".join))
def test_name_fast_paths_agree_with_the_patterns_on_any_name(name):
    params = ContentParams.from_params({
        "negative_words": ["comment", "sidebar", "nav", "menu", "share", "ad"],
        "negative_substrings": ["comment", "share-", "-share", "social", "promo", "gallery-thumb"],
        "positive_words": ["article", "content", "story"],
        "positive_substrings": ["article-body", "articlebody", "story-content"],
    })
    assert _name_words(name) == {w.lower() for w in _SPLIT_NAME.split(name) if w}
    assert _name_evidence(name, params, {}) == _evidence_by_patterns(name, params)


def _tree() -> tuple[_Tree, list[Block]]:
    # 0 body > 1 div > (2 p, 3 div > 4 p), 5 aside > 6 p
    parents = [-1, 0, 1, 1, 3, 0, 5]
    depth = [0, 1, 2, 2, 3, 1, 2]
    nodes = [Node(None, "div", p, d, "") for p, d in zip(parents, depth)]
    blocks = [Block(["x" * c], "p", anc, c, c // 2) for c, anc in
              ((10, (0, 1, 2)), (7, (0, 1, 3, 4)), (5, (0, 1)), (30, (0, 5, 6)))]
    return _Tree(nodes, blocks), blocks


def test_whole_number_sums_equal_the_subtree_sums():
    tree, blocks = _tree()
    chars = [b.chars for b in blocks]
    assert tree.counts(chars) == [int(v) for v in tree.sums(chars)] == [52, 22, 10, 7, 7, 30, 30]
    only = [True, False, True, True]
    assert tree.counts(chars, only) == [int(v) for v in tree.sums(chars, only)] == [45, 15, 10, 0, 0, 30, 30]
