"""A video's title: a short line between a removed line and the player line a rule removed."""

from __future__ import annotations

from typing import Any

from .metadata import find_title
from .state import TEXT_END as _SENTENCE_END, PassState

__all__ = ["detect_video_title"]


def detect_video_title(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """A kept line that is not a sentence and sits inside a video block names the video: with a
    removed line right above it and a removed player line (duration, time code) right under it
    ("Vidéo" / "Premières neiges : les images dans le Massif central" / "02:34"), or as the
    block's last line right under the player line ("0:47" / "Countdown halted at SaxaVord").

    Player rules know the controls and the "Video" label, not the title among them; a text
    line is hemmed in by removed lines, or closes a block after a time code, only there.
    """
    max_words = params.get("max_words", 12)
    player = frozenset(params.get("player_categories", ("player",)))
    removed, lines = state.removed, state.doc.lines
    players = [p for p in state.lines_hit_as(player) if removed[p] and state.hit_as(p, player)]
    above = [p - 1 for p in players if p >= 2 and removed[p - 2]]
    below = [p + 1 for p in players if p + 2 >= len(lines) or state.blank[p + 2] or removed[p + 2]]
    titles = [i for i in above + below if 0 <= i < len(lines) and not removed[i] and not state.blank[i]
              and state.words(i) <= max_words and not lines[i].rstrip().endswith(_SENTENCE_END)]
    if titles:
        headline = find_title(state)
        for i in titles:
            if i != headline:
                state.drop_line(rule_id, category, i)
