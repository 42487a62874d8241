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


def test_name_marks_agree_with_the_sets_when_listed_words_hold_separators():
    # A listed "word" with a separator or space is never one of a name's words; the
    # one-pass marker must not find it either (its substrings still count as substrings).
    params = ContentParams.from_params({
        "negative_words": ["sidebar-widget", "ad slot", "ad", "nav"],
        "negative_substrings": ["promo"],
        "positive_words": ["story", "main.body"],
        "positive_substrings": ["article-body"],
    })
    assert params.name_marks is not None
    for name in ["sidebar-widget", "ad slot", "x ad", "adx", "main.body", "story", "storyline", "my-promo",
                 "nav\u2003story", "article-body ad", "", "navad", "ad-", "-ad", "a.d"]:
        assert _name_evidence(name, params, {}) == _evidence_by_patterns(name, params), name


def test_names_of_nodes_without_blocks_count_for_nothing():
    # body > (div.sidebar (empty), div.story > p); the empty node's name is not read.
    from cleaner.html.content import _names, find_main_content

    params = ContentParams.from_params({"negative_words": ["sidebar"], "positive_words": ["story"]})
    nodes = [Node(None, "body", -1, 0, ""), Node(None, "div", 0, 1, "sidebar"), Node(None, "div", 0, 1, "story"),
             Node(None, "p", 2, 2, "")]
    blocks = [Block(["A sentence of the story that goes on and on for a while."], "p", (0, 2, 3), 56, 0)]
    tree = _Tree(nodes, blocks)
    assert _names(nodes, tree, params) == [0, 0, 1, 0]
    assert find_main_content(blocks, nodes, params) == (3, {0})


_SELECTORS = ["nav", ".ad", "#footer", "[data-ad-slot]", '[class^="ad-"]', '[id^="taboola"]', '[role="navigation"]',
              '[itemtype$="BreadcrumbList"]', '[class*="promo"]', '[class~="x"]', '[lang|="en"]', "div.ad-box",
              "aside.promo[data-x]", "body > footer", "div .share"]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["div", "nav", "aside", "footer", "p", "span"]),
       st.lists(st.sampled_from(["ad", "ad-box", "promo", "x", "share", "y-promo"]), max_size=3),
       st.sampled_from([None, "footer", "taboola-1", "main"]),
       st.dictionaries(st.sampled_from(["data-ad-slot", "role", "itemtype", "lang", "data-x"]),
                       st.sampled_from(["", "navigation", "http://schema.org/BreadcrumbList", "en-GB", "en", "1"]),
                       max_size=2))
def test_selector_index_tests_agree_with_the_selectors(tag, classes, el_id, attrs):
    # The index's cheap per-entry tests (none where the key is the whole selector) pick
    # what the selectors' own matches pick, memoised or not.
    from lxml import etree

    from cleaner.html.selectors import SelectorIndex, compile_selector

    root = etree.Element("html")
    body = etree.SubElement(root, "body")
    el = etree.SubElement(etree.SubElement(body, "div", {"class": "share"}), tag, attrs)
    if classes:
        el.set("class", " ".join(classes))
    if el_id:
        el.set("id", el_id)
    compiled = [compile_selector(css=css) for css in _SELECTORS]
    index = SelectorIndex([(c, css) for c, css in zip(compiled, _SELECTORS)])
    cls, keys = el.get("class"), el.keys()
    expected = next((css for c, css in zip(compiled, _SELECTORS)
                     if c.matches_natively(el, tag, cls.split() if cls else (), el_id)), None)
    assert index.match(el, tag, cls.split() if cls else (), el_id) == expected
    assert index.lookup(el, tag, cls, el_id, keys) == expected
    assert index.lookup(el, tag, cls, el_id, keys) == expected  # from the memo


def test_a_dropped_cleaner_is_freed_without_the_cycle_collector():
    import gc
    import weakref

    from cleaner import Cleaner

    gc.disable()
    try:
        fresh = Cleaner()
        fresh.clean_and_explain("<html><body><p>One sentence of text here.</p></body></html>", input_format="html")
        gone = weakref.ref(fresh)
        del fresh
        assert gone() is None  # freed by reference counting: no cycle through its HTML extractor
    finally:
        gc.enable()


def test_walk_container_entries_and_link_shares_on_a_fixture():
    """The walk's per-tag undo entries (flush, list/table grouping, <pre>, a kept form)
    and its shortcut for blocks without link text give what the tags mean."""
    from cleaner.html.parse import parse_html
    from cleaner.html.segment import segment

    root = parse_html(
        "<html><body><p>Plain text here.</p><p><a href='/x'>Linked</a> and  text</p>"
        "<ul><li>One</li><li><a href='#'>Two</a></li></ul>"
        "<table><tr><td>a</td><td>b</td></tr></table><pre>line one\nline two</pre>"
        "<form><p>First.</p><p>Second.</p><p>Third.</p></form><div>After</div></body></html>")
    seg = segment(root)
    blocks = {b.text: b for b in seg.blocks}
    assert (blocks["Plain text here."].link_chars, blocks["Plain text here."].lead_link) == (0, 0)
    assert (blocks["Linked and text"].link_chars, blocks["Linked and text"].lead_link) == (6, 6)
    one, two = blocks["One"], blocks["Two"]
    assert one.group == two.group >= 0 and seg.nodes[one.group].tag == "ul"
    assert (two.link_chars, two.lead_link) == (3, 3)
    assert blocks["a | b"].kind == "tr"
    assert blocks["line one line two"].lines == ["line one", "line two"]
    form = next(k for k, n in enumerate(seg.nodes) if n.tag == "form")
    assert all(form in blocks[t].anc for t in ("First.", "Second.", "Third."))
    assert form not in blocks["After"].anc and blocks["After"].kind == "div"


def test_one_pass_over_a_stripped_element_gives_the_veto_and_its_text_what_two_did():
    """The walk searches a strip rule's element once (_marked_inside) for the guard's
    <article>/<main> elements and for what is never text: the same elements, the same
    veto and the same block text as each looking for itself."""
    import copy

    from cleaner.html.guard import holds_page_article
    from cleaner.html.parse import parse_html
    from cleaner.html.segment import _NEVER_TEXT, _marked_inside, _rule_block_text

    root = parse_html(
        "<html><body><aside class='col'><main><article><p>" + "Long story text here. " * 30
        + "<script>track()</script></p></article></main></aside>"
        "<nav><a>Home</a><svg><text>icon</text></svg><a>News</a><main>Menu</main></nav>"
        "<footer><p>Plain <b>footer</b></p></footer>"
        "<article><header>Head<style>p {}</style><iframe>x</iframe> line</header><p>Short.</p></article>"
        "</body></html>")
    for el in root.iter("aside", "nav", "footer", "article", "header", "main", "p"):
        articles, never_text = _marked_inside(el)
        assert articles == list(el.iter("article", "main"))
        assert never_text == (next(el.iter(*_NEVER_TEXT), None) is not None)
        assert holds_page_article(el, containers=articles) == holds_page_article(el)
        assert _rule_block_text(copy.deepcopy(el), never_text) == _rule_block_text(copy.deepcopy(el))
    assert holds_page_article(root.find(".//aside"))  # the fixture has a veto to give
