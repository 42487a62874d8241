"""A dry run over a corpus: what each rule removed, and where cleaning took the most.

`cleaner rules stats CORPUS...` (and `cleaner clean --dry-run`) run cleaning without
writing anything and report, per rule: how often it fired, in how many documents, how
many lines and characters it took, sample matches, and how many of its removals read
like sentences (the sign of an over-eager rule). Then the rules that never fired although
their pack applied, and the documents that lost the largest share of their text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..api import Cleaner
from ..document import Removal
from ..engine.model import Rule
from .corpus import Cleaned
from .explain import line_views, summary

__all__ = ["RuleStats", "CorpusStats", "collect_stats", "sentence_like"]

_SENTENCE_END = (".", "!", "?", "“", "”", '"', "«", "»", ")")


def sentence_like(line: str) -> bool:
    """A line that reads like body text: a dozen words or more, ending like a sentence."""
    words = line.split()
    return len(words) >= 12 and line.rstrip().endswith(_SENTENCE_END)


@dataclass
class RuleStats:
    rule_id: str
    category: str
    pack: str
    kind: str  # line | structure | html | ?
    hits: int = 0  # removal records
    lines: int = 0  # input lines removed (a cut counts one)
    chars: int = 0
    docs: int = 0
    sentence_lines: int = 0  # removed lines that read like sentences
    samples: list[dict[str, Any]] = field(default_factory=list)
    _last_doc: str | None = field(default=None, repr=False)

    @property
    def suspect(self) -> bool:
        """Over-eager? At least 2 sentence-like removals, or a fifth of what it took."""
        return self.sentence_lines >= 2 or (self.lines > 0 and self.sentence_lines / self.lines >= 0.2)

    def to_dict(self) -> dict[str, Any]:
        return {"rule_id": self.rule_id, "category": self.category, "pack": self.pack, "kind": self.kind,
                "hits": self.hits, "docs": self.docs, "lines": self.lines, "chars": self.chars,
                "sentence_lines": self.sentence_lines, "suspect": self.suspect, "samples": self.samples}


@dataclass
class DocStats:
    id: str
    source: str
    lines: int
    lines_removed: int
    chars: int
    chars_removed: int
    line_share: float
    char_share: float
    rules: list[str]

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


class CorpusStats:
    """Accumulates per-rule and per-document numbers over a corpus, one document at a time."""

    def __init__(self, cleaner: Cleaner, *, samples: int = 3, top: int = 10) -> None:
        self.cleaner = cleaner
        self.max_samples = samples
        self.top = top
        self.rules: dict[str, RuleStats] = {}
        self.categories: Counter[str] = Counter()
        self.category_chars: Counter[str] = Counter()
        self.active_packs: set[str] = set()
        self.documents = 0
        self.documents_touched = 0
        self.lines = 0
        self.lines_removed = 0
        self.chars = 0
        self.chars_removed = 0
        self.docs: list[DocStats] = []
        self.last_views: list = []  # the line views of the document added last (for the report)
        self._kinds = self._rule_kinds()

    def _rule_kinds(self) -> dict[str, tuple[str, str, str]]:
        kinds: dict[str, tuple[str, str, str]] = {}
        for pack in self.cleaner.rulebook.packs:
            for rule in pack.rules:
                kinds.setdefault(rule.id, ("line", rule.category, pack.name))
            for rule in pack.structure:
                kinds.setdefault(rule.id, ("structure", rule.category, pack.name))
            for rule in getattr(pack, "html", ()):
                kinds.setdefault(rule.id, ("html", rule.category, pack.name))
        return kinds

    def _stats_for(self, removal: Removal) -> RuleStats:
        stats = self.rules.get(removal.rule_id)
        if stats is None:
            kind, _, pack = self._kinds.get(removal.rule_id, ("?", removal.category, "?"))
            stats = self.rules[removal.rule_id] = RuleStats(removal.rule_id, removal.category, pack, kind)
        return stats

    def add(self, cleaned: Cleaned) -> DocStats:
        doc, result = cleaned.doc, cleaned.result
        self.documents += 1
        self.active_packs.update(cleaned.packs)
        views = self.last_views = line_views(cleaned.text, result)
        s = summary(views)
        self.lines += s["lines"]
        self.lines_removed += s["lines_removed"]
        self.chars += s["chars"]
        self.chars_removed += s["chars_removed"]
        if result.removals:
            self.documents_touched += 1
        raw = [v.text for v in views]
        fired: list[str] = []
        for r in result.removals:
            stats = self._stats_for(r)
            stats.hits += 1
            if stats._last_doc != doc.id:
                stats.docs += 1
                stats._last_doc = doc.id
                fired.append(r.rule_id)
            if r.span is not None:
                taken = [r.text]
            else:
                taken = [line for line in raw[r.start:r.end] if line.strip()]
            stats.lines += len(taken)
            chars = sum(len(t.strip()) for t in taken)
            stats.chars += chars
            self.categories[r.category] += len(taken)
            self.category_chars[r.category] += chars
            stats.sentence_lines += sum(1 for t in taken if sentence_like(t))
            self._sample(stats, doc.id, r, taken)
        entry = DocStats(doc.id, doc.source, s["lines"], s["lines_removed"], s["chars"], s["chars_removed"],
                         s["line_share"], s["char_share"], sorted(set(fired)))
        self.docs.append(entry)
        return entry

    def _sample(self, stats: RuleStats, doc_id: str, r: Removal, taken: list[str]) -> None:
        if not taken:
            return
        text = taken[0].strip() + (f"  (+{len(taken) - 1} more lines)" if len(taken) > 1 else "")
        sentence = any(sentence_like(t) for t in taken)
        entry = {"doc": doc_id, "line": r.start + 1, "text": text[:300], "sentence_like": sentence}
        if any(s["text"] == entry["text"] for s in stats.samples):
            return
        if len(stats.samples) < self.max_samples:
            stats.samples.append(entry)
        elif sentence and not all(s["sentence_like"] for s in stats.samples):
            # Keep evidence of over-eagerness: a sentence-like sample replaces a plain one.
            for i in range(len(stats.samples) - 1, -1, -1):
                if not stats.samples[i]["sentence_like"]:
                    stats.samples[i] = entry
                    break

    # -- results ------------------------------------------------------------------------
    def active_rules(self) -> list[tuple[str, str, str, str]]:
        """(id, category, pack, kind) of every rule in a pack that applied to some document."""
        out = []
        for pack in self.cleaner.rulebook.packs:
            if pack.name not in self.active_packs:
                continue
            # HTML selector rules cannot fire on text input, so they are not counted here.
            for rule in (*pack.rules, *pack.structure):
                kind = "line" if isinstance(rule, Rule) else "structure"
                out.append((rule.id, rule.category, pack.name, kind))
        return out

    def never_fired(self) -> list[dict[str, str]]:
        seen: set[str] = set()
        out = []
        for rule_id, category, pack, kind in self.active_rules():
            if rule_id not in self.rules and rule_id not in seen:
                seen.add(rule_id)
                out.append({"rule_id": rule_id, "category": category, "pack": pack, "kind": kind})
        return out

    def ranked(self) -> list[RuleStats]:
        return sorted(self.rules.values(), key=lambda r: (-r.hits, r.rule_id))

    def heaviest(self, n: int | None = None) -> list[DocStats]:
        """Documents that lost the largest share of their characters (then lines)."""
        n = self.top if n is None else n
        return sorted(self.docs, key=lambda d: (-d.char_share, -d.line_share, d.id))[:n]

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents, "documents_touched": self.documents_touched,
            "lines": self.lines, "lines_removed": self.lines_removed,
            "chars": self.chars, "chars_removed": self.chars_removed,
            "categories": {c: {"lines": n, "chars": self.category_chars[c]} for c, n in self.categories.most_common()},
            "rules": [r.to_dict() for r in self.ranked()],
            "never_fired": self.never_fired(),
            "suspects": [r.rule_id for r in self.ranked() if r.suspect],
            "heaviest": [d.to_dict() for d in self.heaviest()],
            "packs": sorted(self.active_packs),
        }

    def render_text(self) -> str:
        out: list[str] = []
        share = self.chars_removed / self.chars if self.chars else 0.0
        out.append(f"{self.documents} documents ({self.documents_touched} with removals): removed "
                   f"{self.lines_removed:,} of {self.lines:,} lines, {self.chars_removed:,} of {self.chars:,} "
                   f"characters ({share:.1%})")
        if self.categories:
            out.append("")
            out.append("by category (lines):  " + ", ".join(f"{c} {n}" for c, n in self.categories.most_common()))
        out.append("")
        out.append(f"{'rule':24} {'category':11} {'hits':>6} {'docs':>6} {'lines':>6} {'chars':>8}  samples")
        for r in self.ranked():
            flag = "  ! sentence-like removals: " + str(r.sentence_lines) if r.suspect else ""
            out.append(f"{r.rule_id:24} {r.category:11} {r.hits:6} {r.docs:6} {r.lines:6} {r.chars:8}{flag}")
            for sample in r.samples:
                mark = "!" if sample["sentence_like"] else " "
                out.append(f"{'':26}{mark} {sample['doc']}:{sample['line']}: {sample['text'][:100]!r}")
        never = self.never_fired()
        out.append("")
        out.append(f"never fired ({len(never)} of {len(self.active_rules())} rules in the packs that applied):")
        for entry in never:
            out.append(f"  {entry['rule_id']:24} {entry['category']:11} {entry['pack']}")
        out.append("")
        out.append("documents that lost the most (share of characters, lines):")
        for d in self.heaviest():
            out.append(f"  {d.char_share:6.1%} {d.line_share:6.1%}  {d.id}  ({d.lines_removed}/{d.lines} lines; "
                       f"{', '.join(d.rules[:6])}{' …' if len(d.rules) > 6 else ''})")
        suspects = [r.rule_id for r in self.ranked() if r.suspect]
        if suspects:
            out.append("")
            out.append("check these rules, they removed lines that read like sentences: " + ", ".join(suspects))
        return "\n".join(out)


def collect_stats(cleaner: Cleaner, cleaned: Iterable[Cleaned], *, samples: int = 3, top: int = 10) -> CorpusStats:
    stats = CorpusStats(cleaner, samples=samples, top=top)
    for item in cleaned:
        stats.add(item)
    return stats
