"""A rule's Hyperscan translation is kept small (`matcher._MAX_TRANSLATION_BYTES`).

A cue pair "call word, up to 80 characters, product word" (or the reverse) with long word
lists on both sides compiled to megabytes (DE-PAY-023: 12 MB of German's 36). Over the
limit, the translation is made coarser; it must still match every line the pattern
matches, and the matchers' results must stay the reference's.
"""

from __future__ import annotations

import pytest

from cleaner.engine import matcher as M
from cleaner.engine import matcher_literals as L
from cleaner.engine.model import Examples, Match, Rule, RuleDoc, Source

pytestmark = pytest.mark.skipif(not M.hyperscan_available(), reason="hyperscan is not installed")

CALLS = ("lesen", "testen", "sichern", "bestellen", "entdecken", "abonnieren", "melden", "registrieren",
         "loggen", "holen", "buchen", "nutzen", "freischalten", "probieren", "erleben", "gewinnen")
PRODUCTS = ("Abo", "Abonnement", "Digitalabo", "Probeabo", "E-Paper", "Plus-Artikel", "Digitalzugang",
            "Wochenendausgabe", "Printausgabe", "Sonntagsausgabe", "Jahresabo", "Schnupperabo", "Testabo")
CALL = r"\b(?:" + "|".join(CALLS) + r") (?:jetzt |bitte )?(?-i:Sie)\b"
PRODUCT = r"\b(?:" + "|".join(PRODUCTS) + r")\b"
PAIR = rf"^(?!.*\?$)(?:.{{0,80}}?{CALL}.{{0,80}}?{PRODUCT}|.{{0,80}}?{PRODUCT}.{{0,80}}?{CALL})"

DROP = ("Testen Sie jetzt das Digitalabo.", "Mit dem E-Paper lesen Sie alles.", "Sichern Sie sich das Jahresabo!",
        "Das Probeabo: jetzt bestellen Sie es hier.")
LINES = (*DROP, "Lesen Sie mehr dazu morgen.", "Das Abo kostet 9 Euro.", "Testen Sie das Abo?",
         "Der Rat beschloss am Montag, die alte Brücke bis zum Frühjahr zu sperren.",
         "Die Printausgabe erscheint am Samstag; abonnieren Sie sie im Laden.", "")


@pytest.fixture(autouse=True)
def _cache(tmp_path_factory, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "translation-size-cache"))


def _rule(pattern: str, drop: tuple[str, ...] = DROP) -> Rule:
    match = Match(kind="regex", patterns=(pattern,))
    return Rule(id="P-001", name="p", category="paywall", match=match, action="drop-line",
                doc=RuleDoc("p", "p"), examples=Examples(drop=drop), pack="p", source=Source("p"),
                pattern=match.compile(), max_words=30)


def _hits(exprs: list[str], line: str) -> bool:
    import hyperscan as hs

    db = hs.Database(mode=hs.HS_MODE_BLOCK)
    db.compile(expressions=[e.encode("ascii") for e in exprs], ids=list(range(len(exprs))), elements=len(exprs),
               flags=[M._TRANSLATION_FLAGS(hs)] * len(exprs))
    found: list[int] = []
    db.scan(("\n" + line + "\n").encode(), match_event_handler=lambda *a: found.append(1))
    return bool(found)


def test_a_coarse_part_ends_after_its_first_word_list():
    exprs = L.translate_parts(PAIR, 0, coarse=True)
    assert exprs and len(exprs) == 2, exprs
    full = L.translate_parts(PAIR, 0)
    assert sum(map(len, exprs)) < sum(map(len, full)) / 2
    rule = _rule(PAIR)
    for line in LINES:
        if rule.accepts(line):
            assert _hits(exprs, line), line


def test_an_over_large_translation_is_made_coarser(monkeypatch):
    import hyperscan as hs

    rule = _rule(PAIR)
    full = M._hyperscan_translations(rule)
    monkeypatch.setattr(M, "_MAX_TRANSLATION_BYTES", M._compiled_size(full, hs) - 1)
    found = M._hyperscan_translations(rule)
    assert found and found != full
    assert M._compiled_size(found, hs) < M._compiled_size(full, hs) * 0.75
    for line in LINES:
        if rule.accepts(line):
            assert _hits(found, line), line


def test_results_equal_the_reference_with_a_coarse_translation(monkeypatch):
    monkeypatch.setattr(M, "_MAX_TRANSLATION_BYTES", 1)   # every translation over the limit
    rules = [_rule(PAIR)]
    want = [(i, r.id) for i, r in M.ReferenceMatcher(rules).match(list(LINES))]
    assert want
    got = [(i, r.id) for i, r in M.HyperscanMatcher(rules).match(list(LINES))]
    assert got == want
    assert M.HyperscanMatcher(rules).always == ()
