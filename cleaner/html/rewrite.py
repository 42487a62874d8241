"""Literal rewrites of a page's source before it is parsed (a pack's `html.replace`).

FiveFilters site configs repair a site's markup with `find_string`/`replace_string`
pairs (`<noscript>` -> `<div>` so the text inside is parsed, `<amp-img` -> `<img`): plain
string replacements on the raw HTML, every occurrence, pair after pair in file order.
The importer carries them into the site pack as `html.replace: [{find, replace, source}]`.

They run on pages nobody vetted, so they stay cheap and bounded:
- literal only (str.replace, no regex): linear in the page, nothing to backtrack;
- at most MAX_REWRITES per pack and MAX_REWRITE_CHARS per find/replace string (the
  pack schema refuses more, naming file and line);
- the page may not grow past MAX_GROWTH times its size plus GROWTH_SLACK characters:
  a rewrite that would (a short find, a long replace, a page made of the find string)
  is a LimitError for that page naming the rule's file and line, never a truncation.
Only site packs and packs for every page (no `lang`) rewrite: the page's language is
not known before it is parsed, so a language pack's `html.replace` is a load error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..engine.model import Source
from ..errors import LimitError

__all__ = ["Rewrite", "rewrite_source", "MAX_REWRITES", "MAX_REWRITE_CHARS", "MAX_GROWTH", "GROWTH_SLACK"]

MAX_REWRITES = 100  # per pack; the FiveFilters collection's largest file has 35 pairs
MAX_REWRITE_CHARS = 1_000  # per find or replace string; the collection's longest is ~150
MAX_GROWTH = 2
GROWTH_SLACK = 65_536


@dataclass(frozen=True)
class Rewrite:
    """Replace every `find` in the page source by `replace` (literal strings)."""

    find: str
    replace: str
    source: Source


def rewrite_source(text: str, packs: Iterable[Any]) -> str:
    """`text` with the `replace` rewrites of `packs` applied, pack after pack, in order."""
    limit = len(text) * MAX_GROWTH + GROWTH_SLACK
    for pack in packs:
        for rewrite in pack.replace:
            text = _apply(text, rewrite, limit)
    return text


def _apply(text: str, rewrite: Rewrite, limit: int) -> str:
    grows = len(rewrite.replace) - len(rewrite.find)
    if grows > 0:  # check before building the string, so a hostile page costs one count
        size = len(text) + text.count(rewrite.find) * grows
        if size > limit:
            raise LimitError(f"{rewrite.source}: html.replace of {_short(rewrite.find)!r} would grow the page to "
                             f"{size:,} characters, over {limit:,} ({MAX_GROWTH}x the page + {GROWTH_SLACK:,}); "
                             "the page is refused rather than rewritten in part")
    return text.replace(rewrite.find, rewrite.replace)


def _short(text: str, limit: int = 40) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
