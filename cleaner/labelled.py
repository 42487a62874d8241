"""Labelled articles: a line format for evaluation sets, and how well cleaning does on them.

Each non-blank line starts with a two-character tag: "T " the headline, "B " a body line
that must be kept, "C " a cruft line that must go. Blank lines are paragraph breaks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .api import Cleaner
from .errors import InputError

__all__ = ["LabelledArticle", "Score", "parse_labelled", "score_article", "expected_text"]

_TAGS = {"T": "title", "B": "body", "C": "cruft"}


@dataclass(frozen=True)
class LabelledArticle:
    name: str
    lines: tuple[str, ...]
    labels: tuple[str | None, ...]  # title | body | cruft | None for blank lines

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass
class Score:
    body: int = 0
    body_kept: int = 0
    cruft: int = 0
    cruft_removed: int = 0
    lost: list[tuple[str, int, str]] = field(default_factory=list)  # body lines removed
    leaked: list[tuple[str, int, str]] = field(default_factory=list)  # cruft lines kept

    def add(self, other: Score) -> None:
        self.body += other.body
        self.body_kept += other.body_kept
        self.cruft += other.cruft
        self.cruft_removed += other.cruft_removed
        self.lost += other.lost
        self.leaked += other.leaked

    @property
    def body_recall(self) -> float:
        return self.body_kept / self.body if self.body else 1.0

    @property
    def cruft_recall(self) -> float:
        return self.cruft_removed / self.cruft if self.cruft else 1.0


def parse_labelled(path: str | Path) -> LabelledArticle:
    path = Path(path)
    lines: list[str] = []
    labels: list[str | None] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if not line.strip():
            lines.append("")
            labels.append(None)
            continue
        tag = line[:2]
        if len(tag) < 2 or tag[0] not in _TAGS or tag[1] != " ":
            raise InputError("labelled line must start with 'T ', 'B ' or 'C '", file=str(path), position=str(number))
        lines.append(line[2:])
        labels.append(_TAGS[tag[0]])
    while lines and not lines[-1]:
        lines.pop()
        labels.pop()
    return LabelledArticle(path.name, tuple(lines), tuple(labels))


def expected_text(article: LabelledArticle) -> str:
    """The canonical output a perfect cleaner gives for this article."""
    from .document import render

    removed = [label == "cruft" for label in article.labels]
    return render(article.lines, removed)


def score_article(cleaner: Cleaner, article: LabelledArticle, **kwargs: object) -> Score:
    result = cleaner.clean_and_explain(article.text, **kwargs)  # type: ignore[arg-type]
    removed = [False] * len(article.lines)
    for r in result.removals:
        if r.span is None:
            for i in range(r.start, r.end):
                removed[i] = True
    score = Score()
    for i, label in enumerate(article.labels):
        if label in ("title", "body"):
            score.body += 1
            if removed[i]:
                score.lost.append((article.name, i + 1, article.lines[i]))
            else:
                score.body_kept += 1
        elif label == "cruft":
            score.cruft += 1
            if removed[i]:
                score.cruft_removed += 1
            else:
                score.leaked.append((article.name, i + 1, article.lines[i]))
    return score
