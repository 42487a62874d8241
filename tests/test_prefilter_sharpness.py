"""The shipped packs' Hyperscan prefilters stay sharp on body text.

A rule is checked with its full pattern only on the lines its prefilter picks (candidates).
A rule whose prefilter is a common word ("Und ", " in der ") or no literal at all is
checked on a large share of all lines: the cleaner still gives the same answers, only
slower, so no example test notices. This counts candidates, not time, on the body lines
of the labelled corpora: every rule a candidate on at most a fifth of them (the widest
shipped rule is at about 15%), and all rules together on at most one check per line on
average (0.4-0.7 now)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.engine import matcher as M
from cleaner.normalize import normalize_lines

pytestmark = pytest.mark.skipif(not M.hyperscan_available(), reason="hyperscan is not installed")
CORPUS = Path(__file__).resolve().parent / "corpus"
MAX_SHARE_PER_RULE = 0.20
MAX_CHECKS_PER_LINE = 1.0


def _body_lines(lang: str) -> list[str]:
    files = sorted(CORPUS.glob(f"{lang}/*.txt")) + sorted(CORPUS.glob(f"holdout*/{lang}/*.txt"))
    return [line[2:].strip() for path in files for line in path.read_text(encoding="utf-8").splitlines()
            if line.startswith("B ")]


@pytest.mark.parametrize("lang", ["de", "en", "fr"])
def test_no_rule_is_a_candidate_on_much_of_the_body(lang, monkeypatch):
    seen: dict[str, dict[int, set[int]]] = {}
    real = M._verify

    def verify(rules, lines, candidates, *rest):
        seen["candidates"] = candidates
        return real(rules, lines, candidates, *rest)

    monkeypatch.setattr(M, "_verify", verify)
    matcher = Cleaner()._pipeline(lang, None, None).matcher
    assert isinstance(matcher, M.HyperscanMatcher)
    lines = _body_lines(lang)
    assert len(lines) > 500
    matcher.match(normalize_lines(lines))
    per_rule = Counter(rule for rules in seen["candidates"].values() for rule in rules)
    wide = {matcher.rules[r].id: round(n / len(lines), 2) for r, n in per_rule.items()
            if n > MAX_SHARE_PER_RULE * len(lines)}
    assert not wide, f"prefilters picking more than {MAX_SHARE_PER_RULE:.0%} of {lang} body lines: {wide}"
    assert sum(per_rule.values()) <= MAX_CHECKS_PER_LINE * len(lines)
    assert not matcher.always, [matcher.rules[r].id for r in matcher.always]
