"""What a fast matcher may scan for: required literals of a rule, read from its own pattern.

A compiled matcher scans a whole document once for *literals* (fixed strings) and checks
only the lines where a rule's literal occurs with the rule's real `regex` pattern. That is
only correct if the literal set of a rule is a SUPERSET condition: every line the rule
accepts must contain one of its literals. This module derives such sets from the parse
tree that `regex` itself builds for the pattern (so there is no second parser that could
read the syntax differently), and refuses (returns None) wherever it is not sure.

A literal is a tuple of atoms; an atom is `(char, caseless)`. The atom `("\\n", False)`
stands for a line boundary: documents are scanned as "\\n" + "\\n".join(lines) + "\\n", so
`^Foo` needs "\\nFoo" and `Foo$` needs "Foo\\n" somewhere in the document, which is a much
rarer string than "Foo".

Case: `regex` with IGNORECASE matches a pattern character against the characters that
`_regex.get_all_cases` lists, and with FULLCASE also a text character that folds to several
pattern characters (text "ß" for pattern "ss"). Pattern characters that fold to several
characters themselves ("ß", "ﬀ") are never put into literals: the literal is cut there.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import regex
from regex import _regex
from regex import _regex_core as rc

__all__ = ["Atom", "Literal", "RuleLiterals", "rule_literals", "required_literals", "case_variants",
           "expanding_chars", "NL"]

Atom = tuple[str, bool]
Literal = tuple[Atom, ...]

NL: Atom = ("\n", False)
_EMPTY: Literal = ()
MAX_SET = 256          # most strings an exact set may hold before it is cut
MAX_CLASS = 12         # most characters a class may hold to be expanded into literals
MAX_ATOMS = 12         # a literal's atoms kept for scanning (see _shortened)
MIN_SCORE = 3          # a literal needs at least this many atoms to be worth scanning for
_CASE_FLAGS = (regex.IGNORECASE | regex.FULLCASE | regex.UNICODE, regex.IGNORECASE | regex.UNICODE)


class Unsupported(Exception):
    """The pattern uses something this analysis does not model; check the rule everywhere."""


@functools.lru_cache(maxsize=None)
def expanding_chars() -> frozenset[str]:
    """Characters whose full case folding is several characters (ß -> ss, ﬀ -> ff)."""
    return frozenset(_regex.get_expand_on_folding())


@functools.lru_cache(maxsize=None)
def _fold(text: str) -> str:
    return _regex.fold_case(regex.IGNORECASE | regex.FULLCASE | regex.UNICODE, text)


@functools.lru_cache(maxsize=None)
def case_variants(ch: str) -> frozenset[str]:
    """Every single character `regex` may match for caseless pattern character `ch`."""
    found = {ch}
    for flags in _CASE_FLAGS:
        found.update(chr(c) for c in _regex.get_all_cases(flags, ord(ch)) if c is not None)
    return frozenset(found)


@functools.lru_cache(maxsize=None)
def multi_variants(chars: str) -> frozenset[str]:
    """Single text characters that a caseless pattern sequence `chars` may match as a whole."""
    if len(chars) < 2:
        return frozenset()
    folded = _fold(chars)
    return frozenset(d for d in expanding_chars() if _fold(d) == folded)


def _caseless(flags: int) -> bool:
    return bool(flags & regex.IGNORECASE)


@dataclass(frozen=True)
class _Info:
    exact: frozenset[Literal] | None   # the node matches exactly one of these strings
    req: frozenset[Literal] | None     # every match of the node contains one of these


_UNKNOWN = _Info(None, None)
_ZERO = _Info(frozenset({_EMPTY}), None)


@functools.lru_cache(maxsize=1 << 16)
def score(literals: frozenset[Literal] | None) -> int:
    """The shortest literal's length (0: nothing worth scanning for). Cached: the analysis
    scores the same sets again at every level of a pattern's tree."""
    if literals is None:
        return 0
    lengths = [sum(1 for a in lit) for lit in literals]
    if not lengths:
        return 0
    if all(all(a == NL for a in lit) for lit in literals):
        return 0
    return min(lengths)


def _best(*candidates: frozenset[Literal] | None) -> frozenset[Literal] | None:
    best, best_key = None, (0, 0)
    for cand in candidates:
        s = score(cand)
        if s <= 0:
            continue
        key = (s, -len(cand))  # type: ignore[arg-type]
        if best is None or key > best_key:
            best, best_key = cand, key
    return best


def _cross(a: frozenset[Literal], b: frozenset[Literal]) -> frozenset[Literal] | None:
    if len(a) * len(b) > MAX_SET:
        return None
    return frozenset(_join(x, y) for x in a for y in b)


def _join(x: Literal, y: Literal) -> Literal:
    """x then y. An anchor consumes nothing: two anchors with nothing between them (`$` in
    `(?:/|$)` then the pattern's own `$`) stand at one line boundary, which is one "\n"."""
    if x and y and x[-1] == NL and y[0] == NL:
        return x + y[1:]
    return x + y


def _char_atom(ch: str, caseless: bool) -> _Info:
    if caseless and (ch in expanding_chars() or len(_fold(ch)) != 1):
        return _UNKNOWN  # folds to several characters: not a single atom
    return _Info(frozenset({((ch, caseless),)}), None)


def _set_chars(node: rc.RegexBase) -> list[str] | None:
    """The characters of a small positive set of plain characters, or None."""
    if isinstance(node, rc.Character):
        return [chr(node.value)] if node.positive and not node.zerowidth else None
    if isinstance(node, rc.Range):
        if not node.positive or node.upper - node.lower >= MAX_CLASS:
            return None
        return [chr(c) for c in range(node.lower, node.upper + 1)]
    if isinstance(node, rc.SetUnion) and node.positive and not node.zerowidth:
        chars: list[str] = []
        for item in node.items:
            part = _set_chars(item)
            if part is None:
                return None
            chars.extend(part)
            if len(chars) > MAX_CLASS:
                return None
        return chars
    return None


_ZERO_WIDTH = tuple(getattr(rc, name) for name in (
    "Boundary", "DefaultBoundary", "StartOfWord", "EndOfWord", "DefaultStartOfWord", "DefaultEndOfWord",
    "GraphemeBoundary", "SearchAnchor", "Keep", "StartOfLineU", "EndOfLineU", "EndOfStringLineU",
) if hasattr(rc, name))
# Line anchors: the start or end of a line, which in the scanned document is a "\n".
_ANCHORS = tuple(getattr(rc, name) for name in (
    "StartOfString", "StartOfLine", "EndOfString", "EndOfStringLine", "EndOfLine",
) if hasattr(rc, name))
_START_ANCHORS = tuple(getattr(rc, name) for name in ("StartOfString", "StartOfLine") if hasattr(rc, name))
_ONE_CHAR = tuple(getattr(rc, name) for name in ("Property", "Any", "AnyAll", "AnyU", "SetDiff",
                                                 "SetInter", "SetSymDiff", "Range") if hasattr(rc, name))
_REPEATS = tuple(getattr(rc, name) for name in ("GreedyRepeat", "LazyRepeat", "PossessiveRepeat")
                 if hasattr(rc, name))


def _analyse(node: rc.RegexBase) -> _Info:
    memo = _state.analysis.memo
    found = memo.get(id(node))
    if found is None:
        found = memo[id(node)] = (_analyse_node(node), node)
    return found[0]


def _analyse_node(node: rc.RegexBase) -> _Info:
    if isinstance(node, rc.Sequence):
        return _sequence(node.items)
    if isinstance(node, rc.Branch):
        return _branch([_analyse(b) for b in node.branches])
    if isinstance(node, rc.Character):
        if not node.positive or node.zerowidth:
            return _UNKNOWN if not node.zerowidth else _ZERO
        return _char_atom(chr(node.value), _caseless(node.case_flags))
    if isinstance(node, rc.SetBase) and not isinstance(node, _ONE_CHAR):
        chars = _set_chars(node)
        if node.zerowidth:
            return _ZERO
        if chars is None:
            return _UNKNOWN
        caseless = _caseless(node.case_flags)
        infos = [_char_atom(c, caseless) for c in chars]
        if any(i.exact is None for i in infos):
            return _UNKNOWN
        return _Info(frozenset(lit for i in infos for lit in i.exact), None)  # type: ignore[union-attr]
    if isinstance(node, _ONE_CHAR):
        return _ZERO if getattr(node, "zerowidth", False) else _UNKNOWN
    if isinstance(node, _ANCHORS):
        return _Info(frozenset({(NL,)}), None)  # see _join: anchors at one place are one "\n"
    if isinstance(node, _ZERO_WIDTH):
        return _ZERO
    if isinstance(node, rc.LookAround):
        if not node.positive:
            return _ZERO
        # A positive lookaround consumes nothing, but what it looks at is on the same line
        # and must be there for the pattern to match: its requirement is the node's.
        inner = _analyse(node.subpattern)
        return _Info(frozenset({_EMPTY}), _best(inner.exact, inner.req))
    if hasattr(rc, "LookAroundConditional") and isinstance(node, rc.LookAroundConditional):
        return _UNKNOWN
    if isinstance(node, (rc.Group, rc.Atomic)):
        return _analyse(node.subpattern)
    if isinstance(node, _REPEATS):
        return _repeat(_analyse(node.subpattern), node.min_count, node.max_count)
    if isinstance(node, (rc.RefGroup, rc.Conditional)):
        return _UNKNOWN  # consumes text we cannot name
    raise Unsupported(type(node).__name__)


def _repeat(body: _Info, low: int, high: int | None) -> _Info:
    if low == 0:
        if high == 1 and body.exact is not None:
            return _Info(body.exact | {_EMPTY}, None)
        return _UNKNOWN
    if body.exact is not None and high == low and low <= 3:
        exact: frozenset[Literal] | None = frozenset({_EMPTY})
        for _ in range(low):
            exact = _cross(exact, body.exact) if exact is not None else None
        if exact is not None:
            return _Info(exact, None)
    return _Info(None, _best(body.exact, body.req))


def _branch(infos: list[_Info]) -> _Info:
    exact: frozenset[Literal] | None = None
    if all(i.exact is not None for i in infos):
        union = frozenset(lit for i in infos for lit in i.exact)  # type: ignore[union-attr]
        if len(union) <= MAX_SET:
            exact = union
    req: set[Literal] = set()
    for info in infos:
        best = _best(info.exact, info.req)
        if best is None:
            return _Info(exact, None)
        req.update(best)
    return _Info(exact, frozenset(req) if len(req) <= MAX_SET * 4 else None)


class _Analysis:
    """One pattern's analysis: results per node, and a limit on how often sequences are
    re-analysed with a branch distributed into them."""

    def __init__(self, limit: int = 3000) -> None:
        self.left = limit
        self.memo: dict[int, tuple[_Info, rc.RegexBase]] = {}


# The analysis under way in this thread (rules may be compiled in several threads at once).
_state = threading.local()


def _sequence(items: Iterable[rc.RegexBase]) -> _Info:
    items = _flatten(items)
    infos = [_analyse(item) for item in items]
    # Distribute the first inexact alternation (or optional group) into the sequence, so
    # that each alternative joins the literals around it: ^(?:A|B\d)x is \nA x | \nB ...
    for k, (item, info) in enumerate(zip(items, infos)):
        if info.exact is not None:
            continue
        alts = _alternatives_of(item)
        analysis = _state.analysis
        if alts is None or analysis.left < len(alts):
            break
        analysis.left -= len(alts)
        return _branch([_sequence([*items[:k], *alt, *items[k + 1:]]) for alt in alts])
    return _combine(infos)


def _alternatives_of(node: rc.RegexBase) -> list[list[rc.RegexBase]] | None:
    if isinstance(node, rc.Branch) and len(node.branches) <= 300:
        return [[b] for b in node.branches]
    if isinstance(node, (rc.Group, rc.Atomic)):
        return _alternatives_of(node.subpattern)
    if isinstance(node, rc.Sequence) and len(node.items) == 1:
        return _alternatives_of(node.items[0])
    if isinstance(node, _REPEATS) and node.min_count == 0 and node.max_count == 1:
        return [[node.subpattern], []]
    return None


def _combine(infos: list[_Info]) -> _Info:
    current: frozenset[Literal] | None = frozenset({_EMPTY})
    whole = True
    candidates: list[frozenset[Literal] | None] = []
    for info in infos:
        if info.exact is not None:
            if info.req is not None:
                candidates.append(info.req)  # what a lookaround requires besides its (empty) match
            joined = _cross(current, info.exact) if current is not None else None
            if joined is None:
                candidates.append(current)
                whole = False
                current = info.exact
            else:
                current = joined
            continue
        whole = False
        candidates.append(current)
        candidates.append(info.req)
        current = frozenset({_EMPTY})
    candidates.append(current)
    return _Info(current if whole else None, _best(*candidates))


def _parse(source: str, flags: int) -> rc.RegexBase:
    global_flags = flags
    for _ in range(4):
        src = rc.Source(source)
        info = rc.Info(global_flags, src.char_type, {})
        info.guess_encoding = rc.UNICODE
        src.ignore_space = bool(info.flags & rc.VERBOSE)
        try:
            parsed = rc._parse_pattern(src, info)
        except rc._UnscopedFlagSet:
            global_flags = info.global_flags
            continue
        if not src.at_end():
            raise Unsupported("unbalanced pattern")
        if info.flags & regex.LOCALE:
            raise Unsupported("locale-dependent case")
        if info.named_lists_used:
            raise Unsupported("named lists")
        return parsed
    raise Unsupported("flags")


def required_literals(source: str, flags: int) -> frozenset[Literal] | None:
    """Literals one of which every match of the pattern contains, or None if unknown."""
    try:
        parsed = _parse(source, flags)
        _state.analysis = _Analysis()
        info = _analyse(parsed)
    except (Unsupported, regex.error, rc.error, RecursionError, AttributeError, TypeError, ValueError):
        return None
    finally:
        _state.analysis = None
    best = _best(info.exact, info.req)
    if best is None or not all(_worth(lit) for lit in best):
        return None
    return _shortened(best)


def _shortened(literals: frozenset[Literal]) -> frozenset[Literal]:
    """Each literal cut to its first MAX_ATOMS atoms, duplicates merged.

    A line holding a literal holds its prefix too, so the set stays a superset condition;
    and a dozen characters are already rare in body text. Alternations distributed into a
    sequence multiply into hundreds of long literals sharing a few prefixes (`^Jetzt
    (lesen|testen) (Sie|…) …`); every literal is a Hyperscan expression, and the number of
    them is what makes a database slow to compile and to scan.
    """
    return frozenset(lit[:MAX_ATOMS] for lit in literals)


def _worth(lit: Literal) -> bool:
    """Long enough to be rare: three characters, or two next to a line boundary."""
    chars = [c for c, _ in lit if c != "\n"]
    if len(chars) >= MIN_SCORE:
        return True
    if NL not in lit:
        return False
    return len(chars) >= 2 or (len(chars) == 1 and not (chars[0].isascii() and (chars[0].isalnum() or chars[0] == " ")))


@dataclass(frozen=True)
class RuleLiterals:
    literals: frozenset[Literal] | None  # None: check this rule on every line


def rule_literals(pattern: regex.Pattern[str]) -> frozenset[Literal] | None:
    """The required literals of a compiled rule pattern (its source and flags)."""
    return required_literals(pattern.pattern, pattern.flags & ~regex.UNICODE & ~regex.VERSION0)


def literal_text(lit: Literal) -> str:
    return "".join(ch for ch, _ in lit)


# -- Hyperscan expressions ---------------------------------------------------------------
#
# Hyperscan reads bytes (the document's UTF-8). Expressions are written in pure ASCII with
# \xHH escapes. A translation never matches a "\n" (line anchors are Hyperscan's zero-width
# `^`/`$`, compiled with HS_FLAG_MULTILINE), so a hit always ends on the line it was found
# in; a literal may hold "\n" for a line boundary and then ends on that line's final "\n".

_ANY_NON_ASCII = r"[\xc0-\xff][\x80-\xbf]{1,3}"
_ANY_CHAR = r"(?:[\x00-\x09\x0b-\x7f]|" + _ANY_NON_ASCII + ")"
_ANY_RUN = r"[^\n]"   # one byte of any character but a line break
MAX_EXPRESSION = 100000


def _byte(b: int) -> str:
    """One byte as Hyperscan reads it: ASCII letters and digits as they are, others escaped."""
    return chr(b) if 0x30 <= b <= 0x39 or 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A else f"\\x{b:02x}"


def _esc_bytes(text: str) -> str:
    return "".join(_byte(b) for b in text.encode("utf-8"))


def _byte_class(members: Iterable[int]) -> str:
    """A class of bytes, runs of three or more written as ranges."""
    ordered = sorted(set(members))
    parts: list[str] = []
    k = 0
    while k < len(ordered):
        j = k
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        if j - k >= 2:
            parts.append(f"{_byte(ordered[k])}-{_byte(ordered[j])}")
        else:
            parts.extend(_byte(b) for b in ordered[k:j + 1])
        k = j + 1
    return "[" + "".join(parts) + "]"


@functools.lru_cache(maxsize=None)
def text_map() -> dict[str, str]:
    """Non-ASCII characters `regex` may match with ASCII pattern text, and that ASCII text.

    K (Kelvin) and ſ (long s) are case variants of k and s; ß and the ligatures fold to
    several ASCII letters. The literal scan runs over the document with these replaced
    (`text_key`), so caseless ASCII literals need no other alternatives.
    """
    out: dict[str, str] = {}
    for a in range(128):
        for v in case_variants(chr(a)):
            if not v.isascii():
                out[v] = chr(a).lower()
    for d in expanding_chars():
        folded = _fold(d)
        if folded.isascii():
            out[d] = folded.lower()
    return out


def text_key(text: str) -> str:
    """The document as the literal scan reads it (see `text_map`)."""
    if text.isascii() or not _text_map_chars().search(text):
        return text  # one scan instead of one `in` per mapped character
    for ch, repl in text_map().items():
        if ch in text:
            text = text.replace(ch, repl)
    return text


@functools.lru_cache(maxsize=None)
def _text_map_chars() -> regex.Pattern[str]:
    """A class of every character of `text_map`'s keys: a text with none of them is its own key."""
    return regex.compile("[" + "".join(regex.escape(ch) for ch in text_map()) + "]")


def _h(text: str) -> str:
    table = text_map()
    return "".join(table.get(c, c) for c in text)


def literal_piece(lit: Literal) -> str | None:
    """The longest part of `lit` that a caseless ASCII literal over `text_key` text covers.

    A caseless non-ASCII letter (ä matches Ä) cannot be matched byte for byte, so the
    literal is cut there, with two characters of margin on either side (a character that
    folds to an ASCII letter plus a combining mark must not be split). Returns the
    Hyperscan expression (to compile with HS_FLAG_CASELESS), or None if no part is long
    enough to be worth scanning for.
    """
    segments: list[list[str]] = [[]]
    for ch, caseless in lit:
        mapped = _h(ch)
        if caseless and not mapped.isascii():
            segments.append([])  # cut
            segments[-1].append("")  # marks the cut for trimming
            continue
        segments[-1].extend(mapped if ch != "\n" else "\n")
    best: list[str] = []
    for k, seg in enumerate(segments):
        chars = [c for c in seg if c]
        if k > 0:
            chars = chars[2:]
        if k < len(segments) - 1:
            chars = chars[:-2] if len(chars) > 2 else []
        if len(chars) > len(best):
            best = chars
    if len(best) < MIN_SCORE and not (len(best) >= 2 and ("\n" in best)):
        return None
    if all(c == "\n" for c in best):
        return None
    return _esc_bytes("".join(best))


def literal_scan_expression(lit: Literal) -> tuple[str, bool] | None:
    """The Hyperscan expression to scan `text_key` text for `lit`, and whether it is caseless.

    A literal that is ASCII once mapped (or case-sensitive) is scanned as it is, with
    HS_FLAG_CASELESS. One with caseless non-ASCII letters ("\\nTélévision") is spelled
    out with every case variant (`literal_expression`) rather than cut to its longest
    ASCII piece ("sion"), which would hit every line with "décision" in it. Only if that
    expression cannot be written is the piece used. None: nothing worth scanning for.
    """
    if not any(caseless and not _h(ch).isascii() for ch, caseless in lit):
        piece = literal_piece(lit)
        if piece is not None:
            return piece, True
    try:
        return literal_expression(lit), False
    except Unsupported:
        piece = literal_piece(lit)
        return (piece, True) if piece is not None else None


def _alternatives(options: Iterable[str]) -> str:
    opts = sorted(set(options))
    if len(opts) == 1:
        return opts[0]
    single = [o for o in opts if (len(o) == 4 and o.startswith("\\x")) or (len(o) == 1 and o.isalnum())]  # one byte
    if len(single) > 1:
        rest = [o for o in opts if o not in single]
        opts = ["[" + "".join(single) + "]", *rest]
        if len(opts) == 1:
            return opts[0]
    return "(?:" + "|".join(opts) + ")"


def literal_expression(lit: Literal, mapped: bool = True, fold_ascii: bool = False) -> str:
    """A Hyperscan expression matching (in `text_key` text) wherever a rule may match `lit`.

    fold_ascii: the expression is compiled with HS_FLAG_CASELESS, so a caseless letter's
    ASCII variants are one letter ("f", not "[Ff]"), and a case-sensitive ASCII letter is
    kept exact with "(?-i:...)".
    """
    n = len(lit)
    memo: dict[int, str] = {}
    h = _h if mapped else (lambda t: t)

    def esc(text: str) -> str:
        if fold_ascii and text.isascii():
            return _esc_bytes(text.lower())
        return _esc_bytes(text)

    def from_(p: int) -> str:
        if p == n:
            return ""
        if p in memo:
            return memo[p]
        ch, caseless = lit[p]
        options = []
        if not caseless:
            # A run of case-sensitive characters is one "(?-i:...)" group, not one per
            # letter: "(?-i:Le\x20Monde)" is a fifth of the length, and a translation
            # that fits its budget keeps the words it would otherwise generalise away.
            q = p
            while q < n and not lit[q][1]:
                q += 1
            run = "".join(h(c) for c, _ in lit[p:q])
            head = _esc_bytes(run)
            if fold_ascii and any(c.isascii() and c.isalpha() for c in run):
                head = "(?-i:" + head + ")"
            options.append(head + from_(q))
        else:
            heads = [esc(h(v)) for v in case_variants(ch)]
            options.append(_alternatives(heads) + from_(p + 1))
            for k in (2, 3):
                if p + k <= n and all(c for _, c in lit[p:p + k]):
                    multi = multi_variants("".join(c for c, _ in lit[p:p + k]))
                    if multi:
                        options.append(_alternatives(esc(h(d)) for d in multi) + from_(p + k))
        out = _alternatives(options)
        if len(out) > MAX_EXPRESSION:
            raise Unsupported("expression too large")
        memo[p] = out
        return out

    return from_(0)


def _ascii_class(node: rc.RegexBase) -> str:
    """A byte class for a one-character node: its ASCII members, or any non-ASCII character."""
    key = getattr(node, "_key", None)
    try:
        hash(key)
    except TypeError:
        key = None
    if key is None:
        return _ascii_class_uncached(node)
    found = _CLASS_CACHE.get(key)
    if found is None:
        found = _CLASS_CACHE[key] = _ascii_class_uncached(node)
    return found


_CLASS_CACHE: dict[object, str] = {}


def _ascii_class_uncached(node: rc.RegexBase) -> str:
    caseless = _caseless(getattr(node, "case_flags", 0))
    if caseless and any(node.matches(ord(d)) for d in expanding_chars()):
        return _ANY_RUN + "+"  # may match a character folding to several ("[ß]" matches "ss")
    members = []
    for a in range(128):
        if a == 10:
            continue
        ch = chr(a)
        candidates = case_variants(ch) if caseless else (ch,)
        if any(node.matches(ord(v)) for v in candidates):
            members.append(a)
    parts = []
    if members:
        # Translations are compiled caseless: a class that is not closed under ASCII case
        # ([A-Z] for \p{Lu}) is kept exact.
        closed = all(chr(a).swapcase() == chr(a) or ord(chr(a).swapcase()) in members for a in members)
        parts.append(_byte_class(members) if closed else "(?-i:" + _byte_class(members) + ")")
    # Two-byte characters (U+0080..U+07FF: Latin accents, Greek, Cyrillic, Arabic ...):
    # only the lead bytes of blocks where the node matches something.
    leads = [b for b in range(0xC2, 0xE0) if any(node.matches(((b & 0x1F) << 6) | t) for t in range(64))
             or (caseless and any(_matches(node, ((b & 0x1F) << 6) | t, caseless) for t in range(64)))]
    if leads:
        parts.append(_byte_class(leads) + "[\\x80-\\xbf]")
    parts.append(r"[\xe0-\xf4][\x80-\xbf]{2,3}")
    return "(?:" + "|".join(parts) + ")"


def _matches(node: rc.RegexBase, cp: int, caseless: bool) -> bool:
    if node.matches(cp):
        return True
    return caseless and any(node.matches(ord(v)) for v in case_variants(chr(cp)))


def _flatten(items: Iterable[rc.RegexBase]) -> list[rc.RegexBase]:
    out: list[rc.RegexBase] = []
    for item in items:
        if isinstance(item, rc.Sequence):
            out.extend(_flatten(item.items))
        else:
            out.append(item)
    return out


def _plain_char(node: rc.RegexBase) -> tuple[str, bool] | None:
    if isinstance(node, rc.Character) and node.positive and not node.zerowidth:
        return chr(node.value), _caseless(node.case_flags)
    if isinstance(node, rc.SetUnion) and node.positive and not node.zerowidth and len(node.items) == 1:
        inner = _plain_char(node.items[0])
        if inner is not None:
            return inner[0], inner[1] or _caseless(node.case_flags)
    return None


def _emit(node: rc.RegexBase) -> str:
    if isinstance(node, rc.Sequence):
        return _emit_sequence(node.items)
    if isinstance(node, rc.Branch):
        return "(?:" + "|".join(_emit(b) for b in node.branches) + ")"
    if isinstance(node, rc.Character) and node.zerowidth:
        return ""
    if isinstance(node, (rc.Character, rc.SetBase, *_ONE_CHAR)):
        if getattr(node, "zerowidth", False):
            return ""
        plain = _plain_char(node)
        if plain is not None:
            return _emit_run([plain])
        if hasattr(node, "matches"):
            return _ascii_class(node)
        return _ANY_CHAR
    if isinstance(node, _ANCHORS):
        # Hyperscan's own anchors (HS_FLAG_MULTILINE): zero-width like the pattern's, so
        # they hold anywhere in it, and an expression ending in `$` reports once per line.
        return "^" if isinstance(node, _START_ANCHORS) else "$"
    if isinstance(node, _ZERO_WIDTH) or isinstance(node, rc.LookAround):
        return ""
    if isinstance(node, (rc.Group, rc.Atomic)):
        return "(?:" + _emit(node.subpattern) + ")"
    if isinstance(node, _REPEATS):
        low, high = node.min_count, node.max_count
        if (high is None or high > 16) and _one_char(node.subpattern):
            return f"(?:{_emit(node.subpattern)}){{{min(low, 4)},}}"
        body = _emit(node.subpattern)
        if not body:
            return ""
        if body in (_ANY_RUN + "+", "(?:" + _ANY_RUN + "+)"):
            return _ANY_RUN + ("*" if low == 0 else "+")  # runs of any characters: any run
        if high is not None and high <= 8 and len(body) <= 80:
            return f"(?:{body}){{{low},{high}}}"
        # Copies of a large body make an automaton Hyperscan refuses to build.
        return f"(?:{body}){{{min(low, 1)},}}"
    if isinstance(node, (rc.RefGroup, rc.Conditional)) or (
            hasattr(rc, "LookAroundConditional") and isinstance(node, rc.LookAroundConditional)):
        return _ANY_RUN + "*"
    raise Unsupported(type(node).__name__)


def _one_char(node: rc.RegexBase) -> bool:
    if isinstance(node, rc.Sequence) and len(node.items) == 1:
        return _one_char(node.items[0])
    if isinstance(node, rc.Character):
        return not node.zerowidth and not (_caseless(node.case_flags) and (
            chr(node.value) in expanding_chars() or len(_fold(chr(node.value))) != 1))
    return isinstance(node, (rc.SetBase, *_ONE_CHAR)) and not getattr(node, "zerowidth", False) and not (
        _caseless(getattr(node, "case_flags", 0)))


def _emit_run(chars: list[tuple[str, bool]]) -> str:
    """Adjacent plain characters: `regex` folds them as one string (text ß for pattern ss)."""
    out = []
    start = 0
    for i, (ch, caseless) in enumerate(chars + [("", False)]):
        if i == len(chars) or (caseless and (ch in expanding_chars() or len(_fold(ch)) != 1)):
            if start < i:
                out.append(literal_expression(tuple(chars[start:i]), mapped=False, fold_ascii=True))
            if i < len(chars):
                out.append(_ANY_RUN + "+")  # a character that folds to several
            start = i + 1
    return "".join(out)


def _emit_sequence(items: Iterable[rc.RegexBase]) -> str:
    return "".join(_emit_run(payload) if kind == "run" else _emit(payload)  # type: ignore[arg-type]
                   for kind, payload in _units(items))


def _is_variable_tail(node: rc.RegexBase) -> bool:
    if isinstance(node, _REPEATS):
        return node.min_count != node.max_count
    return isinstance(node, (rc.LookAround, *_ZERO_WIDTH))


# -- bounded translations ----------------------------------------------------------------
#
# A pattern's full translation can be far too large for Hyperscan (a list of sixty share
# buttons, every case variant spelled out, repeated twenty times). Cut down to its first
# items, it may keep nothing but "\n" and hit every line. Instead, the largest parts are
# replaced by _GENERAL, which matches any text within a line: every part of a pattern
# matches text within one line, so the result still matches wherever the pattern does,
# and the anchors and small parts (the line start, the first word, the line end) stay.

_GENERAL = r"[^\n]*"
TRANSLATION_BUDGET = 6000   # characters of expression per rule
_KEEP = 100                 # a part this small is never generalised


def _emit_unit(unit: tuple[str, object], memo: dict[int, str]) -> str:
    kind, payload = unit
    if kind == "run":
        return _emit_run(payload)  # type: ignore[arg-type]
    key = id(payload)
    found = memo.get(key)
    if found is None:
        found = memo[key] = _emit(payload)  # type: ignore[arg-type]
    return found


def _units(items: Iterable[rc.RegexBase]) -> list[tuple[str, object]]:
    """Items with adjacent plain characters joined into runs: `regex` folds a run as one
    string (text "ß" for pattern "ss")."""
    units: list[tuple[str, object]] = []
    run: list[tuple[str, bool]] = []
    for item in _flatten(items):
        plain = _plain_char(item)
        if plain is not None:
            run.append(plain)
            continue
        if run:
            units.append(("run", run))
            run = []
        units.append(("node", item))
    if run:
        units.append(("run", run))
    return units


def _fold_safe_cut(run: list[tuple[str, bool]], k: int) -> bool:
    """Whether a run may be cut before position k: no text character can fold to pattern
    characters on both sides of the cut (text "ß" for pattern "s|s")."""
    for a in range(max(0, k - 2), k):
        for b in range(k + 1, min(len(run), a + 3) + 1):
            window = run[a:b]
            if all(c for _, c in window) and multi_variants("".join(ch for ch, _ in window)):
                return False
    return True


def _approx_run(run: list[tuple[str, bool]], budget: int) -> str:
    """The longest prefix of the run that fits (else the shortest), cut where no case folding
    spans the cut, then anything."""
    shortest = None
    for k in range(len(run) - 1, 0, -1):
        if not _fold_safe_cut(run, k):
            continue
        expr = _emit_run(run[:k])
        if len(expr) <= budget:
            return expr + _GENERAL
        shortest = expr
    return (shortest or "") + _GENERAL


def _strip_general(expr: str) -> str:
    while expr.endswith(_GENERAL):
        expr = expr[:-len(_GENERAL)]
    return expr


def _approx_node(node: rc.RegexBase, budget: int, memo: dict[int, str], tail: bool = False) -> str:
    """`node` translated within about `budget` characters. With `tail`, nothing follows the
    node in the expression: a trailing "anything" is left out (it would only add end offsets)."""
    full = _emit_unit(("node", node), memo)
    if len(full) <= max(budget, _KEEP):
        return full
    if isinstance(node, rc.Sequence):
        return _approx_units(_units(node.items), budget, memo, tail)
    if isinstance(node, rc.Branch):
        fulls = [_emit_unit(("node", b), memo) for b in node.branches]
        parts = list(fulls)
        left, todo = budget, len(fulls)
        for k in sorted(range(len(fulls)), key=lambda k: len(fulls[k])):
            share = max(left // todo, 1)
            todo -= 1
            if len(fulls[k]) > share:
                parts[k] = _approx_node(node.branches[k], share, memo, tail)
                if parts[k] == _GENERAL or (tail and not parts[k]):
                    return _GENERAL if not tail else ""
            left -= len(parts[k])
        if tail:
            parts = [_strip_general(p) for p in parts]
        return "(?:" + "|".join(parts) + ")"
    if isinstance(node, (rc.Group, rc.Atomic)):
        inner = _approx_node(node.subpattern, budget, memo, tail)
        return inner if inner in (_GENERAL, "") else "(?:" + inner + ")"
    if isinstance(node, _REPEATS):
        if node.min_count == 0:
            return "" if tail else _GENERAL
        body = _approx_node(node.subpattern, budget, memo, tail)
        if body in (_GENERAL, ""):
            return body
        return "(?:" + body + ")" + ("" if tail else _GENERAL)
    return full  # one character (class) or anchor: never large


def _approx_units(units: list[tuple[str, object]], budget: int, memo: dict[int, str], tail: bool = False) -> str:
    """The units' translation within about `budget` characters: the small ones in full, the
    large ones cut down with an equal share each of what is left."""
    full = [_emit_unit(u, memo) for u in units]
    out = list(full)
    if sum(map(len, full)) > budget:
        left, todo = budget, len(units)
        for k in sorted(range(len(units)), key=lambda k: len(full[k])):
            share = max(left // todo, 1)
            todo -= 1
            if len(full[k]) <= max(share, _KEEP):
                left -= len(full[k])
                continue
            kind, payload = units[k]
            last = tail and all(not out[j] for j in range(k + 1, len(units)))
            out[k] = (_approx_run(payload, share) if kind == "run"  # type: ignore[arg-type]
                      else _approx_node(payload, share, memo, last))  # type: ignore[arg-type]
            left -= min(len(out[k]), share)
    joined: list[str] = []
    for part in out:
        if part == _GENERAL and joined and joined[-1].endswith(_GENERAL):
            continue
        joined.append(part)
    text = "".join(joined)
    return _strip_general(text) if tail else text


def translate(source: str, flags: int, max_items: int | None = None, budget: int | None = None) -> str | None:
    """A Hyperscan expression that matches (at least) wherever the pattern matches a line.

    Trailing parts of variable length are left out (a shorter match ends on the same line
    and reports far fewer end offsets); `max_items` keeps only the pattern's first items,
    which is still a superset. With `budget`, parts are generalised (see above) until the
    expression has about that many characters. None if the pattern cannot be translated.
    """
    try:
        parsed = _parse(source, flags)
        items = _flatten([parsed])
        if max_items is not None:
            items = items[:max_items]
        while items and _is_variable_tail(items[-1]):
            items.pop()
        if not items:
            return None
        if budget is None:
            out = _emit_sequence(items)
        else:
            out = _approx_units(_units(items), budget, {}, tail=True)
    except (Unsupported, regex.error, rc.error, RecursionError, AttributeError, TypeError, ValueError):
        return None
    if not out or len(out) > MAX_EXPRESSION:
        return None
    return out


def _distribute(items: list[rc.RegexBase], max_parts: int) -> list[list[rc.RegexBase]] | None:
    """The items once per alternative of their first alternation (if it has at most
    `max_parts` alternatives), or None: Hyperscan builds the parts of a large pattern
    where it refuses the whole."""
    for k, item in enumerate(items):
        node = item
        while isinstance(node, (rc.Group, rc.Atomic)) or (isinstance(node, rc.Sequence) and len(node.items) == 1):
            node = node.subpattern if not isinstance(node, rc.Sequence) else node.items[0]
        if isinstance(node, rc.Branch):
            if len(node.branches) > max_parts:
                return None
            return [[*items[:k], *_flatten([b]), *items[k + 1:]] for b in node.branches]
    return None


def _zero_width(node: rc.RegexBase) -> bool:
    return isinstance(node, (rc.LookAround, *_ZERO_WIDTH)) or (
        isinstance(node, rc.Character) and bool(node.zerowidth))


def _optional(node: rc.RegexBase) -> bool:
    return isinstance(node, _REPEATS) and node.min_count == 0


def _only_empty(items: list[rc.RegexBase]) -> bool:
    """Whether the items match the empty line only: a line start and a line end with
    nothing but zero-width items around them (in a line without "\n", `^` and `$` at one
    position mean the line is empty)."""
    start = end = False
    for item in items:
        if isinstance(item, _START_ANCHORS):
            start = True
        elif isinstance(item, _ANCHORS):
            end = True
        elif not _zero_width(item):
            return False
    return start and end


MAX_OPTIONALS = 8   # most optional items split into parts (see _split_optionals)


def _split_optionals(items: list[rc.RegexBase]) -> list[list[rc.RegexBase]] | None:
    """For items whose required part matches only the empty line (`^(?=\\S)(?:A)?(?:B)?$`),
    one part per optional item j: the optional items before j absent, j present once
    (then its repeat again), the rest as they are. A non-empty match has a first present
    optional item, so the parts together match every non-empty line the items match; and
    each part has words to scan for, where the whole generalises to "any line".
    None if the items are not of that shape."""
    optional = [k for k, item in enumerate(items) if _optional(item)]
    if not optional or len(optional) > MAX_OPTIONALS:
        return None
    if not _only_empty([item for item in items if not _optional(item)]):
        return None
    parts = []
    for j in optional:
        node = items[j]
        present = _flatten([node.subpattern]) + ([node] if node.max_count != 1 else [])
        before = [item for k, item in enumerate(items[:j]) if k not in optional]
        parts.append([*before, *present, *items[j + 1:]])
    return parts


def _accepted(expr: str, accept: Callable[[str], bool]) -> str | None:
    """`expr` if `accept` takes it, else `expr` without its embedded line-end anchors if
    that is taken (Hyperscan refuses a `$` that more text follows, as in `(?: |$)x?$`;
    dropping an anchor only widens the expression), else None."""
    if accept(expr):
        return expr
    relaxed = _drop_embedded_ends(expr)
    if relaxed != expr and accept(relaxed):
        return relaxed
    return None


def _drop_embedded_ends(expr: str) -> str:
    """`expr` without the `$` anchors that anything but closing parentheses follows. Every
    "$" in an emitted expression is an anchor: literal text is written as \\xHH escapes."""
    out = []
    for k, ch in enumerate(expr):
        if ch == "$" and expr[k + 1:].strip(")"):
            continue
        out.append(ch)
    return "".join(out)


def _coarse(part: list[rc.RegexBase]) -> list[rc.RegexBase]:
    """The part's items up to its first large one (an alternation of many words, a long
    run): a line the part matches starts with a match of these items within it, so they
    are a superset too, and the large items after a `.{0,80}?` (a second word list, its
    own cue pair reversed) are what makes an automaton of megabytes."""
    for k, item in enumerate(part):
        if not _zero_width(item) and len(_emit_unit(("node", item), {})) > _KEEP:
            return part[:k + 1]
    return part


def translate_parts(source: str, flags: int, accept: Callable[[str], bool] | None = None,
                    budget: int = TRANSLATION_BUDGET, max_parts: int = 64, coarse: bool = False) -> list[str] | None:
    """Hyperscan expressions one of which matches (at least) wherever the pattern matches a line.

    The pattern's first alternation is split into one expression per alternative; each is
    generalised to about `budget` characters. A part that `accept` (a compile check)
    refuses is split at its next alternation, or else generalised further. With `coarse`,
    each part ends after its first large item (`_coarse`). None if some part cannot be
    translated or accepted.
    """
    try:
        parsed = _parse(source, flags)
        items = _flatten([parsed])
        work = _distribute(items, max_parts) or [items]
        out: list[str] = []
        splits = 0
        while work:
            part = work.pop(0)
            if _only_empty(part):
                continue  # matches the empty line only, which no matcher checks
            split = _split_optionals(part)
            if split is not None:
                # An optional item that can itself match nothing (`(?:a?)*`, `(?:\b)*`)
                # yields its own shape again: give up rather than split for ever.
                splits += 1
                if splits > max_parts:
                    return None
                work[:0] = split
                continue
            if coarse:
                part = _coarse(part)
            while part and _is_variable_tail(part[-1]):
                part.pop()
            if not part:
                return None
            expr = _approx_units(_units(part), budget, {}, tail=True)
            if not expr or len(expr) > MAX_EXPRESSION:
                return None
            if accept is not None:
                found = _accepted(expr, accept)
                if found is None:
                    split = _distribute(part, max_parts - len(out) - len(work))
                    if split is not None:
                        work[:0] = split
                        continue
                    for size in (budget // 2 ** k for k in range(1, 7)):
                        expr = _approx_units(_units(part), size, {}, tail=True)
                        found = _accepted(expr, accept) if expr else None
                        if found is not None:
                            break
                    else:
                        return None
                expr = found
            if expr not in out:
                out.append(expr)
    except (Unsupported, regex.error, rc.error, RecursionError, AttributeError, TypeError, ValueError):
        return None
    return out


def pattern_flags(pattern: regex.Pattern[str]) -> int:
    return pattern.flags & ~regex.UNICODE & ~regex.VERSION0


def translation_items(source: str, flags: int) -> int:
    try:
        return len(_flatten([_parse(source, flags)]))
    except Exception:  # noqa: BLE001
        return 0
