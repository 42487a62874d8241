"""Metadata from what survived: the title line and the article date."""

from __future__ import annotations

import regex

from .state import PassState

__all__ = ["find_title", "find_date"]

_MAX_TITLE_WORDS = 30
_DATE_PATTERNS = (
    (regex.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b"), ("d", "m", "y")),
    (regex.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), ("y", "m", "d")),
    (regex.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b"), ("m", "d", "y")),
)


def find_title(state: PassState, look_at: int = 3) -> int | None:
    """The headline: among the first kept lines, the first that reads like one.

    A kicker above the headline ("Waffenhilfe?") is short; the headline has at least three
    words and does not end like a sentence.
    """
    kept = state.kept()[:look_at]
    for i in kept:
        line = state.doc.lines[i]
        if 3 <= len(line.split()) <= _MAX_TITLE_WORDS and not line.endswith("."):
            return i
    return kept[0] if kept else None


def find_date(state: PassState) -> str | None:
    """An ISO date from the first dateline a rule removed, if it has a numeric date."""
    for removal in state.removals:
        if removal.category != "dateline":
            continue
        for pattern, order in _DATE_PATTERNS:
            found = pattern.search(removal.text)
            if found:
                parts = dict(zip(order, found.groups()))
                day, month = int(parts["d"]), int(parts["m"])
                if 1 <= day <= 31 and 1 <= month <= 12:
                    return f"{parts['y']}-{month:02d}-{day:02d}"
    return None
