"""Turn command-line inputs (files, directories, globs, `-`) into a stream of sources.

A source is one input file (or stdin) with its format and the path it mirrors to in an
output tree. Directories are walked depth-first in sorted order one directory at a time,
so enumeration is deterministic (what `--resume` relies on) and its memory is bounded by
the largest directory, not the corpus.
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath

from .compression import COMPRESSION_SUFFIXES

__all__ = ["Source", "STDIN", "FORMATS", "iter_sources", "detect_format", "output_stem"]

STDIN = "-"
FORMATS = ("auto", "text", "html", "jsonl", "warc")
CONTAINERS = ("jsonl", "warc")

_FORMAT_BY_SUFFIX = {
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".warc": "warc", ".arc": "warc",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}


@dataclass(frozen=True)
class Source:
    """One input file (or stdin).

    path: what to open ("-" for stdin). relative: its path below the input root, with
    "/" separators. format: text, html, jsonl, warc, or auto (stdin, sniffed on read).
    out: where it mirrors to in an output tree: a .txt path for a single document, a
    directory for a container (jsonl/warc) of many. error: why it cannot be read at all
    (missing file, unmatched glob); it then counts as one failed document.
    """

    path: str
    relative: str
    format: str
    out: str
    size: int | None = None
    error: str | None = None

    @property
    def container(self) -> bool:
        return self.format in CONTAINERS


def _strip_compression(name: str) -> str:
    lower = name.lower()
    for suffix in COMPRESSION_SUFFIXES:
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def detect_format(name: str, forced: str = "auto") -> str:
    """The format a file name says (after any .gz/.zst), unless `forced` names one."""
    if forced != "auto":
        return forced
    inner = _strip_compression(name)
    return _FORMAT_BY_SUFFIX.get(PurePosixPath(inner).suffix.lower(), "text")


def output_stem(relative: str) -> str:
    """`a/b.html.gz` -> `a/b`: the relative path without compression and format suffix."""
    inner = _strip_compression(relative)
    path = PurePosixPath(inner)
    return str(path.with_suffix("")) if path.suffix and path.stem else inner


def _out_for(relative: str, fmt: str) -> str:
    stem = output_stem(relative)
    return stem if fmt in CONTAINERS else stem + ".txt"


def _has_magic(text: str) -> bool:
    return glob.has_magic(text)


def iter_sources(inputs: Iterable[str], input_format: str = "auto", *, stat: bool = False) -> Iterator[Source]:
    """Every source named by `inputs`, in a deterministic order.

    A file given by name mirrors to its bare name; a directory's files and a glob's
    matches mirror to their path below the directory (or below the glob's fixed prefix).
    """
    for given in inputs:
        if given == STDIN:
            fmt = input_format
            yield Source(STDIN, "stdin", fmt, "stdin" if fmt in CONTAINERS else "stdin.txt")
            continue
        if os.path.isdir(given):
            yield from _walk(given, input_format, stat)
        elif os.path.exists(given) or not _has_magic(given):
            name = os.path.basename(os.path.normpath(given)) or given
            fmt = detect_format(name, input_format)
            if not os.path.exists(given):
                yield Source(given, name, fmt, _out_for(name, fmt), error="no such file or directory")
            elif not os.path.isfile(given):
                yield Source(given, name, fmt, _out_for(name, fmt), error="not a regular file")
            else:
                yield Source(given, name, fmt, _out_for(name, fmt), _size(given) if stat else None)
        else:
            yield from _glob(given, input_format, stat)


def _size(path: str) -> int | None:
    try:
        return os.stat(path).st_size
    except OSError:
        return None


def _glob(pattern: str, input_format: str, stat: bool) -> Iterator[Source]:
    parts = PurePosixPath(pattern.replace(os.sep, "/")).parts
    fixed = []
    for part in parts:
        if _has_magic(part):
            break
        fixed.append(part)
    base = str(PurePosixPath(*fixed)) if fixed else "."
    matched = False
    # sorted() holds the match list (as a shell expansion would); needed for a stable order.
    for match in sorted(glob.glob(pattern, recursive=True)):
        if os.path.isdir(match):
            continue
        matched = True
        relative = os.path.relpath(match, base).replace(os.sep, "/")
        if relative.startswith("../"):
            relative = os.path.basename(match)
        fmt = detect_format(relative, input_format)
        yield Source(match, relative, fmt, _out_for(relative, fmt), _size(match) if stat else None)
    if not matched:
        yield Source(pattern, os.path.basename(pattern), "text", "unmatched.txt", error="no file matches this pattern")


def _walk(root: str, input_format: str, stat: bool, prefix: str = "") -> Iterator[Source]:
    try:
        entries = sorted(os.scandir(os.path.join(root, prefix) if prefix else root), key=lambda e: e.name)
    except OSError as exc:
        where = os.path.join(root, prefix)
        yield Source(where, prefix or os.path.basename(root), "text", (prefix or "dir") + ".txt",
                     error=f"cannot list directory: {exc.strerror or exc}")
        return
    files = []
    for entry in entries:
        if entry.name.startswith("."):
            continue
        rel = f"{prefix}/{entry.name}" if prefix else entry.name
        try:
            is_dir = entry.is_dir()
        except OSError:
            is_dir = False
        if is_dir:
            files.append((entry, rel, True))
        else:
            files.append((entry, rel, False))
    # Output names for the files of this directory; two files that would mirror to the
    # same name (a.html and a.txt) keep their full name instead (a.html.txt).
    claims: dict[str, int] = {}
    planned = {}
    for entry, rel, is_dir in files:
        if not is_dir:
            fmt = detect_format(entry.name, input_format)
            out = _out_for(rel, fmt)
            planned[rel] = (fmt, out)
            claims[out] = claims.get(out, 0) + 1
    for entry, rel, is_dir in files:
        if is_dir:
            yield from _walk(root, input_format, stat, rel)
            continue
        fmt, out = planned[rel]
        if claims[out] > 1 and out != rel:
            out = rel if fmt in CONTAINERS else rel + ".txt"
            if fmt in CONTAINERS:
                out = rel + ".d"
        size = None
        if stat:
            try:
                size = entry.stat().st_size
            except OSError:
                size = None
        yield Source(entry.path, rel, fmt, out, size)
