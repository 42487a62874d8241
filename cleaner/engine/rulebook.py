"""All loaded packs, and which of them apply to a document (language, site, date)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import CleanerError, RuleError
from .loader import duplicate_ids, header_hosts, load_pack, load_packs, pack_files
from .model import Pack, Rule, StructureRule

__all__ = ["RuleBook", "Selection", "host_of", "LazySites", "LAZY_ABOVE"]

# Up to this many site packs load at once (errors show at start, and parsing them costs
# little); a larger set, an imported collection, is indexed by host and parsed on demand.
LAZY_ABOVE = 64


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
    """The packs, by kind. Built from a list of packs (`RuleBook(packs)`), or from paths
    with `RuleBook.load`, which leaves a large set of site packs unparsed until a
    document of one of their hosts comes (imported collections: thousands of packs)."""

    def __init__(self, packs: list[Pack], lazy: LazySites | None = None) -> None:
        self._packs = list(packs)
        self._lazy = lazy
        self.common = [p for p in self._packs if p.kind == "common"]
        self.by_lang: dict[str, list[Pack]] = {}
        for pack in self._packs:
            if pack.kind == "language":
                self.by_lang.setdefault(pack.lang, []).append(pack)  # type: ignore[arg-type]
        self._sites = [p for p in self._packs if p.kind == "site"]
        self._rule_index: dict[str, Rule | StructureRule] | None = None

    @classmethod
    def load(cls, paths: Iterable[str | Path], guard: Callable[[list[Pack]], list[Pack]] | None = None, *,
             lazy_above: int | None = None) -> RuleBook:
        """The packs under `paths`, `guard` applied to them (the regex timeout of user packs).

        With more than `lazy_above` site packs, those whose `hosts:` can be read from the
        file's header (cleaner.engine.loader.header_hosts) are indexed by host and parsed
        the first time a document of a matching host is cleaned, once. Selections are the
        same as loading everything; a broken or clashing site pack is then reported (file
        and line) when its host is first cleaned, not at start (`cleaner rules check`
        checks every pack at once). A handful of site packs load at once as before."""
        guard = guard or list
        lazy_above = LAZY_ABOVE if lazy_above is None else lazy_above
        files = pack_files(paths)
        hosts: list[tuple[str, ...] | None] = []
        for file in files:
            try:
                hosts.append(header_hosts(file.read_text(encoding="utf-8")))
            except (OSError, UnicodeDecodeError):
                hosts.append(None)  # the full load reports it, naming the file
        if sum(1 for h in hosts if h) <= lazy_above:
            return cls(guard(load_packs(files)))
        eager = guard(load_packs([f for f, h in zip(files, hosts) if not h]))
        lazy = LazySites([(i, f, h) for i, (f, h) in enumerate(zip(files, hosts)) if h], guard, eager,
                         {f.resolve(): i for i, f in enumerate(files)})
        return cls(eager, lazy)

    @property
    def packs(self) -> list[Pack]:
        """Every pack in file order (parses every lazily indexed site pack: for listings)."""
        if self._lazy is None:
            return self._packs
        return self._lazy.merge(self._packs, self._lazy.load_all())

    @property
    def sites(self) -> list[Pack]:
        return [p for p in self.packs if p.kind == "site"] if self._lazy is not None else self._sites

    @property
    def _index(self) -> dict[str, Rule | StructureRule]:
        if self._rule_index is None:
            self._rule_index = {r.id: r for p in self.packs for r in (*p.rules, *p.structure)}
        return self._rule_index

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
        found = [p for p in self._sites if _host_matches(host, p.hosts) and p.valid_on(day)]
        if self._lazy is not None:
            found = self._lazy.merge(found, [p for p in self._lazy.packs_for(host) if p.valid_on(day)])
        return found

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


class LazySites:
    """Site packs indexed by the domains of their host patterns, parsed on first use.

    `entries`: (position among all pack files, file, hosts read from its header). A pack
    is parsed, guarded and checked for rule ids clashing with the loaded ones once, under
    a lock (a Cleaner is shared by threads); a pack that fails raises the same RuleError
    every time its host comes again."""

    def __init__(self, entries: list[tuple[int, Path, tuple[str, ...]]], guard: Callable[[list[Pack]], list[Pack]],
                 eager: list[Pack], positions: dict[Path, int]) -> None:
        self._entries = entries
        self._guard = guard
        self._by_domain: dict[str, list[int]] = {}
        for k, (_, _, hosts) in enumerate(entries):
            for domain in {_domain(h) for h in hosts if not h.startswith("~")}:
                self._by_domain.setdefault(domain, []).append(k)
        self._positions = positions
        self._loaded: dict[int, Pack | RuleError] = {}
        self._id_entries = [_id_entry(r, p) for p in eager for r in (*p.rules, *p.structure, *p.html)]
        self._lock = threading.Lock()

    def packs_for(self, host: str) -> list[Pack]:
        """The packs whose hosts cover `host` (all versions), in file order."""
        labels = host.split(".")
        keys = sorted({k for i in range(len(labels)) for k in self._by_domain.get(".".join(labels[i:]), ())})
        return [self._load(k) for k in keys if _host_matches(host, self._entries[k][2])]

    def load_all(self) -> list[Pack]:
        return [self._load(k) for k in range(len(self._entries))]

    def merge(self, first: list[Pack], second: list[Pack]) -> list[Pack]:
        """Two lists of packs as one, in the order of their files (as eager loading has them)."""
        return sorted([*first, *second], key=lambda p: self._positions.get(Path(p.file).resolve(), -1))

    def _load(self, k: int) -> Pack:
        found = self._loaded.get(k)
        if found is None:
            with self._lock:
                found = self._loaded.get(k)
                if found is None:
                    found = self._loaded[k] = self._parse(k)
        if isinstance(found, RuleError):
            raise found
        return found

    def _parse(self, k: int) -> Pack | RuleError:
        _, file, hosts = self._entries[k]
        try:
            pack = self._guard([load_pack(file)])[0]
        except RuleError as exc:
            return exc
        if pack.hosts != hosts:  # the header reader and the YAML parser disagree: never silently
            return RuleError(f"hosts read as {list(hosts)} from the header but {list(pack.hosts)} by the YAML "
                             "parser; write hosts: as a plain top-level list", file=str(file), field="hosts")
        mine = [_id_entry(r, pack) for r in (*pack.rules, *pack.structure, *pack.html)]
        problems = duplicate_ids([*self._id_entries, *mine])
        if problems:
            return problems[0]
        self._id_entries.extend(mine)
        return pack


def _domain(pattern: str) -> str:
    return pattern[2:] if pattern.startswith("*.") else pattern.lstrip(".")


def _id_entry(rule: Rule | StructureRule | object, pack: Pack) -> tuple:  # type: ignore[type-arg]
    return (rule.id, pack.name, pack.valid_from, pack.valid_until, pack.file, rule.source.line)  # type: ignore[attr-defined]
