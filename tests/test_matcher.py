"""Compiled matchers must give exactly what ReferenceMatcher gives: same pairs, same order."""

from __future__ import annotations

import dataclasses
import textwrap

import regex
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner.engine import matcher as M
from cleaner.errors import LimitError
from cleaner.engine.loader import load_packs, shipped_rules_dir
from cleaner.engine.matcher_literals import case_variants, expanding_chars, text_key
from cleaner.labelled import parse_labelled
from cleaner.engine.model import Examples, Match, Rule, RuleDoc, Source
from cleaner.normalize import normalize_lines, split_lines
from conftest import CORPUS, SEEDS

BACKENDS = [M.PythonMatcher] + ([M.HyperscanMatcher] if M.hyperscan_available() else [])


@pytest.fixture(autouse=True)
def _cache(request, tmp_path_factory, monkeypatch):
    # The shipped packs' databases are the ones every Cleaner in the suite uses: that test
    # reads and fills the user's cache like they do, instead of compiling them all again.
    if request.node.get_closest_marker("user_cache") is None:
        monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "matcher-cache"))


def _rule(n: int, kind: str, patterns: tuple[str, ...], case_sensitive: bool = False, **where) -> Rule:
    match = Match(kind=kind, patterns=patterns, case_sensitive=case_sensitive)  # type: ignore[arg-type]
    return Rule(id=f"T-{n:03d}", name="t", category="other", match=match, action="drop-line",
                doc=RuleDoc("t", "t"), examples=Examples(), pack="t", source=Source("t"),
                pattern=match.compile(), **where)


def _pairs(found):
    return [(i, r.id) for i, r in found]


def _same(rules, docs):
    ref = M.ReferenceMatcher(rules)
    expected = [_pairs(ref.match(lines)) for lines in docs]  # once for all backends: the slow part
    for backend in BACKENDS:
        m = backend(rules)
        for lines, want in zip(docs, expected):
            assert _pairs(m.match(lines)) == want, (backend.__name__, lines)


# Letters that stress case folding: ß/ẞ/ss, ſ, Kelvin sign, dotted and dotless i, ligatures.
_TRICKY = "aAbBsSkKiIeEtTfFlLnN ßẞſKİıﬀﬁﬂﬆäÄéÉσΣς-:.()©0123\u0307"
_WORDS = ["Anzeige", "Kommentare", "Foto", "Straße", "STRASSE", "strasse", "Werbung", "ad", "Ad", "Aﬀe",
          "ﬁnal", "Kelvin", "İstanbul", "istanbul", "ıi", "Σίσυφος", "lesen", "Sie", "auch", "©", "dpa"]
_text = st.text(alphabet=_TRICKY, max_size=12)
_token = st.one_of(st.sampled_from(_WORDS), _text)
_line = st.lists(_token, max_size=5).map(" ".join)
_lines = st.lists(_line, max_size=12)

_atoms = st.one_of(
    st.sampled_from(_WORDS).map(regex.escape),
    st.sampled_from([r"\w", r"\d", r"\s", r"\p{L}", r"\p{Lu}", r"[a-z]", r"[ßs]", r"[^x]", ".", r"\b",
                     r"(?i:ss)", r"(?-i:Ad)", r"(?<=\S)", r"(?!\w)", "ss", "st", "ff", "ſ", "K", "İ", "ı"]),
    _text.filter(bool).map(regex.escape),
)


@st.composite
def _patterns(draw):
    parts = draw(st.lists(_atoms, min_size=1, max_size=4))
    if draw(st.booleans()):
        k = draw(st.integers(0, len(parts) - 1))
        quant = draw(st.sampled_from(["?", "*", "+", "{1,3}", "{0,2}", "{2}"]))
        parts[k] = f"(?:{parts[k]}){quant}"
    if draw(st.booleans()) and len(parts) > 1:
        parts = [f"(?:{parts[0]}|{''.join(parts[1:])})"]
    body = "".join(parts)
    anchor = draw(st.sampled_from(["", "^", "$", "^$"]))
    if "^" in anchor:
        body = "^" + body
    if "$" in anchor:
        body = body + "$"
    return body


@st.composite
def _rules(draw):
    rules = []
    for n in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["regex", "regex", "exact", "prefix"]))
        cs = draw(st.booleans())
        if kind == "regex":
            pattern = draw(_patterns())
            try:
                rules.append(_rule(n, "regex", (pattern,), cs))
            except regex.error:
                continue
        else:
            words = tuple(draw(st.lists(st.one_of(st.sampled_from(_WORDS), _text.filter(str.strip)),
                                        min_size=1, max_size=3)))
            rules.append(_rule(n, kind, words, cs))
    return rules


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rules(), st.lists(_lines, min_size=1, max_size=3))
def test_compiled_matchers_equal_reference_on_random_rules(rules, docs):
    _same(rules, docs)


# Whitespace that str.split() splits at besides " " (tab, no-break and thin space, line and
# paragraph separators, information separators), and doubled or edge spaces.
_SPACES = st.sampled_from([" ", " ", " ", "  ", "\t", "\xa0", "\u2009", "\u2028", "\x1f", "\x85", "\u3000"])
_spaced_line = st.lists(st.one_of(st.sampled_from(_WORDS), _text, _SPACES), max_size=14).map("".join)


@settings(max_examples=300, deadline=None)
@given(_spaced_line)
def test_word_count_equals_split(line):
    assert M._word_count(line) == len(line.split())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rules(), st.lists(st.lists(_spaced_line, max_size=12), min_size=1, max_size=3),
       st.lists(st.one_of(st.none(), st.integers(0, 6)), min_size=6, max_size=6),
       st.lists(st.one_of(st.none(), st.integers(0, 20)), min_size=6, max_size=6))
def test_word_tiers_equal_reference(rules, docs, max_words, max_chars):
    bounded = [dataclasses.replace(rule, max_words=w, max_chars=c) for rule, w, c in zip(rules, max_words, max_chars)]
    with pytest.MonkeyPatch.context() as patch:
        # Tiers this small put the short random lines into different tier documents.
        patch.setattr(M, "_WORD_TIERS", (1, 2, 4))
        _same(bounded, docs)


def test_cached_layout_follows_word_bounds(monkeypatch, tmp_path):
    # The same pattern with another max_words is scanned in another tier: a database laid
    # out for the old bound must not be reused.
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    rule = _rule(0, "regex", (r"^\p{Lu}\w*(?: \w+)*$",))  # no literal: found by its translation
    lines = ["Eins zwei drei vier fünf sechs sieben acht neun zehn elf", "Kurz"]
    for words in (2, None, 2, 11):
        _same([dataclasses.replace(rule, max_words=words)], [lines])


def test_size_bounds_and_priority_order():
    rules = [_rule(0, "regex", (r"Foto",), max_words=3), _rule(1, "exact", ("Foto: dpa",)),
             _rule(2, "prefix", ("Foto",)), _rule(3, "regex", (r"dpa$",), min_words=2)]
    _same(rules, [["Foto: dpa", "", "Foto von heute und morgen: dpa", "FOTO", "fotos"]])


def test_case_folding_pitfalls():
    rules = [_rule(0, "exact", ("Straße",)), _rule(1, "regex", (r"^gross",)), _rule(2, "regex", ("ix",)),
             _rule(3, "regex", ("(?i:kelvin)",), case_sensitive=True), _rule(4, "exact", ("affe",))]
    _same(rules, [["STRASSE", "straße", "STRAẞE", "Großbritannien", "İx", "ıX", "KELVIN", "Kelvin", "Aﬀe"]])


def test_lines_with_line_breaks_fall_back_to_reference():
    rules = [_rule(0, "regex", ("^b",))]
    _same(rules, [["a\nb", "b"]])


def test_text_key_keeps_line_breaks():
    text = "\nStraße\nKelvin ſ\nİı\n"
    assert text_key(text).count("\n") == text.count("\n")


def test_every_case_variant_is_folded_alike_for_the_python_backend():
    for ch in "sSkKiIßẞſKİıäÄσΣςﬀ":
        for v in case_variants(ch):
            assert M.fold(v) == M.fold(ch) or ch in expanding_chars() or v in expanding_chars()


def _docs(lang: str) -> list[list[str]]:
    """The seeds (German) and the labelled articles of one language, as the matcher sees them."""
    texts = [f.read_text(encoding="utf-8") for f in sorted(SEEDS.glob("*.txt"))] if lang == "de" else []
    texts += [parse_labelled(f).text for f in sorted(CORPUS.rglob("*.txt")) if f.parent.name == lang]
    return [normalize_lines(split_lines(text)) for text in texts]


@pytest.mark.user_cache
@pytest.mark.parametrize("lang", ["de", "en", "fr"])
def test_shipped_packs_on_corpora(lang):
    # The selection a Cleaner makes for the language: the common packs and the language's.
    # (All packs on every document would cost the reference matcher three times as long
    # for pairs no Cleaner ever checks; random rule sets cover the matchers in general.)
    packs = load_packs([shipped_rules_dir()])
    rules = [r for p in packs if not p.hosts and p.lang in (None, lang) for r in p.rules]
    assert {r.pack.split("/")[0] for r in rules} == {"common", lang}
    _same(rules, _docs(lang))


def test_unwritable_cache_does_not_fail(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(blocker / "sub"))
    rules = [_rule(0, "exact", ("Anzeige",))]
    _same(rules, [["Anzeige", "x"]])


def test_cache_is_reused(monkeypatch, tmp_path):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    rules = [_rule(0, "regex", (r"^Anzeige\b",)), _rule(1, "regex", (r"^\d{1,2}:\d{2}$",))]
    for backend in BACKENDS:
        backend(rules)
    assert any(tmp_path.iterdir())
    _same(rules, [["Anzeige", "12:30", "x"]])


def test_a_truncated_database_cache_is_rebuilt(monkeypatch, tmp_path):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    rules = [_rule(0, "regex", (r"^Anzeige\b",)), _rule(1, "regex", (r"^\d{1,2}:\d{2}$",))]
    _same(rules, [["Anzeige", "12:30", "x"]])
    cached = sorted(tmp_path.glob("hsdb-*.bin"))
    for path in cached:
        path.write_bytes(path.read_bytes()[:-7])
    assert cached or not M.hyperscan_available()
    _same(rules, [["Anzeige", "12:30", "x"]])


def test_build_matcher_falls_back_with_one_notice(monkeypatch, capsys):
    monkeypatch.setattr(M, "hyperscan_available", lambda: False)
    monkeypatch.setattr(M, "_noticed", False)
    rules = [_rule(0, "exact", ("Anzeige",))]
    assert isinstance(M.build_matcher(rules), M.PythonMatcher)
    assert isinstance(M.build_matcher(rules), M.PythonMatcher)
    assert capsys.readouterr().err.count("hyperscan") == 1
    assert isinstance(M.build_matcher(rules, backend="reference"), M.ReferenceMatcher)


# A pattern the loader's lint lets through that still backtracks for seconds on a long line.
_SLOW = r"^(?:[a-z]+ ?){1,30}\d$"


def _user_rule(tmp_path, pattern: str) -> Rule:
    pack = tmp_path / "user.yaml"
    pack.write_text(textwrap.dedent(f"""\
        pack: user/slow
        rules:
          - id: USER-SLOW-001
            name: slow
            category: other
            match: {{regex: '{pattern}'}}
            action: drop-line
            doc: {{what: A slow pattern., why: To test the time budget.}}
            examples: {{drop: [abc 1], keep: [abc]}}
        """), encoding="utf-8")
    (rule,) = load_packs([pack])[0].rules
    return rule


@pytest.mark.parametrize("backend", ["reference", "python", *(["hyperscan"] if M.hyperscan_available() else [])])
def test_regex_timeout_stops_a_slow_user_rule(tmp_path, backend):
    rule = _user_rule(tmp_path, _SLOW)
    matcher = M.build_matcher([rule], backend=backend, regex_timeout=0.05)
    assert _pairs(matcher.match(["abc 1", "abc"])) == [(0, "USER-SLOW-001")]
    with pytest.raises(LimitError) as info:
        matcher.match(["abc " * 40 + "1"])  # 41 words: more than the 30 the pattern takes
    assert "USER-SLOW-001" in str(info.value) and "user.yaml" in str(info.value)


def test_regex_timeout_leaves_shipped_rules_alone():
    shipped = [r for p in load_packs([shipped_rules_dir()]) for r in p.rules][:3]
    checks = M._checks(shipped, 0.05)
    assert all(check == rule.accepts for check, rule in zip(checks, shipped))


@pytest.mark.parametrize("pattern, line", [
    (r"^(?:ab(?:/|$)){2}$", "ab/ab"),                     # `$` inside a repeated group
    (r"^(?:(?:About|Contact)\s*(?:[|/]\s*|$)){2,16}$", "About | Contact"),
])
def test_anchors_inside_groups_are_not_lost_by_the_prefilter(pattern, line):
    # The prefilters used to read every `$` as a consumed newline, so a pattern with `$`
    # inside a repeated group demanded two newlines and missed every line it matches.
    rule = _rule(1, "regex", (pattern,))  # no examples: the translation itself must be right
    assert rule.pattern.search(line)
    for backend in BACKENDS:
        found = backend([rule]).match(["Headline", line, "ab/ab/ab/ab/ab/ab/ab/ab/ab/ab/ab/ab/ab/ab/ab/ab/ab/ab"])
        assert [i for i, _ in found] == [1], backend.__name__


def test_a_database_that_misses_its_rules_examples_is_not_trusted():
    # Hyperscan 5.4.12 misses this rule's translation (an optional prefix, then
    # "(?:\xc5\xbf|s)ub…") on a line below one of 23 or more bytes. The built database is
    # checked on the rule's drop examples below such a line, and the rule is then found by
    # its literals ("newsletter", ...) instead (tests/test_matcher_prefilters.py).
    pattern = (r"^(?:[^.!?]{3,80}\?\s*)?(?:Sign up|Sign-up|Subscribe|Register|Join|Opt in|Get|Receive|Enter your email)"
               r"(?: (?:now|today|here|for free|free))?(?: (?:to|for))? (?:our|the|my|this|a) (?:free |daily |weekly |new "
               r"|award-winning |twice-weekly |morning |evening |exclusive ){0,3}(?:[\p{L}\d&'’:-]{1,25} ){0,6}"
               r"(?:e-?mails?|newsletters?|bulletins?|briefings?|email alerts?|news alerts?|digest|roundup|round-up"
               r"|dispatch)\b[^!?]{0,200}$")
    rule = dataclasses.replace(_rule(1, "regex", (pattern,)), examples=Examples(drop=("Subscribe to our newsletter",)))
    doc = ["Sources: National Weather Service; county office", "Subscribe to our newsletter"]
    _same([rule], [doc])


@pytest.mark.parametrize("pattern", [r"^(?:a?)*b?$", r"^(?:\b)*$", r"^(?:(?=a))*x?$"])
def test_an_optional_that_can_match_nothing_does_not_hang_the_planner(pattern):
    # The planner splits `^(?:A)?(?:B)?$` into one part per optional item; an item that can
    # itself match nothing yielded its own shape again, for ever (hypothesis found one).
    _same([_rule(1, "regex", (pattern,))], [["", "a", "b", "ab", "aab", "x", "a x", "Anzeige"]])
