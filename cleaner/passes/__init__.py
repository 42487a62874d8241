"""Cleaning passes. Each pass reads the document and the state so far and adds removals.

Passes that drop lines never rewrite text; the span pass is the only one that cuts text
out of a line, and it records exactly which characters.
"""

from __future__ import annotations

from .state import PassState

__all__ = ["PassState"]
