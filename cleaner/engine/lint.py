"""Static checks on rule patterns: catastrophic backtracking and empty matches.

Their verdicts are cached (patterns.py): bump patterns._CHECKS_VERSION when a check changes.
"""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser as P  # type: ignore[attr-defined]

import regex

__all__ = ["backtracking_risk", "matches_empty"]

_UNBOUNDED = C.MAXREPEAT
_REPEATS = (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None))
# Unicode property classes are `regex` syntax that `re`'s parser does not know; for this
# structural analysis a word-character class has the same shape.
_PROPERTY = re.compile(r"\\[pP]\{[^}]*\}|\\[pP][A-Za-z]")


def matches_empty(pattern: regex.Pattern[str]) -> bool:
    """A pattern that matches the empty line would fire on every line break."""
    return pattern.search("") is not None


def backtracking_risk(source: str) -> str | None:
    """Say why a pattern may backtrack catastrophically, or None if it looks safe.

    Flags a repeated group that contains another unbounded repeat (`(a+)+`) and a
    repeated alternation whose branches can start with the same character (`(a|aa)+`).
    """
    try:
        tree = P.parse(_PROPERTY.sub(r"\\w", source))
    except (re.error, OverflowError, RecursionError):
        return None  # not analysable by re's parser; the regex timeout still guards it
    return _scan(tree, inside_repeat=False)


def _scan(items, inside_repeat: bool) -> str | None:
    for op, arg in items:
        if op in _REPEATS and op is not None:
            low, high, body = arg
            unbounded = high == _UNBOUNDED or high > 64
            if inside_repeat and unbounded and _can_repeat_text(body):
                return "nested quantifiers: a repeated group contains another unbounded repeat"
            if unbounded and _has_overlapping_branches(body):
                return "repeated alternation whose branches can match the same text"
            found = _scan(body, inside_repeat or unbounded)
            if found:
                return found
        elif op is C.SUBPATTERN:
            found = _scan(arg[-1], inside_repeat)
            if found:
                return found
        elif op is C.BRANCH:
            for branch in arg[1]:
                found = _scan(branch, inside_repeat)
                if found:
                    return found
    return None


def _can_repeat_text(body) -> bool:
    return any(op not in (C.AT, C.ASSERT, C.ASSERT_NOT) for op, _ in body)


def _has_overlapping_branches(body) -> bool:
    for op, arg in _unwrap(body):
        if op is C.BRANCH:
            firsts = [_first_chars(branch) for branch in arg[1]]
            for i, a in enumerate(firsts):
                for b in firsts[i + 1:]:
                    if a is None or b is None or a & b:
                        return True
    return False


def _unwrap(body):
    if len(body) == 1 and body[0][0] is C.SUBPATTERN:
        return list(body[0][1][-1])
    return list(body)


def _first_chars(branch) -> set[str] | None:
    """The literal characters a branch can start with, or None when it is not literal."""
    items = list(branch)
    if not items:
        return None
    op, arg = items[0]
    if op is C.LITERAL:
        return {chr(arg).lower()}
    if op is C.IN and all(o is C.LITERAL for o, _ in arg):
        return {chr(a).lower() for _, a in arg}
    if op is C.SUBPATTERN:
        return _first_chars(arg[-1])
    return None


# Classes that name a letter case: under IGNORECASE they match both cases.
_CASED_CLASS = re.compile(r"\\[pP]\{(?:Lu|Ll|Lt|Uppercase|Lowercase|Upper|Lower|Uppercase_Letter|Lowercase_Letter)\}"
                          r"|\[:(?:upper|lower):\]")


def case_class_ignored(source: str) -> str | None:
    """In a case-insensitive pattern, a capital/lower-case class outside `(?-i:...)` matches
    any letter: say which one, or None.

    `\\p{Lu}` and `[A-Z]` read as "a capital" but, with the rule's IGNORECASE, match "a"
    too; scoped as `(?-i:\\p{Lu})` they mean what they say.
    """
    depth_off: list[bool] = []  # per open group: is case sensitivity on inside it?
    off_globally = False
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        sensitive = off_globally or any(depth_off)
        if c == "\\":
            match = _CASED_CLASS.match(source, i)
            if match and not sensitive:
                return match.group()
            i += 2
            continue
        if c == "[":
            end = _class_end(source, i)
            found = _cased_set(source[i:end])
            if found and not sensitive:
                return found
            i = end
            continue
        if c == "(":
            flags = re.match(r"\(\?([a-zA-Z]*)-?([a-zA-Z]*)(:|\))", source[i:])
            if flags and flags.group(3) == ")":
                off_globally = off_globally or "i" in _turned_off(source[i:])
                i += flags.end()
                continue
            depth_off.append(bool(flags) and "i" in _turned_off(source[i:]))
        elif c == ")" and depth_off:
            depth_off.pop()
        i += 1
    return None


def _turned_off(group_start: str) -> str:
    """The flags a `(?a-b:` / `(?-b)` group start turns off ('b')."""
    match = re.match(r"\(\?[a-zA-Z]*-([a-zA-Z]+)", group_start)
    return match.group(1) if match else ""


def _class_end(source: str, start: int) -> int:
    """Index just past the character set opening at `start` (nested POSIX `[:x:]` included)."""
    i = start + 1
    if i < len(source) and source[i] == "^":
        i += 1
    if i < len(source) and source[i] == "]":
        i += 1  # a leading "]" is a literal
    while i < len(source):
        if source[i] == "\\":
            i += 2
            continue
        if source.startswith("[:", i):
            close = source.find(":]", i + 2)
            if close != -1:
                i = close + 2
                continue
        if source[i] == "]":
            return i + 1
        i += 1
    return len(source)


def _cased_set(text: str) -> str | None:
    """A set that names capitals only: `\\p{Lu}` inside it, or `A-Z` without `a-z`.

    (`[a-z]` alone is left alone: written in a case-insensitive rule it means "a letter".)"""
    match = _CASED_CLASS.search(text)
    if match:
        return match.group()
    if "A-Z" in text and "a-z" not in text:
        return text
    return None
