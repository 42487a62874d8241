"""A line that is one text written twice ("X X"): a teaser link with its label repeated."""

from __future__ import annotations

from typing import Any

from .state import PassState

__all__ = ["detect_doubled_line", "is_doubled"]


def is_doubled(line: str, min_words: int) -> bool:
    words = line.split()
    half, odd = divmod(len(words), 2)
    return not odd and half >= min_words and words[:half] == words[half:]


def _doubled_lines(state: PassState, min_words: int) -> frozenset[int]:
    """The non-blank lines that are doubled (a line's text never changes: once per document)."""
    key = ("doubled", min_words)
    found = state.cache.get(key)
    if found is None:
        lines = state.doc.lines
        doubled = []
        for i in state.nonblank:
            words = lines[i].split()
            state.set_words(i, len(words))
            half, odd = divmod(len(words), 2)
            if not odd and half >= min_words and words[0] == words[half] and words[:half] == words[half:]:
                doubled.append(i)
        found = state.cache[key] = frozenset(doubled)
    return found  # type: ignore[return-value]


def detect_doubled_line(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    min_words = params.get("min_words", 3)
    region = params.get("region", "tail")
    doubled = _doubled_lines(state, min_words)
    if not doubled:
        return
    for i in state.kept():
        if i in doubled and state.in_region(i, region):
            state.drop_line(rule_id, category, i)
