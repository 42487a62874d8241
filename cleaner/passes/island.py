"""Short lines enclosed by removed lines inside the article ("Tore: 1:0 Grifo (49.)" in a match box)."""

from __future__ import annotations

from typing import Any

from .metadata import find_title
from .state import TEXT_END, PassState

__all__ = ["detect_island"]


def detect_island(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """After the first paragraph, a run of one to `max_run` short kept lines that are not
    sentences, with a removed line directly above and directly below it (no blank line
    between), is what rules left of a box ("Spielbericht" box: a removed date / "Europa-Park
    Stadion, Freiburg" / "Zuschauer: 34.700 (ausverkauft)" / a removed lineup line).

    The head has its own pass (a kicker above the headline is judged there), and the end of
    the text too (tail-furniture). A subheading is followed by its paragraph; when an ad, a
    player, a caption or a credit (`in_text_categories`) is right under it, that sits between
    the subheading and its paragraph, so a run over such a line stays."""
    max_words, max_run = params.get("max_words", 6), params.get("max_run", 3)
    paragraph_words = params.get("paragraph_words", 12)
    in_text = frozenset(params.get("in_text_categories", ()))
    kept = state.kept()
    first = next((i for i in kept if state.words(i) >= paragraph_words), None)
    if first is None:
        return
    _box_titles(state, rule_id, category, params, kept, first)
    _head_summary(state, rule_id, category, params, kept, first)
    run: list[int] = []
    for i in kept:
        if i <= first:
            continue
        if not _short_label(state, i, max_words):
            run = []
            continue
        run = [*run, i] if run and run[-1] == i - 1 else [i]
        if len(run) <= max_run and _removed_next_to(state, i + 1) and _removed_next_to(state, run[0] - 1) \
                and state.removed_as(i + 1) not in in_text \
                and (len(run) == 1 or state.removed_as(run[0] - 1) not in in_text):
            for k in run:
                state.drop_line(rule_id, category, k)
            run = []


def _short_label(state: PassState, i: int, max_words: int) -> bool:
    return state.words(i) <= max_words and not state.doc.lines[i].rstrip().endswith(TEXT_END)


def _removed_next_to(state: PassState, k: int) -> bool:
    """Line `k` exists and a rule removed it (a blank line would set the run apart)."""
    return 0 <= k < len(state.removed) and state.removed[k] and not state.blank[k]


def _box_titles(state: PassState, rule_id: str, category: str, params: dict[str, Any],
                kept: list[int], first: int) -> None:
    """A short label right under a paragraph and right above a line a rule removed as one of
    `box_categories`, all in one block, is that box's title ("Ce qu'il faut savoir" / "180 %" /
    "Taux d'occupation …"): the article's subheading would stand above its own paragraph."""
    label_words = params.get("box_title_words", 0)
    boxes = frozenset(params.get("box_categories", ()))
    paragraph_words = params.get("paragraph_words", 12)
    if not label_words or not boxes:
        return
    lines, removed, blank = state.doc.lines, state.removed, state.blank
    for i in kept:
        if i <= first + 1 or i + 1 >= len(lines) or state.words(i) > label_words \
                or lines[i].rstrip().endswith(TEXT_END):
            continue
        above, below = i - 1, i + 1
        if blank[above] or removed[above] or state.words(above) < paragraph_words:
            continue
        if not blank[below] and removed[below] and state.removed_as(below) in boxes:
            state.drop_line(rule_id, category, i)


def _head_summary(state: PassState, rule_id: str, category: str, params: dict[str, Any],
                  kept: list[int], first: int) -> None:
    """Between the headline and the first paragraph, a run of two or three short lines that are
    not sentences, with a removed line right above and right below it (no blank between), is
    a summary box whose label and footer rules removed ("KI-Zusammenfassung" / "Lkw stellt sich
    bei Glätte auf der A2 quer" / "Stau von bis zu 30 Kilometern …" / "Diese Zusammenfassung
    wurde mit KI erstellt …"). A standfirst is one line (a single line stays), and the line
    right under the headline is never taken: the run must follow a removed line."""
    max_words = params.get("head_max_words", 0)
    min_run, max_run = params.get("head_min_run", 2), params.get("max_run", 3)
    if not max_words:
        return
    title_at = find_title(state)
    if title_at is None:
        return
    run: list[int] = []
    for i in kept:
        if i >= first:
            break
        if i <= title_at or state.words(i) > max_words or state.doc.lines[i].rstrip().endswith(TEXT_END):
            run = []
            continue
        run = [*run, i] if run and run[-1] == i - 1 else [i]
        if min_run <= len(run) <= max_run and run[0] - 1 > title_at and _removed_next_to(state, run[0] - 1) \
                and _removed_next_to(state, i + 1):
            for k in run:
                state.drop_line(rule_id, category, k)
            run = []
