"""Batch runs over many inputs: every input yields an output or an error record."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

__all__ = ["InputItem", "iter_inputs", "read_text_file", "write_atomic", "safe_output_path"]

STDIN = "-"


@dataclass(frozen=True)
class InputItem:
    """One input document: where it came from and its path relative to its root."""

    source: str
    relative: str
    text: str | None = None  # already read (stdin)


def iter_inputs(paths: list[str]) -> Iterator[InputItem]:
    for given in paths:
        if given == STDIN:
            yield InputItem(STDIN, "stdin.txt", sys.stdin.read())
            continue
        path = Path(given)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)):
                yield InputItem(str(file), str(file.relative_to(path)))
        else:
            yield InputItem(str(path), path.name)


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def read_text_file(path: str) -> str:
    """Read a UTF-8 text file; undecodable bytes are an InputError naming the offset."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=path) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 ({exc.reason})", file=path, position=f"byte {exc.start}") from exc


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


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
