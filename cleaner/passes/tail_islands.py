"""What is left between removed lines at the article's end: a comment thread, a last teaser, topic tags."""

from __future__ import annotations

import re
from bisect import bisect_left
from typing import Any

from .line_rules import without_sign_off
from .metadata import find_title
from .state import HEAD_LINES, TAIL_START, TEXT_END as _SENTENCE_END, PassState

__all__ = ["detect_comment_thread", "detect_tail_furniture", "detect_tail_tags", "detect_tail_teaser"]


def _in_tail(state: PassState, i: int) -> bool:
    """Tail by position among all non-blank lines (removed lines have no rank)."""
    n = len(state.nonblank)
    return bisect_left(state.nonblank, i) >= max(3, n * TAIL_START)


def _vote_count(line: str) -> bool:
    """A line that is only a small number ("48", "+6", "-2"): thumbs up/down under a comment.

    Three digits at most: a year on a line of its own belongs to a list or a table."""
    stripped = line.strip().lstrip("+-−")
    return 0 < len(stripped) <= 3 and stripped.isdigit()


def detect_comment_thread(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """After a comments line a rule removed in the tail, a thread (handles, comments, vote
    counts, reply buttons, relative times) goes as a whole.

    A comments heading may also be a share-bar button ("Kommentare"), so the heading alone
    takes nothing: the lines after it must show the thread's own furniture, and some of it
    among the kept lines (a head "View comments" button is followed by the article, with
    the page's own comment section only after its last line).
    """
    min_signals = params.get("min_signals", 2)
    min_share = params.get("min_share", 0.25)
    min_lines_before = params.get("min_lines_before", 3)
    min_words_before = params.get("min_words_before", 30)
    heading_cats = frozenset(params.get("heading_categories", ("comments",)))
    signal_cats = frozenset(params.get("signal_categories", ("comments", "dateline")))
    for at, h in enumerate(state.nonblank):
        if not state.removed[h] or not state.hit_as(h, heading_cats) or not _in_tail(state, h):
            continue
        before = [j for j in state.nonblank[:at] if not state.removed[j]]
        if len(before) < min_lines_before or sum(state.words(j) for j in before) < min_words_before:
            continue
        after = state.nonblank[at + 1:]
        kept = [j for j in after if not state.removed[j]]
        if not kept:
            return
        votes = sum(1 for j in kept if _vote_count(state.doc.lines[j]))
        furniture = [j for j in after if state.removed[j] and state.hit_as(j, signal_cats)]
        own = votes + sum(1 for j in after if state.removed[j] and state.hit_as(j, heading_cats))
        signals = votes + len(furniture)
        among = votes or any(j < kept[-1] for j in furniture)
        if signals >= min_signals and own and among and signals >= min_share * len(after):
            for j in kept:
                state.drop_line(rule_id, category, j)
        return  # only the first comments line in the tail opens the thread


def detect_tail_teaser(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """A headline-like line in the tail right under a removed related/navigation line,
    with nothing kept after it, is the last teaser of the box (drop-next takes only one)."""
    max_words = params.get("max_words", 16)
    after_cats = frozenset(params.get("after_categories", ("related", "navigation", "paywall")))
    kept = state.kept()
    if not kept:
        return
    last = kept[-1]
    if state.words(last) > max_words or without_sign_off(state.doc.lines[last]).endswith(_SENTENCE_END):
        return  # a sentence, also before a wire sign-off ("… Lim said. — Bernama"), is the article's
    at = bisect_left(state.nonblank, last)
    if at == 0 or not _in_tail(state, last):
        return
    above = state.nonblank[at - 1]
    if state.removed[above] and state.removed_as(above) in after_cats:
        state.drop_line(rule_id, category, last)


def detect_tail_tags(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """The kept lines at the very end, when they are two or more short labels ("Scams" /
    "Police") under a removed line, are the article's topic tags.

    Straight under the last paragraph the labels are tags only when one of them repeats a
    label line of the head ("Grève" above the headline, "Grève" / "Logistique" /
    "Seine-et-Marne" at the end): the site prints the main tag above the headline too. That
    head copy is the same tag link and goes with them. A removed ad, player, caption or
    credit line (`in_text_categories`) stands between paragraphs: labels under it are the
    article's closing list ("Infoabend im Rathaus" / "Eintritt frei"), unless they echo the head.
    A short label ending with a colon right above the labels ("More:" / "Koalas") is the
    list's heading: it goes with them and counts towards the run. A longer kept line ending
    with a colon above them announces the article's own list ("Das Programm im Überblick:" /
    "Konzerte" / "Lesungen"), as tail-furniture reads such a line too.
    """
    max_words = params.get("max_words", 4)
    min_run = params.get("min_run", 2)
    in_text = frozenset(params.get("in_text_categories", ()))
    kept = state.kept()
    run: list[int] = []
    for i in reversed(kept):
        if not _label(state, i, max_words):
            break
        run.append(i)
    heading_words = params.get("heading_words", 0)
    above_run = kept[len(kept) - len(run) - 1] if run and len(run) < len(kept) else None
    if above_run is not None and above_run + 1 == run[-1] and _tags_heading(state, above_run, heading_words):
        run.append(above_run)
    elif above_run is not None and run and state.doc.lines[above_run].rstrip().endswith(":"):
        return  # a longer line announcing them ("Das Programm im Überblick:"): the article's own list
    if len(run) < min_run or len(run) == len(kept):
        return
    first = run[-1]
    at = bisect_left(state.nonblank, first)
    if at == 0 or not _in_tail(state, first):
        return
    above = state.nonblank[at - 1]
    under_box = state.removed[above] and state.removed_as(above) not in in_text
    echoed = [] if under_box else _head_copies(state, run, max_words)
    if not under_box and not echoed and not _headline_tags(state, run, params.get("headline_tags", 0)):
        return
    for i in run + echoed:
        if not state.removed[i]:
            state.drop_line(rule_id, category, i)


def _headline_tags(state: PassState, run: list[int], needed: int) -> bool:
    """At least `needed` labels of the run name the headline's own words: each of the label's
    words stands in the headline as a whole word or as the start of one ("Gemeindebau" in
    "Gemeindebauten"), in order ("Chennai rains" / "Velachery" under "Chennai rains: Velachery
    residents …"). A site's tags name the story's places and topics; an article's closing
    list names what the text goes on to say, not the headline twice."""
    if needed <= 0:
        return False
    title_at = find_title(state)
    if title_at is None:
        return False
    headline = state.doc.lines[title_at].casefold()
    named = 0
    for i in run:
        words = state.doc.lines[i].casefold().split()
        if words and re.search(r"(?<!\w)" + r"\W+".join(map(re.escape, words)), headline):
            named += 1
    return named >= needed


def _tags_heading(state: PassState, i: int, max_words: int) -> bool:
    """A short line ending with a colon, no figures, right above the tags: the list's label
    ("More:" / "Koalas"), on the line right above the first tag."""
    line = state.doc.lines[i].rstrip()
    return 0 < state.words(i) <= max_words and line.endswith(":") and not any(c.isdigit() for c in line)


def _label(state: PassState, i: int, max_words: int) -> bool:
    line = state.doc.lines[i]
    return state.words(i) <= max_words and not line.rstrip().endswith(_SENTENCE_END) \
        and not any(c.isdigit() for c in line)


def _head_copies(state: PassState, run: list[int], max_words: int) -> list[int]:
    """Label lines among the document's first lines (the head, counted over all non-blank
    lines, removed or not: head-label may have taken the copy already) that repeat one of
    the run's labels, ignoring case; never the headline."""
    tags = {state.doc.lines[i].strip().casefold() for i in run}
    head = state.nonblank[:HEAD_LINES]
    title_at = find_title(state)  # a short headline repeated as a tag stays the headline
    return [i for i in head if i < run[-1] and i != title_at
            and _label(state, i, max_words) and state.doc.lines[i].strip().casefold() in tags]


def detect_tail_furniture(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """After the article's last sentence, runs of short lines that are not sentences and touch
    a removed line are the labels and links of boxes whose other lines rules removed ("Plus de
    Faits divers" / a teaser / newsletter lines; "Mehr Linz" between a comment prompt and an ad).

    The last sentence is the last kept line ending like one or long enough to be a paragraph,
    but not a short question in a teaser box; one that ends with a colon announces a list,
    and then nothing after it is taken. A run with figures on more than one line is a table
    (a match's result box), not a box title.
    """
    max_words = params.get("max_words", 16)
    paragraph_words = params.get("paragraph_words", 12)
    max_figures = params.get("max_lines_with_digits", 1)
    teaser_cats = frozenset(params.get("teaser_categories", ()))
    kept = state.kept()
    lines = state.doc.lines
    last = next((i for i in reversed(kept) if (state.words(i) >= paragraph_words
                 or lines[i].rstrip().endswith(_SENTENCE_END))
                 and not _question_teaser(state, i, paragraph_words, max_words, teaser_cats)), None)
    if last is None or lines[last].rstrip().endswith(":"):
        return
    list_lines = params.get("list_min_lines", 0)
    in_text = frozenset(params.get("in_text_categories", ()))
    run: list[int] = []
    for i in state.nonblank[bisect_left(state.nonblank, last) + 1:]:
        if not state.removed[i] and state.words(i) <= max_words:
            run.append(i)
            continue
        _drop_run_touching_removed(state, rule_id, category, run, max_figures, list_lines, in_text)
        run = []
    _drop_run_touching_removed(state, rule_id, category, run, max_figures, list_lines, in_text)


def _question_teaser(state: PassState, i: int, paragraph_words: int, max_words: int,
                     teaser_cats: frozenset[str]) -> bool:
    """A short question in a teaser box ("Wie teuer wird das Parken in der Altstadt?"): right
    under (same block, no blank line) a removed related line, or under further short teaser
    lines that are. A teaser ends with "?" as often as not; it is not the article's last sentence."""
    lines = state.doc.lines
    if not teaser_cats or state.words(i) >= paragraph_words or not lines[i].rstrip().endswith("?"):
        return False
    j = i - 1
    while j >= 0 and not state.blank[j] and not state.removed[j] and state.words(j) <= max_words \
            and (lines[j].rstrip().endswith("?") or not lines[j].rstrip().endswith(_SENTENCE_END)):
        j -= 1
    return j >= 0 and state.removed[j] and state.removed_as(j) in teaser_cats


def _drop_run_touching_removed(state: PassState, rule_id: str, category: str, run: list[int],
                               max_figures: int, list_lines: int = 0,
                               in_text: frozenset[str] = frozenset()) -> None:
    """Drop the run when a removed line stands right above or right below it, in the same
    block: a list under its own subheading, set off by blank lines ("Where to get help" /
    hotline numbers), is the article's, even when a removed box follows after the break.

    Scraped text often has no blank lines, so a run of `list_lines` or more (a subheading
    and two items) needs a removed box line right above it: a share bar or an ad under the
    article's closing list touches it from below only, and a picture or an ad (`in_text`
    categories) sits between paragraphs, so a list under one is still the article's.
    """
    if not run or not _in_tail(state, run[0]) \
            or sum(1 for i in run if any(c.isdigit() for c in state.doc.lines[i])) > max_figures:
        return
    first, last, removed = run[0], run[-1], state.removed
    above = first > 0 and removed[first - 1]
    below = last + 1 < len(removed) and removed[last + 1]
    if list_lines and len(run) >= list_lines:
        below = False
        above = above and state.removed_as(first - 1) not in in_text
    if above or below:
        for i in run:
            state.drop_line(rule_id, category, i)
