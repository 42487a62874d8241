"""A name line followed by a paragraph about that person, at the article's end."""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

import regex

from .state import PassState

__all__ = ["detect_author_box", "looks_like_name"]

# Two to five capitalised words, lower-case particles allowed between (von, de, van der).
_NAME = regex.compile(r"^\p{Lu}[\p{L}'’.-]+(?: (?:\p{Ll}{1,3} ){0,2}\p{Lu}[\p{L}'’.-]+){1,4}$")


_AUTHOR = frozenset({"author"})


def looks_like_name(line: str) -> bool:
    return bool(_NAME.match(line))


def detect_author_box(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    _drop_names_of_removed_bios(state, rule_id, category)
    min_bio_words = params.get("min_bio_words", 12)
    max_after = int(params.get("max_lines_after", 1))
    name_within = params.get("name_within_words", 15)
    kept = state.kept()
    lines = state.doc.lines
    # Only the last lines can qualify (at most max_after kept lines after the bio).
    for pos in range(max(0, len(kept) - 2 - max_after), len(kept)):
        i = kept[pos]
        if state.removed[i] or not state.in_region(i, "tail") or not looks_like_name(lines[i]):
            continue
        j = kept[pos + 1] if pos + 1 < len(kept) else None
        bio = j is not None and state.words(j) >= min_bio_words and len(kept) - pos - 2 <= max_after
        if bio and _mentions_name(lines[j], lines[i], name_within):  # type: ignore[index]
            state.drop_line(rule_id, category, i)
            state.drop_line(rule_id, category, j)  # type: ignore[arg-type]
            return
        if _repeats_byline(state, i):
            state.drop_line(rule_id, category, i)
            if bio:
                state.drop_line(rule_id, category, j)  # type: ignore[arg-type]
            return


def _repeats_byline(state: PassState, i: int) -> bool:
    """The name is the author's, as a byline rule removed it further up ("Von Jochen Brandeis, Wiesbaden")."""
    name = state.doc.lines[i].casefold()
    return any(r.category == "author" and r.end < i - 1 and name in r.text.casefold() for r in state.removals)


def _drop_names_of_removed_bios(state: PassState, rule_id: str, category: str) -> None:
    """A name line right before a bio that an author rule already removed is the box's heading.

    In the tail the bio need not repeat the name ("Carsten Melchior" / "Wirtschaftskorrespondent
    in Stuttgart …"); elsewhere it must start with it.
    """
    lines = state.doc.lines
    nonblank = state.nonblank
    # Only a line an author rule matched can be the removed bio: look at those (in order;
    # a drop here changes no other pair's conditions).
    for j in state.lines_hit_as(_AUTHOR):
        pos = bisect_left(nonblank, j) - 1
        if pos < 0 or pos + 1 >= len(nonblank) or nonblank[pos + 1] != j:
            continue
        i = nonblank[pos]
        if state.removed[i] or not state.removed[j] or not looks_like_name(lines[i]):
            continue
        if state.in_region(i, "tail") or _starts_with_name(lines[j], lines[i]):
            state.drop_line(rule_id, category, i)


def _mentions_name(paragraph: str, name: str, within: int) -> bool:
    """The paragraph names the person (full name, first or last part) among its first words."""
    if _starts_with_name(paragraph, name):
        return True
    parts = {p.casefold() for p in name.split()}
    return any(w.strip(",.;:()'’").casefold() in parts for w in paragraph.split()[:within])


def _starts_with_name(paragraph: str, name: str) -> bool:
    """The paragraph opens with the full name, its first or its last part (any case: "MARIA DELGADO")."""
    folded, name = paragraph.casefold(), name.casefold()
    parts = name.split()
    return folded.startswith((name, parts[0] + " ", parts[-1] + " "))
