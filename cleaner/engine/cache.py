"""The on-disk cache of compiled rule data (Hyperscan databases, checked patterns).

Everything in it is derived from rule text and keyed by a hash of it, so a stale or
missing entry only costs recomputing it.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["cache_dir", "read_cache", "write_cache"]


def cache_dir() -> Path:
    """Where compiled data is kept (CLEANER_CACHE_DIR overrides)."""
    given = os.environ.get("CLEANER_CACHE_DIR")
    if given:
        return Path(given)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "cleaner"


def read_cache(name: str) -> bytes | None:
    try:
        return (cache_dir() / name).read_bytes()
    except OSError:
        return None


def write_cache(name: str, data: bytes) -> None:
    """Write atomically; an unwritable cache only costs a recompile next time."""
    try:
        folder = cache_dir()
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-")
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
    except OSError:
        pass
