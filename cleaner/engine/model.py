"""The rule model: what a pack, a line rule and a structure rule are once loaded."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import regex

from .patterns import LazyPattern, search

__all__ = [
    "CATEGORIES", "ACTIONS", "REGIONS", "Source", "RuleDoc", "Examples", "Match", "Rule",
    "StructureRule", "Pack", "Fixture", "HTML_ROLES", "HtmlRule",
]

CATEGORIES: tuple[str, ...] = (
    "ads", "comments", "author", "player", "related", "caption", "credit", "navigation",
    "dateline", "share", "newsletter", "paywall", "consent", "sources", "duplicate", "other",
)
ACTIONS: tuple[str, ...] = ("drop-line", "drop-span", "drop-block", "drop-rest", "drop-until", "drop-next")
REGIONS: tuple[str, ...] = ("head", "tail", "anywhere")
MatchKind = Literal["exact", "prefix", "regex"]

# Full case folding so that "STRASSE" matches "Straße" and "ẞ" matches "ß".
_CASELESS = regex.IGNORECASE | regex.FULLCASE


@dataclass(frozen=True)
class Source:
    """Where a rule came from: the pack file and line, and the format it was imported from."""

    file: str
    line: int | None = None
    format: str = "native"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else self.file


@dataclass(frozen=True)
class RuleDoc:
    what: str
    why: str
    safety: str = ""


@dataclass(frozen=True)
class Examples:
    """Lines a rule must drop and must keep; known misses are strict expected failures."""

    drop: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    known_miss_drop: tuple[str, ...] = ()
    known_miss_keep: tuple[str, ...] = ()
    cases: tuple[tuple[str, str], ...] = ()  # (input document, expected output)


@dataclass(frozen=True)
class Match:
    """What a rule's line pattern is. Every kind compiles to one `regex` pattern."""

    kind: MatchKind
    patterns: tuple[str, ...]
    case_sensitive: bool = False

    def source_pattern(self) -> str:
        if self.kind == "regex":
            return self.patterns[0]
        alternatives = "|".join(_literal(p) for p in self.patterns)
        if self.kind == "exact":
            return rf"^(?:{alternatives})$"
        return rf"^(?:{alternatives})(?!\w)"

    def compile(self) -> regex.Pattern[str]:
        flags = 0 if self.case_sensitive else _CASELESS
        return regex.compile(self.source_pattern(), flags)


def _literal(text: str) -> str:
    # Lines are whitespace-collapsed before matching, so literals are too.
    return regex.escape(" ".join(text.split()), literal_spaces=True)


@dataclass(frozen=True)
class Rule:
    """A line rule: a pattern over one normalized line, where it applies, what it drops."""

    id: str
    name: str
    category: str
    match: Match
    action: str
    doc: RuleDoc
    examples: Examples
    pack: str
    source: Source
    region: str = "anywhere"
    min_words: int | None = None
    max_words: int | None = None
    max_chars: int | None = None
    until: str | None = None
    next_max_lines: int = 3
    next_max_words: int = 16
    # A LazyPattern once the loader has checked the pattern in an earlier run (patterns.py).
    pattern: regex.Pattern[str] | LazyPattern = field(default=None, compare=False, repr=False)  # type: ignore[assignment]
    until_pattern: regex.Pattern[str] | LazyPattern | None = field(default=None, compare=False, repr=False)

    def accepts(self, line: str) -> bool:
        """Whether a normalized line satisfies this rule's pattern and size bounds."""
        if self.max_chars is not None and len(line) > self.max_chars:
            return False
        if self.min_words is not None or self.max_words is not None:
            words = len(line.split())
            if self.min_words is not None and words < self.min_words:
                return False
            if self.max_words is not None and words > self.max_words:
                return False
        return search(self.pattern, line) is not None


@dataclass(frozen=True)
class StructureRule:
    """A built-in detector switched on and tuned from a pack."""

    id: str
    name: str
    category: str
    detector: str
    params: dict[str, Any]
    doc: RuleDoc
    examples: Examples
    pack: str
    source: Source


@dataclass(frozen=True)
class Fixture:
    """A per-site regression test carried by a pack: an input page and what cleaning must give.

    The input is `input` (text), `input_file` (a file next to the pack) or, for imported
    configs, only `test_url` (a page that would have to be fetched: offline runs skip it).
    Expectations: the exact `output`, snippets the output `contains`, and snippets it must
    not contain (`not_contains`).
    """

    name: str
    url: str | None = None
    published: date | None = None
    input: str | None = None
    input_file: str | None = None
    test_url: str | None = None
    output: str | None = None
    contains: tuple[str, ...] = ()
    not_contains: tuple[str, ...] = ()
    line: int | None = None


# What an HTML rule does with the elements its selector picks (see cleaner/html/).
HTML_ROLES: tuple[str, ...] = ("strip", "body", "title", "date", "author", "main")


@dataclass(frozen=True)
class HtmlRule:
    """A selector rule of a pack's `html:` section (HTML input only).

    strip: the picked elements' text is removed (a Removal with this rule's id);
    body: the picked element is the article (everything outside is removed);
    title/date/author: metadata from the picked element (its text, `attr`, or `json` keys);
    main: the generic main-content detector, tuned by `params`.
    """

    id: str
    name: str
    role: str
    category: str
    doc: RuleDoc
    examples: Examples
    pack: str
    source: Source
    css: str | None = None
    xpath: str | None = None
    classes: tuple[str, ...] = ()  # class tokens / ids matched as a set (imported generic lists)
    ids: tuple[str, ...] = ()
    attr: str | None = None
    json: tuple[str, ...] = ()
    params: dict[str, Any] = field(default_factory=dict, compare=False)
    selector: Any = field(default=None, compare=False, repr=False)  # cleaner.html.selectors.CompiledSelector


@dataclass(frozen=True)
class Pack:
    name: str
    file: str
    lang: str | None
    hosts: tuple[str, ...]
    description: str
    rules: tuple[Rule, ...]
    structure: tuple[StructureRule, ...]
    stopwords: tuple[str, ...] = ()
    months: dict[str, int] = field(default_factory=dict, compare=False, hash=False)
    valid_from: date | None = None
    valid_until: date | None = None
    fixtures: tuple[Fixture, ...] = ()
    html: tuple[HtmlRule, ...] = ()
    replace: tuple[Any, ...] = ()  # html.replace: cleaner.html.rewrite.Rewrite, applied before parsing

    @property
    def kind(self) -> str:
        if self.hosts:
            return "site"
        return "language" if self.lang else "common"

    def valid_on(self, day: date | None) -> bool:
        """Whether this pack version applies to an article published on `day`."""
        if day is None:
            return self.valid_until is None
        if self.valid_from and day < self.valid_from:
            return False
        return not (self.valid_until and day >= self.valid_until)
