"""The headline repeated at the very end of the text (a scraped "share this" title)."""

from __future__ import annotations

from typing import Any

from .metadata import find_title
from .state import PassState

__all__ = ["detect_title_echo"]


def detect_title_echo(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    look_back = params.get("look_back", 3)
    kept = state.kept()
    title_at = find_title(state)
    if title_at is None:
        return
    title = state.doc.lines[title_at].casefold()
    for i in kept[-look_back:]:
        if i != title_at and state.doc.lines[i].casefold() == title:
            state.drop_line(rule_id, category, i)
