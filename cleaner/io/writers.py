"""Write results: a mirrored tree of .txt files, a JSONL stream, and error records.

Durability rules (what `--resume` relies on):

* Tree output: each file is written to a temporary name and renamed into place, so a
  file that exists is complete. `--resume` skips documents whose file exists.
* JSONL output and error records: each record is one complete line handed to the kernel
  with a single write, in input order; the file is fsynced at checkpoints. A crash can
  leave at most a partial last line, which `--resume` cuts off before reading the last
  record to find where to go on.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import InputError
from .readers import Record

__all__ = ["safe_output_path", "write_atomic", "sanitize_name", "TreeWriter", "JsonlWriter", "last_record"]

_UNSAFE = re.compile(r"[^\w.\-]+")
_MAX_NAME_BYTES = 150


def sanitize_name(raw: str) -> str:
    """A file name made from an id or URL: no separators, no leading dots, bounded length.

    Characters other than letters, digits, '.', '-' and '_' become '_'; a name that had
    to be shortened ends with a hash of the whole id so distinct ids stay distinct.
    """
    name = _UNSAFE.sub("_", raw).strip("._ ")
    if not name:
        name = "_"
    if len(name.encode("utf-8")) > _MAX_NAME_BYTES:
        digest = hashlib.sha1(raw.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        cut = name.encode("utf-8")[: _MAX_NAME_BYTES - 13].decode("utf-8", "ignore").rstrip("._")
        name = f"{cut}-{digest}"
    return name


def safe_output_path(outdir: Path, relative: str) -> Path:
    """`outdir/relative`, refusing anything that would land outside `outdir`."""
    parts = [p for p in Path(relative.replace("\\", "/")).parts if p not in ("", ".", "..", "/")]
    if not parts:
        parts = ["unnamed"]
    target = outdir.joinpath(*parts).resolve()
    root = outdir.resolve()
    if root != target and root not in target.parents:
        raise InputError("output path escapes the output directory", file=relative)
    return target


def write_atomic(path: Path, text: str, *, fsync: bool = False) -> None:
    """Write via a temporary file and rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            if fsync:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class TreeWriter:
    """OUTDIR/<relative path>.txt for single documents, OUTDIR/<container>/<id>.txt for records."""

    def __init__(self, outdir: str | Path, *, fsync: bool = False) -> None:
        self.outdir = Path(outdir)
        self.outdir.mkdir(parents=True, exist_ok=True)
        self.fsync = fsync
        self._container: str | None = None
        self._names: set[str] = set()

    _TEMP = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")

    def remove_stale_temporaries(self) -> int:
        """Delete temporary files a killed run left behind (before resuming into the tree)."""
        removed = 0
        for folder, _, files in os.walk(self.outdir):
            for name in files:
                if self._TEMP.match(name):
                    try:
                        os.unlink(os.path.join(folder, name))
                        removed += 1
                    except OSError:
                        pass
        return removed

    def target(self, record: Record) -> Path:
        """Where a record's text goes. Deterministic given the input, so a resumed run agrees.

        Within one container, a repeated (or sanitized-equal) id gets `~<line|offset>`
        appended; the set of names seen is kept per container only.
        """
        source = record.source
        if not source.container:
            return safe_output_path(self.outdir, source.out)
        if source.path != self._container:
            self._container, self._names = source.path, set()
        if record.id is not None:
            name = sanitize_name(record.id)
        elif record.line is not None:
            name = f"line-{record.line}"
        elif record.offset is not None:
            name = f"offset-{record.offset}"
        else:
            name = f"doc-{record.index}"
        if name in self._names:
            name = f"{name}~{record.line if record.line is not None else record.offset}"
        self._names.add(name)
        return safe_output_path(self.outdir, f"{source.out}/{name}.txt")

    def write(self, path: Path, text: str) -> int:
        data = text + "\n"
        write_atomic(path, data, fsync=self.fsync)
        return len(data.encode("utf-8"))

    @staticmethod
    def discard(path: Path) -> None:
        """Remove a stale output of a document that failed in this run."""
        try:
            path.unlink()
        except (FileNotFoundError, IsADirectoryError):
            pass

    def checkpoint(self) -> None:
        pass

    def close(self) -> None:
        pass


class JsonlWriter:
    """Append JSON lines; several records can go down in one write; fsync at checkpoints.

    `add` queues encoded lines and `flush` hands them to the kernel in one write, so a
    caller that flushes one file before queueing for another keeps the global order of
    records across files (what resuming relies on).
    """

    def __init__(self, path: str | Path | None, *, append: bool = False, stream: BinaryIO | None = None,
                 checkpoint_every: int = 1000, checkpoint_seconds: float = 10.0) -> None:
        self.path = Path(path) if path is not None else None
        self._stream = stream
        self._fd: int | None = None
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if append else os.O_TRUNC)
            self._fd = os.open(self.path, flags, 0o644)
        self._every, self._seconds = checkpoint_every, checkpoint_seconds
        self._since, self._last = 0, time.monotonic()
        self._queue: list[bytes] = []

    @staticmethod
    def encode(obj: dict[str, Any]) -> bytes:
        # a lone surrogate (from a JSON escape in the input) stays a JSON escape: valid output
        return (json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace")

    def add(self, line: bytes) -> int:
        self._queue.append(line)
        return len(line)

    def write(self, obj: dict[str, Any]) -> int:
        n = self.add(self.encode(obj))
        self.flush()
        return n

    def flush(self) -> None:
        if not self._queue:
            return
        data = b"".join(self._queue) if len(self._queue) > 1 else self._queue[0]
        count = len(self._queue)
        self._queue = []
        if self._fd is not None:
            view = memoryview(data)
            while view:
                n = os.write(self._fd, view)
                view = view[n:]
        elif self._stream is not None:
            self._stream.write(data)
        self._since += count
        if self._since >= self._every or time.monotonic() - self._last >= self._seconds:
            self.checkpoint()

    def checkpoint(self) -> None:
        if self._fd is not None:
            os.fsync(self._fd)
        elif self._stream is not None:
            self._stream.flush()
        self._since, self._last = 0, time.monotonic()

    def close(self) -> None:
        self.flush()
        if self._fd is not None:
            self.checkpoint()
            os.close(self._fd)
            self._fd = None
        elif self._stream is not None:
            self._stream.flush()


def last_record(path: str | Path, *, max_bad_lines: int = 3) -> dict[str, Any] | None:
    """The last complete record of a JSONL file, after cutting off a partial or corrupt tail.

    Truncates the file in place to end after that record (what a crash left beyond it is
    redone by the resumed run). Raises ValueError rather than cut more than
    `max_bad_lines` lines that are not JSON objects: that is not a file this tool wrote.
    """
    path = Path(path)
    if not path.exists():
        return None
    with path.open("r+b") as handle:
        size = end = handle.seek(0, os.SEEK_END)
        bad = 0
        while end > 0:
            start, line = _line_before(handle, end)
            try:
                obj = json.loads(line) if line.endswith(b"\n") else None
            except ValueError:
                obj = None
            if isinstance(obj, dict):
                break
            if line.endswith(b"\n"):
                bad += 1
                if bad > max_bad_lines:
                    raise ValueError(f"{path} does not end in JSON records; not resuming into it")
            end = start
        else:
            obj = None
        if end != size:
            handle.truncate(end)
            os.fsync(handle.fileno())
        return obj


def _line_before(handle, end: int) -> tuple[int, bytes]:  # type: ignore[no-untyped-def]
    """(start, bytes) of the line that ends at `end` (which may lack its newline)."""
    block = 1 << 16
    pos = end - 1  # not the line's own newline
    start = 0
    while pos > 0:
        lo = max(0, pos - block)
        handle.seek(lo)
        cut = handle.read(pos - lo).rfind(b"\n")
        if cut >= 0:
            start = lo + cut + 1
            break
        pos = lo
    handle.seek(start)
    return start, handle.read(end - start)
