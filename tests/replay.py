"""Shared by the structure-pass tests: clean a text and check that its removals replay."""

from __future__ import annotations

from cleaner import Cleaner, apply_removals

_CLEANER = Cleaner()  # built on first import by a test module, not at package import


def clean_replayed(text: str, lang: str) -> str:
    """The cleaned text, after checking that replaying the recorded removals gives it."""
    out = _CLEANER.clean(text, lang=lang)
    result = _CLEANER.clean_and_explain(text, lang=lang)
    assert apply_removals(text, result.removals) == out
    return out
