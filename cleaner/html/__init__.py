"""HTML input: decode, parse, segment into blocks, pick the article, then the text passes.

Only imported when HTML is cleaned, so text-only use never pays for lxml.
"""

from __future__ import annotations

import regex

__all__ = ["looks_like_html"]

_MARKUP = regex.compile(r"<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]", regex.IGNORECASE)
_TAGS = regex.compile(r"</?(?:p|div|br|span|a|li|h[1-6]|table|article|section)\b[^<>]{0,300}>", regex.IGNORECASE)
_HEAD_CHARS = 4096


def looks_like_html(text: str | bytes) -> bool:
    """Whether input reads as an HTML page: a doctype/<html>/<head>/<body> tag, or markup
    tags at a density text never has (one per 500 characters, at least three)."""
    head = text[:_HEAD_CHARS]
    if isinstance(head, (bytes, bytearray)):
        head = bytes(head).decode("latin-1")
    if "<" not in head:
        return False
    if _MARKUP.search(head):
        return True
    tags = len(_TAGS.findall(head))
    return tags >= 3 and tags * 500 >= len(head.strip())
