"""Span rules: cut a matched span (a trailing credit, an inline label) out of a kept line."""

from __future__ import annotations

from ..normalize import align_to_raw
from .state import PassState

__all__ = ["apply_span_rules"]


def apply_span_rules(state: PassState) -> None:
    for i, rules in sorted(state.hits.items()):
        if state.removed[i]:
            continue
        for rule in rules:
            if rule.action != "drop-span" or not state.in_region(i, rule.region):
                continue
            found = rule.pattern.search(state.doc.lines[i])
            if not found or found.end() == found.start():
                continue
            span = align_to_raw(state.doc.raw[i], state.doc.lines[i], found.span())
            if span is None:
                continue  # cannot say which raw characters these are: keep the text
            if found.start() == 0 and found.end() == len(state.doc.lines[i]):
                state.drop_line(rule.id, rule.category, i)
            else:
                state.cut(rule.id, rule.category, i, span)
            break
