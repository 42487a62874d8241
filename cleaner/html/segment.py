"""Walk a parsed page once and cut it into text blocks with their DOM context.

A block is what a reader sees as one unit: a heading, a paragraph, a list item, a
caption, a quote, a table row, a preformatted run, or text sitting directly in a
container `div`. Each block keeps its context: the chain of container elements above it
(as node numbers), its kind (the tag that delimits it), link text share, and the strip
rule (if any) whose selector covers it.

Skipped without trace (they are not text a reader sees): scripts, styles, noscript,
templates, embedded media and widgets, form controls, elements marked hidden (`hidden`,
`aria-hidden="true"`, `display:none` / `visibility:hidden` in `style`), and forms that
hold no article (ASP.NET wraps whole pages in one `<form>`, so a form with three or
more paragraphs is kept as a container).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import regex

from .guard import StripIndex
from .selectors import UNCACHEABLE, SelectorIndex

__all__ = ["Block", "Node", "Segmentation", "segment"]

# Not text a reader sees.
SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "canvas", "iframe", "object", "embed",
    "video", "audio", "map", "area", "head", "title", "meta", "link", "base", "button", "input",
    "select", "option", "optgroup", "textarea", "datalist", "output", "progress", "meter",
    "source", "track", "param", "frame", "frameset", "applet",
})
# Elements that start and end a block.
FLUSH_TAGS = frozenset({
    "html", "body", "p", "div", "section", "article", "main", "aside", "header", "footer", "nav",
    "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "li", "ul", "ol", "dl", "dt", "dd", "menu",
    "table", "thead", "tbody", "tfoot", "tr", "caption", "blockquote", "pre", "figure",
    "figcaption", "address", "hr", "center", "details", "summary", "fieldset", "legend", "form",
    "dialog", "search", "picture", "listing", "plaintext", "xmp", "dir",
})
CELL_TAGS = frozenset({"td", "th"})
# Blocks of these kinds that share a list or table are one text block (consecutive lines).
_GROUPED_KINDS = frozenset({"li", "tr", "dt", "dd"})
_GROUP_TAGS = frozenset({"ul", "ol", "table", "dl", "menu", "dir"})
_BREAK = "\x1e"  # a <br> or a line end inside <pre>
_CELL = "\x1f"  # between table cells
# Attributes that can hide an element: most elements have none (one set test, not three).
_HIDING = frozenset({"hidden", "aria-hidden", "style"})
_HIDDEN_STYLE = regex.compile(r"(?:display\s*:\s*none|visibility\s*:\s*hidden)", regex.IGNORECASE)
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f"
# Class, id and style values are read up to this length: real pages have class lists
# of 3,000 characters, but a 50 MB attribute is no name to weigh or match.
_MAX_ATTR = 20_000
# What an open inline element restores at its end.
_LINK, _PRE, _LINK_PRE = "link", "pre", "link+pre"
# Never text, and cut out of a strip rule's element before its text is read (the walk skips them).
_NEVER_TEXT = ("script", "style", "noscript", "template", "svg", "iframe", "select", "textarea", "button")
_ARTICLE_TAGS = frozenset({"article", "main"})  # what the strip guard looks for (guard.py)
_MARKED = (*_ARTICLE_TAGS, *_NEVER_TEXT)
_PRE_TAGS = frozenset({"pre", "textarea", "listing", "xmp", "plaintext"})
# A real page has a few thousand elements. Past MANY_ELEMENTS the inline formatting tags
# are dropped in C (their text stays) so the Python walk meets fewer elements; past
# MAX_ELEMENTS what is left would take longer to walk than a page's time budget.
MANY_ELEMENTS = 100_000
MAX_ELEMENTS = 200_000
_FORMATTING = ("b", "i", "u", "s", "em", "strong", "span", "font", "small", "big", "mark", "abbr", "cite",
               "code", "sub", "sup", "tt", "var", "kbd", "samp", "q", "dfn", "bdi", "bdo", "ins", "del",
               "strike", "time", "data", "label", "nobr", "wbr", "blink", "marquee")


@dataclass(slots=True)
class Node:
    """A container element (block-level tag or table cell)."""

    el: Any
    tag: str
    parent: int
    depth: int
    cls: str  # class and id, lower-case, for keyword evidence
    strip: Any = None  # the strip rule whose selector picked this element


@dataclass(slots=True)
class Block:
    lines: list[str]
    kind: str
    anc: tuple[int, ...]  # container nodes from the root down to the nearest one
    chars: int
    link_chars: int
    strip: Any = None  # strip rule covering the block (outermost)
    group: int = -1  # list/table node when consecutive blocks form one text block
    order: int = 0  # position in the page
    first_line: int = -1  # line of the Document where the block starts (set later)
    hits: int = 0  # text-rule evidence, filled in by the content scorer
    lead_link: int = 0  # characters of link text the block starts with (a teaser headline)

    @property
    def node(self) -> int:
        return self.anc[-1]

    @property
    def text(self) -> str:
        return " ".join(self.lines)

    @property
    def link_density(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0


@dataclass
class Segmentation:
    blocks: list[Block] = field(default_factory=list)
    nodes: list[Node] = field(default_factory=list)


def _walk(start: Any, strip_index: SelectorIndex | None, xpath_hits: dict[Any, int] | None,
          deadline: Any = None, most: float = float("inf")) -> Segmentation:
    """Cut the tree under `start` into blocks, without recursion (a page may nest
    thousands of levels deep): lxml's iterwalk gives each element's start and end, and
    `undo` holds what to restore at an element's end. Elements whose content is not
    walked (skipped, stripped, <br>) are left with `skip_subtree`; their end only adds
    the tail. More than `most` elements raise _TooMany. One function with its state in local variables: this loop runs for every
    element of every page, and attribute and method lookups were most of its cost."""
    from lxml import etree

    index = strip_index if strip_index is not None and not strip_index.empty else None
    lookup = index.lookup if index is not None else None
    veto = None
    if isinstance(index, StripIndex):  # its veto asked only on a hit: one call less per element
        lookup, veto = SelectorIndex.lookup.__get__(index), index.vetoes
    # Tags that strip rules name: elements without attributes are matched only for these.
    tag_rules: frozenset[str] = frozenset(index.by_tag) if index is not None else frozenset()
    tag_info = _TAG_INFO.setdefault(tag_rules, {})
    if len(tag_info) > 10_000:  # custom element names are unbounded
        tag_info.clear()
    memo_get = index.memo.get if index is not None and type(index).lookup in _MEMO_LOOKUPS else None
    remember, match = (index.remember, index.match) if memo_get is not None else (None, None)
    entries = index.entries if index is not None else ()
    xpath_hits = xpath_hits or None
    walk_memo = memo_get is not None and not xpath_hits
    check_at = min(0x4000, most + 1)
    out = Segmentation()
    blocks, nodes = out.blocks, out.nodes
    stack: list[int] = []  # open container nodes
    kinds: list[str] = []  # enclosing flush tags
    groups: list[int] = []  # enclosing list/table nodes
    pieces: list[str] = []  # text of the block being read
    chars = link_chars = lead_link = in_link = in_pre = 0
    kind = "div"
    anc: tuple[int, ...] = ()
    leading = True  # no text outside a link seen yet in this block

    def add(text: str) -> None:
        """Text of the current block (`text` is non-empty, and not only space when the
        block has none yet: callers check, it saves a call per whitespace tail)."""
        nonlocal chars, link_chars, lead_link, leading, anc, kind
        if in_pre:
            text = text.replace("\r\n", "\n").replace("\n", _BREAK)
        if not pieces:
            if text.isspace():
                return
            anc = tuple(stack)
            kind = kinds[-1] if kinds else "div"
            leading = True
            lead_link = 0
        pieces.append(text)
        if text.isspace():
            return
        n = len(text.strip())
        chars += n
        if in_link:
            link_chars += n
            if leading:
                lead_link += n
        else:
            leading = False

    def flush() -> None:
        nonlocal chars, link_chars
        raw = pieces[0] if len(pieces) == 1 else "".join(pieces)
        pieces.clear()
        block_chars, block_links = chars, link_chars
        chars = link_chars = 0
        if _BREAK in raw or _CELL in raw:
            lines = _lines(raw)
            if not lines:
                return
            size = sum(map(len, lines))
        else:  # one line (most blocks): no splitting
            line = " ".join(raw.split())
            if not line or not line.strip(_INVISIBLE):
                return
            lines = [line]
            size = len(line)
        group = groups[-1] if kind in _GROUPED_KINDS and groups else -1
        if block_links:  # link text scaled to the block's collapsed size
            links = min(size, round(block_links * size / block_chars))
            blocks.append(Block(lines, kind, anc, size, links, None, group, len(blocks), -1, 0, min(size, lead_link)))
        else:  # most blocks: no link text, nothing to scale
            blocks.append(Block(lines, kind, anc, size, 0, None, group, len(blocks)))

    walker = etree.iterwalk(start, events=("start", "end"))
    skip = walker.skip_subtree
    undo: list[Any] = []  # per open element: None (tail only), _INLINE_LINK/_INLINE_PRE, or a container's state
    push, pop = undo.append, undo.pop
    seen = 0
    for event, el in walker:
        if event == "end":
            entry = pop()
            if entry is not None:
                if entry is _LINK:
                    in_link -= 1
                elif entry is _PRE:
                    in_pre -= 1
                elif entry is _LINK_PRE:
                    in_link -= 1
                    in_pre -= 1
                else:  # a container: (flush, grouping, pre)
                    flushing, grouping, is_pre = entry
                    if is_pre:
                        in_pre -= 1
                    if flushing:
                        if pieces:
                            flush()
                        kinds.pop()
                    if grouping:
                        groups.pop()
                    stack.pop()
                    if not flushing and pieces and pieces[-1] != _CELL:
                        pieces.append(_CELL)
            tail = el.tail
            if tail and (pieces or not tail.isspace()):
                add(tail)
            continue
        seen += 1
        if seen >= check_at:  # one comparison per element for both the element cap and the time budget
            if seen > most:
                raise _TooMany
            if deadline is not None:
                deadline.check("HTML segmentation")
            check_at = min(seen + 0x4000, most + 1)
        info = tag_info.get(el.tag)
        if info is None:
            info = _tag_info(el.tag, tag_rules, tag_info)
        tag, code, named, container = info
        if code == _SKIP:
            skip()
            push(None)
            continue
        keys = el.keys()
        cls = el_id = None
        if keys:
            if not _HIDING.isdisjoint(keys) and (
                    "hidden" in keys or "aria-hidden" in keys and el.get("aria-hidden") == "true"
                    or "style" in keys and _HIDDEN_STYLE.search(el.get("style")[:_MAX_ATTR])):
                skip()
                push(None)
                continue
            if "class" in keys:
                cls = el.get("class")[:_MAX_ATTR]
            if "id" in keys:
                el_id = el.get("id")[:_MAX_ATTR]
        if code == _FORM:  # a container, when it holds the article
            if not _holds_article(el):
                skip()
                push(None)
                continue
            code, container = _FLUSH, _FORM_CONTAINER
        rule = None
        if lookup is not None and (keys or named or xpath_hits):
            if walk_memo:
                # The index's memo, read and filled here (what lookup does, without its
                # call and a second signature per element).
                sig = (tag, cls, el_id, *keys)
                best = memo_get(sig)
                if best is None:
                    best = remember(sig, el, tag, cls, el_id, keys)
                if best >= 0:
                    rule = entries[best][1]
                elif best == UNCACHEABLE:
                    rule = match(el, tag, cls.split() if cls else (), el_id, None, keys)
            else:
                rule = lookup(el, tag, cls, el_id, keys, xpath_hits)
        if code == _BR:
            if pieces:
                if pieces[-1] == _BREAK:
                    flush()  # <br><br>: a paragraph break
                else:
                    pieces.append(_BREAK)
            skip()
            push(None)
            continue
        if rule is not None:
            articles, never_text = _marked_inside(el)
            if veto is None or not veto(el, articles):  # a vetoed element is walked as any other
                # Its text is one block, read in C (not walked).
                if pieces:
                    flush()
                node = len(nodes)
                nodes.append(Node(el, tag, stack[-1] if stack else -1, len(stack),
                                  f"{cls or ''} {el_id or ''}".lower() if (cls or el_id) else "", rule))
                text = _rule_block_text(el, never_text)
                if text and text.strip(_INVISIBLE):
                    blocks.append(Block([text], tag, (*stack, node), len(text), 0, rule, -1, len(blocks)))
                skip()
                push(None)
                continue
        if container is not None:  # (flushing, grouping, pre): what its end undoes
            flushing, grouping, is_pre = container
            if flushing:
                if pieces:
                    flush()
            elif pieces and pieces[-1] != _CELL:
                pieces.append(_CELL)
            node = len(nodes)
            nodes.append(Node(el, tag, stack[-1] if stack else -1, len(stack),
                              f"{cls or ''} {el_id or ''}".lower() if (cls or el_id) else ""))
            stack.append(node)
            if flushing:
                kinds.append(tag)
            if grouping:
                groups.append(node)
            if is_pre:
                in_pre += 1
            text = el.text
            if text and (pieces or not text.isspace()):
                add(text)
            push(container)
            continue
        entry = None
        if code == _A:
            in_link += 1
            entry = _LINK
        elif code == _PRE_INLINE:
            in_pre += 1
            entry = _PRE
        text = el.text
        if text and (pieces or not text.isspace()):
            add(text)
        push(entry)
    if pieces:
        flush()
    return out


def _marked_inside(el: Any) -> tuple[list[Any], bool]:
    """The `<article>`/`<main>` elements in a strip rule's element (itself included: the
    guard's veto weighs them), and whether it holds what is never text: one pass of
    lxml's over the subtree for both, rather than one each (a page's stripped subtrees
    hold as many elements as the rest of the page)."""
    articles: list[Any] = []
    never_text = False
    for found in el.iter(*_MARKED):
        if found.tag in _ARTICLE_TAGS:
            articles.append(found)
        else:
            never_text = True
    return articles, never_text


def _rule_block_text(el: Any, never_text: bool | None = None) -> str:
    """The text of an element a strip rule covers, read in C, without what is never text.
    Only the subtrees that hold such elements are cut (the walk skips them everywhere
    else): removing an element costs lxml a walk of it, and pages hold thousands.
    `never_text`: whether it holds any (see _marked_inside), when the caller knows."""
    if never_text is None:
        never_text = next(el.iter(*_NEVER_TEXT), None) is not None
    if never_text:
        from lxml import etree

        etree.strip_elements(el, *_NEVER_TEXT, with_tail=False)
    return " ".join(" ".join(el.itertext()).split())


def _lines(raw: str) -> list[str]:
    """A block's lines: split at <br>/<pre> line ends, table cells joined with " | "."""
    lines: list[str] = []
    for part in raw.split(_BREAK):
        if _CELL in part:
            cells = [" ".join(c.split()) for c in part.split(_CELL)]
            line = " | ".join(c for c in cells if c)
        else:
            line = " ".join(part.split())
        if line and line.strip(_INVISIBLE):
            lines.append(line)
    return lines


# What the walk does with an element, by its tag (see _tag_info).
_OTHER, _SKIP, _FLUSH, _CELL_TAG, _BR, _A, _PRE_INLINE, _FORM = range(8)
# Per set of tags that strip rules name: raw tag -> (lower-case tag, what to do, named by a
# rule, and for a container the walk's undo entry: (flushing, grouping, pre)).
_TAG_INFO: dict[frozenset[str], dict[Any, tuple[str, int, bool, Any]]] = {}
_FORM_CONTAINER = (True, False, False)  # a form kept as a container (it holds the article)
# lookup methods whose memo the walk may read itself (a subclass could answer otherwise).
_MEMO_LOOKUPS = (SelectorIndex.lookup, StripIndex.lookup)


def _tag_info(raw: Any, tag_rules: frozenset[str],
              table: dict[Any, tuple[str, int, bool, Any]]) -> tuple[str, int, bool, Any]:
    """What the walk does with elements of this tag, remembered in `table` (the walk's
    `_TAG_INFO` entry for `tag_rules`): one dict lookup per element instead of a test per
    tag set, and one shared undo entry per container tag instead of a tuple per element.
    Comments, processing instructions and entities are skipped."""
    if raw.__class__ is not str:
        info = ("", _SKIP, False, None)
    else:
        tag = raw if raw.islower() else raw.lower()
        if tag in SKIP_TAGS:
            code = _SKIP
        elif tag == "form":
            code = _FORM
        elif tag in FLUSH_TAGS:
            code = _FLUSH
        elif tag in CELL_TAGS:
            code = _CELL_TAG
        elif tag == "br":
            code = _BR
        elif tag == "a":
            code = _A
        elif tag in _PRE_TAGS:
            code = _PRE_INLINE
        else:
            code = _OTHER
        container = None
        if code == _FLUSH or code == _CELL_TAG:
            container = (code == _FLUSH, tag in _GROUP_TAGS, tag in _PRE_TAGS)
        info = (tag, code, tag in tag_rules, container)
    table[raw] = info
    return info


def _holds_article(form: Any) -> bool:
    paragraphs = 0
    for _ in form.iter("p", "article"):
        paragraphs += 1
        if paragraphs >= 3:
            return True
    return False


class _TooMany(Exception):
    """The walk met more than MANY_ELEMENTS elements (counting them up front would cost
    every page; a bomb pays for one partial walk instead)."""


def _bound_elements(start: Any) -> None:
    """Fewer elements for a page of hundreds of thousands (an HTML bomb), or LimitError."""
    from lxml import etree

    etree.strip_tags(start, *_FORMATTING)
    count = int(start.xpath("count(descendant-or-self::*)"))
    if count > MAX_ELEMENTS:
        from ..errors import LimitError

        raise LimitError(f"HTML page has {count:,} elements (besides inline formatting), more than "
                         f"{MAX_ELEMENTS:,}: an HTML bomb, not a page")


def segment(root: Any, strip_index: SelectorIndex | None = None, deadline: Any = None) -> Segmentation:
    """Blocks and container nodes of the page under `root` (its body when it has one).
    `deadline` (a limits.Deadline) is checked during the walk, so a page of millions of
    elements ends with LimitError within its time budget."""
    xpath_hits = strip_index.prepare(root) if strip_index is not None and strip_index.xpaths else None
    body = root.find("body") if root.tag == "html" else None
    start = body if body is not None else root
    try:
        return _walk(start, strip_index, xpath_hits, deadline, MANY_ELEMENTS)
    except _TooMany:
        _bound_elements(start)
        return _walk(start, strip_index, xpath_hits, deadline)
