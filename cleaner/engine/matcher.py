"""Matchers find, for every line of a document, the rules whose pattern accepts it.

All matchers share one contract: `match(lines)` returns (line index, rule) pairs ordered
by line and, within a line, by rule priority (the order rules were given in). Region
checks are the line pass's business, not the matcher's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from .model import Rule

__all__ = ["Matcher", "ReferenceMatcher"]


class Matcher(Protocol):
    rules: tuple[Rule, ...]

    def match(self, lines: Sequence[str]) -> list[tuple[int, Rule]]: ...


class ReferenceMatcher:
    """Every rule on every line: the plain semantics that faster matchers must equal."""

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)

    def match(self, lines: Sequence[str]) -> list[tuple[int, Rule]]:
        hits: list[tuple[int, Rule]] = []
        for i, line in enumerate(lines):
            if line:
                hits.extend((i, rule) for rule in self.rules if rule.accepts(line))
        return hits
