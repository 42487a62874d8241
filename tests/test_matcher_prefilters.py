"""The Hyperscan prefilters' sharper shapes must not change what a matcher finds.

- a run of case-sensitive letters is one "(?-i:...)" group in a translation;
- a pattern whose required part matches only the empty line (`^(?=\\S)(?:A)?(?:B)?$`) is
  translated as one part per optional group, not as "any line";
- a `$` that more text follows is dropped from a translation Hyperscan refuses with it;
- a rule with common literals, found by its translation, is checked for a literal first;
- a rule whose translation the built database misses is found by its literals.

Each is checked against ReferenceMatcher, on chosen and on random rules.
"""

from __future__ import annotations

import dataclasses

import pytest
import regex
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from cleaner.engine import matcher as M
from cleaner.engine import matcher_literals as L
from cleaner.engine.model import Examples, Match, Rule, RuleDoc, Source
from cleaner.errors import LimitError

pytestmark = pytest.mark.skipif(not M.hyperscan_available(), reason="hyperscan is not installed")
BACKENDS = [M.PythonMatcher, M.HyperscanMatcher]
BODY = "The council met on Monday and agreed to close the old bridge for repairs until spring."


@pytest.fixture(autouse=True)
def _cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "prefilter-cache"))


def _rule(n: int, pattern: str, drop: tuple[str, ...] = (), case_sensitive: bool = False, **where) -> Rule:
    match = Match(kind="regex", patterns=(pattern,), case_sensitive=case_sensitive)
    return Rule(id=f"P-{n:03d}", name="p", category="other", match=match, action="drop-line",
                doc=RuleDoc("p", "p"), examples=Examples(drop=drop), pack="p", source=Source("p"),
                pattern=match.compile(), **where)


def _pairs(found):
    return [(i, r.id) for i, r in found]


def _same(rules, docs, timeout=None):
    """Every backend finds what ReferenceMatcher finds; with `timeout`, an example on which
    a full-case search backtracks past it is rejected (it would only stall the suite)."""
    try:
        expected = [_pairs(M.ReferenceMatcher(rules, timeout).match(lines)) for lines in docs]
    except LimitError:
        reject()
    for backend in BACKENDS:
        m = backend(rules, timeout)
        for lines, want in zip(docs, expected):
            assert _pairs(m.match(lines)) == want, (backend.__name__, [r.pattern.pattern for r in rules], lines)


def _translations(rule):
    return M._hyperscan_translations(rule)


def test_a_case_sensitive_run_is_one_group():
    lit = tuple((c, False) for c in "Le Monde")
    assert L.literal_expression(lit, mapped=False, fold_ascii=True) == r"(?-i:Le\x20Monde)"
    rule = _rule(1, r"^(?:Le Monde|La Croix)(?:\.fr)?$", case_sensitive=True)
    _same([rule], [["Le Monde", "le monde", "LE MONDE", "La Croix.fr", "La croix", BODY]])


def test_optional_groups_with_an_empty_rest_are_split_into_parts():
    pattern = (r"^(?=\S)(?:(?:Catch|Follow) (?:all )?the latest (?:news|updates) on \p{Lu}\w+[.!]?(?: |$))?"
               r"(?:(?:Download|Get) (?:the |our )?\p{Lu}\w+ app(?: now)?[.!]?)?$")
    rule = _rule(1, pattern)
    parts = _translations(rule)
    assert parts and all("catch" in p or "download" in p for p in parts), parts
    lines = ["Catch the latest news on Reuters.", "Get the Reuters app now.",
             "Catch the latest news on Reuters. Get the Reuters app.", "Get the app", "", " ", BODY]
    assert [bool(rule.accepts(x)) for x in lines[:3]] == [True, True, True]
    _same([rule], [lines])
    # The body line is no candidate any more (the translation used to be "^[^\n]*$").
    m = M.HyperscanMatcher([rule])
    assert m.always == ()
    assert not m.match([BODY, BODY + " Twice."])


@pytest.mark.parametrize("items, empty", [(r"^(?=\S)$", True), (r"^\b$", True), (r"^$", True),
                                          (r"^(?=\S)", False), (r"^a$", False), (r"(?=\S)$", False)])
def test_only_empty(items, empty):
    parsed = L._flatten([L._parse(items, regex.IGNORECASE)])
    assert L._only_empty(parsed) is empty


def test_embedded_line_ends_are_dropped_only_when_refused():
    assert L._drop_embedded_ends(r"^(?:a|$)b$") == r"^(?:a|)b$"
    assert L._drop_embedded_ends(r"^(?:ab$))") == r"^(?:ab$))"
    assert L._drop_embedded_ends(r"[^\n]*$") == r"[^\n]*$"
    rule = _rule(1, r"^(?:Foto|Bild)(?::|$)(?: [\p{L} ]{1,30})?$")
    assert _translations(rule)
    _same([rule], [["Foto", "Foto: Jane Doe", "Bild", "Fotograf", BODY, "Foto Jane"]])


def test_common_literals_gate_the_pattern():
    # "prev" is a common literal, so the rule is found by its translation, whose hits are
    # checked for the rule's literals before the pattern runs.
    words = "|".join(f"{w} {v}" for w in ("Show", "Hide", "Open", "Close", "View", "Print", "Share", "Save")
                     for v in ("menu", "search", "comments", "article", "page", "gallery", "video"))
    rule = _rule(1, rf"^(?:\p{{L}}+ ){{0,2}}(?:Prev|Next|{words})\s*[:.…]?$")
    assert M._weak(M._dump_literals(L.rule_literals(rule.pattern)))
    m = M.HyperscanMatcher([rule])
    assert m._checks[0] is not rule.accepts
    lines = ["Prev", "Next", "Show menu", "Close gallery:", "PREV", "Preview", "Prevent harm", BODY, "Open video…",
             "Older posts Prev", "Gallery Next:"]
    _same([rule], [lines])
    assert [line for i, line in enumerate(lines) if m._checks[0](line)] == \
        [line for line in lines if rule.accepts(line)]


def test_a_translation_the_database_misses_falls_back_to_literals():
    # Hyperscan 5.4.12 misses this translation below a long line (see _unreported); the
    # rule has literals ("newsletter", ...), which then find it, not a check of every line.
    pattern = (r"^(?:[^.!?]{3,80}\?\s*)?(?:Sign up|Subscribe|Register|Join|Get)(?: (?:now|today|free))?"
               r"(?: (?:to|for))? (?:our|the|my|this|a) (?:free |daily |weekly ){0,3}(?:[\p{L}\d&'’:-]{1,25} ){0,6}"
               r"(?:e-?mails?|newsletters?|bulletins?|briefings?|digest)\b[^!?]{0,200}$")
    rule = _rule(1, pattern, drop=("Subscribe to our newsletter",))
    doc = ["Sources: National Weather Service; county office", "Subscribe to our newsletter", BODY]
    _same([rule], [doc])
    m = M.HyperscanMatcher([rule])
    assert m.always == ()


# -- random rules of the shapes above ------------------------------------------------------

_WORDS = ["Foto", "Bild", "Le Monde", "prev", "Next", "news", "app", "Straße", "STRASSE", "ﬁnal", "İstanbul",
          "ıi", "Kelvin", "K", "ſ", "Get"]
_ATOMS = st.one_of(st.sampled_from(_WORDS).map(regex.escape),
                   st.sampled_from([r"\p{Lu}\w{0,8}", r"[\p{L} ]{1,12}", r"\d{1,3}", r"(?: |$)", r"[.!]?", r"\s*",
                                    r"(?-i:Le Monde)", r"(?-i:AB)c"]))


@st.composite
def _shaped(draw):
    """`^(?=\\S)(?:A)?(?:B)?$`, `^(?:A|B)(?: |$)C?$` and plain sequences of those atoms."""
    def seq():
        return "".join(draw(st.lists(_ATOMS, min_size=1, max_size=3)))
    shape = draw(st.integers(0, 2))
    if shape == 0:
        return rf"^(?=\S)(?:{seq()})?(?:{seq()})?$"
    if shape == 1:
        return rf"^(?:{seq()}|{seq()})(?: |$)(?:{seq()})?$"
    return "^" + seq() + draw(st.sampled_from(["", "$"]))


_LINE = st.lists(st.one_of(st.sampled_from(_WORDS + ["", " ", ".", "!", "12", "the", "Le", "Monde"]),
                           st.text(alphabet="aAsSßkKiIİı .:!", max_size=6)), max_size=6).map(" ".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_shaped(), st.booleans()), min_size=1, max_size=4), st.lists(_LINE, min_size=1, max_size=8))
def test_shaped_rules_equal_reference(shapes, lines):
    rules = []
    for n, (pattern, cs) in enumerate(shapes):
        try:
            rule = _rule(n, pattern, case_sensitive=cs)
        except regex.error:
            continue
        # The rule's own drop examples: the lines it accepts (a translation is checked on them).
        try:
            drop = tuple(x for x in lines if x and rule.pattern.search(x, timeout=0.2))
        except TimeoutError:
            reject()
        rules.append(dataclasses.replace(rule, examples=Examples(drop=drop)))
    if not rules:
        reject()
    _same(rules, [lines], timeout=0.5)
