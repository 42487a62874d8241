"""A cluster of short lines that is mostly media-player controls goes as a whole."""

from __future__ import annotations

from typing import Any

from .state import PassState

__all__ = ["detect_player_cluster"]


def detect_player_cluster(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """Runs of short lines (blank lines allowed between) with enough player-rule hits.

    Player rules only recognise tokens (time codes, icon names, "Loading…"); the
    cluster also takes the short labels between them (a channel name, "close").
    """
    max_words = params.get("max_words", 4)
    min_hits = params.get("min_hits", 3)
    min_share = params.get("min_share", 0.4)
    signal = frozenset(params.get("categories", ["player"]))
    if min_hits >= 1 and len(state.lines_hit_as(signal)) < min_hits:
        return  # no run can have enough player hits
    run: list[int] = []
    for i in [*state.nonblank, -1]:
        if i >= 0 and state.words(i) <= max_words:
            run.append(i)
            continue
        hits = sum(1 for j in run if any(r.category in signal for r in state.hits.get(j, ())))
        if hits >= min_hits and hits >= min_share * len(run):
            for j in run:
                state.drop_line(rule_id, category, j)
        run = []
