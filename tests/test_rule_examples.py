"""Every rule's own examples: what it drops, what it keeps, whole cases; known misses xfail strictly."""

from __future__ import annotations

import pytest

from cleaner import Cleaner
from cleaner.engine.examples import iter_checks, run_check

_CLEANER = Cleaner()
_CHECKS = list(iter_checks(_CLEANER.rulebook.all_rules()))


def _param(check):
    marks = [pytest.mark.xfail(strict=True, reason="known miss")] if check.known_miss else []
    return pytest.param(check, id=check.label, marks=marks)


@pytest.mark.parametrize("check", [_param(c) for c in _CHECKS])
def test_rule_example(check):
    ok, why = run_check(check, _CLEANER.clean)
    assert ok, why


def test_every_rule_has_doc_and_both_kinds_of_example():
    for rule in _CLEANER.rulebook.all_rules():
        assert rule.doc.what and rule.doc.why, rule.id
        ex = rule.examples
        assert (ex.drop or ex.known_miss_drop or ex.cases), rule.id
        assert (ex.keep or ex.known_miss_keep or ex.cases), rule.id
