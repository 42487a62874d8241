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

from .selectors import SelectorIndex

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
_HIDDEN_STYLE = regex.compile(r"(?:display\s*:\s*none|visibility\s*:\s*hidden)", regex.IGNORECASE)
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f"
# Class, id and style values are read up to this length: real pages have class lists
# of 3,000 characters, but a 50 MB attribute is no name to weigh or match.
_MAX_ATTR = 20_000
_INLINE = "inline"  # markers of the state an open element restores at its end
_CONTAINER = "container"
_STRIPPED_FIRST = ("script", "style", "noscript", "template", "svg", "iframe", "select", "textarea", "button")
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


class _Walker:
    def __init__(self, strip_index: SelectorIndex | None, xpath_hits: dict[Any, int] | None) -> None:
        self.strip_index = strip_index if strip_index is not None and not strip_index.empty else None
        # Tags that strip rules name: elements without attributes are matched only for these.
        self.tag_rules: frozenset[str] = frozenset(self.strip_index.by_tag) if self.strip_index else frozenset()
        self.xpath_hits = xpath_hits or None
        self.out = Segmentation()
        self.stack: list[int] = []
        self.pieces: list[str] = []
        self.chars = 0
        self.link_chars = 0
        self.kind = "div"
        self.anc: tuple[int, ...] = ()
        self.strip: Any = None  # strip rule in effect
        self.block_strip: Any = None
        self.in_link = 0
        self.in_pre = 0
        self.leading = True  # no text outside a link seen yet in this block
        self.lead_link = 0
        self.kinds: list[str] = []  # enclosing flush tags
        self.groups: list[int] = []  # enclosing list/table nodes

    # -- text ----------------------------------------------------------------------
    def add(self, text: str) -> None:
        if not text:
            return
        if self.in_pre:
            text = text.replace("\r\n", "\n").replace("\n", _BREAK)
        if not self.pieces:
            if text.isspace():
                return
            self.anc = tuple(self.stack)
            self.kind = self.kinds[-1] if self.kinds else "div"
            self.block_strip = self.strip
            self.leading = True
            self.lead_link = 0
        self.pieces.append(text)
        if text.isspace():
            return
        n = len(text.strip())
        self.chars += n
        if self.in_link:
            self.link_chars += n
            if self.leading:
                self.lead_link += n
        else:
            self.leading = False

    def flush(self) -> None:
        if not self.pieces:
            return
        raw = "".join(self.pieces)
        self.pieces = []
        lines: list[str] = []
        for part in raw.split(_BREAK):
            if _CELL in part:
                cells = [" ".join(c.split()) for c in part.split(_CELL)]
                line = " | ".join(c for c in cells if c)
            else:
                line = " ".join(part.split())
            if line and line.strip(_INVISIBLE):
                lines.append(line)
        chars, link_chars = self.chars, self.link_chars
        self.chars = self.link_chars = 0
        if not lines:
            return
        kind = self.kind
        group = -1
        if kind in _GROUPED_KINDS and self.groups:
            group = self.groups[-1]
        size = sum(len(line) for line in lines)
        links = min(size, round(link_chars * size / chars)) if chars else 0
        self.out.blocks.append(Block(lines=lines, kind=kind, anc=self.anc, chars=size, link_chars=links,
                                     strip=self.block_strip, group=group, order=len(self.out.blocks),
                                     lead_link=min(size, self.lead_link)))

    # -- elements ------------------------------------------------------------------
    def run(self, start: Any, deadline: Any = None) -> None:
        """Walk the tree under `start` without recursion (a page may nest thousands of
        levels deep): lxml's iterwalk gives each element's start and end, and `undo`
        holds what to restore at an element's end. Elements whose content is not walked
        (skipped, stripped, <br>) are left with `skip_subtree`; their end only adds the tail."""
        from lxml import etree

        walker = etree.iterwalk(start, events=("start", "end"))
        skip = walker.skip_subtree
        undo: list[Any] = []  # per open element: None (tail only), or what `_leave` restores
        push, pop = undo.append, undo.pop
        seen = 0
        for event, el in walker:
            if event == "end":
                entry = pop()
                if entry is not None:
                    self._leave(entry)
                tail = el.tail
                if tail:
                    self.add(tail)
                continue
            seen += 1
            if deadline is not None and not seen & 0x3FFF:
                deadline.check("HTML segmentation")
            entry = self._enter(el)
            if entry is None:
                skip()
            elif entry is True:
                entry = None
            push(entry)

    def _enter(self, el: Any) -> Any:
        """Start of an element: None when its content is not walked, True for an inline
        element with nothing to restore, else the state `_leave` restores at its end."""
        tag = el.tag
        if tag.__class__ is not str:  # comment, processing instruction, entity
            return None
        if not tag.islower():
            tag = tag.lower()
        if tag in SKIP_TAGS:
            return None
        keys = el.keys()
        cls = el_id = None
        if keys:
            if ("hidden" in keys or "aria-hidden" in keys and el.get("aria-hidden") == "true"
                    or "style" in keys and _HIDDEN_STYLE.search(el.get("style")[:_MAX_ATTR])):
                return None
            if "class" in keys:
                cls = el.get("class")[:_MAX_ATTR]
            if "id" in keys:
                el_id = el.get("id")[:_MAX_ATTR]
        if tag == "form" and not _holds_article(el):
            return None
        rule = None
        if self.strip is None and self.strip_index is not None and (keys or tag in self.tag_rules or self.xpath_hits):
            rule = self.strip_index.lookup(el, tag, cls, el_id, keys, self.xpath_hits)
        if tag == "br":
            pieces = self.pieces
            if pieces:
                if pieces[-1] == _BREAK:
                    self.flush()  # <br><br>: a paragraph break
                else:
                    pieces.append(_BREAK)
            return None
        if rule is not None:
            self._stripped(el, tag, rule, cls, el_id)
            return None
        if tag in FLUSH_TAGS or tag in CELL_TAGS:
            return self._open_container(el, tag, tag in FLUSH_TAGS, cls, el_id)
        is_link = tag == "a"
        is_pre = tag in _PRE_TAGS
        if is_link:
            self.in_link += 1
        if is_pre:
            self.in_pre += 1
        text = el.text
        if text:
            self.add(text)
        if is_link or is_pre:
            return (_INLINE, is_link, is_pre)
        return True

    def _leave(self, entry: tuple[Any, ...]) -> None:
        if entry[0] is _INLINE:
            if entry[1]:
                self.in_link -= 1
            if entry[2]:
                self.in_pre -= 1
            return
        _, flush, grouping, outer_strip, is_pre = entry
        if is_pre:
            self.in_pre -= 1
        if flush:
            self.flush()
        self.strip = outer_strip
        if grouping:
            self.groups.pop()
        if flush:
            self.kinds.pop()
        self.stack.pop()
        if not flush and self.pieces and self.pieces[-1] != _CELL:
            self.pieces.append(_CELL)

    def _stripped(self, el: Any, tag: str, rule: Any, cls: str | None, el_id: str | None) -> None:
        """An element a strip rule picked: its text is one block, read in C (not walked)."""
        self.flush()
        stack = self.stack
        node = len(self.out.nodes)
        self.out.nodes.append(Node(
            el=el, tag=tag, parent=stack[-1] if stack else -1, depth=len(stack),
            cls=f"{cls or ''} {el_id or ''}".lower() if (cls or el_id) else "", strip=rule))
        text = " ".join(" ".join(el.itertext()).split())
        if text and text.strip(_INVISIBLE):
            self.out.blocks.append(Block(lines=[text], kind=tag, anc=(*stack, node), chars=len(text), link_chars=0,
                                         strip=rule, order=len(self.out.blocks)))

    def _open_container(self, el: Any, tag: str, flush: bool, cls: str | None,
                        el_id: str | None) -> tuple[Any, ...]:
        if flush:
            self.flush()
        elif self.pieces and self.pieces[-1] != _CELL:
            self.pieces.append(_CELL)
        node = len(self.out.nodes)
        stack = self.stack
        self.out.nodes.append(Node(
            el=el, tag=tag, parent=stack[-1] if stack else -1, depth=len(stack),
            cls=f"{cls or ''} {el_id or ''}".lower() if (cls or el_id) else ""))
        stack.append(node)
        if flush:
            self.kinds.append(tag)
        grouping = tag in _GROUP_TAGS
        if grouping:
            self.groups.append(node)
        is_pre = tag in _PRE_TAGS
        if is_pre:
            self.in_pre += 1
        text = el.text
        if text:
            self.add(text)
        return (_CONTAINER, flush, grouping, self.strip, is_pre)


def _holds_article(form: Any) -> bool:
    paragraphs = 0
    for _ in form.iter("p", "article"):
        paragraphs += 1
        if paragraphs >= 3:
            return True
    return False


def _bound_elements(start: Any) -> None:
    """Fewer elements for a page of hundreds of thousands (an HTML bomb), or LimitError."""
    count = int(start.xpath("count(descendant-or-self::*)"))
    if count <= MANY_ELEMENTS:
        return
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
    walker = _Walker(strip_index, xpath_hits)
    start = body if body is not None else root
    # Drop what is never text in one pass in C (tails stay), so the walk does not visit it.
    from lxml import etree

    etree.strip_elements(start, *_STRIPPED_FIRST, with_tail=False)
    _bound_elements(start)
    walker.run(start, deadline)
    walker.flush()
    return walker.out
