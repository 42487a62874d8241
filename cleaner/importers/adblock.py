"""Element-hiding rules of an adblock filter list -> strip rules per site, plus one generic set.

Filter lists (EasyList and the like) are share-alike licensed: cleaner ships none. The
importer reads the user's own copy at run time and writes packs next to it:

| line | becomes |
|---|---|
| `##.ad-box`, `###sidebar-ad` (no domain) | one name in the generic pack's class/id set (a set lookup per element, not thousands of selectors) |
| `##div[id^="ad-"]` (no domain, not a bare class/id) | a strip rule in the generic pack |
| `a.com,b.org##.promo` | a strip rule in the pack for `.a.com` and `.b.org` (each domain with its subdomains) |
| `a.com,~shop.a.com##.promo` | the same, `~.shop.a.com` excluded |
| `#@#sel`, `a.com#@#sel` | the matching hiding rules are removed, or narrowed to the other domains |
| `:has-text(x)`, `:-abp-contains(x)`, `:contains(x)` | CSS `:contains("x")` (text substring); a `/regex/` argument is unsupported |
| `:-abp-has(sel)` | `:has(sel)` when `sel` has no combinator |

Network rules (`||ads.example^`, `@@...`) and scriptlets (`##+js(...)`, `#$#`, `#%#`) are
counted and skipped: they act on requests and scripts, not on the text of a page.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from .report import ImportReport, id_slug, write_pack

__all__ = ["import_adblock", "convert_selector", "parse_list", "Hiding"]

# domains, then the separator: ## #@# #?# #@?# #$# #@$# #%# #@%# #$?# (and AdGuard's $$ $@$)
_COSMETIC = regex.compile(r"^(?P<domains>[^#$/|\s]*?)(?P<sep>#@?(?:\$\?|\?|\$|%)?#|\$@?\$)(?P<body>.*)$")
_SIMPLE_CLASS = regex.compile(r"^\.(-?[_a-zA-Z][_a-zA-Z0-9-]*)$")
_SIMPLE_ID = regex.compile(r"^#(-?[_a-zA-Z][_a-zA-Z0-9-]*)$")
_TEXT_OPS = (":has-text(", ":-abp-contains(", ":contains(")
_PROCEDURAL = (":upward(", ":xpath(", ":style(", ":remove(", ":matches-css", ":min-text-length(", ":watch-attr(",
               ":others(", ":matches-path(", ":-abp-properties(", ":matches-attr(", ":matches-prop(", ":nth-ancestor(",
               ":if(", ":if-not(", ":remove-attr(", ":remove-class(", ":matches-media(", ":shadow-dom", ":spath(")
_DOMAIN = regex.compile(r"^[a-z0-9_-]+(?:\.[a-z0-9_-]+)+$")

KIND_GENERIC = "hiding, generic"
KIND_SITE = "hiding, per site"
KIND_EXCEPTION = "exception (#@#)"
KIND_EXCEPTED = "hiding, lifted by an exception"
KIND_NETWORK = "network rule"
KIND_SCRIPT = "scriptlet / snippet"
KIND_HTML = "HTML filter"


@dataclass
class Hiding:
    """One element-hiding rule: its selector (converted to cleaner's CSS) and domains."""

    file: str
    line: int
    selector: str
    includes: list[str] = field(default_factory=list)
    excludes: list[str] = field(default_factory=list)
    text: str = ""  # the line as written

    @property
    def generic(self) -> bool:
        return not self.includes


@dataclass
class _Exception:
    file: str
    line: int
    selector: str
    domains: list[str]


class UnsupportedSelector(ValueError):
    """A selector that is valid in the list's dialect but has no cleaner counterpart."""


def convert_selector(selector: str) -> str:
    """The list's selector in the CSS cleaner reads: text operators become `:contains()`,
    `:-abp-has()` becomes `:has()`. Raises UnsupportedSelector when that is not possible."""
    lowered = selector.lower()
    for op in _PROCEDURAL:
        if op in lowered:
            raise UnsupportedSelector(f"procedural operator {op}…) has no CSS counterpart")
    out = selector.replace(":-abp-has(", ":has(")
    for op in _TEXT_OPS:
        out = _rewrite_text_op(out, op)
    return out


def _rewrite_text_op(selector: str, op: str) -> str:
    start = selector.find(op)
    while start >= 0:
        open_at = start + len(op) - 1
        close_at = _closing(selector, open_at)
        if close_at < 0:
            raise ValueError(f"unbalanced parentheses after {op.rstrip('(')}")
        arg = selector[open_at + 1:close_at].strip()
        if len(arg) > 1 and arg[0] == arg[-1] and arg[0] in "'\"":
            arg = arg[1:-1]
        if len(arg) > 1 and arg.startswith("/") and (arg.endswith("/") or regex.search(r"/[a-z]+$", arg)):
            raise UnsupportedSelector(f"{op}…) with a regular expression ({arg}) has no CSS counterpart")
        quoted = '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'
        replacement = f":contains({quoted})"
        selector = selector[:start] + replacement + selector[close_at + 1:]
        start = selector.find(op, start + len(replacement))
    return selector


def _closing(text: str, open_at: int) -> int:
    depth, quote = 0, ""
    for i in range(open_at, len(text)):
        ch = text[i]
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return i
    return -1


def _domains(spec: str) -> tuple[list[str], list[str], str | None]:
    """(includes, excludes, problem) of `a.com,~b.a.com`."""
    includes: list[str] = []
    excludes: list[str] = []
    for raw in filter(None, (d.strip().lower() for d in spec.split(","))):
        negated = raw.startswith("~")
        name = raw[1:] if negated else raw
        if name.endswith(".*"):
            return [], [], f"domain {raw!r}: a wildcard top-level domain cannot be expressed as a host"
        try:
            name = name.encode("idna").decode("ascii") if not name.isascii() else name
        except UnicodeError:
            return [], [], f"domain {raw!r} is not a valid host name"
        if not _DOMAIN.match(name):
            return [], [], f"domain {raw!r} is not a host name"
        (excludes if negated else includes).append(name)
    return includes, excludes, None


def parse_list(path: Path, label: str, report: ImportReport) -> tuple[list[Hiding], list[_Exception]]:
    """Hiding rules and exceptions of one list file; everything else is counted."""
    from ..html.selectors import SelectorError, compile_selector

    hidings: list[Hiding] = []
    exceptions: list[_Exception] = []
    try:
        text = path.read_text(encoding="utf-8-sig", errors="strict")
    except UnicodeDecodeError as exc:
        report.add("(file)", "error", label, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
        return [], []
    except OSError as exc:
        report.add("(file)", "error", label, None, f"cannot read: {exc.strerror}")
        return [], []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("!") or (line.startswith("[") and line.endswith("]")):
            continue
        found = _COSMETIC.match(line)
        if found is None:
            report.count(KIND_NETWORK, "unsupported")
            continue
        sep, body = found["sep"], found["body"].strip()
        if sep.startswith("$") or "$" in sep or "%" in sep or body.startswith("+js(") or body.startswith("^"):
            kind = KIND_HTML if sep.startswith("$") or body.startswith("^") else KIND_SCRIPT
            report.count(kind, "unsupported")
            continue
        includes, excludes, problem = _domains(found["domains"])
        exception = "@" in sep
        kind = KIND_EXCEPTION if exception else (KIND_SITE if found["domains"].strip() else KIND_GENERIC)
        if problem:
            report.add(kind, "unsupported", label, number, f"{line}: {problem}")
            continue
        if not body:
            report.add(kind, "error", label, number, f"{line}: no selector after {sep}")
            continue
        try:
            selector = convert_selector(body)
        except UnsupportedSelector as exc:
            report.add(kind, "unsupported", label, number, f"{line}: {exc}")
            continue
        except ValueError as exc:
            report.add(kind, "error", label, number, f"{line}: malformed selector: {exc}")
            continue
        if exception:
            exceptions.append(_Exception(label, number, selector, includes))
            continue
        try:
            compile_selector(css=selector)
        except SelectorError as exc:
            # Lists are written for browsers: what cssselect cannot read in a :has() or a
            # case-insensitive attribute ([href*="x" i]) is its limit, not a broken line.
            limit = ":has(" in selector or regex.search(r"\s[iIsS]\s*\]", selector)
            status = "unsupported" if limit or "unsupported" in str(exc) or "pseudo-element" in str(exc) else "error"
            report.add(kind, status, label, number, f"{line}: {exc}")
            continue
        if not includes and excludes:
            report.add(kind, "unsupported", label, number, f"{line}: a generic rule with exceptions only "
                       "(~domain); cleaner's generic rules cannot leave out single sites")
            continue
        hidings.append(Hiding(label, number, selector, includes, excludes, line))
    return hidings, exceptions


def _apply_exceptions(hidings: list[Hiding], exceptions: list[_Exception], report: ImportReport) -> list[Hiding]:
    """Remove or narrow the hiding rules that exceptions name (same selector text)."""
    by_selector: dict[str, list[Hiding]] = {}
    for h in hidings:
        by_selector.setdefault(h.selector, []).append(h)
    dropped: set[int] = set()
    for ex in exceptions:
        targets = by_selector.get(ex.selector, [])
        report.count(KIND_EXCEPTION, "converted")
        for h in targets:
            if id(h) in dropped:
                continue
            if not ex.domains:
                dropped.add(id(h))
            elif h.generic:
                dropped.add(id(h))
                report.messages.append(_note(ex, f"{ex.selector!r} is excepted on {', '.join(ex.domains)}; cleaner's "
                                                 "generic rules cannot leave out single sites, so the generic rule "
                                                 f"({h.file}:{h.line}) is not imported"))
            else:
                _narrow(h, ex.domains)
                if not h.includes:
                    dropped.add(id(h))
    kept = [h for h in hidings if id(h) not in dropped]
    if dropped:
        report.count(KIND_EXCEPTED, "converted", len(dropped))
    return kept


def _note(ex: _Exception, text: str) -> Any:
    from .report import Message

    return Message(ex.file, ex.line, "warned", text)


def _narrow(h: Hiding, domains: list[str]) -> None:
    for d in domains:
        if d in h.includes or any(i.endswith("." + d) for i in h.includes):
            h.includes = [i for i in h.includes if i != d and not i.endswith("." + d)]
        elif any(d.endswith("." + i) for i in h.includes) and d not in h.excludes:
            h.excludes.append(d)


def _lists(paths: Iterable[str | Path]) -> Iterator[tuple[Path, str]]:
    for given in paths:
        path = Path(given)
        if not path.is_file():
            from ..errors import CleanerError

            raise CleanerError(f"{path}: no such filter list file; give your copy of the list (e.g. easylist.txt)")
        yield path, str(path)


def import_adblock(paths: Iterable[str | Path], out_dir: str | Path) -> ImportReport:
    report = ImportReport(format="adblock")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    hidings: list[Hiding] = []
    exceptions: list[_Exception] = []
    files = list(_lists(paths))
    for path, label in files:
        found, excepted = parse_list(path, label, report)
        hidings.extend(found)
        exceptions.extend(excepted)
    report.files = len(files)
    hidings = _apply_exceptions(hidings, exceptions, report)
    labels = {label: n for n, (_, label) in enumerate(files, start=1)}
    _write_generic(out, [h for h in hidings if h.generic], labels, report)
    _write_sites(out, [h for h in hidings if not h.generic], labels, report)
    for kind, what in ((KIND_NETWORK, "network rules"), (KIND_SCRIPT, "scriptlets and snippets"),
                       (KIND_HTML, "HTML filters")):
        skipped = report.counts.get(kind, {}).get("unsupported", 0)
        if skipped:
            report.notes.append(f"{skipped} {what} skipped: they act on requests, scripts or the raw response, "
                                "not on the text of a page")
    return report


def _id_prefix(file_label: str, labels: dict[str, int]) -> str:
    return "ADB" if len(labels) == 1 else f"ADB{labels[file_label]}"


def _rule(h: Hiding, pack_slug: str, labels: dict[str, int]) -> dict[str, Any]:
    return {
        "id": f"{_id_prefix(h.file, labels)}-{pack_slug}-L{h.line}",
        "name": "adblock-hiding",
        "category": "ads",
        "css": h.selector,
        "doc": {"what": f"Element-hiding rule {_short(h.text)}", "why": "The filter list hides it as an ad or "
                "annoyance."},
        "source": {"format": "adblock", "file": h.file, "line": h.line},
    }


def _short(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _write_generic(out: Path, hidings: list[Hiding], labels: dict[str, int], report: ImportReport) -> None:
    if not hidings:
        return
    classes: dict[str, None] = {}
    ids: dict[str, None] = {}
    rest: list[Hiding] = []
    for h in hidings:
        cls, el_id = _SIMPLE_CLASS.match(h.selector), _SIMPLE_ID.match(h.selector)
        if cls:
            classes[cls.group(1)] = None
        elif el_id:
            ids[el_id.group(1)] = None
        else:
            rest.append(h)
        report.count(KIND_GENERIC, "converted")
    strip: list[dict[str, Any]] = []
    sources = sorted({h.file for h in hidings})
    if classes or ids:
        rule: dict[str, Any] = {"id": "ADB-GENERIC-SET", "name": "adblock-generic-names", "category": "ads"}
        if classes:
            rule["classes"] = list(classes)
        if ids:
            rule["ids"] = list(ids)
        rule["doc"] = {"what": f"{len(classes)} class names and {len(ids)} ids that the filter list hides on every "
                               "site (##.name, ###name).",
                       "why": "The filter list hides them as ads or annoyances."}
        rule["source"] = {"format": "adblock", "file": ", ".join(sources)}
        strip.append(rule)
    strip.extend(_rule(h, "GENERIC", labels) for h in rest)
    data = {"pack": "adblock/generic", "description": f"Generic element-hiding rules imported from "
            f"{', '.join(sources)} (not shipped with cleaner: the list's licence is share-alike).",
            "html": {"strip": strip}}
    target = out / "generic.yaml"
    write_pack(target, data, _header(sources))
    report.packs.append(target)


def _write_sites(out: Path, hidings: list[Hiding], labels: dict[str, int], report: ImportReport) -> None:
    groups: dict[tuple[tuple[str, ...], tuple[str, ...]], list[Hiding]] = {}
    for h in hidings:
        groups.setdefault((tuple(sorted(h.includes)), tuple(sorted(h.excludes))), []).append(h)
        report.count(KIND_SITE, "converted")
    for (includes, excludes), members in sorted(groups.items()):
        name = includes[0]
        if len(includes) > 1 or excludes:
            digest = hashlib.sha1(repr((includes, excludes)).encode()).hexdigest()[:6]
            name = f"{includes[0]}-{digest}"
        slug = id_slug(name)
        hosts = [f".{d}" for d in includes] + [f"~.{d}" for d in excludes]
        sources = sorted({h.file for h in members})
        data = {"pack": f"adblock/{name}", "description": f"Element-hiding rules for {', '.join(includes)} imported "
                f"from {', '.join(sources)}.", "hosts": hosts,
                "html": {"strip": [_rule(h, slug, labels) for h in members]}}
        target = out / f"{name}.yaml"
        write_pack(target, data, _header(sources))
        report.packs.append(target)


def _header(sources: list[str]) -> str:
    return (f"# Imported by `cleaner rules import adblock` from {', '.join(sources)}.\n"
            "# Filter lists are share-alike licensed: keep these packs with your copy of the list, do not "
            "redistribute them\n# under other terms. Each rule's source names its line.\n")
