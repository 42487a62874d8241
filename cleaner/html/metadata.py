"""Title, date and author from a page's markup, picked by the packs' title/date/author rules.

A rule's selector picks elements; the value is the element's text, its `attr` attribute,
or, for JSON-LD scripts, the first of the rule's `json` keys found in the data (nested
`@graph` lists and `author: {name: ...}` objects are searched). Rules are tried in pack
priority (site, language, common) and file order; the first value wins, except that a
title prefers the page's own `<h1>` when the metadata title contains it (og:title and
`<title>` often carry the site name).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import regex

from ..engine.model import HtmlRule
from .selectors import PageTags

__all__ = ["PageLookups", "clean_author", "extract_value", "find_title", "find_date", "find_author", "iso_date"]

_ISO = regex.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_SLASHED = regex.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})")
_COMPACT = regex.compile(r"^(\d{4})(\d{2})(\d{2})(?:\D|$)")
_DOTTED = regex.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_MONTHS = {m: n for n, names in enumerate((
    ("jan", "january", "januar", "janvier", "enero", "gennaio"),
    ("feb", "february", "februar", "février", "fevrier", "febrero", "febbraio"),
    ("mar", "march", "märz", "maerz", "mars", "marzo"),
    ("apr", "april", "avril", "abril", "aprile"),
    ("may", "mai", "mayo", "maggio"),
    ("jun", "june", "juni", "juin", "junio", "giugno"),
    ("jul", "july", "juli", "juillet", "julio", "luglio"),
    ("aug", "august", "août", "aout", "agosto"),
    ("sep", "sept", "september", "septembre", "septiembre", "settembre"),
    ("oct", "october", "oktober", "octobre", "octubre", "ottobre"),
    ("nov", "november", "novembre", "noviembre"),
    ("dec", "december", "dezember", "décembre", "decembre", "diciembre", "dicembre"),
), start=1) for m in names}
_WORDY = regex.compile(r"(?:(\d{1,2})\.?\s+(\p{L}+)\.?,?\s+(\d{4}))|(?:(\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4}))")
_TITLE_SEPARATORS = regex.compile(r"\s+[|\-–—·:»]\s+")
_JSON_JUNK = regex.compile(r"^\s*(?:<!--|//\s*<!\[CDATA\[|<!\[CDATA\[)|(?:-->|//\s*\]\]>|\]\]>)\s*$")


class PageLookups:
    """What the metadata rules of one page share: parsed JSON-LD and elements by tag.
    `tags`: the tags to gather in the first pass over the page (see PageTags)."""

    def __init__(self, tags: Iterable[str] = ()) -> None:
        self.json: dict[Any, Any] = {}
        self.wanted = tuple(tags)
        self._tags: PageTags | None = None

    def tags(self, root: Any) -> PageTags:
        found = self._tags
        if found is None or found.root is not root:
            found = self._tags = PageTags(root, self.wanted)
        return found


def iso_date(value: str | None) -> str | None:
    """YYYY-MM-DD from an ISO timestamp, a slashed or dotted date, or "19 November 2019"."""
    if not value:
        return None
    value = value.strip()
    for pattern, order in ((_ISO, "ymd"), (_SLASHED, "ymd"), (_COMPACT, "ymd"), (_DOTTED, "dmy")):
        found = pattern.search(value)
        if found:
            parts = dict(zip(order, map(int, found.groups())))
            return _valid(parts["y"], parts["m"], parts["d"])
    found = _WORDY.search(value)
    if found:
        if found.group(1):
            day, month, year = found.group(1), found.group(2), found.group(3)
        else:
            month, day, year = found.group(4), found.group(5), found.group(6)
        number = _MONTHS.get(month.lower())
        if number:
            return _valid(int(year), number, int(day))
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    if 1900 <= year <= 2100 and 1 <= month <= 12 and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return None


def _text(el: Any) -> str:
    return " ".join("".join(el.itertext()).split())


def _json_values(data: Any, keys: Sequence[str]) -> Iterator[Any]:
    """Values of `keys` anywhere in JSON-LD data (objects first, then their children)."""
    stack = [data]
    seen = 0
    while stack and seen < 500:
        seen += 1
        item = stack.pop(0)
        if isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, dict):
            for key in keys:
                if key in item:
                    yield item[key]
            for value in item.values():
                if isinstance(value, (list, dict)):
                    stack.append(value)


def _plain_value(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        for key in ("name", "@value", "headline"):
            if isinstance(value.get(key), str):
                return value[key]
    if isinstance(value, list):
        names = [v for v in (_plain_value(x) for x in value) if v]
        return ", ".join(names) if names else None
    return None


def extract_value(rule: HtmlRule, root: Any, cache: PageLookups) -> str | None:
    """The first non-empty value the rule finds on the page."""
    for el in rule.selector.select(root, cache.tags(root)):
        value = extract_value_from(rule, el, cache)
        if value:
            return " ".join(value.split())
    return None


def find_title(rules: Sequence[HtmlRule], root: Any, h1: str | None, cache: PageLookups) -> tuple[str | None, str | None]:
    """(title, id of the rule that gave it). The page's h1 wins when a metadata title contains it."""
    candidates: list[tuple[str, str]] = []
    folded = h1.casefold() if h1 else None
    for rule in rules:
        value = extract_value(rule, root, cache)
        if value:
            if folded is not None and (folded in value.casefold() or value.casefold() in folded):
                return h1, rule.id
            candidates.append((value, rule.id))
    if not candidates:
        return (h1, None) if h1 else (None, None)
    value, rule_id = candidates[0]
    return _strip_site_name(value), rule_id


def _strip_site_name(title: str) -> str:
    """"Headline | Site" -> "Headline" when the last part is short and the rest is not."""
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) > 1:
        head = " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
        if len(parts[-1].split()) <= 4 and len(head.split()) >= 3:
            return head
    return title


def find_date(rules: Sequence[HtmlRule], root: Any, cache: PageLookups) -> tuple[str | None, str | None]:
    for rule in rules:
        for el in rule.selector.select(root, cache.tags(root)):
            value = extract_value_from(rule, el, cache)
            day = iso_date(value)
            if day:
                return day, rule.id
    return None, None


def extract_value_from(rule: HtmlRule, el: Any, cache: PageLookups) -> str | None:
    if rule.json:
        key = el
        if key not in cache.json:
            try:
                raw = el.text or ""
                if "<!--" in raw or "CDATA" in raw:
                    raw = _JSON_JUNK.sub("", raw)
                cache.json[key] = json.loads(raw)
            except (ValueError, RecursionError):
                cache.json[key] = None
        data = cache.json[key]
        if data is None:
            return None
        for found in _json_values(data, rule.json):
            value = _plain_value(found)
            if value and value.strip():
                return value.strip()
        return None
    value = el.get(rule.attr) if rule.attr else _text(el)
    return value.strip() if value else None


_BYLINE_PREFIX = regex.compile(r"^(?:by|von|par|por|di|door|av|af)\s+", regex.IGNORECASE)
_BYLINE_END = regex.compile(r"\s+(?:[|•·@–—/]|\d{1,2}[./:]|\b(?:on|am|le|updated|published)\b\s+\d).*$", regex.IGNORECASE)


def clean_author(value: str) -> str | None:
    """A name, not a byline: no "By", no handle or date after it, no URL (FIELD need 14)."""
    value = " ".join(value.split())
    if "://" in value or value.startswith(("www.", "/")):
        return None
    value = _BYLINE_PREFIX.sub("", value)
    value = _BYLINE_END.sub("", value).strip(" ,;:-")
    if not value or len(value) > 80 or not any(ch.isalpha() for ch in value):
        return None
    return value


def find_author(rules: Sequence[HtmlRule], root: Any, cache: PageLookups) -> tuple[str | None, str | None]:
    for rule in rules:
        for el in rule.selector.select(root, cache.tags(root)):
            value = extract_value_from(rule, el, cache)
            name = clean_author(value) if value else None
            if name:
                return name, rule.id
    return None, None
