"""Rule patterns compiled when they are needed, once their checks have passed before.

`regex` takes seconds to compile all shipped patterns (full case folding), and a run
needs only those of the languages it meets. The checks a pack's patterns must pass on
load (they compile, do not backtrack catastrophically, do not match the empty line) need
the compiled pattern, so their verdicts are kept in the cache, keyed by the pattern's text
and flags; a pattern seen before is then loaded as a `LazyPattern`, which a pipeline
compiles while it is set up (`compile_now`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import threading
from collections.abc import Iterable
from typing import Any

import regex

from .cache import read_cache, write_cache

__all__ = ["LazyPattern", "compile_pattern", "compile_now", "CheckedPatterns", "search", "needs_full_case"]

# Bump when a check on load changes: verdicts recorded under the old checks no longer hold.
_CHECKS_VERSION = "1"


# One compilation per process, whichever Cleaner, thread or pack asks first (patterns are
# immutable). The shipped packs hold about 500.
_compiled = functools.lru_cache(maxsize=8192)(regex.compile)


def compile_pattern(source: str, flags: int) -> regex.Pattern[str]:
    return _compiled(source, flags)


class LazyPattern:
    """Stands for `regex.compile(pattern, given_flags)`: `pattern` and `flags` (the compiled
    pattern's, recorded when it was checked) without compiling; anything else compiles."""

    __slots__ = ("pattern", "flags", "_given", "_compiled")

    def __init__(self, pattern: str, given_flags: int, flags: int) -> None:
        self.pattern = pattern
        self.flags = flags
        self._given = given_flags
        self._compiled: regex.Pattern[str] | None = None

    def compiled(self) -> regex.Pattern[str]:
        found = self._compiled
        if found is None:
            found = self._compiled = _compiled(self.pattern, self._given)
        return found

    def search(self, string: str, *args: Any, **kwargs: Any) -> Any:
        return self.compiled().search(string, *args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.compiled(), name)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, LazyPattern):
            return (self.pattern, self.flags) == (other.pattern, other.flags)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.pattern, self.flags))

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, flags={self.flags})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (LazyPattern, (self.pattern, self._given, self.flags))


def compile_now(patterns: Iterable[Any], full: bool = True) -> None:
    """Compile the lazy ones among `patterns` now, and their simple-case twins (`search`):
    a pipeline does it while it is set up, which does not count against a document's time
    budget, as compiling on a document's first matching line would.

    `full=False` is for patterns only ever searched through `search()`: one that has a
    twin is left lazy, and compiled on the first line only full case folding can answer
    (one holding a character that folds to several, `needs_full_case`)."""
    for pattern in patterns:
        if pattern is None:
            continue
        twin = _twin(pattern)
        if isinstance(pattern, LazyPattern) and (full or twin is None):
            pattern.compiled()


def needs_full_case(text: str) -> bool:
    """Whether `search` answers `text` with a pattern's full-case form even where the
    pattern has a simple-case twin: the text holds a character that folds to several."""
    return not text.isascii() and _expanding().search(text) is not None


# -- Searching without full case folding where it answers alike ---------------------------
#
# Rules match caselessly with full case folding ("STRASSE" matches "Straße"), and `regex`
# pays for it on every character: a long alternation of labels takes 0.1-0.5 ms to reject
# a paragraph, 10-100 times what the same pattern takes with simple case folding. The two
# differ where a character folds to several ("ß" -> "ss", "ﬁ" -> "fi"): such a character
# in the line, or in the pattern (a literal, an escape that can name one, or a range that
# can hold one); there the full pattern answers. One more difference is deliberate: with
# full folding, `regex` lets a composite class that holds such a character ("[\w-]",
# "[\p{L}'-]", but not "\w" or "[\p{L}]") match the two letters "ss" as one, so
# "[\w-]{2,4}" accepts "sssss". The twin counts one character per class item, as the rules
# mean their bounds ("a word of up to 30 letters"); on the corpora and every rule's examples
# no rule answers differently (tests/test_case_twins.py).

_UNSET: Any = object()
_twins: dict[tuple[str, int], regex.Pattern[str] | None] = {}
_FULL = regex.IGNORECASE | regex.FULLCASE
# Escapes that can name any character, and ranges with a non-ASCII end (the characters
# that fold to several are all beyond ASCII, so an ASCII range holds none); a "-" first or
# last in a class is no range. `_may_name_expanding` reads "-" as a range only inside a
# class ("peut-être" outside one is text); this expression, which reads every "-" next to
# a non-ASCII character as one, stays for the syntax it does not follow (VERSION1 sets,
# verbose patterns).
_MAY_NAME_EXPANDING = regex.compile(r"\\(?:[xuUNg0-9]|[^\x00-\x7f])|[^\x00-\x7f]-(?!\])|(?<!\[)-[^\x00-\x7f]")
_ESCAPE_NAMING = regex.compile(r"\\(?:[xuUNg0-9]|[^\x00-\x7f])")


def _may_name_expanding(source: str, flags: int) -> bool:
    """Whether the pattern may name a character that folds to several: an escape that can
    name any character, or a range inside a class with a non-ASCII end."""
    if flags & (regex.VERSION1 | regex.VERBOSE) or "(?V1" in source or "(?x" in source:
        return _MAY_NAME_EXPANDING.search(source) is not None
    if _ESCAPE_NAMING.search(source):
        return True
    k, n = 0, len(source)
    while k < n:
        ch = source[k]
        if ch == "\\":
            k += 2
            continue
        if ch != "[":
            k += 1
            continue
        # A class: "^" first negates, "]" first is a member; "\\" escapes one character.
        k += 1
        if k < n and source[k] == "^":
            k += 1
        members: list[str] = []   # the class's characters, escapes as "\\" + character
        first = True
        while k < n and (source[k] != "]" or first):
            if source[k] == "\\":
                members.append(source[k:k + 2])
                k += 2
            else:
                members.append(source[k])
                k += 1
            first = False
        for j in range(1, len(members) - 1):
            if members[j] == "-" and not (members[j - 1].isascii() and members[j + 1].isascii()):
                return True
        k += 1
    return False


@functools.lru_cache(maxsize=1)
def _expanding() -> regex.Pattern[str]:
    from .matcher_literals import expanding_chars

    return regex.compile("[" + "".join(regex.escape(c) for c in sorted(expanding_chars())) + "]")


def _twin_of(source: str, flags: int) -> regex.Pattern[str] | None:
    if flags & _FULL != _FULL or _expanding().search(source) or _may_name_expanding(source, flags):
        return None
    return _compiled(source, flags & ~regex.FULLCASE)


def _twin(pattern: Any) -> regex.Pattern[str] | None:
    key = (pattern.pattern, pattern.flags)
    twin = _twins.get(key, _UNSET)
    if twin is _UNSET:
        twin = _twins[key] = _twin_of(*key)
    return twin


def search(pattern: Any, line: str) -> Any:
    """`pattern.search(line)`, through the pattern's simple-case twin where both answer alike."""
    twin = _twin(pattern)
    if twin is not None and (line.isascii() or _expanding().search(line) is None):  # needs_full_case, inlined
        return twin.search(line)
    return pattern.search(line)


class CheckedPatterns:
    """Patterns whose checks passed, with their compiled flags; read from and added to the
    cache file of this `regex` version."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._known: dict[str, int] | None = None
        self._added: dict[str, int] = {}

    @staticmethod
    def _name() -> str:
        return f"patterns-{regex.__version__}-{_CHECKS_VERSION}.json"

    @staticmethod
    def key(source: str, flags: int, kind: str) -> str:
        return hashlib.sha256(f"{kind}\0{flags}\0{source}".encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def flags_of(self, key: str) -> int | None:
        with self._lock:
            if self._known is None:
                self._known = _load(read_cache(self._name()))
            return self._known.get(key)

    def add(self, key: str, flags: int) -> None:
        with self._lock:
            self._added[key] = flags
            if self._known is not None:
                self._known[key] = flags

    def save(self) -> None:
        """Merge what was checked in this process into the cache file."""
        with self._lock:
            if not self._added:
                return
            merged = _load(read_cache(self._name()))
            merged.update(self._added)
            self._added = {}
        write_cache(self._name(), json.dumps(merged, sort_keys=True).encode())


def _load(data: bytes | None) -> dict[str, int]:
    if data is None:
        return {}
    try:
        found = json.loads(data)
    except ValueError:
        return {}
    if not isinstance(found, dict):
        return {}
    return {k: v for k, v in found.items() if isinstance(k, str) and isinstance(v, int)}
