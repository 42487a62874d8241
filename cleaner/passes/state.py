"""What passes share: which lines are gone, the removal records, positions and hits."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field

from ..document import Document, Removal
from ..engine.model import Rule
from ..normalize import collapsed, count_words, word_count

__all__ = ["PassState", "HEAD_LINES", "TAIL_START", "TEXT_END", "word_count", "count_words", "collapsed"]

# Regions, measured in non-blank lines. The head is where kickers, section labels,
# bylines and datelines sit; the tail is where comments, bios and teaser lists sit.
HEAD_LINES = 8
TAIL_START = 1 / 3
# How a line of text ends, as the box detectors read it: a quotation is text too.
TEXT_END = (".", "!", "?", ":", ";", "…", "»", "«", '"', "”", "“", "'", "’", "‘")


@dataclass
class PassState:
    doc: Document
    removed: list[bool]
    blank: list[bool]
    rank: list[int]  # position among the lines being ranked (non-blank, not removed); -1 otherwise
    nonblank: list[int]
    ranked: int  # how many lines are ranked
    hits: dict[int, list[Rule]] = field(default_factory=dict)
    removals: list[Removal] = field(default_factory=list)
    spans: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    tail_headings: list[tuple[int, Rule]] = field(default_factory=list)
    removed_by_tail: bool = False
    # Per-document caches (a line's content never changes; which lines are kept does).
    word_counts: list[int] = field(default_factory=list, repr=False, compare=False)  # per line, from start()
    _kept: list[int] | None = field(default=None, repr=False, compare=False)
    cache: dict[object, object] = field(default_factory=dict, repr=False, compare=False)
    _removed_as: dict[int, str] = field(default_factory=dict, repr=False, compare=False)
    _indexed: int = field(default=0, repr=False, compare=False)  # removals already in _removed_as
    _reranks: int = field(default=0, repr=False, compare=False)
    _sized_at: int = field(default=-1, repr=False, compare=False)  # removals and reranks when _region_sizes was
    _sized_reranks: int = field(default=-1, repr=False, compare=False)
    _region_sizes: tuple[int, int] = field(default=(0, 0), repr=False, compare=False)

    @classmethod
    def start(cls, doc: Document, word_counts: list[int] | None = None) -> PassState:
        """`word_counts`: `count_words(doc.lines)` if the caller has it (the pipeline counts once)."""
        lines = doc.lines
        blank = [not line for line in lines]
        nonblank = [i for i, line in enumerate(lines) if line]
        rank = [-1] * len(blank)
        for position, i in enumerate(nonblank):
            rank[i] = position
        return cls(doc=doc, removed=[False] * len(blank), blank=blank, rank=rank, nonblank=nonblank,
                   ranked=len(nonblank),
                   word_counts=count_words(lines) if word_counts is None else word_counts)

    def rerank(self) -> None:
        """Positions among the lines that survived so far, as a fresh run on the output would see them."""
        rank = self.rank
        kept = self.kept()
        for i in self.nonblank:
            rank[i] = -1
        for position, i in enumerate(kept):
            rank[i] = position
        self.ranked = len(kept)
        self._reranks += 1

    # -- positions -------------------------------------------------------------------
    def in_region(self, i: int, region: str) -> bool:
        if region == "anywhere":
            return True
        if region == "head":
            return 0 <= self.rank[i] < HEAD_LINES
        return self.rank[i] >= max(3, self.ranked * TAIL_START)

    def stamp(self) -> tuple[int, bool, int]:
        """What passes change besides positions: the removals (and so the kept lines), the
        tail headings waiting, and whether the rest after one was dropped."""
        return len(self.removals), self.removed_by_tail, len(self.tail_headings)

    def signature(self, regions: frozenset[str]) -> tuple[int, ...]:
        """All a detector can see of the state besides the document and hits, for a detector
        that asks in_region about kept lines for `regions` only.

        Lines are only ever removed, and each removal is recorded, so the number of removals
        says which lines are kept. Positions change with rerank; for kept lines, in_region
        answers are given by how many kept lines lie in the head and in the tail (ranks grow
        along the kept lines, so these are the first and the last ones).
        """
        if not regions:
            return self.stamp()
        head, tail = self._sizes_of_regions()
        return (*self.stamp(), head if "head" in regions else -1, tail if "tail" in regions else -1)

    def _sizes_of_regions(self) -> tuple[int, int]:
        if self._sized_at != len(self.removals) or self._sized_reranks != self._reranks:
            kept, rank = self.kept(), self.rank.__getitem__
            tail_from = bisect_left(kept, max(3, self.ranked * TAIL_START), key=rank)
            self._region_sizes = (bisect_left(kept, HEAD_LINES, key=rank), len(kept) - tail_from)
            self._sized_at, self._sized_reranks = len(self.removals), self._reranks
        return self._region_sizes

    def kept(self) -> list[int]:
        """Indices of non-blank lines not removed so far, in order (a shared list: do not modify)."""
        kept = self._kept
        if kept is None:
            removed = self.removed
            kept = self._kept = [i for i in self.nonblank if not removed[i]]
        return kept

    def words(self, i: int) -> int:
        """How many words line i has (counted once per document, in start)."""
        return self.word_counts[i]

    # -- what took a line --------------------------------------------------------------
    def lines_hit_as(self, categories: frozenset[str]) -> list[int]:
        """The lines with a rule hit (any action) of one of `categories`, in order.

        Hits are all recorded before the passes run, so this is worked out once per document.
        """
        key = ("lines hit as", categories)
        found = self.cache.get(key)
        if found is None:
            found = self.cache[key] = sorted(i for i, rules in self.hits.items()
                                             if any(r.category in categories for r in rules))
        return found  # type: ignore[return-value]

    def hit_as(self, i: int, categories: frozenset[str] | set[str] | tuple[str, ...]) -> bool:
        """Line i has a whole-line rule hit (not a span cut) of one of `categories`."""
        found = self._whole_line_hits().get(i)
        return found is not None and not found.isdisjoint(categories)

    def _whole_line_hits(self) -> dict[int, frozenset[str]]:
        """Per line with hits, the categories of its whole-line hits (once per document: detectors
        ask this of many lines every round)."""
        found = self.cache.get("whole-line hits")
        if found is None:
            found = self.cache["whole-line hits"] = {
                i: frozenset(r.category for r in rules if r.action != "drop-span") for i, rules in self.hits.items()}
        return found  # type: ignore[return-value]

    def removed_as(self, i: int) -> str | None:
        """The category of the line removal that took line i, or None.

        Asked of removals, not hits: a teaser taken by drop-next has no hit of its own.
        Line removals never overlap (a line is removed once), so one index serves; it is
        brought up to date with the removals recorded since the last question.
        """
        index = self._removed_as
        for removal in self.removals[self._indexed:]:
            if removal.span is None:
                for k in range(removal.start, removal.end):
                    index.setdefault(k, removal.category)
        self._indexed = len(self.removals)
        return index.get(i)

    # -- removing ----------------------------------------------------------------------
    def drop(self, rule_id: str, category: str, start: int, end: int) -> None:
        """Remove lines [start, end); records one Removal per run of newly removed lines."""
        run: list[int] = []
        for i in range(start, min(end, len(self.removed))):
            if self.blank[i]:
                continue
            if self.removed[i]:
                self._record(rule_id, category, run)
                run = []
                continue
            self.removed[i] = True
            self._kept = None
            run.append(i)
        self._record(rule_id, category, run)

    def drop_line(self, rule_id: str, category: str, i: int) -> None:
        self.drop(rule_id, category, i, i + 1)

    def _record(self, rule_id: str, category: str, run: list[int]) -> None:
        if run:
            first, last = run[0], run[-1] + 1
            text = "\n".join(self.doc.raw[first:last])
            self.removals.append(Removal(rule_id, category, first, last, text))

    def cut(self, rule_id: str, category: str, i: int, span: tuple[int, int]) -> None:
        """Remove characters span[0]:span[1] of raw line i."""
        self.spans.setdefault(i, []).append(span)
        self.removals.append(Removal(rule_id, category, i, i + 1, self.doc.raw[i][span[0]:span[1]], span))
