"""Which version of a site pack applies: the article's date, given or found.

Site packs may come in versions (the same pack name, `valid_from`/`valid_until` ranges
that do not overlap) because sites change their templates. The version is chosen by the
article's publication date, taken from, in this order:

1. the caller (`published=` in the API, `--date` on the CLI);
2. the input's metadata (a `date`/`published` field of a JSONL record, an HTML meta tag);
3. the article itself: the dateline a first pass recognised (`Result.date`), used only
   when the site has versions and that date selects a different one.

Without any date the open-ended (current) version applies.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..api import Cleaner
from ..document import Result
from ..engine.rulebook import _host_matches, host_of

__all__ = ["Dated", "clean_dated", "parse_date", "has_versions"]

_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\b")


@dataclass(frozen=True)
class Dated:
    """A result and where the date that chose its site-pack version came from."""

    result: Result
    day: dt.date | None
    source: str  # given | metadata | article | none


def parse_date(value: Any) -> dt.date | None:
    """A date from a date, an ISO date or timestamp ("2024-03-14T17:42:00Z"), or "14.03.2024"."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    found = _DMY.match(text)
    if found:
        day, month, year = map(int, found.groups())
        try:
            return dt.date(year, month, day)
        except ValueError:
            return None
    return None


def has_versions(cleaner: Cleaner, host: str | None) -> bool:
    """Whether a site pack for `host` is limited in time (so the article's date matters)."""
    if not host:
        return False
    return any((p.valid_from or p.valid_until) and _host_matches(host, p.hosts) for p in cleaner.rulebook.sites)


def clean_dated(cleaner: Cleaner, text: str, *, url: str | None = None, lang: str | None = None,
                published: Any = None, metadata_date: Any = None) -> Dated:
    """Clean `text` with the site-pack version that matches the article's date."""
    day = parse_date(published)
    if day is not None:
        return Dated(cleaner.clean_and_explain(text, url=url, lang=lang, published=day), day, "given")
    day = parse_date(metadata_date)
    if day is not None:
        return Dated(cleaner.clean_and_explain(text, url=url, lang=lang, published=day), day, "metadata")
    result = cleaner.clean_and_explain(text, url=url, lang=lang)
    host = host_of(url)
    found = parse_date(result.date)
    if found is not None and has_versions(cleaner, host):
        book = cleaner.rulebook
        if [p.file for p in book.site_packs(host, found)] != [p.file for p in book.site_packs(host, None)]:
            return Dated(cleaner.clean_and_explain(text, url=url, lang=lang, published=found), found, "article")
    return Dated(result, None, "none")
