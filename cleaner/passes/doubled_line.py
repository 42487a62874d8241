"""A line that is one text written twice ("X X"): a teaser link with its label repeated."""

from __future__ import annotations

from typing import Any

from .state import PassState

__all__ = ["detect_doubled_line", "is_doubled"]


def is_doubled(line: str, min_words: int) -> bool:
    words = line.split()
    half, odd = divmod(len(words), 2)
    return not odd and half >= min_words and words[:half] == words[half:]


def detect_doubled_line(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    min_words = params.get("min_words", 3)
    region = params.get("region", "tail")
    for i in state.kept():
        if state.in_region(i, region) and is_doubled(state.doc.lines[i], min_words):
            state.drop_line(rule_id, category, i)
