"""Text normalization used for matching only; output keeps the article's own characters.

Publishers (and scrapers) put invisible characters, odd spaces and look-alike letters
into text. Rules match against a normalized copy of each line so that a label written
with a soft hyphen, a non-breaking space or a Cyrillic "А" reads as the label a rule names
(the phrases themselves live in rules/).
"""

from __future__ import annotations

import threading
import unicodedata
from typing import Any

import regex

__all__ = ["split_lines", "normalize_lines", "normalize_text", "collapse_whitespace", "align_to_raw",
           "collapsed", "word_count", "count_words", "strip_leading_symbols", "strip_trailing_symbols", "symbol_led"]

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


# Pictographs, arrows and shape symbols in front of a line's words ("📍 <label> …",
# "▶ <label>", "👉 <label> …", "🔴 <LABEL>") hide the phrase from a rule anchored at the
# line's start. Such a line is matched twice: as it is (a rule may read the symbol: "→ " marks
# a teaser headline) and without the symbols. Only symbols before a word (a letter, a digit,
# an opening quote or bracket) go: a line of icons alone (a share bar) has no second form,
# and © ® ™ are never stripped ("© dpa" is a credit because of its sign).
_SYMBOL_BLOCKS = ("\u2190-\u21ff\u2300-\u23ff\u25a0-\u27bf\u27f0-\u27ff\u2900-\u297f"
                  "\u2b00-\u2bff\U0001f000-\U0001faff")
_LEADING_SYMBOLS = regex.compile(
    "^(?:[" + _SYMBOL_BLOCKS + "\\p{Extended_Pictographic}\u20e3\ufe0e\ufe0f\U000e0020-\U000e007f]"
    "(?<![\u00a9\u00ae\u2122]) ?)+(?=[\\p{L}\\p{N}\"'“„«‹(\\[])"
)
_FIRST_SYMBOL = "\u2190"   # a line whose first character lies below is left as it is (but for _MARKS)
# Bullets and quote or arrow marks before a teaser or label ("» <label>: …", "> <label>",
# "• <label>", "– <label>"): only with a space after them, so a German
# quotation (»Wir …«), a negative number or a hyphenated word keeps its first character.
_MARKS = frozenset("•·‣»›>+*–—-|#")
_LEADING_MARKS = regex.compile("^(?:[•·‣»›>+*–—|#-]+ )+(?=[\\p{L}\\p{N}\"'“„«‹(\\[])")


def strip_leading_symbols(line: str) -> str:
    """`line` without the pictographs, symbols and bullet marks in front of its first word."""
    for _ in range(3):  # a run may mix them ("» 👉 <label>")
        if not line:
            return line
        if line[0] >= _FIRST_SYMBOL:
            stripped = _LEADING_SYMBOLS.sub("", line, count=1)
        elif line[0] in _MARKS:
            stripped = _LEADING_MARKS.sub("", line, count=1)
        else:
            return line
        if stripped == line:
            return line
        line = stripped
    return line


# The same symbols after a line's last word ("<label> ▶", "<label> ⬇", "<label> →",
# "<label> >"); not "»", which closes a French quotation, nor © ® ™.
_TRAILING_SYMBOLS = regex.compile(
    "(?<=[\\p{L}\\p{N}.!?:)\\]\"'”“]) ?(?:[" + _SYMBOL_BLOCKS + "\\p{Extended_Pictographic}\u20e3\ufe0e\ufe0f›>]"
    "(?<![\u00a9\u00ae\u2122]) ?)+$"
)
_TRAILING_MARKS = frozenset("›>")


def strip_trailing_symbols(line: str) -> str:
    """`line` without the pictographs, arrows and symbols after its last word."""
    if not line or (line[-1] < _FIRST_SYMBOL and line[-1] not in _TRAILING_MARKS):
        return line
    return _TRAILING_SYMBOLS.sub("", line, count=1)


def symbol_led(lines: list[str]) -> list[tuple[int, str]]:
    """(index, line without its leading and trailing symbols) of each line that starts with
    symbols before its first word or ends with symbols after its last word."""
    found = []
    marks, trailing = _MARKS, _TRAILING_MARKS
    for i, line in enumerate(lines):
        if line and (line[0] >= _FIRST_SYMBOL or line[0] in marks or line[-1] >= _FIRST_SYMBOL
                     or line[-1] in trailing):
            stripped = strip_trailing_symbols(strip_leading_symbols(line))
            if stripped != line and stripped:
                found.append((i, stripped))
    return found


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
    return _normalize(text, _prescan(text))[0]


def normalize_lines(raw_lines: list[str]) -> list[str]:
    """The matching form of each raw line: normalized, whitespace collapsed, trimmed."""
    joined = "\n".join(raw_lines)
    flags = _prescan(joined)
    normalized, flags = _normalize(joined, flags)
    lines = normalized.split("\n")
    if flags & _RAGGED or normalized[:1] == " " or normalized[-1:] == " ":
        return [line if _collapsed(line) else " ".join(line.split()) for line in lines]
    return lines


def _collapsed(line: str) -> bool:
    """Whether `" ".join(line.split()) == line`, without splitting (most lines are)."""
    return not ("  " in line or line[:1] == " " or line[-1:] == " " or not line.isprintable())


# -- a prescan decides which normalization steps a text needs -----------------------------
#
# Most texts have no invisible characters, no odd spaces, no Greek or Cyrillic letters and
# nothing that NFC could change; each step costs a pass over the text (str.translate one
# dictionary lookup per character), so one Hyperscan scan of the text's UTF-8 says which
# steps to take. Each flag is a superset: a flag that is not raised proves the step has
# nothing to do. Without hyperscan every flag is raised (every step runs).

_SPECIAL = 1     # a character of _INVISIBLE or _SPACES
_SCRIPT = 2      # a Greek or Cyrillic letter may be present (superset of _HAS_LOOKALIKE_SCRIPT)
_NFC = 4         # a character that may not be NFC-stable (>= U+0300, outside U+2000..U+20CF)
_RAGGED = 8      # whitespace that collapsing changes: two spaces, a space at a line end,
                 # a separator other than " " (\r \x1c-\x1f \x85 \u2028 \u2029)
_ALL = _SPECIAL | _SCRIPT | _NFC | _RAGGED

# Code points of the Greek and Cyrillic scripts (a superset, whole blocks; the test suite
# checks it against `regex`'s \p{Greek} and \p{Cyrillic}).
_SCRIPT_RANGES = (
    (0x0370, 0x052F), (0x1C80, 0x1C8F), (0x1D00, 0x1DBF), (0x1F00, 0x1FFF), (0x2126, 0x2126),
    (0x2DE0, 0x2DFF), (0xA640, 0xA69F), (0xAB30, 0xAB6F), (0xFE20, 0xFE2F), (0x10140, 0x101CF),
    (0x1D200, 0x1D24F), (0x1DF00, 0x1DFFF), (0x1E030, 0x1E08F),
)
# Characters NFC may change lie outside these (checked by the test suite): up to U+02FF,
# and U+2000..U+20BF (punctuation, currency) but for the odd spaces there. Flagged by
# UTF-8 lead bytes: any character from U+0300 on, but U+2000..U+20BF.
_NFC_STABLE_RANGES = ((0x0000, 0x02FF), (0x2000, 0x20BF))
_NFC_UNSTABLE_UTF8 = "[\\xcc-\\xdf\\xe0\\xe1\\xe3-\\xf4]|\\xe2[\\x83-\\xbf]"


def _byte(b: int) -> str:
    return f"\\x{b:02x}"


def _utf8_alternatives(lo: int, hi: int) -> list[str]:
    """Byte expressions that together match the UTF-8 of the code points lo..hi."""
    out: list[str] = []
    for a, b in ((0, 0x7F), (0x80, 0x7FF), (0x800, 0xFFFF), (0x10000, 0x10FFFF)):
        start, end = max(lo, a), min(hi, b)
        if start <= end:
            out.extend(_utf8_between(chr(start).encode("utf-8", "surrogatepass"),
                                     chr(end).encode("utf-8", "surrogatepass")))
    return out


def _utf8_between(x: bytes, y: bytes) -> list[str]:
    if len(x) == 1:
        return [f"[{_byte(x[0])}-{_byte(y[0])}]"]
    if x[0] == y[0]:
        return [_byte(x[0]) + t for t in _utf8_between(x[1:], y[1:])]
    n = len(x) - 1
    parts = [_byte(x[0]) + t for t in _utf8_between(x[1:], b"\xbf" * n)]
    if y[0] - x[0] > 1:
        parts.append(f"[{_byte(x[0] + 1)}-{_byte(y[0] - 1)}]" + "[\\x80-\\xbf]" * n)
    parts.extend(_byte(y[0]) + t for t in _utf8_between(b"\x80" * n, y[1:]))
    return parts


def _prescan_expressions() -> list[tuple[str, int]]:
    special = [c.encode("utf-8") for c in sorted(set(_INVISIBLE + _SPACES))]
    script = [e for lo, hi in _SCRIPT_RANGES for e in _utf8_alternatives(lo, hi)]
    ragged = ["\\x20\\x20", "\\n\\x20", "\\x20\\n", "[\\r\\x1c-\\x1f]", "\\xc2\\x85", "\\xe2\\x80[\\xa8\\xa9]"]
    return [
        ("(?:" + "|".join("".join(_byte(b) for b in c) for c in special) + ")", _SPECIAL),
        ("(?:" + "|".join(script) + ")", _SCRIPT),
        ("(?:" + _NFC_UNSTABLE_UTF8 + ")", _NFC),
        ("(?:" + "|".join(ragged) + ")", _RAGGED),
    ]


_prescan_state: list[Any] = []   # [hyperscan module, database] once built; [None] if unavailable
_prescan_lock = threading.Lock()
_prescan_local = threading.local()


def _prescan_database() -> tuple[Any, Any] | None:
    if not _prescan_state:
        with _prescan_lock:
            if not _prescan_state:
                try:
                    import hyperscan as hs

                    exprs = _prescan_expressions()
                    db = hs.Database(mode=hs.HS_MODE_BLOCK)
                    db.compile(expressions=[e.encode("ascii") for e, _ in exprs], ids=[i for _, i in exprs],
                               elements=len(exprs), flags=[hs.HS_FLAG_SINGLEMATCH | hs.HS_FLAG_DOTALL] * len(exprs))
                    _prescan_state.extend([hs, db])
                except Exception:  # noqa: BLE001 - no hyperscan (or it refuses): run every step
                    _prescan_state.extend([None, None])
    hs, db = _prescan_state
    return None if db is None else (hs, db)


def _prescan(text: str) -> int:
    """Which normalization steps `text` may need (flags above)."""
    if text.isascii():
        flags = _RAGGED if ("  " in text or "\n " in text or " \n" in text or "\r" in text
                            or "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text) else 0
        if "\t" in text or "\x0b" in text or "\x0c" in text:
            flags |= _SPECIAL
        return flags
    found = _prescan_database()
    if found is None:
        return _ALL
    hs, db = found
    scratch = getattr(_prescan_local, "scratch", None)
    if scratch is None:
        scratch = _prescan_local.scratch = hs.Scratch(db)
    flags = [0]

    def on_match(id_: int, start: int, end: int, match_flags: int, context: Any) -> None:
        flags[0] |= id_

    db.scan(text.encode("utf-8", "surrogatepass"), match_event_handler=on_match, scratch=scratch)
    return flags[0]


def _normalize(text: str, flags: int) -> tuple[str, int]:
    """The normalized text, and the prescan flags that still apply to it."""
    if flags & _SPECIAL:
        text = text.translate(_TRANSLATE)
        flags |= _RAGGED  # a space where an odd one was may now sit next to another
    if not text.isascii():
        if flags & _NFC and not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        if flags & (_SCRIPT | _NFC):  # NFC may have made a Greek or Cyrillic letter
            text = _fix_mixed_script(text)
    return text, flags


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


# -- word counts of normalized lines (rule bounds, structure passes) ------------------------

def collapsed(line: str) -> bool:
    """A non-empty line is surely `" ".join(line.split())`, tested without splitting.

    The only printable whitespace is the space itself, so a printable line with no
    double space and none at its ends has one space between words and no other. A line
    with an unprintable character counts as not collapsed (callers then split it).
    """
    return not ("  " in line or line[0] == " " or line[-1] == " " or not line.isprintable())


def word_count(line: str) -> int:
    """len(line.split()); on a collapsed line (what matching lines are) the spaces count the words."""
    if not line:
        return 0
    return line.count(" ") + 1 if collapsed(line) else len(line.split())


def count_words(lines: list[str]) -> list[int]:
    """word_count of each line; the whole text is tested once first, as matching lines are
    all collapsed (one space between words, none at a line's ends, all else printable)."""
    text = "\n".join(lines)
    if "  " in text or " \n" in text or "\n " in text or text[:1] == " " or text[-1:] == " " \
            or text.count("\n") != len(lines) - 1 or not text.replace("\n", "").isprintable():
        return [word_count(line) for line in lines]  # some line is not collapsed (or holds a line break)
    return [line.count(" ") + 1 if line else 0 for line in lines]
