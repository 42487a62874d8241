"""A bare person's name in the byline block, without "Von"/"By"/"Par" ("Ulrike Behringer" / "14.11.2025")."""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

from .author_box import looks_like_name
from .metadata import find_title
from .state import PassState

__all__ = ["detect_head_name"]

_SENTENCE_END = (".", "!", "?", ":", ";", "…")


def detect_head_name(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """A name line in the head next to a byline or dateline a rule removed is the byline.

    Without the "Von" a name is only a name; its company says what it is. The line must
    be right next to (no blank line between) a removed line of one of the byline
    categories, and not be the line just above the headline (a person as kicker). A name
    next to a name this pass took is part of the same byline block ("Sabine Pröll" twice
    above "Redakteurin Wien-Favoriten" and the date): the block is followed line by line.
    """
    max_words = params.get("max_words", 4)
    particles = frozenset(params["name_particles"]) if "name_particles" in params else None
    signal = frozenset(params.get("neighbour_categories", ("author", "dateline")))
    if not state.lines_hit_as(signal):
        return  # no byline or dateline anywhere: nothing to stand next to
    title_at = find_title(state)
    _outlet_under_title(state, rule_id, category, title_at, signal, params.get("outlet_words", 0))
    _name_under_title(state, rule_id, category, title_at, params.get("under_title_words", 0),
                      params.get("paragraph_words", 12))
    lines = state.doc.lines
    kept = state.kept()
    candidates = []
    for pos, i in enumerate(kept):
        if not state.in_region(i, "head"):
            break
        if i == title_at or state.words(i) > max_words or not looks_like_name(lines[i], particles):
            continue
        if pos + 1 < len(kept) and kept[pos + 1] == title_at:
            continue  # a kicker above the headline may well be a person's name
        candidates.append(i)
    taken: set[int] = set()
    while True:  # at most one pass per candidate: each round takes one more or stops
        found = [i for i in candidates if i not in taken and _byline_next_to(state, i, signal, taken)]
        if not found:
            return
        for i in found:
            state.drop_line(rule_id, category, i)
        taken.update(found)


def _byline_next_to(state: PassState, i: int, signal: frozenset[str], taken: set[int]) -> bool:
    """The line right above or below i (same block) was removed by a byline or dateline
    rule, or is a name this pass took as the byline."""
    at = bisect_left(state.nonblank, i)
    for k in (at - 1, at + 1):
        if 0 <= k < len(state.nonblank):
            j = state.nonblank[k]
            if abs(j - i) == 1 and state.removed[j] and (
                    j in taken or any(r.category in signal for r in state.hits.get(j, ()))):
                return True
    return False


def _outlet_under_title(state: PassState, rule_id: str, category: str, title_at: int | None,
                        signal: frozenset[str], max_words: int) -> None:
    """A word or two right under the headline and right above a removed byline or dateline,
    in one block, is the outlet or desk the byline names ("oe24" / "23. November 2026 19:12"):
    a standfirst is longer, and a label above the headline is a kicker, not this."""
    if title_at is None or not max_words:
        return
    i, lines = title_at + 1, state.doc.lines
    if i + 1 >= len(lines) or state.blank[i] or state.removed[i] or state.blank[i + 1] or not state.removed[i + 1]:
        return
    if state.words(i) <= max_words and not lines[i].endswith(_SENTENCE_END) and state.in_region(i, "head") \
            and any(r.category in signal for r in state.hits.get(i + 1, ())):
        state.drop_line(rule_id, category, i)


def _name_under_title(state: PassState, rule_id: str, category: str, title_at: int | None,
                      max_words: int, paragraph_words: int) -> None:
    """A name of two to `max_words` words right under the headline, with the first paragraph
    right under it, is the byline printed without "Von"/"By" ("Thyssenkrupp Steel: …" /
    "Frank Meßing" / "Essen/Duisburg. Der Vorstand will …"); the page's dateline or byline
    furniture is elsewhere (the pass runs only on pages with one). A subheading comes after a
    paragraph, not between the headline and the first one; a line in capitals ("GIRLS
    BASKETBALL") is a section label and stays."""
    if title_at is None or not max_words:
        return
    kept = state.kept()
    at = bisect_left(kept, title_at)
    if at + 2 >= len(kept) or kept[at] != title_at:
        return
    i, paragraph = kept[at + 1], kept[at + 2]
    lines = state.doc.lines
    if any(state.removed[k] for k in range(title_at + 1, paragraph)) or not state.in_region(i, "head"):
        return
    if 2 <= state.words(i) <= max_words and looks_like_name(lines[i]) and lines[i] != lines[i].upper() \
            and state.words(paragraph) >= paragraph_words:
        state.drop_line(rule_id, category, i)
