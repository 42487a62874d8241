"""The on-disk cache of compiled rule data (Hyperscan databases, checked patterns).

Everything in it is derived from rule text and keyed by a hash of it, so a stale or
missing entry only costs recomputing it. Every edited rule set gets new entries, so the
cache is bounded (CLEANER_CACHE_MAX_MB, default 1024): a write that takes it over the
bound deletes the least recently used entries (a read marks an entry as used).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["cache_dir", "cache_limit", "read_cache", "write_cache"]

_DEFAULT_LIMIT_MB = 1024.0
_TMP_PREFIX = ".tmp-"


def cache_dir() -> Path:
    """Where compiled data is kept (CLEANER_CACHE_DIR overrides)."""
    given = os.environ.get("CLEANER_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleaner"


def cache_limit() -> int:
    """The cache's bound in bytes (CLEANER_CACHE_MAX_MB; a value that is no number is the default)."""
    try:
        megabytes = float(os.environ.get("CLEANER_CACHE_MAX_MB", _DEFAULT_LIMIT_MB))
    except ValueError:
        megabytes = _DEFAULT_LIMIT_MB
    return max(0, int(megabytes * 1024 * 1024))


def read_cache(name: str) -> bytes | None:
    path = cache_dir() / name
    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        os.utime(path)  # used now: eviction takes the least recently used entries first
    except OSError:
        pass
    return data


def write_cache(name: str, data: bytes) -> None:
    """Write atomically; an unwritable cache only costs a recompile next time."""
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=_TMP_PREFIX)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, folder / name)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
        _evict(folder, keep=name, limit=cache_limit())
    except OSError:
        pass


def _evict(folder: Path, keep: str, limit: int) -> None:
    """Delete the least recently used entries until the cache fits `limit` (never `keep`,
    just written). Another process may delete the same entry or still want it: a missing
    entry is only recompiled."""
    entries = []
    for entry in os.scandir(folder):
        if entry.name == keep or entry.name.startswith(_TMP_PREFIX) or not entry.is_file():
            continue
        try:
            stat = entry.stat()
        except OSError:
            continue
        entries.append((stat.st_mtime, stat.st_size, entry.path))
    try:
        total = sum(size for _, size, _ in entries) + (folder / keep).stat().st_size
    except OSError:
        return
    for _, size, path in sorted(entries):
        if total <= limit:
            break
        try:
            os.unlink(path)
        except OSError:
            continue
        total -= size
