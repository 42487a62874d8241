"""Run the examples that HTML rules carry: snippets they must act on, and must leave alone.

A strip rule's `drop` snippet must lose some text to the rule when segmented (so the
check goes through the same walk and selector index as real pages), and its `keep`
snippet must lose none. For title/date/author/body rules, `drop` snippets must yield a
match and `keep` snippets none. Known misses are expected to fail (strict xfail).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..engine.examples import ExampleCheck
from ..engine.model import HtmlRule
from .metadata import PageLookups, extract_value
from .parse import parse_html
from .segment import segment
from .selectors import SelectorIndex

__all__ = ["iter_html_checks", "run_html_check"]


def iter_html_checks(rules: Iterable[HtmlRule]) -> Iterator[ExampleCheck]:
    for rule in rules:
        ex = rule.examples
        yield from (ExampleCheck(rule, "drop", t) for t in ex.drop)  # type: ignore[arg-type]
        yield from (ExampleCheck(rule, "keep", t) for t in ex.keep)  # type: ignore[arg-type]
        yield from (ExampleCheck(rule, "drop", t, known_miss=True) for t in ex.known_miss_drop)  # type: ignore[arg-type]
        yield from (ExampleCheck(rule, "keep", t, known_miss=True) for t in ex.known_miss_keep)  # type: ignore[arg-type]


def acts_on(rule: HtmlRule, snippet: str) -> bool:
    """Whether the rule acts on the snippet: strips text from it, or finds its value."""
    root = parse_html(snippet)
    if rule.role == "strip":
        seg = segment(root, SelectorIndex([(rule.selector, rule)]))
        return any(b.strip is rule for b in seg.blocks)
    if rule.role in ("title", "date", "author"):
        return extract_value(rule, root, PageLookups()) is not None
    return bool(rule.selector is not None and rule.selector.select(root))


def run_html_check(check: ExampleCheck) -> tuple[bool, str]:
    rule = check.rule
    assert isinstance(rule, HtmlRule)
    fired = acts_on(rule, check.text)
    if check.kind == "drop":
        return fired, f"{rule.id} did not act on an example it should drop"
    return not fired, f"{rule.id} acted on an example it must keep"
