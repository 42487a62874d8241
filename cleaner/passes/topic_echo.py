"""A teaser headline that opens with the headline's own topic ("Korhogo : …" under "Korhogo : …")."""

from __future__ import annotations

from typing import Any

from .metadata import find_title
from .state import PassState
from .teaser_run import teaser_shaped, topic_of

__all__ = ["detect_topic_echo"]


def detect_topic_echo(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """In the tail, a "topic: headline" line with the same topic as the page's headline, right
    under a removed line, is the headline of another story on that topic: a teaser or the
    title of a picture gallery ("Saint-Louis : la nouvelle digue …" as headline, "Dakaractu TV"
    / "Saint-Louis : les pêcheurs de Guet Ndar inquiets pour la saison" near the end).

    Regional sites open every headline with the town; the article's own subheadings do not
    repeat the headline's topic, and a live blog's entry headlines, which may, sit under a
    time stamp (`skip_categories`). When a kept line after the headline opens with the topic and
    goes on as a sentence, the topic is a speaker's name (an interview's answers) and nothing goes."""
    title_at = find_title(state)
    if title_at is None:
        return
    lines = state.doc.lines
    max_words, topic_words = params.get("max_words", 16), params.get("max_topic_words", 5)
    if not teaser_shaped(lines[title_at], state.words(title_at), 30, topic_words):
        return
    topic = topic_of(lines[title_at])
    skip = frozenset(params.get("skip_categories", ("dateline",)))
    min_words = params.get("min_words", 5)
    found = []
    for i in state.kept():
        if i <= title_at or topic_of(lines[i]) != topic:
            continue
        if not teaser_shaped(lines[i], state.words(i), max_words, topic_words):
            return  # a sentence after the topic: the speaker's prefix of an interview's answers
        if state.words(i) >= min_words and not state.blank[i - 1] and state.removed[i - 1] \
                and state.removed_as(i - 1) not in skip and state.in_region(i, "tail"):
            found.append(i)
    for i in found:
        state.drop_line(rule_id, category, i)
