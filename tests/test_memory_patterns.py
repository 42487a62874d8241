"""Full-case forms that lines seldom need stay uncompiled until a line needs one (memory:
`regex` full case folding costs 5-50 times the simple-case twin; pipeline._compile_patterns)."""

from __future__ import annotations

import pytest

from cleaner.engine import loader
from cleaner.engine.patterns import CheckedPatterns, LazyPattern
from cleaner.engine.rulebook import Selection
from cleaner.pipeline import Pipeline
from test_patterns import _load


@pytest.fixture
def lazy_rule(tmp_path, monkeypatch):
    """Loads a rule the way a warm cache does: its pattern checked before, so lazy."""
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))

    def load(pattern: str, **pack):  # type: ignore[no-untyped-def]
        monkeypatch.setattr(loader, "_CHECKED", CheckedPatterns())
        _load(tmp_path, pattern, **pack)
        monkeypatch.setattr(loader, "_CHECKED", CheckedPatterns())  # a new process
        rule = _load(tmp_path, pattern, **pack)
        assert isinstance(rule.pattern, LazyPattern) and rule.pattern._compiled is None
        return rule

    return load


def _set_up(rule):  # type: ignore[no-untyped-def]
    return Pipeline(Selection(packs=("test/lazy",), rules=(rule,), structure=()))


def test_a_full_case_form_no_example_needs_is_compiled_by_the_first_line_that_needs_it(lazy_rule):
    rule = lazy_rule(r"^(?:Anzeige|STRASSE)$")
    _set_up(rule)
    assert rule.pattern._compiled is None
    assert rule.accepts("Anzeige") and rule.accepts("strasse") and not rule.accepts("Anzeige erstattet")
    assert rule.pattern._compiled is None  # ASCII lines: the simple-case twin answers
    assert rule.accepts("Straße")  # only full case folding matches this line
    assert rule.pattern._compiled is not None


def test_a_pack_whose_examples_hold_a_folding_character_compiles_it_at_set_up(lazy_rule):
    rule = lazy_rule(r"^Anzeige$", keep="Anzeige der Straße")
    _set_up(rule)
    assert rule.pattern._compiled is not None


def test_a_span_rule_compiles_it_at_set_up(lazy_rule):
    # the span pass searches the pattern itself, not through its twin
    rule = lazy_rule(r"^Anzeige", action="drop-span")
    _set_up(rule)
    assert rule.pattern._compiled is not None


def test_a_pattern_without_twin_is_compiled_at_set_up(lazy_rule):
    rule = lazy_rule(r"^(?:Anzeige|Stra\u00dfe)$")  # names an 'ß' itself: no simple-case twin
    _set_up(rule)
    assert rule.pattern._compiled is not None
