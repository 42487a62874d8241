"""Adapters to engines people already run. Each is an optional extra and imported only on use:

- `cleaner.integrations.datatrove`: a datatrove PipelineStep (`pip install cleaner[datatrove]`)
- `cleaner.integrations.spark`: DataFrame column / RDD cleaning (`pip install cleaner[spark]`)
- `cleaner.integrations.pandas`: clean a pandas DataFrame column (`pip install cleaner[pandas]`)
- `cleaner.integrations.warc`: read WET/WARC files into records (no dependencies)

Importing this package imports none of them.
"""

from __future__ import annotations

from typing import Any

from ..api import Cleaner, Config, shared_cleaner

__all__ = ["resolve_cleaner"]


def resolve_cleaner(cleaner: Cleaner | Config | None) -> Cleaner:
    """A Cleaner from what an adapter was given: a Cleaner, a Config, or None (the shipped packs)."""
    if isinstance(cleaner, Cleaner):
        return cleaner
    if cleaner is None or isinstance(cleaner, Config):
        return shared_cleaner(cleaner)
    raise TypeError(f"expected a Cleaner or a Config, not {type(cleaner).__name__}")


def _missing(extra: str, exc: ImportError) -> ImportError:
    name: Any = getattr(exc, "name", None) or str(exc)
    return ImportError(f"this adapter needs {name!s}: pip install 'cleaner[{extra}]'")
