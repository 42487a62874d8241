"""A pull quote: a sentence of the text printed again, in quotation marks, as a line of its own."""

from __future__ import annotations

import re
from typing import Any

from .metadata import find_title
from .state import PassState

__all__ = ["QUOTE_MARKS", "detect_pull_quote", "quoted_inner"]

_OPENING = "\"“„«‹'‘‚"
_CLOSING = "\"”“»›'’‘"
QUOTE_MARKS = _OPENING + _CLOSING
# Marks a sentence may end with inside or after its closing quotation mark.
_END = ".!?…,;: \u00a0\u202f"
_SENTENCE_END = (".", "!", "?", "…")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "\u00a0": " ", "\u202f": " "})


def _normal(text: str) -> str:
    return " ".join(text.translate(_APOSTROPHES).casefold().split())


def quoted_inner(line: str) -> str | None:
    """The text of a line that is one quotation and nothing else, normalised; None otherwise."""
    text = line.strip().rstrip(".")
    if len(text) < 2 or text[0] not in _OPENING or text[-1] not in _CLOSING:
        return None
    quoted = _normal(text[1:-1])
    if not quoted.endswith(_SENTENCE_END) or any(mark in quoted for mark in "\"“”«»„"):
        return None  # a title in quotation marks ("‘Jewels after Jewels’"), or two quotations
    return quoted.strip(_END) or None


def _quoted_in(inner: str, source: str) -> bool:
    """`inner` is a sentence of `source`: it opens the line or follows a sentence end, and
    ends with a whole word."""
    if inner not in source:
        return False  # most pairs: no pattern to build and run
    return re.search(r"(?:^|[.!?…][\"”»’']?\s)" + re.escape(inner) + r"(?!\w)", source) is not None


def detect_pull_quote(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """A kept line that is only a quotation of at least `min_words` words, a sentence (it ends
    with a full stop, question or exclamation mark), whose text stands, word for word, as a
    sentence inside a longer kept line *above* it (at least `extra_words` words more)
    is that line's sentence repeated as a pull quote: the repeat goes, the paragraph stays.

    Never the headline; a quotation that occurs nowhere else stays, and so does a line
    quoted later by a longer one (the writer coming back to a quote, not a pull quote)."""
    min_words, extra_words = params.get("min_words", 4), params.get("extra_words", 3)
    kept, lines = state.kept(), state.doc.lines
    quotes = [(n, i, inner) for n, i in enumerate(kept)
              if state.words(i) >= min_words and (inner := quoted_inner(lines[i])) is not None]
    if not quotes:
        return
    title_at = find_title(state)
    normal: dict[int, str] = {}
    found = []
    for n, i, inner in quotes:
        if i == title_at:
            continue
        for j in kept[:n]:
            if j == title_at or state.words(j) < state.words(i) + extra_words:
                continue
            source = normal.get(j)
            if source is None:
                source = normal[j] = _normal(lines[j])
            if _quoted_in(inner, source):
                found.append(i)
                break
    for i in found:
        state.drop_line(rule_id, category, i)
