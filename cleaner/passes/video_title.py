"""A video's title: a short line between a removed line and the player line a rule removed."""

from __future__ import annotations

from typing import Any

from .metadata import find_title
from .state import PassState

__all__ = ["detect_video_title"]

_SENTENCE_END = (".", "!", "?", ":", ";", "…", "»", '"', "”", "“")


def detect_video_title(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """A kept line that is not a sentence, with a removed line right above it and a removed
    player line (duration, time code) right under it, names the embedded video ("Vidéo" /
    "Premières neiges : les images dans le Massif central" / "02:34").

    Player rules know the controls and the "Video" label, not the title between them; a
    text line is hemmed in by removed lines on both sides only inside such a block.
    """
    max_words = params.get("max_words", 12)
    player = frozenset(params.get("player_categories", ("player",)))
    removed, lines = state.removed, state.doc.lines
    titles = [p - 1 for p in state.lines_hit_as(player) if p >= 2 and removed[p] and state.removed_as(p) in player]
    titles = [i for i in titles if not removed[i] and not state.blank[i] and removed[i - 1]
              and state.words(i) <= max_words and not lines[i].rstrip().endswith(_SENTENCE_END)]
    if titles:
        headline = find_title(state)
        for i in titles:
            if i != headline:
                state.drop_line(rule_id, category, i)
