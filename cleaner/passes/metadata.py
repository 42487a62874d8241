"""Metadata from what survived: the title line and the article date."""

from __future__ import annotations

import regex

from .state import PassState

__all__ = ["find_title", "find_date", "reads_like_headline"]

_MAX_TITLE_WORDS = 30
_MAX_KICKER_WORDS = 5
_MAX_LABELS_BETWEEN = 2  # one-word labels between a section name and the headline
_MAX_SECTION_WORDS = 3  # a section name above such labels; a longer line is taken for the headline
_PARAGRAPH_WORDS = 12
_NUMERIC_DATES = (
    (regex.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b"), ("d", "m", "y")),
    (regex.compile(r"\b(\d{4})-(\d{2})-(\d{2})(?!\d)"), ("y", "m", "d")),
)
_SLASH_DATE = regex.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")
# "12. März 2024", "12 mars 2024", "March 12, 2024": month names come from the language pack.
_DAY_MONTH_YEAR = regex.compile(r"\b(\d{1,2})(?:\.|er)?\s+(\p{L}{3,12})\.?\s+(\d{4})\b")
_MONTH_DAY_YEAR = regex.compile(r"\b(\p{L}{3,12})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")


def find_title(state: PassState, look_at: int = 6) -> int | None:
    """The headline: among the first kept lines, the first that reads like one.

    A one- or two-word kicker above the headline ("Waffenhilfe?", "Penzlin") is too short
    to be one; a longer kicker ("Drama im Wipptal", "Crime & Safety") is told from the
    headline by what follows it: a longer headline-like line right under it, or under one
    or two one-word labels when the kicker-length line is a section name of at most three
    words ("ITV News Border" / "Cumbria" / headline). The search stops at the first line
    that reads like a paragraph.
    """
    kept = state.kept()[:look_at]
    for n, i in enumerate(kept):
        if _reads_like_paragraph(state, i):
            break
        if reads_like_headline(state, i):
            following = kept[n + 1] if n + 1 < len(kept) else None
            if following is not None and _is_kicker_of(state, i, following):
                return following
            following = _after_labels(state, kept, n + 1)
            if following is not None and state.words(i) <= _MAX_SECTION_WORDS and _is_kicker_of(state, i, following):
                return following
            return i
    return kept[0] if kept else None


def _after_labels(state: PassState, kept: list[int], n: int) -> int | None:
    """The line after one or two one-word labels starting at kept[n], if there are such:
    a section name, then a place or tag, then the headline ("ITV News Border" / "Cumbria" /
    headline). One word only: a two-word line under a headline may be its author's name."""
    k = n
    while k < len(kept) and k < n + _MAX_LABELS_BETWEEN and state.words(kept[k]) == 1:
        k += 1
    return kept[k] if n < k < len(kept) else None


def reads_like_headline(state: PassState, i: int) -> bool:
    return 3 <= state.words(i) <= _MAX_TITLE_WORDS and not state.doc.lines[i].endswith(".")


def _reads_like_paragraph(state: PassState, i: int) -> bool:
    return state.words(i) > _MAX_TITLE_WORDS or (state.words(i) >= _PARAGRAPH_WORDS and state.doc.lines[i].endswith("."))


def _is_kicker_of(state: PassState, kicker: int, headline: int) -> bool:
    """A short label line right above a longer headline-like line is that headline's kicker."""
    return state.words(kicker) <= _MAX_KICKER_WORDS and reads_like_headline(state, headline) \
        and state.words(headline) > state.words(kicker)


def find_date(state: PassState, months: dict[str, int] | None = None) -> str | None:
    """An ISO date from the first dateline a rule removed: numeric, or with a month name of the language."""
    for removal in state.removals:
        if removal.category == "dateline":
            found = parse_date(removal.text, months or {}, month_first=state.doc.lang == "en")
            if found:
                return found
    return None


def parse_date(text: str, months: dict[str, int], *, month_first: bool = False) -> str | None:
    """The first date in `text` as YYYY-MM-DD; slash dates are month-first only for English."""
    for pattern, order in _NUMERIC_DATES:
        found = pattern.search(text)
        if found:
            return _iso(dict(zip(order, found.groups())))
    found = _SLASH_DATE.search(text)
    if found:
        return _iso(dict(zip(("m", "d", "y") if month_first else ("d", "m", "y"), found.groups())))
    for found in _DAY_MONTH_YEAR.finditer(text):
        month = months.get(found.group(2).casefold())
        if month:
            return _iso({"d": found.group(1), "m": month, "y": found.group(3)})
    for found in _MONTH_DAY_YEAR.finditer(text):
        month = months.get(found.group(1).casefold())
        if month:
            return _iso({"d": found.group(2), "m": month, "y": found.group(3)})
    return None


def _iso(parts: dict[str, object]) -> str | None:
    day, month, year = int(parts["d"]), int(parts["m"]), int(parts["y"])  # type: ignore[call-overload]
    if 1 <= day <= 31 and 1 <= month <= 12:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None
