"""Segments and tiers of the Hyperscan matcher must not change what it finds.

- the pack families that recur in every selection of a language (a language's packs, the
  common packs) share one set of databases; a site family keeps its own;
- a tier's database also holds the rules of smaller word bounds, whose hits on longer
  lines are dropped by word count before any check.

Each is checked against ReferenceMatcher, on chosen and on random rules spread over
several families.
"""

from __future__ import annotations

import dataclasses

import pytest
import regex
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from cleaner.engine import matcher as M
from cleaner.engine.model import Examples, Match, Rule, RuleDoc, Source
from cleaner.errors import LimitError

pytestmark = pytest.mark.skipif(not M.hyperscan_available(), reason="hyperscan is not installed")
BODY = "The council met on Monday and agreed to close the old bridge for repairs until spring."


@pytest.fixture(autouse=True)
def _cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "segment-cache"))


def _rule(n: int, pattern: str, pack: str, kind: str = "regex", case_sensitive: bool = False, **where) -> Rule:
    match = Match(kind=kind, patterns=(pattern,), case_sensitive=case_sensitive)  # type: ignore[arg-type]
    return Rule(id=f"S-{n:03d}", name="s", category="other", match=match, action="drop-line",
                doc=RuleDoc("s", "s"), examples=Examples(), pack=pack, source=Source("s"),
                pattern=match.compile(), **where)


def _pairs(found):
    return [(i, r.id) for i, r in found]


def _same(rules, docs, timeout=None):
    """HyperscanMatcher finds what ReferenceMatcher finds, in the same order; with `timeout`,
    an example on which a full-case search backtracks past it is rejected."""
    try:
        expected = [_pairs(M.ReferenceMatcher(rules, timeout).match(lines)) for lines in docs]
    except LimitError:
        reject()
    m = M.HyperscanMatcher(rules, timeout)
    for lines, want in zip(docs, expected):
        assert _pairs(m.match(lines)) == want, ([(r.pack, r.pattern.pattern) for r in rules], lines)
        assert _pairs(m.match(lines, M.count_words(lines))) == want


def test_recurring_families_share_databases_and_sites_keep_their_own():
    packs = ["sites/a.example", "sites/b.example", "de/nav", "de/ads", "common/share", "sites/c.example", "x/y"]
    rules = [_rule(n, rf"^Wort{n}\b", pack) for n, pack in enumerate(packs)]
    spans = M._segment_spans(rules)
    assert [(start, end) for start, end, _ in spans] == [(0, 2), (2, 5), (5, 6), (6, 7)]
    # The plan of a shared segment is made per family, as the selections share them.
    assert spans[1][2] == [(0, 2), (2, 3)]
    m = M.HyperscanMatcher(rules)
    assert [seg.offset for seg in m.segments] == [0, 2, 5, 6]
    _same(rules, [[f"Wort{n} steht hier" for n in range(len(packs))] + [BODY]])


def test_bounded_hits_on_longer_lines_are_no_candidates():
    # Both rules' translations sit in the tier-32 database; the 5-word rule's hit on the
    # 20-word line is dropped by its word count, the 20-word rule's is checked.
    short = _rule(0, r"^(?:Mehr|Weitere) \p{L}+", "de/nav", max_words=5)
    wide = _rule(1, r"^(?:Mehr|Weitere) \p{L}+", "common/x", max_words=20)
    line = "Mehr " + " ".join(["Wort"] * 19)
    m = M.HyperscanMatcher([short, wide])
    assert len(m.segments) == 1
    assert _pairs(m.match([line, "Mehr Themen"])) == [(0, "S-001"), (1, "S-000"), (1, "S-001")]
    _same([short, wide], [[line, "Mehr Themen", "Weitere Artikel zum Thema", BODY]])


_PACKS = st.sampled_from(["de/a", "de/b", "common/c", "sites/s.example", "en/d"])
_WORDS = ["Foto", "Mehr", "Anzeige", "Straße", "STRASSE", "İstanbul", "ıi", "Kelvin", "K", "ſ", "ﬁnal", "Le Monde"]
_ATOMS = st.one_of(st.sampled_from(_WORDS).map(regex.escape),
                   st.sampled_from([r"\p{Lu}\w{0,8}", r"[\p{L} ]{1,12}", r"\d{1,3}", r"(?: |$)", r"[.!]?", r"\s*",
                                    r" \p{L}+", r"(?-i:Le Monde)"]))
_LINE = st.lists(st.one_of(st.sampled_from(_WORDS + ["", " ", ".", "12", "the", "word"]),
                           st.text(alphabet="aAsSßkKiIİı .:!", max_size=6)), max_size=9).map(" ".join)


@st.composite
def _bounded_rules(draw):
    rules = []
    for n in range(draw(st.integers(1, 6))):
        body = "".join(draw(st.lists(_ATOMS, min_size=1, max_size=3)))
        pattern = draw(st.sampled_from(["^", ""])) + body + draw(st.sampled_from(["", "$"]))
        where = {"max_words": draw(st.one_of(st.none(), st.integers(0, 6))),
                 "max_chars": draw(st.one_of(st.none(), st.integers(0, 24)))}
        try:
            rule = _rule(n, pattern, draw(_PACKS), case_sensitive=draw(st.booleans()), **where)
        except regex.error:
            continue
        rules.append(rule)
    if not rules:
        reject()
    # The selection order: site packs first, then a language's packs and the common ones.
    return sorted(rules, key=lambda r: (not r.pack.startswith("sites/"), r.pack))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_bounded_rules(), st.lists(st.lists(_LINE, min_size=1, max_size=10), min_size=1, max_size=3),
       st.sampled_from([(1, 2, 4), (3,), (32,)]))
def test_families_and_tiers_equal_reference(rules, docs, tiers):
    rules = [dataclasses.replace(rule, examples=Examples(drop=tuple(x for lines in docs for x in lines
                                                                    if x and _accepts(rule, x))))
             for rule in rules]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(M, "_WORD_TIERS", tiers)
        _same(rules, docs, timeout=0.5)


def _accepts(rule: Rule, line: str) -> bool:
    try:
        return rule.pattern.search(line, timeout=0.2) is not None
    except TimeoutError:
        reject()
    return False
