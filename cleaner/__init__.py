"""cleaner: strip scraped cruft from news articles, driven by reviewable rule packs."""

from __future__ import annotations

from .api import Cleaner, Config, Limits, clean, clean_and_explain
from .document import Removal, Result, apply_removals
from .errors import CleanerError, InputError, LimitError, RuleError

__all__ = [
    "Cleaner", "Config", "Limits", "clean", "clean_and_explain", "Removal", "Result", "apply_removals",
    "CleanerError", "InputError", "LimitError", "RuleError", "__version__",
]
__version__ = "0.1.0"
