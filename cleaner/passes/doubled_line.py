"""A line that is one text written twice ("X X"): a teaser link with its label repeated."""

from __future__ import annotations

from typing import Any

from .state import PassState, collapsed

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
        lines, counts = state.doc.lines, state.word_counts
        found = state.cache[key] = frozenset(
            i for i in state.nonblank
            if counts[i] % 2 == 0 and counts[i] >= 2 * min_words and _halves_equal(lines[i], min_words))
    return found  # type: ignore[return-value]


def _halves_equal(line: str, min_words: int) -> bool:
    """is_doubled for a line with an even word count of at least 2 * min_words.

    A collapsed line (one space between words, none at the ends) is its words joined by
    single spaces, so its two word halves are equal exactly when it reads "A A": compared
    as strings, without splitting.
    """
    middle = len(line) // 2
    if len(line) % 2 and line[middle] == " " and line[:middle] == line[middle + 1:]:
        return True
    return not collapsed(line) and is_doubled(line, min_words)  # uncollapsed: "A A" proves nothing


def detect_doubled_line(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    min_words = params.get("min_words", 3)
    region = params.get("region", "tail")
    doubled = _doubled_lines(state, min_words)
    if not doubled:
        return
    for i in state.kept():
        if i in doubled and state.in_region(i, region):
            state.drop_line(rule_id, category, i)
