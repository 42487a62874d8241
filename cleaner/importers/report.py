"""What an import did with each line: converted, warned, unsupported, or an error.

Every line of a source file that is not a comment ends up in exactly one count of its
directive, and every line not converted as it stands has a message naming file and line,
so nothing is dropped silently.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["Message", "ImportReport", "STATUSES", "write_pack", "id_slug"]

STATUSES = ("converted", "warned", "unsupported", "error")


@dataclass(frozen=True)
class Message:
    file: str
    line: int | None
    status: str  # warned | unsupported | error
    text: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        label = {"warned": "warning", "unsupported": "unsupported"}.get(self.status, self.status)
        return f"{where}: {label}: {self.text}"


@dataclass
class ImportReport:
    """Counts per directive and status, the messages, and the packs written."""

    format: str
    counts: dict[str, Counter[str]] = field(default_factory=dict)
    messages: list[Message] = field(default_factory=list)
    files: int = 0
    packs: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # importer-wide facts (skipped network rules, ...)

    def count(self, directive: str, status: str, n: int = 1) -> None:
        self.counts.setdefault(directive, Counter())[status] += n

    def add(self, directive: str, status: str, file: str, line: int | None, text: str) -> None:
        """Count a line that was not simply converted, and say why."""
        self.count(directive, status)
        self.messages.append(Message(file, line, status, text))

    @property
    def errors(self) -> list[Message]:
        return [m for m in self.messages if m.status == "error"]

    def share_converted(self, directives: tuple[str, ...]) -> tuple[int, int]:
        """(converted, total) over these directives; a warned line is converted with a caveat."""
        done = total = 0
        for name in directives:
            c = self.counts.get(name, Counter())
            done += c["converted"] + c["warned"]
            total += sum(c.values())
        return done, total

    def summary(self) -> str:
        """The per-directive table: converted / warned / unsupported / errors."""
        width = max([len("directive"), *map(len, self.counts)])
        head = f"{'directive':<{width}}  {'converted':>9}  {'warned':>6}  {'unsupported':>11}  {'errors':>6}"
        rows = [head, "-" * len(head)]
        total: Counter[str] = Counter()
        for name in sorted(self.counts, key=lambda n: (-sum(self.counts[n].values()), n)):
            c = self.counts[name]
            total.update(c)
            rows.append(f"{name:<{width}}  {c['converted']:>9}  {c['warned']:>6}  {c['unsupported']:>11}  "
                        f"{c['error']:>6}")
        rows.append("-" * len(head))
        rows.append(f"{'total':<{width}}  {total['converted']:>9}  {total['warned']:>6}  "
                    f"{total['unsupported']:>11}  {total['error']:>6}")
        return "\n".join(rows)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's safe dumper when present (2,000 packs in well under a second)."""


def write_pack(path: Path, data: dict[str, Any], header: str) -> None:
    """One pack file: a comment header (where it came from), then the YAML."""
    text = yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=120)
    path.write_text(header + text, encoding="utf-8")


def id_slug(text: str) -> str:
    """An upper-case fragment of a rule id: `blog.example-news.de` -> `BLOG-EXAMPLE-NEWS-DE`."""
    out = []
    for ch in text.upper():
        out.append(ch if ("A" <= ch <= "Z" or "0" <= ch <= "9") else "-")
    slug = "-".join(part for part in "".join(out).split("-") if part)
    return slug or "X"
