"""An image caption printed twice (alt text and caption): both copies and the credit between go.

Without caption evidence (a credit line between the copies, or a credit suffix on one
copy) the repeat is only a duplicated line: the second copy goes and the first stays, so
a paragraph the scraper doubled is still kept once.
"""

from __future__ import annotations

from typing import Any

from ..engine.patterns import compile_pattern
from .state import PassState

__all__ = ["detect_caption_twice", "caption_key"]

# What `regex` means by \s (str.isspace() without the separators \x1c-\x1f).
_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a" \
         "\u2028\u2029\u202f\u205f\u3000"
_PUNCT = _SPACE + ".,;:!?…\"'“”„»«"
_BRACKETS = "()[]"
_MAX_PARENTHETICAL = 60
_CREDIT_OR_CAPTION = frozenset(("credit", "caption"))


def caption_key(line: str) -> str:
    """The caption text without a trailing parenthetical credit or punctuation.

    Exactly what removing `\\s*[(\\[][^()\\[\\]]{1,60}[)\\]]\\s*$` and then
    `[\\s.,;:!?…"'“”„»«]+$` gives, casefolded, done with string methods.
    """
    end = len(line.rstrip(_SPACE)) - 1
    if end > 0 and line[end] in ")]":
        opening = max(line.rfind(b, 0, end) for b in _BRACKETS)
        if opening >= 0 and line[opening] in "([" and 1 <= end - opening - 1 <= _MAX_PARENTHETICAL:
            line = line[:opening].rstrip(_SPACE)
    return line.rstrip(_PUNCT).casefold()


def _keys(state: PassState) -> list[str | None]:
    """caption_key of each line, computed once per document."""
    keys = state.cache.get("caption_key")
    if keys is None:
        keys = state.cache["caption_key"] = [None] * len(state.doc.lines)
    return keys  # type: ignore[return-value]


def _keys_of(state: PassState, indices: list[int]) -> list[str]:
    keys = _keys(state)
    lines = state.doc.lines
    out = []
    for i in indices:
        key = keys[i]
        if key is None:
            key = keys[i] = caption_key(lines[i])
        out.append(key)
    return out


def _some_keys_repeat(state: PassState) -> bool:
    """Two non-blank lines share a key (asked once per document: the kept lines only lose members)."""
    repeat = state.cache.get("caption keys repeat")
    if repeat is None:
        keys = _keys_of(state, state.nonblank)
        repeat = state.cache["caption keys repeat"] = len(set(keys)) < len(keys)
    return repeat  # type: ignore[return-value]


def detect_caption_twice(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """Captions first; then doubled lines, including those the caption removal made adjacent."""
    min_words = params.get("min_words", 4)
    max_between = params.get("max_between", 2)
    max_between_words = params.get("max_between_words", 10)
    if not _some_keys_repeat(state):
        return  # no two lines share a key: neither a caption twice nor a doubled line, ever
    kept = state.kept()
    keys = _keys_of(state, kept)
    if len(set(keys)) == len(keys):
        return  # no two kept lines share a key
    for pos, i in enumerate(kept):
        if pos == 0 or state.removed[i] or state.words(i) < min_words:
            continue  # the first kept line is the title: a repeated title is not a caption
        key = keys[pos]
        for step in range(1, max_between + 2):
            if pos + step >= len(kept):
                break
            j = kept[pos + step]
            if keys[pos + step] != key:
                continue
            between = kept[pos + 1:pos + step]
            if not any(state.words(b) > max_between_words for b in between) \
                    and (_caption_evidence(state, i, j, between) or _borrowed_credit_under(state, j, params)):
                state.drop(rule_id, category, i, j + 1)
            break
    _drop_doubled_lines(state, rule_id, min_words)


def _drop_doubled_lines(state: PassState, rule_id: str, min_words: int) -> None:
    """A line repeated right after itself: every repeat goes, the first copy stays."""
    kept = state.kept()
    keys = _keys_of(state, kept)
    for pos, i in enumerate(kept):
        if state.removed[i] or state.words(i) < min_words:
            continue
        key = keys[pos]
        for q in range(pos + 1, len(kept)):
            if keys[q] != key:
                break
            state.drop_line(rule_id, "duplicate", kept[q])


def _borrowed_credit_under(state: PassState, j: int, params: dict[str, Any]) -> bool:
    """Right under the second copy (same block), a removed line that a byline or breadcrumb rule
    hit and that is shaped like a photographer's credit, a name and an outlet around a slash
    ("Steven Mallory/NY Post"), with a paragraph after it: the picture's credit, as
    STRUCT-CAPTION-ABOVE-CREDIT reads it."""
    shape = params.get("borrowed_credit_shape", "")
    categories = frozenset(params.get("borrowed_credit_categories", []))
    k = j + 1
    if not shape or not categories or k >= len(state.doc.lines) or state.blank[k] or not state.removed[k]:
        return False
    if not state.hit_as(k, categories) or compile_pattern(shape, 0).search(state.doc.lines[k]) is None:
        return False
    # The article goes on after the credit: a doubled last paragraph above a closing
    # "Jane Doe/Reuters" signature is the article's own, once.
    paragraph = params.get("paragraph_words", 12)
    return any(not state.removed[n] and state.words(n) >= paragraph for n in range(k + 1, len(state.doc.lines)))


def _caption_evidence(state: PassState, i: int, j: int, between: list[int]) -> bool:
    """A credit suffix on one copy, or a credit or caption line between the copies or right
    under the second copy (alt text, caption, then the credit under the picture)."""
    lines = state.doc.lines
    if lines[i] != lines[j]:
        return True
    after = j + 1 if j + 1 < len(lines) and not state.blank[j + 1] else j
    return any(state.hit_as(k, _CREDIT_OR_CAPTION) for k in range(i + 1, after + 1) if k != j)
