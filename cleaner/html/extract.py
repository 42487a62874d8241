"""HTML input: page -> blocks -> Document -> the same passes as text -> Result.

1. Decode (bytes: BOM, declared charset, detection) and parse with lxml.
2. Metadata (title, date, author) from the packs' title/date/author rules.
3. One walk cuts the page into blocks; strip rules mark the blocks they cover.
4. The blocks become the lines of a Document, one block per line (a `<br>` or `<pre>`
   line end gives a block several lines; items of one list and rows of one table stay
   on consecutive lines), blank lines between blocks. `HtmlResult.source` is this text.
5. The article is picked: a site pack's `body` selector, else the generic main-content
   detector (cleaner/html/content.py). Blocks outside it, and stripped blocks, are
   removed with the id of the rule responsible.
6. The text rules and structure detectors run unchanged on the kept lines; their
   removals are mapped back to lines of the Document. So every removal, HTML or text,
   replays: `apply_removals(result.source, result.removals) == result.text`.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from ..document import Document, Removal, Result, render
from ..engine.model import HtmlRule
from ..engine.rulebook import host_of
from ..limits import NO_DEADLINE, Deadline, cap_lines
from ..normalize import normalize_lines
from .content import ContentParams, block_weight, find_lead, find_main_content
from .metadata import PageLookups, find_author, find_date, find_title
from .parse import parse_html, to_text
from .segment import Block, Segmentation, segment
from .guard import StripIndex
from .selectors import SelectorIndex

if TYPE_CHECKING:  # pragma: no cover
    from ..api import Cleaner

__all__ = ["HtmlResult", "HtmlSelection", "HtmlExtractor", "PageDocument"]


@dataclass
class HtmlResult(Result):
    """A Result for HTML input. `source` is the page as text (blocks as lines): the text
    that `removals` refer to, so `apply_removals(source, removals) == text`."""

    source: str = ""
    author: str | None = None
    encoding: str | None = None
    metadata_rules: dict[str, str] = field(default_factory=dict)  # title/date/author -> rule id


@dataclass(frozen=True)
class HtmlSelection:
    """The HTML rules for one kind of page, in priority order: site, language, common."""

    strip: tuple[HtmlRule, ...]
    body: tuple[HtmlRule, ...]
    title: tuple[HtmlRule, ...]
    date: tuple[HtmlRule, ...]
    author: tuple[HtmlRule, ...]
    main: HtmlRule | None
    params: ContentParams
    strip_index: SelectorIndex
    meta_tags: tuple[str, ...] = ("h1",)  # gathered in one pass per page: <h1> and the metadata rules' tags

    @classmethod
    def build(cls, rules: list[HtmlRule]) -> HtmlSelection:
        by_role: dict[str, list[HtmlRule]] = {}
        for rule in rules:
            by_role.setdefault(rule.role, []).append(rule)
        mains = by_role.get("main", [])
        params: dict[str, Any] = {}
        for rule in reversed(mains):  # the highest-priority pack's params win, key by key
            params.update(rule.params)
        strip = tuple(by_role.get("strip", []))
        meta = [r for role in ("title", "date", "author") for r in by_role.get(role, [])]
        meta_tags = tuple(sorted({"h1", *(t for r in meta if r.selector is not None for t in r.selector.tag_keyed)}))
        return cls(
            strip=strip, body=tuple(by_role.get("body", [])), title=tuple(by_role.get("title", [])),
            date=tuple(by_role.get("date", [])), author=tuple(by_role.get("author", [])),
            main=mains[0] if mains else None, params=ContentParams.from_params(params),
            strip_index=StripIndex([(r.selector, r) for r in strip]),  # never strips the article
            meta_tags=meta_tags,
        )


@dataclass
class PageDocument:
    """A page cut into blocks and laid out as a Document, with the HTML-level removals."""

    doc: Document
    blocks: list[Block]
    segmentation: Segmentation
    block_of_line: list[int]  # block index per line, -1 for blank lines
    removed_by: dict[int, HtmlRule]  # block index -> rule that removed it
    root: Any = None
    line_hits: dict[int, list[Any]] = field(default_factory=dict)  # line -> text rules matching it
    matched: set[int] = field(default_factory=set)  # lines already given to the matcher
    live: list[int] = field(default_factory=list)  # lines of the blocks no strip rule covers

    def match_lines(self, pipeline: Any, lines: list[int]) -> None:
        """Match these lines (those not matched before) with the pipeline's text rules, once."""
        todo = sorted({i for i in lines if i not in self.matched})
        if not todo:
            return
        self.matched.update(todo)
        found = pipeline.line_hits([self.doc.lines[i] for i in todo])
        for k, rule in found:
            self.line_hits.setdefault(todo[k], []).append(rule)


class HtmlExtractor:
    """HTML cleaning for one Cleaner: HTML rule selections compiled once and cached."""

    def __init__(self, cleaner: Cleaner) -> None:
        # A weak reference: the Cleaner holds its extractor, and a strong one back would
        # make the pair a reference cycle. A dropped Cleaner (with its compiled rules,
        # some 10,000 objects) would then wait for the cyclic garbage collector, which
        # frees it tens of milliseconds later in the middle of other work.
        self.cleaner: Cleaner = weakref.proxy(cleaner)
        self.rulebook = cleaner.rulebook
        self._selections: dict[tuple[str | None, tuple[str, ...]], HtmlSelection] = {}
        self._lock = threading.Lock()

    # -- rules ---------------------------------------------------------------------
    def selection(self, lang: str | None, host: str | None, day: date | None = None) -> HtmlSelection:
        site = self.rulebook.site_packs(host, day)
        key = (lang, tuple(p.name + str(p.valid_from) for p in site))
        found = self._selections.get(key)
        if found is None:
            packs = [*site, *self.rulebook.by_lang.get(lang or "", []), *self.rulebook.common]
            found = HtmlSelection.build([r for p in packs for r in p.html])
            with self._lock:
                self._selections[key] = found
        return found

    # -- cleaning ------------------------------------------------------------------
    def clean(self, html: str | bytes, *, url: str | None = None, lang: str | None = None,
              published: date | None = None, deadline: Deadline = NO_DEADLINE) -> HtmlResult:
        """`deadline`: the page's time budget, checked between stages (LimitError)."""
        text, encoding = to_text(html)
        text = self.rulebook.rewrite(text, host_of(url), published)  # site packs' html.replace (html/rewrite.py)
        root = parse_html(text)
        deadline.check("HTML parsing")
        host = host_of(url)
        declared_lang = lang or self.rulebook.site_language(host)
        sel = self.selection(declared_lang, host, published)

        json_cache = PageLookups(sel.meta_tags)
        h1 = _first_h1(json_cache.tags(root).elements(("h1",)))
        title, title_rule = find_title(sel.title, root, h1, json_cache)
        day, date_rule = find_date(sel.date, root, json_cache)
        author, author_rule = find_author(sel.author, root, json_cache)

        seg = segment(root, sel.strip_index, deadline)
        page = _layout(seg, url)
        page.root = root
        doc = page.doc
        cap_lines(doc.lines, self.cleaner.config.limits.max_line_chars)
        deadline.check("HTML segmentation")
        doc.host = host
        doc.lang = declared_lang or self._language(page, root)
        # Languages without packs share one pipeline (the same rules apply to them all).
        pipeline = self.cleaner._pipeline(doc.lang if doc.lang in self.rulebook.by_lang else None, host, published,
                                          deadline)

        self._pick_article(page, sel, title, pipeline)
        deadline.check("article detection")
        result = self._run_text_passes(page, pipeline, deadline)

        meta = {k: v for k, v in (("title", title_rule), ("date", date_rule), ("author", author_rule)) if v}
        return HtmlResult(
            text=result[0], title=title or result[1], lang=doc.lang, site=host,
            date=day or (published.isoformat() if published else None) or result[2],
            removals=result[3], source="\n".join(doc.raw), author=author, encoding=encoding,
            metadata_rules=meta,
        )

    def _language(self, page: PageDocument, root: Any) -> str | None:
        """The page's language: function words of the languages that have packs, checked
        against the page's own `<html lang>`; langdetect only when neither settles it.

        A declared language without packs is taken as it is: function-word counts only
        know the pack languages, and Portuguese reads as French to them."""
        cleaner = self.cleaner
        if not cleaner.config.detect_language:
            return cleaner.config.default_lang
        declared = (root.get("lang") or root.get("xml:lang") or "").split("-")[0].split("_")[0].strip().lower()
        if declared and not declared.isalpha():
            declared = ""
        if declared and declared not in self.rulebook.by_lang:
            return declared
        def lines() -> Iterator[str]:  # the sample stops after a few thousand characters
            text = page.doc.lines
            return (text[i] for i in page.live)

        sample = cleaner.langid.sample(lines())
        found = cleaner.langid.by_function_words(sample) if sample else None
        if found or declared:
            return found or declared
        from ..api import _detect_language  # langdetect's first load is not thread-safe

        return _detect_language(cleaner.langid, list(lines())) or cleaner.config.default_lang

    def _evidence(self, page: PageDocument, pipeline: Any, params: ContentParams, best: int, keep: set[int],
                  title: str | None = None) -> bool:
        """Text-rule evidence for the blocks of the container picked: how many lines of
        each a line rule would remove. True if any block has some.

        Only that container's blocks are matched (its kept lines must be matched anyway
        for the text passes), and of its other blocks only those that could count as
        prose and are short enough to be cruft (`evidence_max_chars`). The headline's
        lines (blocks `_keep_headline` may add) are matched in the same call, as the text
        passes will need them, but do not count as evidence: one matcher call per page
        instead of a second one for the headline alone.
        """
        lines = [line for i, b in enumerate(page.blocks)
                 if b.strip is None and best in b.anc
                 and (i in keep or (b.link_density <= params.max_link_density
                                    and params.short_words * 4 <= b.chars <= params.evidence_max_chars))
                 for line in range(b.first_line, b.first_line + len(b.lines))]
        page.match_lines(pipeline, lines + _headline_lines(page.blocks, title))
        for b in page.blocks:
            b.hits = 0
        hit: set[int] = set()
        line_hits = page.line_hits
        for i in lines:
            rules = line_hits.get(i)
            if rules and any(rule.action != "drop-span" for rule in rules):
                k = page.block_of_line[i]
                page.blocks[k].hits += 1
                hit.add(k)
        # Only a block that counted for the article can change the choice by counting against.
        return any(_counts_for(page.blocks[k], params) for k in hit)

    def _pick_article(self, page: PageDocument, sel: HtmlSelection, title: str | None, pipeline: Any) -> None:
        """A site pack's body selector, else the generic detector, run again with the text
        rules' evidence when they would remove lines of the container it first picked."""
        blocks = page.blocks
        keep: set[int] | None = None
        outside_rule: HtmlRule | None = None
        if sel.body:
            node_of = {id(n.el): k for k, n in enumerate(page.segmentation.nodes)}
            for rule in sel.body:
                picked = {node_of[id(el)] for el in rule.selector.select(page.root) if id(el) in node_of}
                if picked:
                    keep = {i for i, b in enumerate(blocks) if b.strip is None and picked.intersection(b.anc)}
                    outside_rule = rule
                    break
        if keep is None:
            nodes = page.segmentation.nodes
            memo: dict[str, Any] = {}  # the second run rescores only the blocks hits changed
            best, keep = find_main_content(blocks, nodes, sel.params, memo)
            if best >= 0 and sel.params.rule_hit_penalty and self._evidence(page, pipeline, sel.params, best, keep, title):
                best, keep = find_main_content(blocks, nodes, sel.params, memo)
            outside_rule = sel.main
            _keep_headline(blocks, keep, title)
            keep.update(find_lead(blocks, page.segmentation.nodes, keep, sel.params, title))
        for i, b in enumerate(blocks):
            if b.strip is not None:
                page.removed_by[i] = b.strip
            elif i not in keep and outside_rule is not None:
                page.removed_by[i] = outside_rule

    def _run_text_passes(self, page: PageDocument, pipeline: Any,
                         deadline: Deadline = NO_DEADLINE) -> tuple[str, str | None, str | None, list[Removal]]:
        doc = page.doc
        removed = [False] * len(doc.raw)
        removals: list[Removal] = []
        # HTML removals: one record per run of blocks removed by the same rule.
        run_rule: HtmlRule | None = None
        run_lines: list[int] = []

        def close() -> None:
            if run_rule is not None and run_lines:
                first, last = run_lines[0], run_lines[-1] + 1
                removals.append(Removal(run_rule.id, run_rule.category, first, last, "\n".join(doc.raw[first:last])))

        for line, b in enumerate(page.block_of_line):
            if b < 0:
                continue
            rule = page.removed_by.get(b)
            if rule is not run_rule:
                close()
                run_rule, run_lines = rule, []
            if rule is not None:
                removed[line] = True
                run_lines.append(line)
        close()

        # The kept lines as their own document, blank lines between blocks as before.
        sub_raw: list[str] = []
        sub_lines: list[str] = []
        origin: list[int] = []
        for line, b in enumerate(page.block_of_line):
            if b < 0:
                if sub_raw and sub_raw[-1] != "":
                    sub_raw.append("")
                    sub_lines.append("")
                    origin.append(line)
            elif not removed[line]:
                sub_raw.append(doc.raw[line])
                sub_lines.append(doc.lines[line])
                origin.append(line)
        spans: dict[int, list[tuple[int, int]]] = {}
        title = found_date = None
        if sub_raw:
            sub = Document(raw=sub_raw, lines=sub_lines, url=doc.url, host=doc.host, lang=doc.lang)
            page.match_lines(pipeline, [line for line, text in zip(origin, sub_lines) if text])
            hits = [(k, rule) for k, line in enumerate(origin) if sub_lines[k]
                    for rule in page.line_hits.get(line, ())]
            _, found = pipeline.findings(sub, deadline, hits)  # the hits found already
            title, found_date = found.title, found.date
            for r in found.removals:
                if r.span is not None:
                    at = origin[r.start]
                    spans.setdefault(at, []).append(r.span)
                    removals.append(Removal(r.rule_id, r.category, at, at + 1, r.text, r.span))
                    continue
                for first, last in _runs([origin[i] for i in range(r.start, r.end) if sub_lines[i]], doc.raw):
                    for i in range(first, last):
                        removed[i] = True
                    removals.append(Removal(r.rule_id, r.category, first, last, "\n".join(doc.raw[first:last])))
        blank = [b < 0 for b in page.block_of_line]
        text = render(doc.raw, removed, spans, blank)
        removals.sort(key=lambda r: (r.start, r.span or (0, 0)))
        return text, title, found_date, removals


def _counts_for(block: Block, params: ContentParams) -> bool:
    saved, block.hits = block.hits, 0
    try:
        return block_weight(block, params) > 0
    finally:
        block.hits = saved


def _runs(lines: list[int], raw: list[str]) -> list[tuple[int, int]]:
    """Runs [first, last) of document lines, joined across blank lines only."""
    runs: list[tuple[int, int]] = []
    for i in lines:
        if runs and all(not raw[k] for k in range(runs[-1][1], i)):
            runs[-1] = (runs[-1][0], i + 1)
        else:
            runs.append((i, i + 1))
    return runs


def _layout(seg: Segmentation, url: str | None) -> PageDocument:
    raw: list[str] = []
    block_of_line: list[int] = []
    live: list[int] = []  # the lines of blocks no strip rule covers
    previous_group = -1
    for k, b in enumerate(seg.blocks):
        if raw and not (b.group >= 0 and b.group == previous_group):
            raw.append("")
            block_of_line.append(-1)
        first = b.first_line = len(raw)
        raw.extend(b.lines)
        block_of_line.extend([k] * len(b.lines))
        if b.strip is None:
            live.extend(range(first, len(raw)))
        previous_group = b.group
    # Lines of stripped blocks are never matched nor shown to a pass: only the others
    # need their matching form (normalizing costs more than the rest of the layout).
    lines = list(raw)
    for i, norm in zip(live, normalize_lines([raw[i] for i in live])):
        lines[i] = norm
    doc = Document(raw=raw, lines=lines, url=url)
    return PageDocument(doc=doc, blocks=seg.blocks, segmentation=seg, block_of_line=block_of_line, removed_by={},
                        live=live)


def _first_h1(headings: list[Any]) -> str | None:
    for el in headings:
        text = " ".join("".join(el.itertext()).split())
        if text:
            return text
    return None


def _headline_lines(blocks: Sequence[Block], title: str | None) -> list[int]:
    """The lines of every block `_keep_headline` could keep (an h1/h2 reading as the title)."""
    if not title:
        return []
    folded = title.casefold()
    return [line for b in blocks if _is_headline_block(b, folded)
            for line in range(b.first_line, b.first_line + len(b.lines))]


def _is_headline_block(block: Block, folded_title: str) -> bool:
    return block.kind in ("h1", "h2") and block.strip is None and block.text.casefold() == folded_title


def _keep_headline(blocks: list[Block], keep: set[int], title: str | None) -> None:
    """Keep the headline block just before the article when the detector left it outside."""
    if not title or not keep:
        return
    first = min(keep)
    folded = title.casefold()
    for i in range(first - 1, max(-1, first - 40), -1):
        b = blocks[i]
        if _is_headline_block(b, folded):
            keep.add(i)
            return

