"""The interviewee's bio under a question-and-answer interview ("Katrin Ollenhauer lehrt …")."""

from __future__ import annotations

from typing import Any

import regex

from .state import PassState

__all__ = ["detect_interviewee_bio"]

# A name of two to four capitalised words (lower-case particles between), then a lower-case
# word: the bio's verb ("lehrt", "est", "is", "leitet"), never a colon (an answer) or a comma,
# but for the guest's age set off by commas ("Renate Wolters, 63, ist Diakonin …") or in
# brackets ("Selina Ammann (41) forscht an …").
# Each name word has two letters or more before any dot: "Q. What would you …" is a question.
_NAME_THEN_VERB = regex.compile(r"^(\p{Lu}\p{L}[\p{L}'’.-]*(?: (?:\p{Ll}{1,3} ){0,2}\p{Lu}\p{L}[\p{L}'’.-]*){1,3})(?:, \d{1,3},| \(\d{1,3}\))? \p{Ll}")
# Speech: a colon ("… conclut : « … »") or a quotation opened after a comma; a book title in
# quotation marks ("Elle publie en janvier « Quatre jours, et après ? ».") is not speech.
_SPEECH = regex.compile(r":|,\s*[«„“\"‚‘]")


def detect_interviewee_bio(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """Under an interview, a line that opens with the interviewee's full name and a lower-case
    verb is the bio box ("Élodie Schaller est médecin généraliste à Reconvilier depuis 2004.").

    Interviews name their guest in the standfirst or the title and print who they are at the
    end; the verb differs per language, but the name is the one the text introduced. Taken
    only when the text is a question-and-answer interview (`min_questions` kept lines ending
    with a question mark above), the line is among the last lines (at most `max_lines_after`
    kept lines under it) in the tail, the full name occurs in an earlier line, the line
    quotes no one (no colon, no quotation after a comma), is not a question, and it is not set apart as a paragraph of its
    own by blank lines on both sides: the interview's own closing paragraph in a text with
    paragraph breaks stays (holdout3's t-online interview labels such a line body).
    """
    kept = state.kept()
    max_after = int(params.get("max_lines_after", 1))
    lines = state.doc.lines
    for pos in range(max(0, len(kept) - 1 - max_after), len(kept)):
        i = kept[pos]
        match = _NAME_THEN_VERB.match(lines[i])
        if match is None or not state.in_region(i, "tail") or _SPEECH.search(lines[i]) or lines[i].endswith("?"):
            continue
        if not params.get("min_words", 8) <= state.words(i) <= params.get("max_words", 60) or _set_apart(state, i):
            continue
        names = [name for name in _names_in(match.group(1)) if _named_before(state, i, name)]
        if names and _questions_before(state, kept[:pos]) >= params.get("min_questions", 2):
            state.drop_line(rule_id, category, i)
            _book_line_above(state, rule_id, category, kept[pos - 1] if pos else None, i, names[0],
                             params.get("book_line_words", 0))
            return


def _set_apart(state: PassState, i: int) -> bool:
    """Blank lines (or the text's start and end) on both sides of line i."""
    above = i == 0 or state.blank[i - 1]
    below = i + 1 >= len(state.blank) or state.blank[i + 1]
    return above and below


def _names_in(found: str) -> list[str]:
    """The name the pattern found and its shorter readings, longest first: a German noun after
    the verb is capitalised, so "Veronika Strasser ist Soziologin an …" reads as a four-word
    name with "ist" as a particle; "Veronika Strasser" is the guest's name."""
    words = found.split()
    return [" ".join(words[:n]) for n in range(len(words), 1, -1) if words[n - 1][:1].isupper()]


def _named_before(state: PassState, i: int, name: str) -> bool:
    return any(name in line for line in state.doc.lines[:i])


def _questions_before(state: PassState, kept: list[int]) -> int:
    lines = state.doc.lines
    return sum(1 for k in kept if lines[k].rstrip().endswith("?"))


def _book_line_above(state: PassState, rule_id: str, category: str, j: int | None, bio: int, name: str,
                     max_words: int) -> None:
    """The line right above the bio (same block) that opens with the guest's name and a comma is
    the reference of the guest's book the interview is about ("Hélène Marquet, Au chevet des
    campagnes, à paraître le 14 janvier 2027."): part of the bio box. An answer opens with the
    speaker's name and a colon, if at all, and a question ends with a question mark."""
    if j is None or not max_words or j != bio - 1 or state.words(j) > max_words:
        return
    line = state.doc.lines[j]
    if line.startswith(name + ",") and not line.rstrip().endswith("?") and not _SPEECH.search(line):
        state.drop_line(rule_id, category, j)
