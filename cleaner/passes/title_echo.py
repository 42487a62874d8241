"""The headline repeated below itself: at the very end of the text (a scraped "share this"
title), or anywhere in it as a pull quote set in quotation marks."""

from __future__ import annotations

from typing import Any

from .metadata import find_title
from .pull_quote import QUOTE_MARKS
from .state import PassState

__all__ = ["detect_title_echo"]

# A line ending like a sentence is text, not a headline: its repeat is the writer's.
_SENTENCE_END = (".", "!", "?", ":", ";", "…")
# Quotation marks and spaces around a headline or its pull-quote copy.
_QUOTES_AND_SPACE = QUOTE_MARKS + " \u00a0\u202f"


def detect_title_echo(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """An exact repeat of the headline among the last kept lines goes.

    find_title may take a kicker ("Crime & Safety", "Farrell's final call") for the
    headline, so any of the first kept lines of three words or more that does not end
    like a sentence counts as well.
    """
    look_back = params.get("look_back", 3)
    look_at = params.get("head_lines", 4)
    _drop_headline_repeats(state, rule_id, category, params.get("anywhere_words", 0))
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


def _drop_headline_repeats(state: PassState, rule_id: str, category: str, min_words: int) -> None:
    """A kept line below the headline that is the headline again, quotation marks aside, with
    one of the two set in quotation marks, goes wherever it stands: a pull quote set from the
    headline ("« Le travail de nuit reste invisible … »" between two answers of an interview).
    Only for a headline of `min_words` words or more (0: off); a short headline ("Interview")
    may be a subhead of the text."""
    title_at = find_title(state)
    if not min_words or title_at is None or state.words(title_at) < min_words:
        return
    lines = state.doc.lines
    headline = _unquoted(lines[title_at])
    for i in state.kept():
        if i > title_at and _unquoted(lines[i]) == headline and (_quoted(lines[i]) or _quoted(lines[title_at])):
            state.drop_line(rule_id, category, i)


def _quoted(line: str) -> bool:
    """Set in quotation marks: the mark of a pull quote (a bare repeat of the headline
    below a standfirst and byline may be the page's own second headline)."""
    text = line.strip()
    return len(text) > 2 and text[0] in _QUOTES_AND_SPACE and text[-1] in _QUOTES_AND_SPACE


def _unquoted(line: str) -> str:
    return " ".join(line.strip(_QUOTES_AND_SPACE).casefold().split())
