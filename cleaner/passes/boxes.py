"""Boxes inside the article recognised by their shape: a quote or product box's name line
next to its price row, a match's score line above the headline."""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

import regex

from ..engine.patterns import compile_pattern
from .metadata import find_title, reads_like_headline
from .state import TEXT_END, PassState

__all__ = ["detect_box_name", "detect_score_header"]

# Every word of a box's name starts with a capital or a digit ("Altrava N", "Solvane S9",
# "VALORGE", "Velmar Energie"), or a small letter before a capital ("iPhone", "eBike"), and may
# stand in brackets ("(128 GB)"): a subheading of the article has lower-case words.
# How far a box reaches from its price row, in lines (names, identifiers, other rows, badges).
_MAX_BOX_LINES = 8
# Any score: "31-17", "2:1", "4 - Océanic 3" (a number, then a dash with a space).
_SCORE_HINT = regex.compile(r"\d ?[-–—:] ?\d|\d [-–—] ")
_NAME_WORD = regex.compile(r"^\(?(?:[\p{Lu}\d]|\p{Ll}\p{Lu})[\p{L}\d&.'’+-]*\)?$")


def detect_box_name(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """The name line of a quote or product box goes with the box's price row.

    A rule removes the row with the price ("CHF 84.20 | −9.30%", "$699 at Amazon",
    "449 € Voir l'offre"); the instrument or product name printed right above it ("Altrava
    N", "Solvane S9", "Kestra K3") is only a name, and a short line with a price right under
    it ("Save $100", "−25 %") is the box's deal badge. Both must sit in the row's block (no blank
    line between, removed lines may), and the box is taken only as a whole: a run of more
    such lines than `max_names` above (or `max_badges` below) is a list, not a box, and
    stays. Runs are measured over kept and removed lines alike, so a second round (and a
    second cleaning) finds the same runs and takes nothing more.
    """
    price = compile_pattern(params["price_pattern"], regex.V0)
    discount = compile_pattern(params.get("discount_pattern", "(?!)"), regex.V0)
    row_categories = frozenset(params.get("row_categories", ("ads", "other")))
    title_at = find_title(state)
    _deal_lines(state, rule_id, category, params, price, title_at)
    rows = [i for i in state.lines_hit_as(row_categories) if state.removed[i] and price.search(state.doc.lines[i])]
    if not rows:
        return
    name_words, max_names = params.get("name_words", 4), params.get("max_names", 2)
    badge_words, max_badges = params.get("badge_words", 4), params.get("max_badges", 1)
    row_set = frozenset(rows)
    for row in rows:
        names = _run(state, row, -1, lambda i: _is_name(state, i, name_words), row_set)
        if len(names) <= max_names:
            _drop_kept(state, rule_id, category, names, title_at)
        badges = _run(state, row, 1, lambda i: _is_badge(state, i, badge_words, price, discount), row_set)
        if len(badges) <= max_badges:
            _drop_kept(state, rule_id, category, badges, title_at)


def _deal_lines(state: PassState, rule_id: str, category: str, params: dict[str, Any],
                price: regex.Pattern[str], title_at: int | None) -> None:
    """A deal line right above a shop button a rule removed ("Orlix Nova 8 128 Go à 279 € au
    lieu de 349 €" / "Voir l'offre"): a short line with two prices or more that does not end like
    a sentence is the offer's old and new price, not the article's (which writes prices into
    sentences). A label of one or two words right above it ("Bon plan") is the box's heading."""
    max_words = params.get("deal_words", 0)
    if not max_words:
        return
    buttons = frozenset(params.get("deal_button_categories", ()))
    label_words = params.get("deal_label_words", 0)
    lines = state.doc.lines
    for button in state.lines_hit_as(buttons):
        i = button - 1
        if i < 0 or not state.removed[button] or state.blank[i] or state.removed[i] or i == title_at:
            continue
        text = lines[i]
        if state.words(i) > max_words or text.endswith(TEXT_END) or len(price.findall(text)) < 2:
            continue
        state.drop_line(rule_id, category, i)
        label = i - 1
        if label >= 0 and not state.blank[label] and not state.removed[label] and label != title_at \
                and 0 < state.words(label) <= label_words and not lines[label].endswith(TEXT_END) \
                and not any(c.isdigit() for c in lines[label]):
            state.drop_line(rule_id, category, label)


def _run(state: PassState, row: int, step: int, fits: Any, rows: frozenset[int]) -> list[int]:
    """The lines next to `row` in direction `step`, in its block, that fit, up to the first
    kept line that does not. Removed lines that fit count (a name this pass took, or one a
    rule took, is still part of the box in the next round); other removed lines and other
    price rows are passed over ("WKN: A40VLM" between "Velmar Energie" and its quote row)."""
    found = []
    i = row + step
    end = row + step * _MAX_BOX_LINES  # a box is a few lines: bounded, so a block of rows stays linear
    while 0 <= i < len(state.blank) and not state.blank[i] and i != end:
        if i in rows:
            pass
        elif fits(i):
            found.append(i)
        elif not state.removed[i]:
            break
        i += step
    return found


def _is_name(state: PassState, i: int, max_words: int) -> bool:
    text = state.doc.lines[i]
    return 0 < state.words(i) <= max_words and not text.endswith(TEXT_END) \
        and all(_NAME_WORD.match(w) for w in text.split())


def _is_badge(state: PassState, i: int, max_words: int, price: regex.Pattern[str], discount: regex.Pattern[str]) -> bool:
    text = state.doc.lines[i]
    return 0 < state.words(i) <= max_words and not text.endswith(TEXT_END) \
        and (price.search(text) is not None or discount.match(text) is not None)


def _drop_kept(state: PassState, rule_id: str, category: str, found: list[int], title_at: int | None) -> None:
    if title_at in found:
        return  # the headline names the product too ("Solvane S9" as a one-line title): not a box
    for i in found:
        if not state.removed[i]:
            state.drop_line(rule_id, category, i)


def detect_score_header(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """A match's score line above the headline goes, with the competition label above it.

    Sports pages print a scoreboard before the headline ("United Rugby Championship" /
    "Leinster 31-17 Sharks" / headline; "Bundesliga" / "VfL Wolfsburg – Werder Bremen 2:1").
    The score line's shape (`score_pattern`: two teams and a score, nothing else) says what
    it is; its place says it is not a results list: only in the head, before the first
    paragraph, and with a headline-like line still to come under it. One or two short lines
    between the score and the headline are the board's status ("FT", "Full time") and go too. A label right above it
    (at most `label_words` words, not a sentence, with only removed lines or the start of
    the text above) is the scoreboard's competition name.
    """
    score = compile_pattern(params["score_pattern"], regex.V0)
    kept = state.kept()
    lines = state.doc.lines
    body_words, label_words = params.get("body_words", 12), params.get("label_words", 4)
    max_words = params.get("max_words", 14)
    under = _score_under_headline(state, kept, score, max_words, frozenset(params.get("byline_categories", ())))
    if under is not None:
        state.drop_line(rule_id, category, under)
        return
    for pos, i in enumerate(kept):
        if not state.in_region(i, "head"):
            return
        status = _status_then_headline(state, kept, pos, params.get("status_words", 2)) \
            if _may_be_score(state, i, max_words) and score.match(lines[i]) else None
        if status is None:
            if _paragraph(state, i, body_words):
                return
            continue
        for k in (i, *status):
            state.drop_line(rule_id, category, k)
        if pos and _is_label_above(state, kept, pos - 1, label_words):
            state.drop_line(rule_id, category, kept[pos - 1])
        return


def _score_under_headline(state: PassState, kept: list[int], score: Any, max_words: int,
                          byline: frozenset[str]) -> int | None:
    """The score line printed between the headline and its byline ("RWE dreht das Westderby …"
    / "RWE 2:1 Aachen" / "Marco Wiesner" / date): the next kept line after the headline, in
    the head, with the next non-blank line under it removed as a byline or dateline
    (`byline`). A results list stands under a paragraph, never between headline and byline."""
    if not byline:
        return None
    title_at = find_title(state)
    if title_at is None:
        return None
    at = bisect_left(kept, title_at) + 1
    if at >= len(kept):
        return None
    i = kept[at]
    if not state.in_region(i, "head") or not _may_be_score(state, i, max_words) or not score.match(state.doc.lines[i]):
        return None
    below = next((k for k in range(i + 1, len(state.doc.lines)) if not state.blank[k]), None)
    return i if below is not None and state.removed[below] and state.removed_as(below) in byline else None


def _may_be_score(state: PassState, i: int, max_words: int) -> bool:
    """Cheap test before the score pattern (which tries many ways to split the teams): a
    short line with two numbers joined by a dash or colon, or a number before a dash."""
    return state.words(i) <= max_words and _SCORE_HINT.search(state.doc.lines[i]) is not None


def _paragraph(state: PassState, i: int, body_words: int) -> bool:
    return state.words(i) >= body_words or state.doc.lines[i].endswith((".", "!", "?"))


def _status_then_headline(state: PassState, kept: list[int], pos: int, status_words: int) -> list[int] | None:
    """The scoreboard's status lines under the score line ("FT", "Full time", "Endstand", at
    most two lines of `status_words` words), if a line that reads like a headline comes right
    after them; None if none does (the score line is then the page's only title)."""
    status = []
    for i in kept[pos + 1:pos + 4]:
        if reads_like_headline(state, i):
            return status
        if len(status) == 2 or state.words(i) > status_words or state.doc.lines[i].endswith(TEXT_END):
            return None
        status.append(i)
    return None


def _is_label_above(state: PassState, kept: list[int], at: int, label_words: int) -> bool:
    """kept[at] is a short label with nothing kept above it: the scoreboard's competition."""
    i = kept[at]
    return at == 0 and state.words(i) <= label_words and not state.doc.lines[i].endswith(TEXT_END)
