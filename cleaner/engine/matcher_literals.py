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
from collections.abc import Iterable
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


def score(literals: Iterable[Literal] | None) -> int:
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
    return frozenset(x + y for x in a for y in b)


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
_ONE_CHAR = tuple(getattr(rc, name) for name in ("Property", "Any", "AnyAll", "AnyU", "SetDiff",
                                                 "SetInter", "SetSymDiff", "Range") if hasattr(rc, name))
_REPEATS = tuple(getattr(rc, name) for name in ("GreedyRepeat", "LazyRepeat", "PossessiveRepeat")
                 if hasattr(rc, name))


def _analyse(node: rc.RegexBase) -> _Info:
    memo = _budget.memo
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
        return _Info(frozenset({(NL,)}), None)
    if isinstance(node, _ZERO_WIDTH):
        return _ZERO
    if isinstance(node, rc.LookAround) or (hasattr(rc, "LookAroundConditional")
                                           and isinstance(node, rc.LookAroundConditional)):
        return _ZERO if isinstance(node, rc.LookAround) else _UNKNOWN
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


class _Budget:
    """Limits how often sequences are re-analysed with a branch distributed into them."""

    def __init__(self, limit: int = 3000) -> None:
        self.left = limit
        self.memo: dict[int, tuple[_Info, rc.RegexBase]] = {}


_budget = _Budget(0)


def _sequence(items: Iterable[rc.RegexBase]) -> _Info:
    items = _flatten(items)
    infos = [_analyse(item) for item in items]
    # Distribute the first inexact alternation (or optional group) into the sequence, so
    # that each alternative joins the literals around it: ^(?:A|B\d)x is \nA x | \nB ...
    for k, (item, info) in enumerate(zip(items, infos)):
        if info.exact is not None:
            continue
        alts = _alternatives_of(item)
        if alts is None or _budget.left < len(alts):
            break
        _budget.left -= len(alts)
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
    global _budget
    try:
        parsed = _parse(source, flags)
        _budget = _Budget()
        info = _analyse(parsed)
    except (Unsupported, regex.error, rc.error, RecursionError, AttributeError, TypeError, ValueError):
        return None
    best = _best(info.exact, info.req)
    if best is None or not all(_worth(lit) for lit in best):
        return None
    return best


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
# \xHH escapes; no expression may match a "\n" except where a line anchor stands, so that
# a hit always ends on the line it was found in (or on that line's final "\n").

_ANY_NON_ASCII = r"[\xc0-\xff][\x80-\xbf]{1,3}"
_ANY_CHAR = r"(?:[\x00-\x09\x0b-\x7f]|" + _ANY_NON_ASCII + ")"
_ANY_RUN = r"[^\n]"   # one byte of any character but a line break
MAX_EXPRESSION = 100000


def _esc_bytes(text: str) -> str:
    return "".join(f"\\x{b:02x}" for b in text.encode("utf-8"))


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
    if text.isascii():
        return text
    for ch, repl in text_map().items():
        if ch in text:
            text = text.replace(ch, repl)
    return text


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


def _alternatives(options: Iterable[str]) -> str:
    opts = sorted(set(options))
    if len(opts) == 1:
        return opts[0]
    single = [o for o in opts if len(o) == 4 and o.startswith("\\x")]  # one escaped byte
    if len(single) > 1:
        rest = [o for o in opts if o not in single]
        opts = ["[" + "".join(single) + "]", *rest]
        if len(opts) == 1:
            return opts[0]
    return "(?:" + "|".join(opts) + ")"


def literal_expression(lit: Literal, mapped: bool = True) -> str:
    """A Hyperscan expression matching (in `text_key` text) wherever a rule may match `lit`."""
    n = len(lit)
    memo: dict[int, str] = {}
    h = _h if mapped else (lambda t: t)

    def from_(p: int) -> str:
        if p == n:
            return ""
        if p in memo:
            return memo[p]
        ch, caseless = lit[p]
        options = []
        if not caseless:
            options.append(_esc_bytes(h(ch)) + from_(p + 1))
        else:
            heads = [_esc_bytes(h(v)) for v in case_variants(ch)]
            options.append(_alternatives(heads) + from_(p + 1))
            for k in (2, 3):
                if p + k <= n and all(c for _, c in lit[p:p + k]):
                    multi = multi_variants("".join(c for c, _ in lit[p:p + k]))
                    if multi:
                        options.append(_alternatives(_esc_bytes(h(d)) for d in multi) + from_(p + k))
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
        return _ANY_RUN + "{1,12}"  # may match a character folding to several ("[ß]" matches "ss")
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
        parts.append("[" + "".join(f"\\x{a:02x}" for a in members) + "]")
    # Two-byte characters (U+0080..U+07FF: Latin accents, Greek, Cyrillic, Arabic ...):
    # only the lead bytes of blocks where the node matches something.
    leads = [b for b in range(0xC2, 0xE0) if any(node.matches(((b & 0x1F) << 6) | t) for t in range(64))
             or (caseless and any(_matches(node, ((b & 0x1F) << 6) | t, caseless) for t in range(64)))]
    if leads:
        parts.append("[" + "".join(f"\\x{b:02x}" for b in leads) + "][\\x80-\\xbf]")
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
        return r"\n"
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
        if high is not None and high <= 8:
            return f"(?:{body}){{{low},{high}}}"
        return f"(?:{body}){{{min(low, 4)},}}"
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
                out.append(literal_expression(tuple(chars[start:i]), mapped=False))
            if i < len(chars):
                out.append(_ANY_RUN + "{1,12}")  # a character that folds to several
            start = i + 1
    return "".join(out)


def _emit_sequence(items: Iterable[rc.RegexBase]) -> str:
    out = []
    run: list[tuple[str, bool]] = []
    for item in _flatten(items):
        plain = _plain_char(item)
        if plain is not None:
            run.append(plain)
            continue
        if run:
            out.append(_emit_run(run))
            run = []
        out.append(_emit(item))
    if run:
        out.append(_emit_run(run))
    return "".join(out)


def _is_variable_tail(node: rc.RegexBase) -> bool:
    if isinstance(node, _REPEATS):
        return node.min_count != node.max_count
    return isinstance(node, (rc.LookAround, *_ZERO_WIDTH))


def translate(source: str, flags: int, max_items: int | None = None) -> str | None:
    """A Hyperscan expression that matches (at least) wherever the pattern matches a line.

    Trailing parts of variable length are left out (a shorter match ends on the same line
    and reports far fewer end offsets); `max_items` keeps only the pattern's first items,
    which is still a superset. None if the pattern cannot be translated.
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
        out = _emit_sequence(items)
    except (Unsupported, regex.error, rc.error, RecursionError, AttributeError, TypeError, ValueError):
        return None
    if not out or len(out) > MAX_EXPRESSION:
        return None
    return out


def pattern_flags(pattern: regex.Pattern[str]) -> int:
    return pattern.flags & ~regex.UNICODE & ~regex.VERSION0


def translation_items(source: str, flags: int) -> int:
    try:
        return len(_flatten([_parse(source, flags)]))
    except Exception:  # noqa: BLE001
        return 0
