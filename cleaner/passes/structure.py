"""Registry of built-in structure detectors, switched on and tuned from packs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .author_box import detect_author_bio, detect_author_box
from .box_label import detect_box_label
from .boxes import detect_box_name, detect_score_header
from .caption_before_credit import detect_caption_before_credit
from .caption_twice import detect_caption_twice
from .closing_bio import detect_interviewee_bio
from .comma_tags import detect_comma_tags
from .doubled_line import detect_doubled_line
from .head_echo import detect_head_echo
from .head_label import detect_head_label
from .head_name import detect_head_name
from .island import detect_island
from .key_updates import detect_key_updates
from .player_cluster import detect_player_cluster
from .poll import detect_poll
from .pull_quote import detect_pull_quote
from .state import PassState
from .tail_after_heading import detect_tail_after_heading
from .tail_islands import detect_comment_thread, detect_tail_furniture, detect_tail_tags, detect_tail_teaser
from .teaser_run import detect_teaser_run
from .title_echo import detect_title_echo
from .toc_run import detect_toc_run
from .topic_echo import detect_topic_echo
from .video_title import detect_video_title

__all__ = ["DETECTORS", "DETECTOR_ORDER", "Detector", "regions_read"]

Detector = Callable[[PassState, str, str, dict[str, Any]], None]

# Order matters: clusters and duplicates first (a headline echoed above the headline before
# caption-twice, which would take the second copy as a doubled line), then the tail, then what is left at the
# end of the article (author box, title echo) is judged on what survived. A score line above the headline goes
# before the head passes ask find_title, which would otherwise take the competition label for the headline.
DETECTOR_ORDER: tuple[str, ...] = (
    "player-cluster", "video-title", "score-header", "head-echo", "key-updates", "toc-run", "poll", "box-name", "caption-twice", "pull-quote",
    "head-name", "head-label", "caption-before-credit",
    "doubled-line", "tail-after-heading", "comment-thread", "teaser-run", "topic-echo", "tail-teaser", "tail-tags", "comma-tags", "island", "box-label", "tail-furniture",
    "author-box", "author-bio", "interviewee-bio", "title-echo",
)
DETECTORS: dict[str, Detector] = {
    "player-cluster": detect_player_cluster,
    "video-title": detect_video_title,
    "score-header": detect_score_header,
    "head-echo": detect_head_echo,
    "key-updates": detect_key_updates,
    "toc-run": detect_toc_run,
    "poll": detect_poll,
    "box-name": detect_box_name,
    "caption-twice": detect_caption_twice,
    "pull-quote": detect_pull_quote,
    "head-name": detect_head_name,
    "head-label": detect_head_label,
    "caption-before-credit": detect_caption_before_credit,
    "doubled-line": detect_doubled_line,
    "tail-after-heading": detect_tail_after_heading,
    "comment-thread": detect_comment_thread,
    "teaser-run": detect_teaser_run,
    "topic-echo": detect_topic_echo,
    "tail-teaser": detect_tail_teaser,
    "tail-tags": detect_tail_tags,
    "comma-tags": detect_comma_tags,
    "island": detect_island,
    "box-label": detect_box_label,
    "tail-furniture": detect_tail_furniture,
    "author-box": detect_author_box,
    "author-bio": detect_author_bio,
    "interviewee-bio": detect_interviewee_bio,
    "title-echo": detect_title_echo,
}

# The regions each detector asks state.in_region about, always for kept lines. Besides these
# positions a detector reads only what PassState.signature counts (kept lines, removals,
# tail headings) and the document, so a rerun on an equal signature repeats its last run.
# A detector that reads positions any other way must not be added without its regions.
_REGIONS_READ: dict[str, frozenset[str]] = {
    "score-header": frozenset({"head"}),
    "head-echo": frozenset({"head"}),
    "head-name": frozenset({"head"}),
    "head-label": frozenset({"head"}),
    "caption-before-credit": frozenset({"head"}),
    "teaser-run": frozenset({"tail"}),
    "topic-echo": frozenset({"tail"}),
    "author-box": frozenset({"tail"}),
    "author-bio": frozenset({"tail"}),
    "interviewee-bio": frozenset({"tail"}),
}


def regions_read(detector: str, params: dict[str, Any]) -> frozenset[str]:
    if detector == "doubled-line":
        return frozenset({params.get("region", "tail")})
    return _REGIONS_READ.get(detector, frozenset())
