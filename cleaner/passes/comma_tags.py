"""Topic tags printed as one comma-separated line at the article's end."""

from __future__ import annotations

from typing import Any

import regex

from .state import TEXT_END as _SENTENCE_END, PassState
from .tail_islands import _in_tail

__all__ = ["detect_comma_tags"]

_CAPITALISED = regex.compile(r"\p{Lu}")


def detect_comma_tags(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """A kept line in the tail that is only a comma-separated list of capitalised labels
    ("Mangroves, Coastal Ecosystems, Community-based Conservation, Interviews, Ghana"), with
    no paragraph after it, is the article's topic tags without their "Tags:" label.

    Every item must be a short capitalised label: a sentence that lists places ("Berlin,
    Hamburg und München haben zugestimmt.") has a verb, lower-case words or a full stop.
    """
    min_items, item_words = params.get("min_items", 3), params.get("item_words", 4)
    max_words, paragraph_words = params.get("max_words", 24), params.get("paragraph_words", 12)
    lines = state.doc.lines
    for i in reversed(state.kept()):
        if state.words(i) >= paragraph_words and not _tags(lines[i], min_items, item_words, max_words):
            return  # a paragraph: what lies above it is the article
        if _tags(lines[i], min_items, item_words, max_words) and _in_tail(state, i) and not _announced(state, i):
            state.drop_line(rule_id, category, i)
            return


def _announced(state: PassState, i: int) -> bool:
    """The line right above (same block) ends with a colon: the list is the one it announces
    ("Die Medaillen gingen an:" / "Norwegen, Schweden, Finnland")."""
    above = i - 1
    return above >= 0 and not state.blank[above] and not state.removed[above] \
        and state.doc.lines[above].rstrip().endswith(":")


# How tag links are joined on one line: commas, or bars and dots between spaced items.
_SEPARATORS = (",", " | ", " · ", " • ")


def _tags(line: str, min_items: int, item_words: int, max_words: int) -> bool:
    if line.endswith(_SENTENCE_END) or ":" in line:
        return False
    if line.startswith("#"):
        return _hashtags(line, min_items - 1)
    for sep in _SEPARATORS:
        if line.count(sep) >= min_items - 1:
            items = line.split(sep)
            return sum(len(item.split()) for item in items) <= max_words \
                and all(_label(item.strip(), item_words) for item in items)
    return False


def _hashtags(line: str, min_tags: int) -> bool:
    """Only hashtags ("#Klima #Energie #Berlin"): the tag links of a social-media style footer."""
    tags = line.split()
    return len(tags) >= min_tags and all(len(tag) > 1 and tag[0] == "#" and tag[1:2].isalnum() for tag in tags)


def _label(item: str, item_words: int) -> bool:
    words = item.split()
    return 0 < len(words) <= item_words and all(_CAPITALISED.match(w) or w in _JOINERS for w in words) \
        and not any(c.isdigit() for c in item)


# Small words a tag may hold between capitalised ones ("Bosnia and Herzegovina", "Île-de-France" has none).
_JOINERS = frozenset({"and", "of", "the", "&", "und", "der", "die", "des", "et", "de", "du", "la", "le", "des"})
