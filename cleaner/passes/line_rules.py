"""Line rules: apply each matched rule's action to the lines it matched."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import regex

from ..engine.model import Rule
from .state import PassState

__all__ = ["record_hits", "apply_line_rules", "drop_teasers_after", "without_sign_off", "speech_words",
           "reports_speech", "same_row_form", "WORD_PUNCT"]

# A line ending like a sentence, or with a colon that introduces what follows, is not a teaser headline.
_SENTENCE_END = (".", "!", ";", ":")
_PROSE_WORDS = 12
# Also a question or a closing quotation mark: teaser headlines end in "?" too, so these count only
# for long lines after a paragraph break.
_ANY_SENTENCE_END = (".", "!", "?", "…", "»", "«", '"', "“", "”", "'", "’")
_INNER_SENTENCE_END = regex.compile(r"\p{Ll}[.!?] \p{Lu}")
_CLOSING_QUOTES = "\"'’”»«“"
# A list row's opening figure: the first word, holding a digit ("1.", "21/02", "12:30").
_ROW_HEAD = regex.compile(r"^[^\s\p{L}]*\d[^\s\p{L}]*(?=\s)")
_DIGITS = regex.compile(r"\d+")
# A wire or agency sign-off after a paragraph's last sentence ("… Lim said. — Bernama", "… on Monday. - AFP",
# "… im Juli. (dpa)"): the sentence ends before it. A capitalised name of one to three words after a dash, or
# in brackets; a lower-case word after it ("— Bernama pic") is a caption's, not a sign-off.
_SIGN_OFF = regex.compile(r"(?<=[.!?…\"”’»«])\s+(?:[—–-]\s?\p{Lu}[\p{L}&.-]*(?:\s\p{Lu}[\p{L}&.-]*){0,2}"
                          r"|\(\p{Lu}[\p{L}&./-]*(?:\s\p{Lu}[\p{L}&./-]*){0,2}\))$")


def record_hits(state: PassState, hits: Iterable[tuple[int, Rule]]) -> None:
    """Keep the matcher's (line, rule) pairs; structure detectors use them too."""
    for i, rule in hits:
        state.hits.setdefault(i, []).append(rule)


def apply_line_rules(state: PassState) -> None:
    """Run the action of the first rule (in priority order) that applies at each line still kept."""
    for i in sorted(state.hits):
        if state.removed[i]:
            continue
        rule = _first_applicable(state, i)
        if rule is not None:
            _ACTIONS[rule.action](state, i, rule)


def _first_applicable(state: PassState, i: int) -> Rule | None:
    for rule in state.hits[i]:
        if rule.action != "drop-span" and state.in_region(i, rule.region):
            return rule
    return None


def _drop_line(state: PassState, i: int, rule: Rule) -> None:
    state.drop_line(rule.id, rule.category, i)


def _drop_block(state: PassState, i: int, rule: Rule) -> None:
    """This line and the lines after it up to the next blank line."""
    end = i + 1
    while end < len(state.blank) and not state.blank[end]:
        end += 1
    state.drop(rule.id, rule.category, i, end)


def _drop_rest(state: PassState, i: int, rule: Rule) -> None:
    """The heading goes now; the tail-after-heading detector decides about the rest."""
    state.drop_line(rule.id, rule.category, i)
    state.tail_headings.append((i, rule))


def _drop_until(state: PassState, i: int, rule: Rule) -> None:
    """This line up to (not including) the next line matching `until`; only this line if none."""
    assert rule.until_pattern is not None
    for j in range(i + 1, len(state.doc.lines)):
        if state.doc.lines[j] and rule.until_pattern.search(state.doc.lines[j]):
            state.drop(rule.id, rule.category, i, j)
            return
    state.drop_line(rule.id, rule.category, i)


def _drop_next(state: PassState, i: int, rule: Rule) -> None:
    """This line and up to `next.max_lines` following teaser-like lines (short, no full stop)."""
    state.drop_line(rule.id, rule.category, i)
    drop_teasers_after(state, i, rule)


def drop_teasers_after(state: PassState, i: int, rule: Rule) -> None:
    """Up to `next.max_lines` teaser-like lines after line i (short, not ending a sentence)."""
    taken, previous = 0, i
    following = state.nonblank[state.rank[i] + 1:]
    for k, j in enumerate(following):
        if taken >= rule.next_max_lines or not _teaser_like(state.doc.lines[j], rule.next_max_words):
            break
        if j > previous + 1 and _sentence(state.doc.lines[j]):
            break  # past a paragraph break, a long sentence ('… sagte sie: „Nein.“') is the article going on
        if taken and k + 1 < len(following) and _leads_into_prose(state, j, following[k + 1], j > previous + 1) \
                and not same_row_form(state.doc.lines[previous], state.doc.lines[j]):
            break  # after a teaser, a short line that leads into prose is the article's subheading or question
        state.drop_line(rule.id, rule.category, j)
        taken, previous = taken + 1, j


def same_row_form(above: str, line: str) -> bool:
    """Both lines open with a figure of the same form: a rank ("1. SV Stripfing 16 35" /
    "2. Wiener Viktoria 16 31"), a date ("21/02 – Boucles du Blavet" / "22/02 – Grand Prix
    de Saint-Méen"). The next row of the list the heading announced (a table, an agenda),
    even with the article's paragraph right under it: a subheading does not copy the form
    of the teaser or row above it."""
    form = _row_form(line)
    return bool(form) and form == _row_form(above)


def _row_form(line: str) -> str:
    """The line's first word when it holds a figure, each run of digits as 9 ("" otherwise)."""
    found = _ROW_HEAD.match(line)
    return _DIGITS.sub("9", found.group()) if found else ""


def _prose(line: str) -> bool:
    return len(line.split()) > _PROSE_WORDS and line.rstrip().endswith(_SENTENCE_END)


def _leads_into_prose(state: PassState, j: int, nxt: int, after_break: bool) -> bool:
    """Line j leads into a paragraph: a subheading past a paragraph break, or a line with the
    paragraph right under it (an interview question and its answer, in a scrape without breaks).
    A teaser box's lines are followed by more teasers or by the box's end."""
    if not after_break and nxt != j + 1:
        return False
    return not state.removed[nxt] and _prose(state.doc.lines[nxt])


def _sentence(line: str) -> bool:
    """A long line that ends like a sentence, a quotation or a question, or holds two sentences."""
    text = line.rstrip()
    if len(text.split()) <= _PROSE_WORDS:
        return False
    return text.endswith(_ANY_SENTENCE_END) or _INNER_SENTENCE_END.search(text) is not None


# What a word is stripped of before it is compared with a word list.
WORD_PUNCT = ".,;:!?()[]\"'«»„“”‘’—–"


def speech_words(params: dict[str, Any]) -> frozenset[str]:
    """A detector's `reported_speech_words` ("said", "sagte", "a-t-il"), case-folded."""
    return frozenset(w.casefold() for w in params.get("reported_speech_words", ()))


def reports_speech(line: str, speech: frozenset[str]) -> bool:
    """Whether the line holds one of the words that report speech."""
    return bool(speech) and any(t.strip(WORD_PUNCT).casefold() in speech for t in line.split())


def without_sign_off(line: str) -> str:
    """The line without a wire sign-off after its last sentence ("… Lim said. — Bernama" -> "… Lim said.")."""
    text = line.rstrip()
    if not text or text[-1] not in ")" and not text[-1].isalpha():
        return text
    return _SIGN_OFF.sub("", text)


def _teaser_like(line: str, max_words: int) -> bool:
    """Short and not ending a sentence, also inside closing quotes ("… stick together.'") or before a
    wire sign-off ("… were also hiring, Lim said. — Bernama": the article's paragraph under a teaser box)."""
    return (len(line.split()) <= max_words
            and not without_sign_off(line).rstrip(_CLOSING_QUOTES).endswith(_SENTENCE_END))


_ACTIONS = {
    "drop-line": _drop_line,
    "drop-block": _drop_block,
    "drop-rest": _drop_rest,
    "drop-until": _drop_until,
    "drop-next": _drop_next,
}
