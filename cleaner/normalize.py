"""Text normalization used for matching only; output keeps the article's own characters.

Publishers (and scrapers) put invisible characters, odd spaces and look-alike letters
into text. Rules match against a normalized copy of each line so that "Anzeige" written
with a soft hyphen, a non-breaking space or a Cyrillic "А" is still "Anzeige".
"""

from __future__ import annotations

import unicodedata

import regex

__all__ = ["split_lines", "normalize_lines", "normalize_text", "collapse_whitespace", "align_to_raw"]

# Removed before matching: soft hyphen, zero-width characters, word joiner, BOM,
# bidi marks. None of them is visible, so none of them can carry meaning for a rule.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u180e"
# Mapped to a plain space: every Unicode space that is not a line break.
_SPACES = "\t\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000\x0b\x0c"
_TRANSLATE = {ord(c): None for c in _INVISIBLE} | {ord(c): " " for c in _SPACES}

# Cyrillic and Greek letters that render like Latin ones. Applied only inside words that
# mix scripts, so Russian or Greek text itself is never altered.
_LOOKALIKES = str.maketrans(
    "АВЕКМНОРСТХУаеорсухіјѕԁһӏԛԝІЈЅΑΒΕΖΗΙΚΜΝΟΡΤΥΧοιν",
    "ABEKMHOPCTXYaeopcyxijsdhlqwIJSABEZHIKMNOPTYXoiv",
)
_HAS_LOOKALIKE_SCRIPT = regex.compile(r"[\p{Cyrillic}\p{Greek}]")
_MIXED_SCRIPT_WORD = regex.compile(
    r"\b(?=\w*\p{Latin})(?=\w*[\p{Cyrillic}\p{Greek}])\w+\b"
)


def split_lines(text: str) -> list[str]:
    """Split text into lines, accepting \\n, \\r\\n and \\r line ends."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.split("\n")


def collapse_whitespace(line: str) -> str:
    """Runs of whitespace (including non-breaking spaces) become one space; ends trimmed."""
    return " ".join(line.split())


def _fix_mixed_script(text: str) -> str:
    if not _HAS_LOOKALIKE_SCRIPT.search(text):
        return text
    return _MIXED_SCRIPT_WORD.sub(lambda m: m.group(0).translate(_LOOKALIKES), text)


def normalize_text(text: str) -> str:
    """Normalize a whole text for matching; line breaks are preserved one for one."""
    text = text.translate(_TRANSLATE)
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = _fix_mixed_script(text)
    return text


def normalize_lines(raw_lines: list[str]) -> list[str]:
    """The matching form of each raw line: normalized, whitespace collapsed, trimmed."""
    normalized = normalize_text("\n".join(raw_lines)).split("\n")
    return [" ".join(line.split()) for line in normalized]


def align_to_raw(raw: str, norm: str, span: tuple[int, int]) -> tuple[int, int] | None:
    """Map a character span of a line's normalized form back onto the raw line.

    Returns None when the raw line cannot be aligned character by character with its
    normalized form (for example when NFC composed characters), so callers can refuse to
    cut rather than cut the wrong characters.
    """
    chars: list[str] = []
    index: list[int] = []
    pending_space: int | None = None
    for i, ch in enumerate(raw):
        if ch in _INVISIBLE:
            continue
        if ch.isspace():
            if chars and pending_space is None:
                pending_space = i
            continue
        if pending_space is not None:
            chars.append(" ")
            index.append(pending_space)
            pending_space = None
        chars.append(ch)
        index.append(i)
    aligned = "".join(chars)
    if aligned != norm:
        aligned = _fix_mixed_script(aligned)
        if aligned != norm:
            return None
    start, end = span
    raw_start = index[start]
    raw_end = index[end - 1] + 1
    return raw_start, raw_end
