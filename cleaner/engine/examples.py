"""Run the examples that rules carry: lines they must drop or keep, and whole cases."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..normalize import normalize_lines
from .model import Rule, StructureRule

__all__ = ["ExampleCheck", "iter_checks", "run_check"]


@dataclass(frozen=True)
class ExampleCheck:
    """One example of one rule. `known_miss` examples are expected to fail (strict xfail)."""

    rule: Rule | StructureRule
    kind: str  # drop | keep | case
    text: str
    expected: str = ""
    known_miss: bool = False

    @property
    def label(self) -> str:
        short = self.text.replace("\n", "⏎")[:50]
        return f"{self.rule.id}:{self.kind}{'(known miss)' if self.known_miss else ''}:{short}"


def iter_checks(rules: list[Rule | StructureRule]) -> Iterator[ExampleCheck]:
    for rule in rules:
        ex = rule.examples
        yield from (ExampleCheck(rule, "drop", t) for t in ex.drop)
        yield from (ExampleCheck(rule, "keep", t) for t in ex.keep)
        yield from (ExampleCheck(rule, "drop", t, known_miss=True) for t in ex.known_miss_drop)
        yield from (ExampleCheck(rule, "keep", t, known_miss=True) for t in ex.known_miss_keep)
        yield from (ExampleCheck(rule, "case", i, o) for i, o in ex.cases)


def run_check(check: ExampleCheck, clean: Callable[[str], str]) -> tuple[bool, str]:
    """Whether the example holds, and what happened (for the failure message)."""
    if check.kind == "case":
        got = clean(check.text)
        return got == check.expected.strip("\n"), f"got {got!r}, expected {check.expected!r}"
    assert isinstance(check.rule, Rule)
    line = normalize_lines([check.text])[0]
    fired = check.rule.accepts(line)
    if check.kind == "drop":
        return fired, "rule did not match a line it should drop"
    return not fired, "rule matched a line it must keep"
