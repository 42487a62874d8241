"""Documents, removal records and the canonical rendering of what is kept."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from .normalize import _collapsed, normalize_lines, split_lines

__all__ = ["Document", "Removal", "Result", "render", "apply_removals"]


@dataclass(frozen=True)
class Removal:
    """One thing a rule removed: lines [start, end) of the input, or a span of one line.

    `start`/`end` are 0-based input line numbers (end exclusive, like a slice). For a
    span removal, `span` holds character offsets into input line `start`.
    """

    rule_id: str
    category: str
    start: int
    end: int
    text: str
    span: tuple[int, int] | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["span"] = list(self.span) if self.span else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Removal:
        span = data.get("span")
        return cls(data["rule_id"], data["category"], data["start"], data["end"], data.get("text", ""),
                   tuple(span) if span else None)  # type: ignore[arg-type]


@dataclass
class Document:
    """An input article split into lines, with the normalized form rules match against."""

    raw: list[str]
    lines: list[str]
    url: str | None = None
    host: str | None = None
    lang: str | None = None
    date: str | None = None

    @classmethod
    def from_text(cls, text: str, *, url: str | None = None) -> Document:
        raw = split_lines(text)
        return cls(raw=raw, lines=normalize_lines(raw), url=url)

    def __len__(self) -> int:
        return len(self.raw)


@dataclass
class Result:
    """What cleaning produced: the canonical text and an account of every removal."""

    text: str
    title: str | None
    lang: str | None
    site: str | None
    date: str | None
    removals: list[Removal] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Removed input lines (or spans) per rule id."""
        counter: Counter[str] = Counter()
        for r in self.removals:
            counter[r.rule_id] += max(1, r.end - r.start) if r.span is None else 1
        return dict(counter)

    @property
    def category_counts(self) -> dict[str, int]:
        counter: Counter[str] = Counter()
        for r in self.removals:
            counter[r.category] += max(1, r.end - r.start) if r.span is None else 1
        return dict(counter)

    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text, "title": self.title, "lang": self.lang, "site": self.site,
            "date": self.date, "removals": [r.to_dict() for r in self.removals],
            "counts": self.counts,
        }


def render(raw: Sequence[str], removed: Sequence[bool], spans: dict[int, list[tuple[int, int]]] | None = None,
           blank: Sequence[bool] | None = None) -> str:
    """Canonical text: kept lines with whitespace collapsed, blocks separated by one blank line.

    A block is a run of input lines between blank lines; lines of a block that survive stay
    together on consecutive lines, and a block with no surviving line disappears. `blank`
    says which lines are blank once normalized (a line of zero-width spaces is blank).
    """
    if blank is None:
        blank = [not line.strip() for line in raw]
    blocks: list[list[str]] = []
    current: list[str] = []
    append = current.append
    for i, line in enumerate(raw):
        if blank[i]:
            if current:
                blocks.append(current)
                current = []
                append = current.append
            continue
        if removed[i]:
            continue
        if spans and i in spans:
            line = _cut(line, spans[i])
        if not line or not _collapsed(line):
            line = " ".join(line.split())
            if not line:
                continue
        append(line)
    if current:
        blocks.append(current)
    return "\n\n".join("\n".join(block) for block in blocks)


def _cut(line: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        line = line[:start] + " " + line[end:]
    return line


def apply_removals(text: str, removals: Iterable[Removal]) -> str:
    """Replay recorded removals on the input text; gives exactly the cleaned output."""
    raw = split_lines(text)
    removed = [False] * len(raw)
    spans: dict[int, list[tuple[int, int]]] = {}
    for r in removals:
        if r.span is not None:
            spans.setdefault(r.start, []).append(r.span)
        else:
            for i in range(r.start, r.end):
                removed[i] = True
    return render(raw, removed, spans, [not line for line in normalize_lines(raw)])


