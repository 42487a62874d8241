"""A name line followed by a paragraph about that person, at the article's end."""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

import regex

from .line_rules import reports_speech, speech_words
from .metadata import find_title
from .state import PassState

__all__ = ["detect_author_bio", "detect_author_box", "looks_like_name"]

# Two to five capitalised words, lower-case particles allowed between (von, de, van der).
_NAME = regex.compile(r"^\p{Lu}[\p{L}'’.-]+(?: (?:\p{Ll}{1,3} ){0,2}\p{Lu}[\p{L}'’.-]+){1,4}$")
_LOWER = regex.compile(r"(?<= )\p{Ll}+(?= )")


_AUTHOR = frozenset({"author"})


def looks_like_name(line: str, particles: frozenset[str] | None = None) -> bool:
    """Capitalised words, and between them only the lower-case words of `particles` when
    given: German capitalises nouns, so "Streikposten vor dem Betriebshof" (a live blog's
    entry heading) has a name's shape but words no name holds."""
    if not _NAME.match(line):
        return False
    return particles is None or all(w in particles for w in _LOWER.findall(line))


def detect_author_box(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    _drop_names_of_removed_bios(state, rule_id, category)
    min_bio_words = params.get("min_bio_words", 12)
    max_after = int(params.get("max_lines_after", 1))
    name_within = params.get("name_within_words", 15)
    particles = frozenset(params["name_particles"]) if "name_particles" in params else None
    kept = state.kept()
    lines = state.doc.lines
    headline = _headline(state)
    # A paragraph that quotes the person ('…, zeigte sich erleichtert: "Endlich geht es weiter."',
    # '…, she said.') is the article giving them the word under a name subhead, not a bio.
    speech = speech_words(params)
    # Only the last lines can qualify (at most max_after kept lines after the bio).
    for pos in range(max(0, len(kept) - 2 - max_after), len(kept)):
        i = kept[pos]
        if state.removed[i] or not state.in_region(i, "tail") or not looks_like_name(lines[i], particles):
            continue
        if _names(lines[i].strip(), headline):
            continue  # the person the story is about ("Former mayor Jeffrey Graham dies at 71"), not its writer
        j = kept[pos + 1] if pos + 1 < len(kept) else None
        bio = j is not None and state.words(j) >= min_bio_words and len(kept) - pos - 2 <= max_after
        if bio and _mentions_name(lines[j], lines[i], name_within) \
                and not _quotes_the_person(lines[j], speech):  # type: ignore[index]
            state.drop_line(rule_id, category, i)
            state.drop_line(rule_id, category, j)  # type: ignore[arg-type]
            return
        if _repeats_byline(state, i):
            state.drop_line(rule_id, category, i)
            if bio:
                state.drop_line(rule_id, category, j)  # type: ignore[arg-type]
            return


def _quotes_the_person(paragraph: str, speech: frozenset[str]) -> bool:
    text = paragraph.rstrip()
    if text.endswith(_QUOTE_CLOSERS) and text[:-1].rstrip().endswith(_SENTENCE_STOPS):
        return True  # a quoted sentence closes the line
    return reports_speech(text, speech)


_QUOTE_CLOSERS = ('"', "“", "”", "»", "«", "’")
_SENTENCE_STOPS = (".", "!", "?", "…")


def _headline(state: PassState) -> str:
    title_at = find_title(state)
    return "" if title_at is None else state.doc.lines[title_at].casefold()


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
    """The paragraph names the person (full name, first or last part) among its first words.

    A name line in capitals must be repeated in full at the paragraph's start: wire copy
    heads its sections in capitals ("AUSTRALIA AHEAD" / "Australia beat Colombia …"),
    and the paragraph under such a heading names its first word, as a bio names a person."""
    if name.isupper():
        return paragraph.casefold().startswith(name.casefold())
    if _starts_with_name(paragraph, name, first_part=False):
        return True
    # The first word of a paragraph is capitalised whatever it is: a name line's first
    # part found only there ("Trending Reel" / "Trending on social media since …") is no
    # evidence that the paragraph is about a person.
    parts = {p.casefold() for p in name.split()}
    words = paragraph.split()[:within]
    return any(w.strip(",.;:()'’").casefold() in parts for w in words[1:])


def _starts_with_name(paragraph: str, name: str, first_part: bool = True) -> bool:
    """The paragraph opens with the full name, its last part, or (`first_part`) its first
    part (any case: "MARIA DELGADO")."""
    folded, name = paragraph.casefold(), name.casefold()
    parts = name.split()
    starts = (name, parts[-1] + " ", parts[0] + " ") if first_part else (name, parts[-1] + " ")
    return folded.startswith(starts)


def detect_author_bio(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """A closing sentence that opens with the name of the byline a rule removed in the head
    is the author's bio without its name line ("Dominik Ashworth is a freelance contributor
    to Tom's Hardware …" under "Dominik Ashworth" / "published 24 November 2026")."""
    min_words = params.get("min_words", 8)
    max_after = int(params.get("max_lines_after", 1))
    byline_lines = params.get("byline_lines", 12)
    kept = state.kept()
    if not kept:
        return
    bylines = _head_bylines(state, byline_lines)
    if not bylines:
        return
    lines = state.doc.lines
    for i in kept[-(max_after + 1):]:
        if state.words(i) < min_words or not state.in_region(i, "tail"):
            continue
        name = _leading_name(lines[i])
        if name and any(_names(name, byline) for byline in bylines):
            state.drop_line(rule_id, category, i)


def _head_bylines(state: PassState, within: int) -> list[str]:
    """Casefolded texts of the author removals among the document's first non-blank lines."""
    limit = state.nonblank[within] if len(state.nonblank) > within else len(state.doc.lines)
    return [r.text.casefold() for r in state.removals if r.category == "author" and r.span is None and r.start < limit]


def _leading_name(line: str) -> str | None:
    """The person's name the line opens with (two to four words, the longest that reads as a
    name) when a lower-case word follows it ("… is", "… ist", "… est"); never an acronym
    ("NBC News has …": an outlet, whose closing line is the article's)."""
    words = line.split(maxsplit=5)
    for n in (4, 3, 2):
        if len(words) <= n or not words[n][:1].islower():
            continue
        name = " ".join(words[:n])
        if looks_like_name(name) and not any(len(w) > 1 and w.isupper() for w in words[:n]):
            return name
    return None


def _names(name: str, byline: str) -> bool:
    """The byline text holds the name as whole words (string search: no pattern per document)."""
    name = name.casefold()
    at = byline.find(name)
    while at >= 0:
        end = at + len(name)
        if (at == 0 or not byline[at - 1].isalnum()) and (end == len(byline) or not byline[end].isalnum()):
            return True
        at = byline.find(name, at + 1)
    return False
