"""An image caption printed twice (alt text and caption): both copies and the credit between go.

Without caption evidence (a credit line between the copies, or a credit suffix on one
copy) the repeat is only a duplicated line: the second copy goes and the first stays, so
a paragraph the scraper doubled is still kept once.
"""

from __future__ import annotations

from typing import Any

import regex

from .state import PassState

__all__ = ["detect_caption_twice", "caption_key"]

_TRAILING_PARENTHESIS = regex.compile(r"\s*[(\[][^()\[\]]{1,60}[)\]]\s*$")
_TRAILING_PUNCT = regex.compile(r"[\s.,;:!?…\"'“”„»«]+$")


def caption_key(line: str) -> str:
    """The caption text without a trailing parenthetical credit or punctuation."""
    line = _TRAILING_PARENTHESIS.sub("", line)
    return _TRAILING_PUNCT.sub("", line).casefold()


def detect_caption_twice(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """Captions first; then doubled lines, including those the caption removal made adjacent."""
    min_words = params.get("min_words", 4)
    max_between = params.get("max_between", 2)
    max_between_words = params.get("max_between_words", 10)
    kept = state.kept()
    lines = state.doc.lines
    for pos, i in enumerate(kept):
        if pos == 0 or state.removed[i] or state.words(i) < min_words:
            continue  # the first kept line is the title: a repeated title is not a caption
        key = caption_key(lines[i])
        for step in range(1, max_between + 2):
            if pos + step >= len(kept):
                break
            j = kept[pos + step]
            if caption_key(lines[j]) != key:
                continue
            between = kept[pos + 1:pos + step]
            if not any(state.words(b) > max_between_words for b in between) and _caption_evidence(state, i, j, between):
                state.drop(rule_id, category, i, j + 1)
            break
    _drop_doubled_lines(state, rule_id, min_words)


def _drop_doubled_lines(state: PassState, rule_id: str, min_words: int) -> None:
    """A line repeated right after itself: every repeat goes, the first copy stays."""
    kept = state.kept()
    lines = state.doc.lines
    for pos, i in enumerate(kept):
        if state.removed[i] or state.words(i) < min_words:
            continue
        key = caption_key(lines[i])
        for j in kept[pos + 1:]:
            if caption_key(lines[j]) != key:
                break
            state.drop_line(rule_id, "duplicate", j)


def _caption_evidence(state: PassState, i: int, j: int, between: list[int]) -> bool:
    """A credit suffix on one copy, or a line between the copies that a credit or caption rule recognises."""
    lines = state.doc.lines
    if lines[i] != lines[j]:
        return True
    return any(any(r.category in ("credit", "caption") for r in state.hits.get(k, ())) for k in range(i + 1, j))
