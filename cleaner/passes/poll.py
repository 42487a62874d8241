"""A reader poll inside the article: its question, its answer options and its vote button."""

from __future__ import annotations

from typing import Any

import regex

from ..engine.patterns import compile_pattern
from .state import TEXT_END as _SENTENCE_END, PassState

__all__ = ["detect_poll"]


def detect_poll(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """A question line followed, in the same block, by two to six short answer options
    ("AZ-Umfrage: Gehen Sie heuer zum Gansessen?" / "Ja, mindestens einmal" / "Nein, das ist
    mir zu teuer" / "Abstimmen") is a poll when a vote button (`vote_shape`) stands right
    under the options, or when the question carries a poll label (`label_shape`, or a label
    line right above it: `label_line_shape`, an outlet's poll label) and a removed line (the widget's
    button or counter) does. Question, options, button and label line go. One line may hold
    several options set apart by slashes ("Ja, unbedingt / Nein / Weiß nicht").

    The options are short and end without punctuation: an interview's short answers end like
    sentences ("Nein.", "Ja, leider."), and a question heading over a list of facts has no
    vote button under the list and no poll label. Under a poll label without a button, options
    with figures are a survey's results reported by the article, and stay.
    """
    vote = compile_pattern(params.get("vote_shape", "(?!)"), regex.IGNORECASE)
    label = compile_pattern(params.get("label_shape", "(?!)"), regex.IGNORECASE)
    label_line = compile_pattern(params.get("label_line_shape", "(?!)"), regex.IGNORECASE)
    min_options, max_options = params.get("min_options", 2), params.get("max_options", 6)
    option_words, question_words = params.get("option_words", 8), params.get("question_words", 25)
    lines, removed, blank = state.doc.lines, state.removed, state.blank
    for q in _questions(state):
        line = lines[q]
        if state.words(q) > question_words:
            continue
        above = _label_above(state, q, label_line)
        options, end, spaced = 0, q + 1, False
        while end < len(lines) and options < max_options:
            if blank[end]:  # a scrape that sets every line apart
                spaced, end = True, end + 1
                continue
            if not _option(state, end, option_words) or vote.search(lines[end]):
                break
            options, end = options + _options_on(lines[end]), end + 1
        if options < min_options:
            continue
        under = lines[end] if end < len(lines) else ""
        if under and vote.search(under):
            state.drop(rule_id, category, q, end + 1)
        elif not spaced and (label.search(line) or above is not None) and end < len(lines) and removed[end] \
                and not any(c.isdigit() for k in range(q + 1, end) for c in lines[k]):
            # Options with figures are a survey's results ("Sehr zufrieden: 34 Prozent"), the article's.
            state.drop(rule_id, category, q, end)
        else:
            continue
        if above is not None and not removed[above]:
            state.drop_line(rule_id, category, above)


def _label_above(state: PassState, q: int, label_line: regex.Pattern[str]) -> int | None:
    """The poll's label on a line of its own right above the question (`label_line_shape`:
    its examples are in structure.yaml), in the same block: it labels the question as a poll's."""
    above = q - 1
    if above < 0 or state.blank[above] or not label_line.search(state.doc.lines[above].strip()):
        return None
    return above


# Options set on one line ("Ja, unbedingt / Nein / Weiß nicht").
_OPTION_SEPARATOR = regex.compile(r"\s[/|]\s")


def _options_on(line: str) -> int:
    """How many answer options a short option line holds: one, or several set apart by slashes."""
    return len(_OPTION_SEPARATOR.split(line))


def _questions(state: PassState) -> list[int]:
    """The lines ending with a question mark (once per document: the text does not change)."""
    found = state.cache.get("poll questions")
    if found is None:
        found = state.cache["poll questions"] = [i for i in state.nonblank if state.doc.lines[i].endswith("?")]
    return found  # type: ignore[return-value]


def _option(state: PassState, i: int, option_words: int) -> bool:
    line = state.doc.lines[i]
    return bool(line) and not state.removed[i] and state.words(i) <= option_words \
        and not line.endswith(_SENTENCE_END)
