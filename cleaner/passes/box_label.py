"""A box's name line right above the box: a short label over lines a rule removed as one box."""

from __future__ import annotations

from typing import Any

from .metadata import find_title
from .state import TEXT_END, PassState

__all__ = ["detect_box_label"]


def detect_box_label(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """A kept line of at most `max_words` words that does not end like a sentence, right above
    (same block) at least `min_box_lines` lines removed in one of `box_categories`, all in the
    same category, is the box's name: a newsletter's brand ("Playbook" over its pitch, consent
    line and button) or a comparison widget's title ("Tarifvergleich" over its pitch and
    button). Only after the article has begun (a kept line of `paragraph_words` words or more
    after the headline): in the head, short lines over removed lines are the head passes'.

    A subheading stands over the article's next paragraph, not over a box: an ad label alone
    ("Anzeige") between a subheading and its paragraph is one removed line, not a box.
    """
    max_words = params.get("max_words", 2)
    box_lines = params.get("min_box_lines", 2)
    paragraph_words = params.get("paragraph_words", 12)
    boxes = frozenset(params.get("box_categories", ()))
    if not boxes or not state.lines_hit_as(boxes):
        return
    title_at = find_title(state)
    lines, nonblank, removed, blank = state.doc.lines, state.nonblank, state.removed, state.blank
    begun = False
    for n, i in enumerate(nonblank):
        if removed[i] or i == title_at:
            continue
        if not begun:
            begun = title_at is not None and i > title_at and state.words(i) >= paragraph_words
            continue
        if state.words(i) > max_words or lines[i].rstrip().endswith(TEXT_END):
            continue
        box = nonblank[n + 1:n + 1 + box_lines]
        if len(box) < box_lines or box[0] != i + 1 or any(blank[k] for k in range(i + 1, box[-1])):
            continue
        kinds = {state.removed_as(k) for k in box}
        if len(kinds) == 1 and kinds <= boxes:
            state.drop_line(rule_id, category, i)
