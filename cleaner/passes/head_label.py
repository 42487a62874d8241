"""Short labels in the head (masthead, place, section) that sit among removed lines."""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from .metadata import find_title
from .state import PassState

__all__ = ["detect_head_label"]

_SENTENCE_END = (".", "!", "?", ":", ";", "…", "»", '"', "”")


def detect_head_label(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """Runs of short kept lines in the head whose neighbours were removed go.

    Navigation rules remove "Startseite" or "Sport", but a place name, a masthead or a
    topic tag between them ("Lokales" / "Kreis Kassel" / "Baunatal") matches no phrase:
    its company gives it away. A run that touches the headline loses its last line, the
    kicker ("Drama im Wipptal"), when it has at most `label_words` words: a kicker is page
    furniture like a section label (with `label_words` 1 only single words such as
    "Penzlin" went). A kicker may end with a colon ("Hessischer Landtag:"). The head ends at
    the first paragraph after the headline.
    """
    max_words = params.get("max_words", 5)
    label_words = params.get("label_words", 1)
    body_words = params.get("body_words", 12)
    kicker_words = params.get("kicker_words", label_words)
    title_at = find_title(state)
    if title_at is None:
        return
    lines = state.doc.lines
    run: list[int] = []
    bounded = True  # the document's start counts as a removed neighbour
    for i in state.nonblank:
        if i > title_at and not state.removed[i] and state.words(i) >= body_words:
            break  # the first paragraph: the head is over
        if not state.removed[i] and i != title_at and state.words(i) <= max_words \
                and (not lines[i].rstrip().endswith(_SENTENCE_END) or _colon_kicker(state, i, title_at, label_words)) \
                and state.in_region(i, "head"):
            run.append(i)
            continue
        if run and bounded:
            if state.removed[i]:
                _drop(state, rule_id, category, run[:-1] if _headline_above_dek(state, run[-1], title_at, label_words) else run)
            elif i == title_at and i > run[-1]:
                kicker = state.words(run[-1]) > label_words and not _long_kicker(state, run, kicker_words)
                _drop(state, rule_id, category, run[:-1] if kicker else run)
        run, bounded = [], state.removed[i]


def _long_kicker(state: PassState, run: list[int], kicker_words: int) -> bool:
    """A kicker longer than a label ("Streit um den Bundeshaushalt", "Tarifkonflikt bei der
    Bahn", at most `kicker_words`) goes when it is the run's only line and a removed line sits
    right above it (blank lines aside): it is then hemmed in by furniture and the headline.
    At the start of the text, or under a kept label, it may be a short headline whose
    standfirst was taken for the title, and stays. Cleaning again keeps such a line too: the
    removed lines above it are gone from the output."""
    line = run[-1]
    if len(run) != 1 or state.words(line) > kicker_words:
        return False
    above = next((j for j in range(line - 1, -1, -1) if not state.blank[j]), None)
    return above is not None and state.removed[above]


def _colon_kicker(state: PassState, i: int, title_at: int, label_words: int) -> bool:
    """A kicker ending with a colon right above the headline ("Hessischer Landtag:" / "Wiesbaden
    streitet über …"): the colon joins it to the headline it labels. Only as short as a kicker
    and only touching the headline; anywhere else a colon announces what follows."""
    return state.doc.lines[i].rstrip().endswith(":") and state.words(i) <= label_words \
        and all(state.blank[k] for k in range(i + 1, title_at))


def _headline_above_dek(state: PassState, line: int, title_at: int, label_words: int) -> bool:
    """A line longer than a kicker (label_words) with only removed lines between it and the
    title found may be the headline, and the "title" its standfirst without a full stop
    ("Landslip closes Honister Pass" / "Cumbria" / "Boulders block the B5289 …"): find_title
    reads a short line right above a longer one as a kicker once the label between is
    removed. The threshold is the kicker's, so a second cleaning, where that line touches
    the title, keeps it too (idempotence)."""
    if state.words(line) <= label_words or title_at <= line:
        return False
    kept = state.kept()
    at = bisect_right(kept, line)
    return at < len(kept) and kept[at] == title_at


def _drop(state: PassState, rule_id: str, category: str, run: list[int]) -> None:
    for i in run:
        state.drop_line(rule_id, category, i)
