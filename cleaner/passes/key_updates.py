"""A live blog's list of key updates: the headlines of its posts, printed again above them."""

from __future__ import annotations

from typing import Any

from .metadata import find_title
from .state import TEXT_END as _SENTENCE_END, PassState, collapsed

__all__ = ["detect_key_updates"]

# A heading of the list may announce it with a colon ("Key updates:"); it is no sentence.
_HEADING_END = tuple(c for c in _SENTENCE_END if c != ":")


def detect_key_updates(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """Short lines above the first post that each repeat the headline of a later post (a post
    headline stands right under the post's time stamp, which a dateline rule removed) are the
    live blog's "Key updates" list: links to those posts. A run of `min_run` or more of them
    goes, with a short heading right above the run ("Key updates", "Das Wichtigste"). The list
    ends before the first post whose headline it repeats.

    The copies are the signal: a list of facts or a standfirst above a live blog does not
    repeat the posts' headlines word for word. Only the first copies go; the posts keep theirs.
    """
    max_words = params.get("max_words", 14)
    min_run = params.get("min_run", 2)
    heading_words = params.get("heading_words", 4)
    stamp_cats = frozenset(params.get("stamp_categories", ("dateline",)))
    posts = _post_headlines(state, max_words, stamp_cats)
    if len(posts) < min_run:
        return
    lines, removed = state.doc.lines, state.removed
    run: list[int] = []  # the list's items, also those a rule took already (a drop-next label)
    seen: set[str] = set()
    for i in state.nonblank:
        key = _key(lines[i])
        stamped = posts.get(key, ())
        listed = _headline_like(state, i, max_words) and bool(stamped) and stamped[-1] > i
        if removed[i] and not listed:
            continue  # a time stamp or label between the items
        if key in seen and i in stamped:
            break  # the posts begin: this is the second copy of a listed headline
        seen.add(key)
        if listed and (not run or _adjacent(state, run[-1], i)):
            run.append(i)
            continue
        if len(run) >= min_run:
            break
        run = []
    if len(run) < min_run:
        return
    title = find_title(state)
    if title in run:
        return
    first, last = run[0], run[-1]
    spaced = any(state.blank[k] for k in range(first, last))  # a scrape that sets every line apart
    run = [i for i in run if not removed[i]]
    if not run:
        return
    heading = first - 1
    while heading > 0 and ((spaced and state.blank[heading])
                           or (removed[heading] and state.removed_as(heading) in stamp_cats)):
        heading -= 1  # past the first item's own time stamp
    if heading >= 0 and not removed[heading] and not state.blank[heading] and heading != title \
            and state.words(heading) <= heading_words and not lines[heading].rstrip().endswith(_HEADING_END):
        run.insert(0, heading)
    for i in run:
        state.drop_line(rule_id, category, i)


def _post_headlines(state: PassState, max_words: int, stamp_cats: frozenset[str]) -> dict[str, list[int]]:
    """The first line of each post: a headline-like kept line right under (same block) a
    time stamp that a rule removed; keyed by its text, ignoring case, with every place it
    stands (the list's items may carry their posts' time stamps too: "19:40" / headline)."""
    found: dict[str, list[int]] = {}
    lines, removed = state.doc.lines, state.removed
    for removal in state.removals:  # a line under a removed stamp follows the end of a removal
        if removal.span is not None or removal.category not in stamp_cats \
                or state.removed_as(removal.end - 1) not in stamp_cats:
            continue
        i = removal.end
        while i < len(lines) and state.blank[i]:
            i += 1  # a scrape that sets every line apart
        if i >= len(lines) or removed[i]:
            continue
        if _headline_like(state, i, max_words):
            found.setdefault(_key(lines[i]), []).append(i)
    for stamped in found.values():
        stamped.sort()
    return found


def _headline_like(state: PassState, i: int, max_words: int) -> bool:
    line = state.doc.lines[i]
    return 2 <= state.words(i) <= max_words and not line.rstrip().endswith((".", ";", ":", "!"))


def _adjacent(state: PassState, a: int, b: int) -> bool:
    """b follows a with nothing kept between (removed lines, or blank ones in a scrape that
    sets every line apart)."""
    return all(state.removed[k] or state.blank[k] for k in range(a + 1, b))


def _key(line: str) -> str:
    return (line if collapsed(line) else " ".join(line.split())).casefold()
