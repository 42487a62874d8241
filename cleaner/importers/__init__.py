"""Importers: other tools' per-site rule collections as native packs (`cleaner rules import`).

- `ftr`: FiveFilters / Full-Text RSS site-config files (cleaner/importers/ftr.py)
- `adblock`: element-hiding rules of adblock filter lists (cleaner/importers/adblock.py)

Each conversion keeps provenance (source file and line) on every rule and reports what it
could not express, per file and line, in an ImportReport.
"""

from .report import ImportReport, Message

__all__ = ["ImportReport", "Message"]
