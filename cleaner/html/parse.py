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

from typing import Any

import regex

from .charset import decode_html

__all__ = ["parse_html", "to_text"]

_XML_DECLARATION = regex.compile(r"^\s*<\?xml[^>]*>", regex.IGNORECASE)
_parser: Any = None


def _lxml_parser() -> Any:
    global _parser
    if _parser is None:
        from lxml import etree

        _parser = etree.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True,
                                   no_network=True, huge_tree=True, recover=True)
    return _parser


def to_text(html: str | bytes) -> tuple[str, str | None]:
    """The page as text, and the codec its bytes were decoded with (None for text input)."""
    if isinstance(html, (bytes, bytearray, memoryview)):
        return decode_html(bytes(html))
    return html, None


def parse_html(text: str) -> Any:
    """The root element of the parsed page (an empty <html> when there is nothing to parse)."""
    from lxml import etree

    if "\x00" in text:
        text = text.replace("\x00", "")
    data = text.encode("utf-8", errors="replace")
    root = None
    try:
        root = etree.fromstring(data, _lxml_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
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
