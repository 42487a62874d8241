"""A table of contents: the article's subheads listed near the head, printed again in the text."""

from __future__ import annotations

from typing import Any

from .metadata import find_title
from .state import PassState, collapsed

__all__ = ["detect_toc_run"]

# A subhead is a heading or a question; a line ending like this is a sentence of the text.
_NOT_SUBHEAD_END = (".", ",", ";")


def detect_toc_run(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """A run of `min_run` or more short kept lines (only removed lines between them) starting
    in the first `head_share` of the kept text, each printed once more further down, in the same
    order, with a paragraph of `body_words` words or more after each later copy, is a table
    of contents ("Was ist passiert?" / "Welche Modelle sind betroffen?" … then the same lines
    as the subheads of the text). The list goes; the subheads stay.

    The copies are the signal: a list of facts or a standfirst does not repeat the subheads
    word for word, and a refrain repeated in a text is not followed by a paragraph each time.
    """
    max_words = params.get("max_words", 12)
    min_run = params.get("min_run", 2)
    head_share = params.get("head_share", 0.5)
    body_words = params.get("body_words", 12)
    kept = state.kept()
    later = _later_copies(state, kept, max_words)
    if len(later) < min_run:
        return
    head_end = int(len(kept) * head_share)
    run: list[int] = []
    for n, i in enumerate(kept):
        if i in later and (run or n < head_end):
            run.append(n)  # the run starts in the head and may reach past it
            continue
        if _is_toc(state, kept, run, later, min_run, body_words):
            for m in run:
                state.drop_line(rule_id, category, kept[m])
            return
        run = []


def _later_copies(state: PassState, kept: list[int], max_words: int) -> dict[int, int]:
    """Each short subhead-like kept line that stands exactly twice among the kept lines,
    never the headline's text, mapped to its second copy."""
    title = find_title(state)
    title_key = _key(state.doc.lines[title]) if title is not None else None
    places: dict[str, list[int]] = {}
    for i in kept:
        line = state.doc.lines[i]
        if 1 <= state.words(i) <= max_words and not line.rstrip().endswith(_NOT_SUBHEAD_END):
            places.setdefault(_key(line), []).append(i)
    return {found[0]: found[1] for key, found in places.items() if len(found) == 2 and key != title_key}


def _is_toc(state: PassState, kept: list[int], run: list[int], later: dict[int, int],
            min_run: int, body_words: int) -> bool:
    """The run's later copies come after it, in the run's order, each followed by a paragraph
    before the next copy (or the end): subheads with their sections."""
    if len(run) < min_run:
        return False
    seconds = [later[kept[n]] for n in run]
    if seconds[0] <= kept[run[-1]] or any(a >= b for a, b in zip(seconds, seconds[1:])):
        return False
    bounds = seconds[1:] + [kept[-1] + 1]
    return all(any(state.words(k) >= body_words for k in kept if start < k < end)
               for start, end in zip(seconds, bounds))


def _key(line: str) -> str:
    return (line if collapsed(line) else " ".join(line.split())).casefold()
