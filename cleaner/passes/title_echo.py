"""The headline repeated at the very end of the text (a scraped "share this" title)."""

from __future__ import annotations

from typing import Any

from .metadata import find_title
from .state import PassState

__all__ = ["detect_title_echo"]

# A line ending like a sentence is text, not a headline: its repeat is the writer's.
_SENTENCE_END = (".", "!", "?", ":", ";", "…")


def detect_title_echo(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """An exact repeat of the headline among the last kept lines goes.

    find_title may take a kicker ("Crime & Safety", "Farrell's final call") for the
    headline, so any of the first kept lines of three words or more that does not end
    like a sentence counts as well.
    """
    look_back = params.get("look_back", 3)
    look_at = params.get("head_lines", 4)
    # Dropping an echo brings an earlier line into the last few: look again until none is
    # an echo, so a run of repeats goes in one pass (the pipeline's rounds are capped, and
    # a second cleaning would otherwise take what the first left).
    while _drop_echoes(state, rule_id, category, look_back, look_at):
        pass


def _drop_echoes(state: PassState, rule_id: str, category: str, look_back: int, look_at: int) -> bool:
    kept = state.kept()
    title_at = find_title(state)
    if title_at is None:
        return False
    lines = state.doc.lines
    heads = sorted({i for i in kept[:look_at] if state.words(i) >= 3 and not lines[i].endswith(_SENTENCE_END)}
                   | {title_at})
    dropped = False
    for i in kept[-look_back:]:
        text = lines[i].casefold()
        if any(h < i and lines[h].casefold() == text for h in heads):
            state.drop_line(rule_id, category, i)  # the first copy stays
            dropped = True
    return dropped
