"""Parse HTML into an lxml tree, whatever state the markup is in.

lxml (libxml2) parses a typical news page in about 2 ms; BeautifulSoup over lxml takes
about 80 ms for the same page (measured on the ScrapingHub pages: 463 vs 12 pages/s),
which alone would be slower than trafilatura's whole extraction. So pages are parsed
with lxml directly, and BeautifulSoup (with Python's own html.parser) is only the
fallback for input libxml2 refuses. Text is always handed to libxml2 as UTF-8 bytes
with the encoding stated, so a page's own (possibly wrong) declaration cannot make it
decode twice.
"""

from __future__ import annotations

import threading
from typing import Any

import regex

from ..errors import LimitError
from .charset import decode_html

__all__ = ["parse_html", "to_text"]

_XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*>", regex.IGNORECASE)
_local = threading.local()  # one parser per thread: its error log tells this parse's errors

# libxml2 stops at 2,048 levels of nesting even with huge_tree ("Excessive depth in
# document") and drops the rest of the page. Such a page is parsed again with the
# elements below this depth flattened into their ancestor (their text kept).
MAX_NESTING = 1000
_DEPTH_ERROR = "Excessive depth"
_LIBXML_MAX_DEPTH = 2048
# More tags than any real page has (the largest ScrapingHub page has 1,600 elements):
# libxml2 needs about 140 bytes and 0.8 us per element, so an "HTML bomb" of millions of
# empty elements is refused before it is parsed.
MAX_TAGS = 1_000_000
# The start of a tag, for the flattening scan (the tag ends at the next ">").
_TAG_START = regex.compile(r"<(/?)([A-Za-z][^\s/<>]*)")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr", "keygen", "command", "basefont", "bgsound", "frame", "image",
                   "isindex", "nextid", "spacer"})
_CLOSE_SEARCH = 64  # how far down the open elements an end tag looks for its start


def _lxml_parser() -> Any:
    parser = getattr(_local, "parser", None)
    if parser is None:
        from lxml import etree

        parser = _local.parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                                                  no_network=True, huge_tree=True, recover=True,
                                                  collect_ids=False)  # no id() lookups: skip the table
    return parser


def to_text(html: str | bytes) -> tuple[str, str | None]:
    """The page as text, and the codec its bytes were decoded with (None for text input)."""
    if isinstance(html, (bytes, bytearray, memoryview)):
        return decode_html(bytes(html))
    return html, None


def parse_html(text: str) -> Any:
    """The root element of the parsed page (an empty <html> when there is nothing to parse)."""
    from lxml import etree

    data = text.encode("utf-8", errors="replace")
    if b"\x00" in data:  # searched in bytes: memchr, ten times faster than in a wide str
        text = text.replace("\x00", "")
        data = data.replace(b"\x00", b"")
    if len(data) > MAX_TAGS:  # a shorter page cannot hold more tags
        tags = data.count(b"<")
        if tags > MAX_TAGS:
            raise LimitError(f"HTML has {tags:,} tags ('<'), more than {MAX_TAGS:,}: an HTML bomb, not a page")
    root = _lxml_parse(data)
    for limit in (MAX_NESTING, MAX_NESTING // 10):
        if root is not _TOO_DEEP:
            break
        # Markup the flattening misjudges (end tags libxml2 ignores) gets a second, lower limit.
        root = _lxml_parse(flatten_nesting(text, limit).encode("utf-8", errors="replace"))
    if root is _TOO_DEEP:
        raise LimitError(f"HTML nests elements more than {_LIBXML_MAX_DEPTH:,} levels deep and could not be "
                         "flattened below that; libxml2 cannot parse it")
    if root is None or not _has_content(root) and "<" in text:
        fallback = _parse_with_soup(text)
        if fallback is not None:
            root = fallback
    if root is None:
        root = etree.Element("html")
        etree.SubElement(root, "body")
    if not isinstance(root.tag, str) or root.tag.lower() != "html":
        wrapper = etree.Element("html")
        body = etree.SubElement(wrapper, "body")
        body.append(root)
        root = wrapper
    return root


_TOO_DEEP = object()  # libxml2 stopped at its nesting limit


def _lxml_parse(data: bytes) -> Any:
    """The root element, None if libxml2 refuses the input, _TOO_DEEP if it stopped at its
    nesting limit (the tree it returns then lacks the rest of the page)."""
    from lxml import etree

    parser = _lxml_parser()
    try:
        root = etree.fromstring(data, parser)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    # The depth error is fatal: libxml2 stops there, so it is the last error logged.
    error = parser.error_log.last_error
    if error is not None and _DEPTH_ERROR in error.message:
        return _TOO_DEEP
    return root


def flatten_nesting(text: str, limit: int = MAX_NESTING) -> str:
    """The page with the start and end tags of elements nested deeper than `limit`
    removed (block tags become a space), so their text joins their ancestor's.

    The open elements are tracked as a browser would, roughly: void elements never open,
    an end tag closes the nearest open element of its name (and those opened after it).
    A tag ends at the next ">" (one in a quoted attribute value is rare, and at worst
    misjudges one element's depth). Linear in the page's length, whatever its markup:
    the next ">" is searched again only once the scan has passed it."""
    open_tags: list[str] = []
    out: list[str] = []
    keep_from = 0
    gt = -1
    for m in _TAG_START.finditer(text):
        if gt < m.end():
            gt = text.find(">", m.end())
            if gt < 0:
                break  # no tag is closed after this point
        if gt > m.end() and text[gt - 1] == "/":
            self_closing = True
        else:
            self_closing = False
        name = m.group(2).lower()
        depth = len(open_tags)
        if m.group(1):  # end tag
            for i in range(depth - 1, max(-1, depth - 1 - _CLOSE_SEARCH), -1):
                if open_tags[i] == name:
                    depth = i
                    del open_tags[i:]
                    break
        elif name not in _VOID and not self_closing:
            open_tags.append(name)
        if depth >= limit:
            out.append(text[keep_from:m.start()])
            out.append("" if name in _INLINE else " ")
            keep_from = gt + 1
    out.append(text[keep_from:])
    return "".join(out)


_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "font", "i", "kbd",
                     "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "tt", "u", "var"})


def _has_content(root: Any) -> bool:
    for el in root.iter():
        if el.text and el.text.strip() or el.tail and el.tail.strip():
            return True
    return False


def _parse_with_soup(text: str) -> Any:
    """BeautifulSoup with Python's html.parser, copied into an lxml tree."""
    try:
        from bs4 import BeautifulSoup, NavigableString, Tag
        from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction
        from lxml import etree
    except ImportError:  # pragma: no cover - both are dependencies
        return None
    skipped = (Comment, Declaration, Doctype, ProcessingInstruction)

    def copy(tag: Any, into: Any) -> None:
        last = None
        for child in tag.children:
            if isinstance(child, Tag):
                name = _TAG_NAME.sub("", (child.name or "").lower()) or "span"
                try:
                    el = etree.SubElement(into, name, {k: " ".join(v) if isinstance(v, list) else str(v)
                                                       for k, v in child.attrs.items() if _ATTR_NAME.match(k)})
                except (ValueError, TypeError):
                    el = etree.SubElement(into, "span")
                copy(child, el)
                last = el
            elif isinstance(child, NavigableString) and not isinstance(child, skipped):
                piece = _XML_UNSAFE.sub("", str(child))
                if last is None:
                    into.text = (into.text or "") + piece
                else:
                    last.tail = (last.tail or "") + piece

    try:
        soup = BeautifulSoup(_XML_DECLARATION.sub("", text), "html.parser")
        root = etree.Element("html")
        body = etree.SubElement(root, "body")
        copy(soup, body)
    except Exception:  # noqa: BLE001 - the fallback must never raise
        return None
    return root


_TAG_NAME = regex.compile(r"[^a-z0-9_-]")
_ATTR_NAME = regex.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")
_XML_UNSAFE = regex.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
