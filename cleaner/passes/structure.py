"""Registry of built-in structure detectors, switched on and tuned from packs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .author_box import detect_author_box
from .caption_before_credit import detect_caption_before_credit
from .caption_twice import detect_caption_twice
from .doubled_line import detect_doubled_line
from .head_label import detect_head_label
from .head_name import detect_head_name
from .player_cluster import detect_player_cluster
from .state import PassState
from .tail_after_heading import detect_tail_after_heading
from .tail_islands import detect_comment_thread, detect_tail_tags, detect_tail_teaser
from .teaser_run import detect_teaser_run
from .title_echo import detect_title_echo

__all__ = ["DETECTORS", "DETECTOR_ORDER", "Detector"]

Detector = Callable[[PassState, str, str, dict[str, Any]], None]

# Order matters: clusters and duplicates first, then the tail, then what is left at the
# end of the article (author box, title echo) is judged on what survived.
DETECTOR_ORDER: tuple[str, ...] = (
    "player-cluster", "caption-twice", "head-name", "head-label", "caption-before-credit", "doubled-line",
    "tail-after-heading", "comment-thread", "teaser-run", "tail-teaser", "tail-tags", "author-box", "title-echo",
)
DETECTORS: dict[str, Detector] = {
    "player-cluster": detect_player_cluster,
    "caption-twice": detect_caption_twice,
    "head-name": detect_head_name,
    "head-label": detect_head_label,
    "caption-before-credit": detect_caption_before_credit,
    "doubled-line": detect_doubled_line,
    "tail-after-heading": detect_tail_after_heading,
    "comment-thread": detect_comment_thread,
    "teaser-run": detect_teaser_run,
    "tail-teaser": detect_tail_teaser,
    "tail-tags": detect_tail_tags,
    "author-box": detect_author_box,
    "title-echo": detect_title_echo,
}
