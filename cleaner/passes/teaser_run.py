"""Teaser headlines ("Thema: Schlagzeile") under a related line a rule removed, in the same block."""

from __future__ import annotations

from typing import Any

import regex

from ..engine.patterns import compile_pattern
from .line_rules import same_row_form
from .state import PassState

__all__ = ["detect_teaser_run", "teaser_shaped", "topic_of"]

# "Wetter in Deutschland: Erster Frost", "Pass Culture : la part réduite": a short topic, a colon, a headline.
_TOPIC_COLON = regex.compile(r"^(?P<topic>[^:]{2,60}?)\s?:\s+\S")
_SENTENCE_END = (".", "!", ";", ":", "»", '"', "“", "”")
# A topic names a place or a subject; a year or a date before the colon ("2024: 1,4 Prozent",
# "12.3.: Eröffnung") is a row of the article's own list.
_HAS_LETTER = regex.compile(r"\p{L}")


def detect_teaser_run(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """Runs of "topic: headline" lines right under a removed related line go, when the run
    fills the rest of its block.

    A related heading takes one teaser (the next line may be the article's subheading);
    the box's further teasers match no phrase but share the topic-colon shape. A run that
    runs on into a kept line of another shape in the same block is left: it may be article.
    """
    max_words = params.get("max_words", 16)
    topic_words = params.get("max_topic_words", 5)
    after = frozenset(params.get("after_categories", ("related",)))
    kicker = params.get("kicker_teaser_shape", "")
    lines = state.doc.lines
    for i in range(1, len(lines)):
        if state.removed[i] or state.blank[i] or not state.removed[i - 1] or state.removed_as(i - 1) not in after:
            continue
        if not state.in_region(i, "tail"):
            continue
        if _kicker_sibling(state, i, kicker, max_words) or _topic_sibling(state, i, max_words, topic_words) \
                or _row_sibling(state, i, max_words):
            state.drop_line(rule_id, category, i)
            continue
        run, j = [], i
        while j < len(lines) and not state.blank[j] and not state.removed[j] \
                and teaser_shaped(lines[j], state.words(j), max_words, topic_words):
            run.append(j)
            j += 1
        if run and (j == len(lines) or state.blank[j] or state.removed[j]):
            for k in run:
                state.drop_line(rule_id, category, k)


def _kicker_sibling(state: PassState, i: int, shape: str, max_words: int) -> bool:
    """Line i opens with a capitalised kicker word like the removed teaser right above it
    ("LOTTO LEGEND Dad who won …" / "PAYDAY Mystery winner …"): the box's next teaser, even
    when the article goes on right under it. Tabloids set every teaser so; a body line under
    a teaser does not repeat the teaser's kicker form, and it ends like a sentence."""
    if not shape or state.words(i) > max_words or state.doc.lines[i].rstrip().endswith(_SENTENCE_END):
        return False
    pattern = compile_pattern(shape, 0)
    return pattern.search(state.doc.lines[i]) is not None and pattern.search(state.doc.lines[i - 1]) is not None


def _topic_sibling(state: PassState, i: int, max_words: int, topic_words: int) -> bool:
    """Line i is a "topic: headline" teaser with the same topic as the removed teaser right
    above it ("Dubai: New bus route links Expo City …" / "Dubai: Paid parking zones extended
    …"): the box's next teaser, even when the article goes on right under it. A body line
    under a teaser neither repeats its topic before a colon nor ends without a full stop."""
    lines = state.doc.lines
    if not (teaser_shaped(lines[i], state.words(i), max_words, topic_words)
            and teaser_shaped(lines[i - 1], state.words(i - 1), max_words, topic_words)):
        return False
    return topic_of(lines[i]) == topic_of(lines[i - 1])


def _row_sibling(state: PassState, i: int, max_words: int) -> bool:
    """Line i opens with a figure of the same form as the removed teaser right above it ("1 Lyon :
    un incendie …" / "2 Villeurbanne : la piscine …"): the next entry of a numbered "most read"
    box, even when the article goes on right under it. A body line under a teaser does not
    copy the teaser's rank, and it ends like a sentence."""
    line = state.doc.lines[i]
    return state.words(i) <= max_words and not line.rstrip().endswith(_SENTENCE_END) \
        and same_row_form(state.doc.lines[i - 1], line)


def topic_of(line: str) -> str:
    """What stands before the colon of a "topic: headline" line, case-folded ("" if none)."""
    found = _TOPIC_COLON.match(line)
    return found.group("topic").casefold() if found else ""


def teaser_shaped(line: str, words: int, max_words: int, topic_words: int) -> bool:
    """A "topic: headline" line: at most `max_words` words, `topic_words` before the colon (with a
    letter in them), no sentence end."""
    text = line.rstrip()
    found = _TOPIC_COLON.match(text)
    return (found is not None and words <= max_words and len(found.group("topic").split()) <= topic_words
            and not text.endswith(_SENTENCE_END) and _HAS_LETTER.search(found.group("topic")) is not None)

