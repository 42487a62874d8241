"""All loaded packs, and which of them apply to a document (language, site, date)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..errors import CleanerError
from .model import Pack, Rule, StructureRule

__all__ = ["RuleBook", "Selection", "host_of"]


@dataclass(frozen=True)
class Selection:
    """The rules for one kind of document, in priority order: site, language, common."""

    rules: tuple[Rule, ...]
    structure: tuple[StructureRule, ...]
    packs: tuple[str, ...]
    months: dict[str, int] = field(default_factory=dict, compare=False, hash=False)  # month names of the language, for dates


def host_of(url: str | None) -> str | None:
    """The lower-case host of a URL (or of a bare host name)."""
    if not url:
        return None
    rest = url.split("://", 1)[-1]
    host = rest.split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
    host = host.rsplit("@", 1)[-1].split(":", 1)[0].strip().lower().rstrip(".")
    return host or None


class RuleBook:
    def __init__(self, packs: list[Pack]) -> None:
        self.packs = list(packs)
        self.common = [p for p in self.packs if p.kind == "common"]
        self.by_lang: dict[str, list[Pack]] = {}
        for pack in self.packs:
            if pack.kind == "language":
                self.by_lang.setdefault(pack.lang, []).append(pack)  # type: ignore[arg-type]
        self.sites = [p for p in self.packs if p.kind == "site"]
        self._index = {r.id: r for p in self.packs for r in (*p.rules, *p.structure)}

    @property
    def languages(self) -> list[str]:
        return sorted(self.by_lang)

    def stopwords(self) -> dict[str, frozenset[str]]:
        words: dict[str, set[str]] = {}
        for lang, packs in self.by_lang.items():
            for pack in packs:
                words.setdefault(lang, set()).update(w.casefold() for w in pack.stopwords)
        return {lang: frozenset(ws) for lang, ws in words.items() if ws}

    def find(self, rule_id: str) -> Rule | StructureRule:
        try:
            return self._index[rule_id]
        except KeyError:
            raise CleanerError(f"no rule with id {rule_id!r}") from None

    def all_rules(self) -> list[Rule | StructureRule]:
        return list(self._index.values())

    def site_packs(self, host: str | None, day: date | None = None) -> list[Pack]:
        if not host:
            return []
        return [p for p in self.sites if _host_matches(host, p.hosts) and p.valid_on(day)]

    def rewrite(self, html: str, host: str | None, day: date | None = None) -> str:
        """The page source with the `html.replace` rewrites of its site packs and of the
        packs for every page applied (before parsing; see cleaner/html/rewrite.py)."""
        packs = [p for p in (*self.site_packs(host, day), *self.common) if p.replace]
        if not packs:
            return html
        from ..html.rewrite import rewrite_source  # HTML support, loaded on demand

        return rewrite_source(html, packs)

    def site_language(self, host: str | None) -> str | None:
        for pack in self.site_packs(host):
            if pack.lang:
                return pack.lang
        return None

    def select(self, lang: str | None, host: str | None, day: date | None = None) -> Selection:
        packs = [*self.site_packs(host, day), *self.by_lang.get(lang or "", []), *self.common]
        rules = tuple(r for p in packs for r in p.rules)
        structure = tuple(s for p in packs for s in p.structure)
        months = {name: number for p in self.by_lang.get(lang or "", []) for name, number in p.months.items()}
        return Selection(rules=rules, structure=structure, packs=tuple(p.name for p in packs), months=months)


def _host_matches(host: str, patterns: tuple[str, ...]) -> bool:
    """`example.com` covers example.com and www.example.com; `.example.com` also every
    subdomain; `*.example.com` the subdomains only (a FiveFilters `.example.com.txt`);
    `~pattern` excludes what the pattern covers (adblock `~domain`, or a more specific
    imported site file)."""
    bare = host[4:] if host.startswith("www.") else host
    found = False
    for pattern in patterns:
        if pattern.startswith("~"):
            if _covers(host, bare, pattern[1:]):
                return False
        elif not found:
            found = _covers(host, bare, pattern)
    return found


def _covers(host: str, bare: str, pattern: str) -> bool:
    if pattern.startswith("*."):
        return host.endswith(pattern[1:]) and bare != pattern[2:]
    if pattern.startswith("."):
        return host == pattern[1:] or host.endswith(pattern)
    return bare == pattern or host == pattern
