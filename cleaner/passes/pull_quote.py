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
    found = _quotation(line)
    return found[0] if found is not None and found[1] else None


def _quotation(line: str) -> tuple[str, bool] | None:
    """A line that is one quotation and nothing else: its text, normalised without the closing
    punctuation, and whether it ends as a sentence does (inside the marks); None otherwise."""
    text = line.strip().rstrip(".")
    if len(text) < 2 or text[0] not in _OPENING or text[-1] not in _CLOSING:
        return None
    quoted = _normal(text[1:-1])
    if any(mark in quoted for mark in "\"“”«»„"):
        return None  # two quotations
    inner = quoted.strip(_END)
    return (inner, quoted.endswith(_SENTENCE_END)) if inner else None


def _quoted_in(inner: str, source: str) -> bool:
    """`inner` is a sentence of `source`: it opens the line or follows a sentence end, and
    ends with a whole word."""
    if inner not in source:
        return False  # most pairs: no pattern to build and run
    return re.search(r"(?:^|[.!?…][\"”»’']?\s)" + re.escape(inner) + r"(?!\w)", source) is not None


def _clause_in(inner: str, source: str) -> bool:
    """`inner` is a whole clause of `source`: it opens the line (after an opening quotation
    mark too) or follows a sentence end, a comma, a colon or a semicolon, and a clause end,
    a closing quotation mark or the line's end follows it. A title quoted in the text
    ("… the play ‘Jewels after Jewels’ …") follows a quotation mark, not a clause break."""
    if inner not in source:
        return False
    return re.search(r"(?:^[\"“„«‹'‘‚]?\s?|[.!?…,:;][\"”»’']?\s[\"“„«‹'‘‚]?\s?)" + re.escape(inner)
                     + r"\s?(?:[.!?…,:;]|[\"”“»›’‘']|$)", source) is not None


def _content_words(text: str, letters: int) -> list[str]:
    return [w for w in re.findall(r"\w+", text) if len(w) >= letters]


def detect_pull_quote(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """A kept line that is only a quotation of at least `min_words` words, whose text stands in
    a longer kept line *above* it (at least `extra_words` words more), is that line's text
    repeated as a pull quote: the repeat goes, the paragraph stays. The text stands there

    - word for word as a sentence, when the quotation is a sentence (it ends with a full stop,
      question or exclamation mark);
    - word for word as a whole clause (after a comma or a colon too, with or without its
      sentence end), when the quotation has at least `clause_min_words` words ("We learned
      about it from Facebook." from '"We were not consulted, we learned about it from
      Facebook," said …');
    - or in other words, when the quotation is a sentence and at least `paraphrase_share` of
      its distinct words of `paraphrase_letters` letters or more (at least
      `paraphrase_min_words` of them) stand in
      one of the `paraphrase_lines` kept lines above it („Wir werden die Zufahrten so lange
      wie möglich offen halten.“ under '… versprach, die Zufahrten … so lange wie möglich
      offen zu halten …').

    A quoted sentence of `below_min_words` words or more also goes when it opens one of the
    `below_lines` kept lines right under it as a whole clause (the pull quote set above its
    paragraph: '„Wir wollen, …“, sagte Hug.').

    Never the headline; a quotation that occurs nowhere else stays, and so does a shorter
    line quoted later by a longer one (the writer coming back to a quote, not a pull quote)."""
    min_words, extra_words = params.get("min_words", 4), params.get("extra_words", 3)
    clause_words = params.get("clause_min_words", 0)
    kept, lines = state.kept(), state.doc.lines
    quotes = [(n, i, found) for n, i in enumerate(kept)
              if state.words(i) >= min_words and (found := _quotation(lines[i])) is not None]
    if not quotes:
        return
    title_at = find_title(state)
    normal: dict[int, str] = {}
    found_at = []
    for n, i, (inner, sentence) in quotes:
        if i == title_at:
            continue
        clause = clause_words and state.words(i) >= clause_words
        if not sentence and not clause:
            continue
        for j in kept[:n]:
            if j == title_at or state.words(j) < state.words(i) + extra_words:
                continue
            source = normal.get(j)
            if source is None:
                source = normal[j] = _normal(lines[j])
            if (sentence and _quoted_in(inner, source)) or (clause and _clause_in(inner, source)):
                found_at.append(i)
                break
        else:
            if sentence and (_paraphrased(state, kept, n, i, inner, title_at, params, normal)
                             or _repeated_below(state, kept, n, i, inner, title_at, params, normal)):
                found_at.append(i)
    for i in found_at:
        state.drop_line(rule_id, category, i)


def _repeated_below(state: PassState, kept: list[int], n: int, i: int, inner: str, title_at: int | None,
                    params: dict[str, Any], normal: dict[int, str]) -> bool:
    """A quoted sentence of at least `below_min_words` words that opens, word for word and as
    a whole clause, one of the `below_lines` kept lines right under it, longer by
    `below_extra_words`: the pull quote set above the paragraph it is taken from. Shorter
    quotations stay: a slogan or a phrase set alone before the paragraph that discusses it
    ("We can do this." / 'The sentence "We can do this" became the motto …'), and so does a
    quotation a later line comes back to in mid-sentence ('Years later she said again: "…"')."""
    below_words = params.get("below_min_words", 0)
    if not below_words or state.words(i) < below_words:
        return False
    extra = params.get("below_extra_words", 2)  # the attribution at least ("…“, sagte Hug.")
    for j in kept[n + 1:n + 1 + params.get("below_lines", 3)]:
        if j == title_at or state.words(j) < state.words(i) + extra:
            continue
        source = normal.get(j)
        if source is None:
            source = normal[j] = _normal(state.doc.lines[j])
        if _opens(inner, source):
            return True
    return False


def _opens(inner: str, source: str) -> bool:
    """`inner` opens `source` (after an opening quotation mark too) as a whole clause."""
    if not source.lstrip(_OPENING + " ").startswith(inner):
        return False
    return re.match(r"[\"“„«‹'‘‚]?\s?" + re.escape(inner) + r"\s?(?:[.!?…,:;]|[\"”“»›’‘']|$)", source) is not None


def _paraphrased(state: PassState, kept: list[int], n: int, i: int, inner: str, title_at: int | None,
                 params: dict[str, Any], normal: dict[int, str]) -> bool:
    """Most words of the quotation stand in one of the few kept lines right above it."""
    share = params.get("paraphrase_share", 0.0)
    if not share:
        return False
    words = set(_content_words(inner, params.get("paraphrase_letters", 4)))
    if len(words) < params.get("paraphrase_min_words", 5):
        return False
    extra = params.get("extra_words", 3)
    for j in kept[max(0, n - params.get("paraphrase_lines", 3)):n]:
        if j == title_at or state.words(j) < state.words(i) + extra:
            continue
        source = normal.get(j)
        if source is None:
            source = normal[j] = _normal(state.doc.lines[j])
        present = set(_content_words(source, 1))
        if sum(1 for w in words if w in present) >= share * len(words):
            return True
    return False
