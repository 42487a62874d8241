"""A caption line directly above a photo-credit line that a rule removed ("… lors du conseil." / "Photo : AFP")."""

from __future__ import annotations

from typing import Any

from .metadata import find_title
from .state import PassState

__all__ = ["detect_caption_before_credit"]


def detect_caption_before_credit(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """The kept line right above a removed whole-line credit, in the same block, is its caption.

    Caption and credit must make a block of their own (blank line above the caption,
    nothing kept after the credit before the next blank line): scraped text often has no
    blank lines between paragraphs, and a paragraph followed by a credit is not a caption.
    """
    max_words = params.get("max_words", 30)
    credit_categories = set(params.get("credit_categories", ["credit"]))
    title_at = find_title(state)
    lines = state.doc.lines
    for i in range(1, len(lines)):
        above = i - 1
        if not state.removed[i] or state.blank[above] or state.removed[above] or above == title_at:
            continue
        if not any(r.category in credit_categories and r.action != "drop-span" for r in state.hits.get(i, ())):
            continue
        text = lines[above]
        if state.words(above) <= max_words and not text.endswith(":") and _own_block(state, above, i):
            state.drop_line(rule_id, category, above)


def _own_block(state: PassState, caption: int, credit: int) -> bool:
    """Caption and credit make a block of their own: a blank line (or the start) above the
    caption, and nothing kept after the credit up to the next blank line."""
    if caption > 0 and not state.blank[caption - 1]:
        return False
    j = credit + 1
    while j < len(state.blank) and not state.blank[j]:
        if not state.removed[j]:
            return False
        j += 1
    return True
