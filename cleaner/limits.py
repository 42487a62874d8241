"""Limits that bound the work one document can cause, whatever its content or the rules'.

Every limit is a field of `Limits` (part of `Config`), documented in docs/threat-model.md.
A document over a limit is a `LimitError` for that document only: a batch run records it
and goes on.
"""

from __future__ import annotations

import dataclasses
import signal
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import LimitError

__all__ = ["Limits", "Deadline", "TimedPattern", "cap_lines", "guard_packs", "overdue", "watchdog"]


@dataclass(frozen=True)
class Limits:
    """max_document_chars: longer documents (characters, or bytes for undecoded HTML) are
    refused with LimitError, never truncated.
    max_line_chars: rules see at most this many characters of a line (its first ones); the
    line itself is kept whole in the output. Bounds every pattern search to this length.
    time_budget: seconds one document may take (None: no limit). The API checks it between
    passes and HTML stages; a batch run also stops a document that overruns it mid-pass.
    regex_timeout: seconds one pattern search of a rule from a non-shipped pack may take
    (None: no limit). Shipped packs are reviewed and run without it (it costs ~8x per search).
    kill_grace: seconds a batch worker may stay busy after a document's time budget ran out
    before it is killed and replaced (None: never). The budget checks and the SIGALRM
    backstop run Python code, which cannot interrupt C code (an XPath in libxml2); this is
    what bounds such a document. Only batch runs have workers to kill.
    """

    max_document_chars: int = 20_000_000
    max_line_chars: int = 20_000
    time_budget: float | None = 10.0
    regex_timeout: float | None = 1.0
    kill_grace: float | None = 20.0

    def __post_init__(self) -> None:
        for name in ("max_document_chars", "max_line_chars"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise ValueError(f"Limits.{name} must be a positive integer, not {value!r}")
        for name in ("time_budget", "regex_timeout", "kill_grace"):
            value = getattr(self, name)
            if value is not None and not (isinstance(value, (int, float)) and value > 0):
                raise ValueError(f"Limits.{name} must be a positive number of seconds or None, not {value!r}")

    def check_size(self, text: str | bytes | bytearray | memoryview) -> None:
        size = len(text)
        if size > self.max_document_chars:
            raise LimitError(f"document has {size:,} characters, more than max_document_chars="
                             f"{self.max_document_chars:,} (--max-doc-chars); raise the limit to clean it")


class Deadline:
    """When a document's time budget runs out; `check` between stages raises LimitError."""

    __slots__ = ("budget", "end", "paused_at")

    def __init__(self, budget: float | None) -> None:
        global _latest
        self.budget = budget
        self.end = time.monotonic() + budget if budget is not None else None
        self.paused_at: float | None = None
        if budget is not None and threading.current_thread() is threading.main_thread():
            _latest = self  # what the watchdog consults (it runs in the main thread only)

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Time spent inside does not count (one-time set-up such as compiling a pipeline)."""
        if self.paused_at is not None:  # nested: the outer pause covers it
            yield
            return
        self.paused_at = time.monotonic()
        try:
            yield
        finally:
            if self.end is not None:
                self.end += time.monotonic() - self.paused_at
            self.paused_at = None

    def check(self, stage: str) -> None:
        if self.end is not None and time.monotonic() > self.end:
            raise LimitError(f"document exceeded its time budget of {self.budget} s (during {stage}); "
                             "raise the time budget (--time-budget) to clean it")


NO_DEADLINE = Deadline(None)
_latest: Deadline | None = None


def forget_deadline() -> None:
    """No document is being cleaned here: a process forked from one that cleaned documents
    (a batch worker) inherits its last Deadline, which `overdue` would read as its own."""
    global _latest
    _latest = None


def overdue(grace: float) -> bool:
    """Whether the document being cleaned (in the main thread) ran out of its time budget
    more than `grace` seconds ago; asked from another thread, which is why it only reads."""
    current = _latest
    return (current is not None and current.end is not None and current.paused_at is None
            and time.monotonic() > current.end + grace)


def cap_lines(lines: list[str], max_chars: int) -> None:
    """Cut, in place, the normalized lines rules see to their first `max_chars` characters.

    Pattern searches can be quadratic in a line's length (`\\w+X` on a 50 MB run of
    letters); a cap makes every search bounded. The raw lines (the output) stay whole.
    """
    for i, line in enumerate(lines):
        if len(line) > max_chars:
            lines[i] = line[:max_chars]


class TimedPattern:
    """A compiled `regex` pattern whose searches stop after `timeout` seconds with a
    LimitError naming the rule. Everything else (`.pattern`, `.flags`, ...) is the pattern's."""

    __slots__ = ("_pattern", "_timeout", "_where")

    def __init__(self, pattern: Any, timeout: float, where: str) -> None:
        self._pattern, self._timeout, self._where = pattern, timeout, where

    def _fail(self, exc: BaseException) -> LimitError:
        return LimitError(f"{self._where}: one search took longer than the regex timeout of {self._timeout} s "
                          "(--regex-timeout); the pattern backtracks on this line: rewrite it")

    def search(self, string: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return self._pattern.search(string, *args, timeout=self._timeout, **kwargs)
        except TimeoutError as exc:
            raise self._fail(exc) from None

    def match(self, string: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return self._pattern.match(string, *args, timeout=self._timeout, **kwargs)
        except TimeoutError as exc:
            raise self._fail(exc) from None

    def fullmatch(self, string: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return self._pattern.fullmatch(string, *args, timeout=self._timeout, **kwargs)
        except TimeoutError as exc:
            raise self._fail(exc) from None

    def finditer(self, string: str, *args: Any, **kwargs: Any) -> Iterator[Any]:
        try:
            yield from self._pattern.finditer(string, *args, timeout=self._timeout, **kwargs)
        except TimeoutError as exc:
            raise self._fail(exc) from None

    def findall(self, string: str, *args: Any, **kwargs: Any) -> list[Any]:
        try:
            return self._pattern.findall(string, *args, timeout=self._timeout, **kwargs)
        except TimeoutError as exc:
            raise self._fail(exc) from None

    def sub(self, repl: Any, string: str, *args: Any, **kwargs: Any) -> str:
        try:
            return self._pattern.sub(repl, string, *args, timeout=self._timeout, **kwargs)
        except TimeoutError as exc:
            raise self._fail(exc) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (TimedPattern, (self._pattern, self._timeout, self._where))


def guard_packs(packs: Sequence[Any], trusted: Path, timeout: float | None) -> list[Any]:
    """The packs, with every line pattern of a pack outside `trusted` under `timeout`."""
    if timeout is None:
        return list(packs)
    root = trusted.resolve()
    out = []
    for pack in packs:
        path = Path(pack.file).resolve()
        if path == root or root in path.parents or not pack.rules:
            out.append(pack)
            continue
        rules = tuple(_timed_rule(rule, timeout) for rule in pack.rules)
        out.append(dataclasses.replace(pack, rules=rules))
    return out


def _timed_rule(rule: Any, timeout: float) -> Any:
    where = f"{rule.source}: rule {rule.id}"
    changes: dict[str, Any] = {"pattern": TimedPattern(rule.pattern, timeout, where)}
    if rule.until_pattern is not None:
        changes["until_pattern"] = TimedPattern(rule.until_pattern, timeout, where + " (until)")
    return dataclasses.replace(rule, **changes)


@contextmanager
def watchdog(budget: float | None) -> Iterator[None]:
    """Stop the code inside with a LimitError once `budget` seconds are spent.

    The backstop for a pass that overruns between the Deadline's checks. It uses SIGALRM,
    so it only arms in the main thread on POSIX (batch workers); elsewhere it does nothing.
    The alarm repeats every 0.25 s after the budget: until the document's current Deadline
    (which excludes set-up time) is over, and again if a C extension's callback swallowed it.
    """
    global _latest
    if (budget is None or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        yield
        return

    def fire(signum: int, frame: Any) -> None:
        current = _latest
        if current is not None and (current.paused_at is not None or
                                    current.end is not None and time.monotonic() <= current.end):
            return  # set-up time was paused out of the budget; the alarm repeats until it is over
        raise LimitError(f"document exceeded its time budget of {budget} s (stopped mid-pass); "
                         "raise the time budget (--time-budget) to clean it")

    _latest = None  # the previous document's deadline is over; `overdue` must not see it
    previous = signal.signal(signal.SIGALRM, fire)
    signal.setitimer(signal.ITIMER_REAL, budget, 0.25)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        _latest = None
