"""Rule patterns checked once are loaded lazily later: same behaviour, same errors."""

from __future__ import annotations

import pickle
import textwrap

import pytest
import regex

from cleaner import RuleError
from cleaner.engine import loader
from cleaner.engine.patterns import CheckedPatterns, LazyPattern


def _pack(pattern: str, keep: str = "Anzeige erstattet", action: str = "drop-line") -> str:
    return textwrap.dedent(f"""\
        pack: test/lazy
        rules:
          - id: T-LAZY-001
            name: lazy
            category: ads
            match: {{regex: '{pattern}'}}
            action: {action}
            doc: {{what: An ad label., why: Ads are not text.}}
            examples: {{drop: [Anzeige], keep: ['{keep}']}}
        """)


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(loader, "_CHECKED", CheckedPatterns())
    return tmp_path


def _load(tmp_path, pattern: str, **pack):
    path = tmp_path / "lazy.yaml"
    path.write_text(_pack(pattern, **pack), encoding="utf-8")
    return loader.load_pack(path).rules[0]


def test_a_pattern_checked_before_loads_lazily_and_matches_alike(fresh_cache, monkeypatch):
    first = _load(fresh_cache, r"^(?i:anzeige)$|^STRASSE$")
    assert isinstance(first.pattern, regex.Pattern)
    monkeypatch.setattr(loader, "_CHECKED", CheckedPatterns())  # a new process: only the file is left
    again = _load(fresh_cache, r"^(?i:anzeige)$|^STRASSE$")
    assert isinstance(again.pattern, LazyPattern)
    assert (again.pattern.pattern, again.pattern.flags) == (first.pattern.pattern, first.pattern.flags)
    assert again.pattern == LazyPattern(first.pattern.pattern, regex.I | regex.F, first.pattern.flags)
    for line in ("Anzeige", "straße", "Straße", "Anzeige erstattet", "STRASSE"):
        assert again.accepts(line) == first.accepts(line), line
    assert pickle.loads(pickle.dumps(again.pattern)).search("Straße")


def test_a_broken_pattern_is_rejected_however_warm_the_cache(fresh_cache):
    _load(fresh_cache, r"^Anzeige$")
    with pytest.raises(RuleError, match="T-LAZY-001"):
        _load(fresh_cache, r"^(Anzeige$")
    with pytest.raises(RuleError, match="backtracking"):
        _load(fresh_cache, r"^(a+)+$")


def test_a_corrupt_record_is_ignored(fresh_cache):
    (fresh_cache / CheckedPatterns._name()).write_text("{not json", encoding="utf-8")
    assert isinstance(_load(fresh_cache, r"^Anzeige$").pattern, regex.Pattern)


def test_a_pipeline_compiles_its_lazy_patterns_while_it_is_set_up(fresh_cache, monkeypatch):
    # Set-up does not count against a document's time budget; a pattern compiled on the
    # document's first matching line would.
    from cleaner.engine.rulebook import Selection
    from cleaner.pipeline import Pipeline

    # (a pack whose examples hold an 'ß': its lines need the full-case form, test_memory_patterns.py)
    _load(fresh_cache, r"^Anzeige$", keep="Anzeige der Straße")
    monkeypatch.setattr(loader, "_CHECKED", CheckedPatterns())
    rule = _load(fresh_cache, r"^Anzeige$", keep="Anzeige der Straße")
    assert isinstance(rule.pattern, LazyPattern) and rule.pattern._compiled is None
    Pipeline(Selection(packs=("test/lazy",), rules=(rule,), structure=()))
    assert rule.pattern._compiled is not None
