"""A pipeline cleans one document with one selection of rules: passes run in order."""

from __future__ import annotations

from typing import NamedTuple

from .document import Document, Removal, Result, render
from .engine.matcher import HyperscanMatcher, Matcher, PythonMatcher, ReferenceMatcher, build_matcher
from .engine.model import Rule
from .engine.patterns import compile_now, needs_full_case
from .engine.rulebook import Selection
from .limits import NO_DEADLINE, Deadline
from .normalize import count_words, symbol_led
from .passes.line_rules import apply_line_rules, record_hits
from .passes.metadata import find_date, find_title
from .passes.spans import apply_span_rules
from .passes.state import PassState
from .passes.structure import DETECTOR_ORDER, DETECTORS, regions_read

__all__ = ["Pipeline"]

_MAX_ROUNDS = 4
_MATCH_BLOCK = 20_000  # lines matched between two checks of the time budget


class Pipeline:
    def __init__(self, selection: Selection, matcher: Matcher | None = None) -> None:
        self.selection = selection
        self.matcher = matcher or build_matcher(selection.rules)
        _compile_patterns(selection.rules)
        self._takes_counts = isinstance(self.matcher, (HyperscanMatcher, PythonMatcher, ReferenceMatcher))
        order = {name: n for n, name in enumerate(DETECTOR_ORDER)}
        self.structure = sorted(selection.structure, key=lambda s: order[s.detector])
        self._regions = [regions_read(s.detector, s.params) for s in self.structure]
        self._rule_order = {id(rule): n for n, rule in enumerate(selection.rules)}

    def _settle(self, state: PassState, deadline: Deadline = NO_DEADLINE) -> None:
        """Line rules and detectors until nothing more goes.

        A removal moves the lines after it (regions, the first kept line, neighbours); a
        second round sees positions as a fresh run on the output would, which makes
        cleaning idempotent. Rounds only add removals, so this ends.

        A detector is deterministic in what it reads: one whose last run changed nothing is
        skipped while the state looks the same to it (most detectors in the second round,
        which usually only confirms that nothing more goes).
        """
        idle_at: list[tuple[int, ...] | None] = [None] * len(self.structure)  # signature of a run that did nothing
        for _ in range(_MAX_ROUNDS):
            before = len(state.removals)
            apply_line_rules(state)
            for n, rule in enumerate(self.structure):
                deadline.check(rule.detector)
                if idle_at[n] is not None and state.signature(self._regions[n]) == idle_at[n]:
                    continue
                stamp = state.stamp()
                DETECTORS[rule.detector](state, rule.id, rule.category, rule.params)
                # A run that changed nothing started from the state it left: the same signature.
                idle_at[n] = state.signature(self._regions[n]) if state.stamp() == stamp else None
            if len(state.removals) == before:
                return
            state.rerank()

    def _match(self, lines: list[str], counts: list[int], deadline: Deadline) -> list:  # type: ignore[type-arg]
        """Line-rule hits; a long document is matched in blocks with a budget check between
        (a rule's hit depends on its line only, so blocks give the same hits). `counts`:
        each line's words, counted once for the matcher and the passes."""
        if len(lines) <= _MATCH_BLOCK:
            return self._match_block(lines, counts)
        hits = []
        for start in range(0, len(lines), _MATCH_BLOCK):
            deadline.check("line rules")
            end = start + _MATCH_BLOCK
            hits.extend((start + i, rule) for i, rule in self._match_block(lines[start:end], counts[start:end]))
        return hits

    def _with_symbol_led(self, lines: list[str], hits: list) -> list:  # type: ignore[type-arg]
        """`hits`, and the hits of the lines that start with pictographs or symbols matched once
        more without them ('📍 Pour ne manquer …' is FR-SHARE-003's line behind a pin). A line's
        hits stay in rule order (the first applicable rule acts) and each rule counts once."""
        led = symbol_led(lines)
        if not led:
            return hits
        stripped = [line for _, line in led]
        extra = self._match_block(stripped, count_words(stripped))
        if not extra:
            return hits
        per_line: dict[int, list] = {}  # type: ignore[type-arg]
        for i, rule in hits:
            per_line.setdefault(i, []).append(rule)
        for k, rule in extra:
            found = per_line.setdefault(led[k][0], [])
            if all(rule is not r for r in found):
                found.append(rule)
        order = self._rule_order
        return [(i, rule) for i in sorted(per_line)
                for rule in sorted(per_line[i], key=lambda r: order.get(id(r), len(order)))]

    def _match_block(self, lines: list[str], counts: list[int]) -> list:  # type: ignore[type-arg]
        if self._takes_counts:
            return self.matcher.match(lines, counts)
        return self.matcher.match(lines)  # a matcher of the caller's own, with the one-argument contract

    def run(self, doc: Document, deadline: Deadline = NO_DEADLINE) -> Result:
        """`deadline`: the document's time budget, checked between passes (LimitError)."""
        state, found = self.findings(doc, deadline)
        return Result(
            text=render(doc.raw, state.removed, state.spans, state.blank),
            title=found.title, lang=doc.lang, site=doc.host, date=found.date, removals=found.removals,
        )

    def line_hits(self, lines: list[str], counts: list[int] | None = None,
                  deadline: Deadline = NO_DEADLINE) -> list:  # type: ignore[type-arg]
        """(line, rule) for every line rule matching a line, symbol-led lines included."""
        if counts is None:
            counts = count_words(lines)
        return self._with_symbol_led(lines, self._match(lines, counts, deadline))

    def findings(self, doc: Document, deadline: Deadline = NO_DEADLINE,
                 hits: list | None = None) -> tuple[PassState, Findings]:  # type: ignore[type-arg]
        """What `run` finds, without rendering the text. `hits`: the document's line hits
        when the caller matched its lines already (HTML mode matches a page's lines once)."""
        counts = count_words(doc.lines)
        state = PassState.start(doc, counts)
        record_hits(state, self.line_hits(doc.lines, counts, deadline) if hits is None else hits)
        deadline.check("line rules")
        self._settle(state, deadline)
        deadline.check("span rules")
        apply_span_rules(state)
        title_at = find_title(state)
        return state, Findings(
            title=" ".join(doc.raw[title_at].split()) if title_at is not None else None,
            date=doc.date or find_date(state, self.selection.months),
            removals=sorted(state.removals, key=lambda r: (r.start, r.span or (0, 0))),
        )


def _compile_patterns(rules: tuple[Rule, ...]) -> None:
    """Compile the patterns cleaning searches now, while the pipeline is set up (not on a
    document's time budget), except full-case forms that lines seldom need.

    `search` answers a line through a pattern's simple-case twin unless the line holds a
    character that folds to several (ß, ﬁ). The full-case form costs 5-50 times the
    twin's memory (`regex` expands every class like [\\p{L}\\d'-] into all multi-letter
    folds: ~40 KB each); the shipped en and fr packs' full forms with a twin take ~80 MB,
    in every batch process. Such characters are common in the lines of a pack whose
    examples hold them (de: ß) and rare elsewhere; there a rule searched only through
    `search` (not drop-span: its pass searches the pattern itself) compiles its full form
    on the first line that needs it (0.1 s at most, once per process)."""
    rare = _packs_without_folding_examples(rules)
    deferred = [r.action != "drop-span" and r.pack in rare for r in rules]
    compile_now(rule.pattern for rule, later in zip(rules, deferred) if not later)
    compile_now((rule.pattern for rule, later in zip(rules, deferred) if later), full=False)
    compile_now(rule.until_pattern for rule in rules)


def _packs_without_folding_examples(rules: tuple[Rule, ...]) -> set[str]:
    """Names of the packs none of whose rules' example lines holds a character that folds
    to several."""
    packs = {rule.pack for rule in rules}
    for rule in rules:
        if rule.pack in packs and any(map(needs_full_case, _example_lines(rule))):
            packs.discard(rule.pack)
    return packs


def _example_lines(rule: Rule) -> tuple[str, ...]:
    ex = rule.examples
    return (*ex.drop, *ex.keep, *ex.known_miss_drop, *ex.known_miss_keep, *(text for case in ex.cases for text in case))


class Findings(NamedTuple):
    """A document's title, date and removals, as a pipeline found them."""

    title: str | None
    date: str | None
    removals: list[Removal]
