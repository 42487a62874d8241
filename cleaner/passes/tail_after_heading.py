"""Everything after a comments or end-of-article heading (rules with action drop-rest)."""

from __future__ import annotations

from typing import Any

from .state import PassState

__all__ = ["detect_tail_after_heading"]


def detect_tail_after_heading(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """Drop the rest after the first drop-rest heading that has enough article before it.

    The guard keeps a heading that shows up too early (a teaser box above the article)
    from taking the article with it. Removals are attributed to the heading's rule.
    """
    min_lines_before = params.get("min_lines_before", 3)
    min_words_before = params.get("min_words_before", 40)
    for i, heading in sorted(state.tail_headings, key=lambda h: h[0]):
        before = [j for j in state.nonblank[:state.rank[i]] if not state.removed[j]]
        words = sum(state.words(j) for j in before)
        if len(before) >= min_lines_before and words >= min_words_before:
            state.drop(heading.id, heading.category, i + 1, len(state.removed))
            return
