"""The headline printed twice in the head, with a picture or labels between: the first copy goes."""

from __future__ import annotations

from typing import Any

from .state import PassState, collapsed

__all__ = ["detect_head_echo"]

# A line ending like this is a sentence or announces one, not a headline.
_NOT_HEADLINE_END = (".", ":", ";")
_BYLINE = frozenset({"author", "dateline"})


def detect_head_echo(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """A headline-like line in the head repeated further down the head, with a line a rule
    removed between the copies, is a page title or teaser printed above the article's own
    headline ("Headline" / "Open a larger version …" / photo credit / "Headline" / byline).

    The copy nearer the text is the article's headline; the first goes. This runs before
    caption-twice, which would otherwise read the pair as a doubled line and take the
    second copy, the headline itself.
    """
    min_words = params.get("min_words", 4)
    body_words = params.get("body_words", 12)
    lines = state.doc.lines
    head = [i for i in state.kept() if state.in_region(i, "head")]
    firsts: dict[str, int] = {}
    for i in head:
        if state.words(i) < min_words or lines[i].rstrip().endswith(_NOT_HEADLINE_END):
            continue
        key = _key(lines[i])
        first = firsts.get(key)
        if first is None:
            firsts[key] = i
        elif _only_furniture_between(state, first, i, body_words):
            state.drop_line(rule_id, category, first)
            return  # one headline per article


def _key(line: str) -> str:
    return (line if collapsed(line) else " ".join(line.split())).casefold()


def _only_furniture_between(state: PassState, first: int, second: int, body_words: int) -> bool:
    """A removed line lies between the copies, none of them a byline or dateline, and no kept
    line between reads like a paragraph. A byline goes under the headline: with one between
    the copies the first is the headline and the second a caption or share title."""
    between = range(first + 1, second)
    if not any(state.removed[k] for k in between):
        return False
    if any(state.removed[k] and state.removed_as(k) in _BYLINE for k in between):
        return False
    return not any(not state.removed[k] and not state.blank[k] and state.words(k) >= body_words
                   for k in between)
