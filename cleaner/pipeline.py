"""A pipeline cleans one document with one selection of rules: passes run in order."""

from __future__ import annotations

from .document import Document, Result, render
from .engine.matcher import Matcher, build_matcher
from .engine.rulebook import Selection
from .passes.line_rules import apply_line_rules, record_hits
from .passes.metadata import find_date, find_title
from .passes.spans import apply_span_rules
from .passes.state import PassState
from .passes.structure import DETECTOR_ORDER, DETECTORS

__all__ = ["Pipeline"]

_MAX_ROUNDS = 4


class Pipeline:
    def __init__(self, selection: Selection, matcher: Matcher | None = None) -> None:
        self.selection = selection
        self.matcher = matcher or build_matcher(selection.rules)
        order = {name: n for n, name in enumerate(DETECTOR_ORDER)}
        self.structure = sorted(selection.structure, key=lambda s: order[s.detector])

    def _settle(self, state: PassState) -> None:
        """Line rules and detectors until nothing more goes.

        A removal moves the lines after it (regions, the first kept line, neighbours); a
        second round sees positions as a fresh run on the output would, which makes
        cleaning idempotent. Rounds only add removals, so this ends.
        """
        for _ in range(_MAX_ROUNDS):
            before = len(state.removals)
            apply_line_rules(state)
            for rule in self.structure:
                DETECTORS[rule.detector](state, rule.id, rule.category, rule.params)
            if len(state.removals) == before:
                return
            state.rerank()

    def run(self, doc: Document) -> Result:
        state = PassState.start(doc)
        record_hits(state, self.matcher.match(doc.lines))
        self._settle(state)
        apply_span_rules(state)
        title_at = find_title(state)
        return Result(
            text=render(doc.raw, state.removed, state.spans, state.blank),
            title=" ".join(doc.raw[title_at].split()) if title_at is not None else None,
            lang=doc.lang,
            site=doc.host,
            date=doc.date or find_date(state, self.selection.months),
            removals=sorted(state.removals, key=lambda r: (r.start, r.span or (0, 0))),
        )
