"""Decode HTML bytes: byte-order mark, then the page's own declaration, then detection.

Order (after the WHATWG encoding sniffing algorithm, simplified):

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE) wins outright;
2. a `<meta charset>` or `<meta http-equiv="Content-Type" content="...; charset=...">`
   (or an XML declaration) in the first 8 KB; labels are mapped the way browsers map
   them (latin1 and ascii mean windows-1252, gb2312 means gb18030, ...). One correction:
   a single-byte declaration on bytes that are valid, non-ASCII UTF-8 is taken to be
   wrong (valid multi-byte UTF-8 does not happen by accident in latin text);
3. no declaration: strict UTF-8 if the bytes are valid UTF-8, else charset-normalizer's
   best guess, else windows-1252 (which decodes every byte).

Decoding never fails: undecodable bytes become U+FFFD.
"""

from __future__ import annotations

import codecs

import regex

__all__ = ["decode_html", "sniff_encoding"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_PRESCAN_BYTES = 8192
_META_CHARSET = regex.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:+-]{1,40})""", regex.IGNORECASE)
_XML_DECL = regex.compile(rb"""^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:+-]{1,40})""", regex.IGNORECASE)

# Labels browsers treat as another encoding (WHATWG Encoding Standard, the common ones).
_ALIASES = {
    "latin1": "cp1252", "latin-1": "cp1252", "iso-8859-1": "cp1252", "iso8859-1": "cp1252",
    "iso_8859-1": "cp1252", "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252",
    "windows-1252": "cp1252", "x-cp1252": "cp1252", "cp819": "cp1252", "ibm819": "cp1252",
    "iso-8859-9": "cp1254", "latin5": "cp1254", "windows-1254": "cp1254",
    "iso-8859-11": "cp874", "tis-620": "cp874", "windows-874": "cp874",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "gb_2312-80": "gb18030",
    "shift_jis": "cp932", "shift-jis": "cp932", "sjis": "cp932", "x-sjis": "cp932", "ms_kanji": "cp932",
    "windows-31j": "cp932", "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "windows-949": "cp949",
    "big5": "big5hkscs", "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8", "x-user-defined": "cp1252",
    # A page cannot really be UTF-16 without a BOM; browsers read such a label as UTF-8.
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8", "unicode": "utf-8",
}
_SINGLE_BYTE_PREFIXES = ("cp12", "iso8859", "latin", "cp874", "koi8", "mac")


def _label_to_codec(label: bytes | str) -> str | None:
    """The Python codec for an encoding label, or None if the label names no encoding."""
    name = label.decode("ascii", "ignore") if isinstance(label, bytes) else label
    name = name.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return _ALIASES.get(codec, codec)


def _is_single_byte(codec: str) -> bool:
    return codec.replace("_", "").replace("-", "").startswith(_SINGLE_BYTE_PREFIXES)


def _valid_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def declared_encoding(data: bytes) -> str | None:
    """The encoding the page declares in its first 8 KB (meta charset or XML declaration)."""
    head = data[:_PRESCAN_BYTES]
    for pattern in (_XML_DECL, _META_CHARSET):
        found = pattern.search(head)
        if found:
            codec = _label_to_codec(found.group(1))
            if codec:
                return codec
    return None


def sniff_encoding(data: bytes) -> tuple[str, str]:
    """(codec, how it was found): how = bom | declared | utf-8 | detected | fallback."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, "bom"
    declared = declared_encoding(data)
    if declared:
        if declared != "utf-8" and _is_single_byte(declared) and not data.isascii() and _valid_utf8(data):
            return "utf-8", "utf-8"
        return declared, "declared"
    if data.isascii() or _valid_utf8(data):
        return "utf-8", "utf-8"
    detected = _detect(data)
    if detected:
        return detected, "detected"
    return "cp1252", "fallback"


def _detect(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - charset-normalizer is a dependency
        return None
    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    return _label_to_codec(best.encoding)


def decode_html(data: bytes) -> tuple[str, str]:
    """The page as text, and the codec used. Never raises on bad bytes (they become U+FFFD)."""
    codec, _how = sniff_encoding(data)
    for bom, bom_codec in _BOMS:
        if codec == bom_codec and data.startswith(bom):
            data = data[len(bom):]
            break
    try:
        return data.decode(codec, errors="replace"), codec
    except (LookupError, ValueError):  # pragma: no cover - codec came from codecs.lookup
        return data.decode("cp1252", errors="replace"), "cp1252"
