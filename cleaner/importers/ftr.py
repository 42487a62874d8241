"""FiveFilters (Full-Text RSS) site-config files -> native site packs.

A site config is a text file named after the host it serves, one `directive: value` per
line (`#` starts a comment). `example.com.txt` serves example.com and www.example.com;
`.example.com.txt` serves the subdomains (news.example.com), not example.com itself;
`global.txt` serves every site. The importer writes one pack per file:

| directive | becomes |
|---|---|
| `body`, `title`, `date`, `author` (XPath) | `html:` body/title/date/author rules |
| `strip` (XPath) | an `html.strip` rule |
| `strip_id_or_class` | an `html.strip` rule: whole class tokens and ids (`classes:`/`ids:`), or with `--id-or-class substring` FiveFilters' own substring test |
| `strip_image_src` | `img[src*="..."]` strip rule |
| `test_url` / `test_contains` | `fixtures:` (test_url entries, the page is not stored) |
| `find_string` + `replace_string`, `replace_string(find): replace` | `html.replace` (literal rewrites of the page source before parsing) |

Directives about fetching (next_page_link, http_header, login), DOM rewriting that does
not change the text (strip_attr, wrap_in, dissolve) and switches of FiveFilters' own
extractor (prune, tidy, autodetect_on_failure) have no counterpart: they are counted
as unsupported and listed, with the reason, per file.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex

from .report import ImportReport, id_slug, write_pack

__all__ = ["import_ftr", "parse_config", "ConfigLine", "FtrFile", "HOSTLESS"]

HOSTLESS = "global"  # global.txt: rules for every site

# name(arg): value, as FiveFilters reads it: the first "):" or ":" ends the directive.
_LINE = regex.compile(r"^(?P<name>[A-Za-z_][\w-]*)(?:\((?P<arg>.*?)\))?\s*:\s*(?P<value>.*)$")
_HOST = regex.compile(r"^[a-z0-9_-]+(?:\.[a-z0-9_-]+)*$")

_XPATH_ROLES = {"body": "body", "title": "title", "date": "date", "author": "author", "strip": "strip"}
_REWRITES = ("find_string", "replace_string")
_CONVERTED = (*_XPATH_ROLES, "strip_id_or_class", "strip_image_src", "test_url", "test_contains", *_REWRITES)

_NO_FETCH = "cleaner cleans the page it is given and fetches nothing"
UNSUPPORTED: dict[str, str] = {
    "single_page_link": f"follows a link to the single-page view; {_NO_FETCH}",
    "single_page_link_in_feed": f"follows a link to the single-page view; {_NO_FETCH}",
    "next_page_link": f"follows the next page of a multi-page article; {_NO_FETCH}",
    "autodetect_next_page": f"looks for a next page; {_NO_FETCH}",
    "if_page_contains": f"condition for single_page_link/next_page_link; {_NO_FETCH}",
    "http_header": f"an HTTP request header; {_NO_FETCH}",
    "login_uri": f"logs in before fetching; {_NO_FETCH}",
    "login_username_field": f"logs in before fetching; {_NO_FETCH}",
    "login_password_field": f"logs in before fetching; {_NO_FETCH}",
    "login_extra_fields": f"logs in before fetching; {_NO_FETCH}",
    "requires_login": f"logs in before fetching; {_NO_FETCH}",
    "not_logged_in_xpath": f"logs in before fetching; {_NO_FETCH}",
    "prune": "switches FiveFilters' readability clean-up of the body; cleaner's text rules always run on it",
    "tidy": "switches HTML Tidy before parsing; cleaner's parser reads broken markup as it is",
    "parser": "picks FiveFilters' HTML parser; cleaner always parses with lxml",
    "autodetect_on_failure": "cleaner always falls back to its generic main-content detector when no body rule "
                             "matches",
    "skip_json_ld": "cleaner's common metadata rules read JSON-LD on every page; a site pack cannot switch them off",
    "native_ad_clue": "marks the whole page as a native ad; cleaner gives no page-level verdict",
    "strip_attr": "removes attributes, not text",
    "post_strip_attr": "removes attributes, not text",
    "dissolve": "unwraps elements and keeps their text: the text does not change",
    "wrap_in": "wraps elements in another tag: the text does not change",
    "move_into": "moves elements into another: cleaner keeps the page's order",
    "convert_double_br_tags": "cleaner already starts a new line at every <br>",
    "insert_detected_image": "images carry no text",
    "src_lazy_load_attr": "images carry no text",
}
KNOWN = frozenset((*_CONVERTED, *UNSUPPORTED))

# The tiny page every XPath is tried on once: evaluation errors (unknown functions,
# undefined namespace prefixes) show up here, at import, not on every page later.
_PROBE = None


@dataclass(frozen=True)
class ConfigLine:
    """One directive line of a config file."""

    line: int
    name: str  # directive, lower-case
    arg: str | None  # replace_string(arg), http_header(arg)
    value: str


@dataclass
class FtrFile:
    """A parsed config: its host pattern, directive lines, and the file-level problems."""

    path: Path
    label: str  # the file as reported (path as given)
    hosts: list[str]
    lines: list[ConfigLine] = field(default_factory=list)


def parse_config(path: Path, label: str, report: ImportReport) -> FtrFile | None:
    """Read one file's directive lines; malformed lines are reported as errors (file:line)."""
    host = _host_pattern(path.name[:-4] if path.name.endswith(".txt") else path.name)
    if host is None:
        report.add("(file name)", "error", label, None,
                   "the file name is not a host name; name it example.com.txt, .example.com.txt or global.txt")
        return None
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        report.add("(file)", "error", label, None, f"not UTF-8 text ({exc.reason} at byte {exc.start})")
        return None
    except OSError as exc:
        report.add("(file)", "error", label, None, f"cannot read: {exc.strerror}")
        return None
    parsed = FtrFile(path=path, label=label, hosts=host)
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.strip()
        if not stripped or stripped.startswith("#"):
            continue
        found = _LINE.match(stripped)
        if found is None:
            report.add("(malformed)", "error", label, number,
                       f"malformed line {_short(stripped)!r}: a directive line is 'name: value' "
                       "(comments start with '#')")
            continue
        name, value = found["name"].lower(), found["value"].strip()
        if name in ("http", "https") and value.startswith("//"):
            report.add("(malformed)", "error", label, number,
                       f"a bare URL {_short(stripped)!r}; write test_url: {stripped}")
            continue
        if not value and name in _CONVERTED and name != "replace_string":  # empty replace: FiveFilters' "delete"
            report.add(name, "error", label, number, f"{name}: has no value; give one or remove the line")
            continue
        parsed.lines.append(ConfigLine(number, name, found["arg"], value))
    return parsed


def _host_pattern(stem: str) -> list[str] | None:
    """The pack's host patterns for a file name: example.com -> [example.com];
    .example.com -> [*.example.com] (subdomains only); global -> []."""
    stem = stem.lower()
    if stem == HOSTLESS:
        return []
    wildcard = stem.startswith(".")
    host = stem[1:] if wildcard else stem
    if not _HOST.match(host):
        return None
    return [f"*.{host}" if wildcard else host]


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- XPath checks ------------------------------------------------------------------------

def _probe() -> Any:
    global _PROBE
    if _PROBE is None:
        from lxml import html

        _PROBE = html.fromstring("<html><head><title>t</title></head><body><div class='a' id='b'><p>p</p>"
                                 "</div></body></html>").getroottree()
    return _PROBE


def check_xpath(expression: str) -> tuple[str | None, str | None]:
    """(error, kind of result): an error message if the XPath does not compile or run;
    the kind is 'elements', 'values' (attributes, text nodes) or 'scalar' (a string function)."""
    from lxml import etree

    try:
        compiled = etree.XPath(expression)
        result = compiled(_probe())
    except etree.XPathSyntaxError as exc:
        return f"invalid XPath {_short(expression)!r}: {exc}", None
    except etree.XPathError as exc:
        return f"XPath {_short(expression)!r} does not evaluate: {exc}", None
    if not isinstance(result, list):
        return None, "scalar"
    return None, "values" if _ends_in_values(expression) else "elements"


_VALUE_STEP = regex.compile(r"(?:/@[\w:*-]+|/text\(\)|/node\(\)|/comment\(\))\s*\)*\s*$")


def _ends_in_values(expression: str) -> bool:
    """Whether every branch of a union picks attributes or text nodes (`.../@content`)."""
    return all(_VALUE_STEP.search(part) for part in _union_parts(expression))


def _union_parts(expression: str) -> Iterator[str]:
    """Top-level `|` branches (not inside brackets, parentheses or quotes)."""
    depth, quote, start = 0, "", 0
    for i, ch in enumerate(expression):
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch in "[(":
            depth += 1
        elif ch in "])":
            depth -= 1
        elif ch == "|" and depth == 0:
            yield expression[start:i]
            start = i + 1
    yield expression[start:]


# -- conversion ---------------------------------------------------------------------------

@dataclass
class _Pack:
    """The rules of one file as they are converted."""

    html: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    fixtures: list[dict[str, Any]] = field(default_factory=list)
    replace: list[dict[str, Any]] = field(default_factory=list)  # html.replace
    not_imported: list[str] = field(default_factory=list)


class _Converter:
    def __init__(self, report: ImportReport, id_or_class: str) -> None:
        self.report = report
        self.id_or_class = id_or_class
        self.slugs: dict[str, str] = {}  # id prefix -> file that uses it

    def prefix(self, parsed: FtrFile) -> str:
        if not parsed.hosts:
            base = "FTR-GLOBAL"
        elif parsed.hosts[0].startswith("*."):
            base = "FTR-ANY-" + id_slug(parsed.hosts[0][2:])
        else:
            base = "FTR-" + id_slug(parsed.hosts[0])
        prefix, n = base, 1
        while prefix in self.slugs:  # a-b.com and a.b.com slug alike
            n += 1
            prefix = f"{base}-V{n}"
        self.slugs[prefix] = parsed.label
        return prefix

    def convert(self, parsed: FtrFile) -> _Pack:
        out = _Pack()
        prefix = self.prefix(parsed)
        last_fixture: dict[str, Any] | None = None
        rewrites: list[ConfigLine] = []
        for item in parsed.lines:
            if item.name == "test_url":
                last_fixture = {"name": f"test_url at line {item.line}", "test_url": item.value}
                out.fixtures.append(last_fixture)
                self.report.count("test_url", "converted")
            elif item.name == "test_contains":
                if last_fixture is None:
                    self._skip(out, parsed, item, "warned", "test_contains before any test_url; it has no page to "
                                                             "belong to")
                    continue
                last_fixture.setdefault("contains", []).append(item.value)
                self.report.count("test_contains", "converted")
            elif item.name in _XPATH_ROLES:
                self._xpath_rule(out, parsed, item, prefix)
            elif item.name == "strip_id_or_class":
                self._id_or_class(out, parsed, item, prefix)
            elif item.name == "strip_image_src":
                value = item.value.replace("'", "").replace('"', "")
                out.html.setdefault("strip", []).append(self._rule(
                    parsed, item, prefix, "ftr-strip-image-src", css=f'img[src*="{_css_string(value)}"]',
                    what=f"Images whose src contains {value!r} (FiveFilters strip_image_src)."))
                self.report.count(item.name, "converted")
            elif item.name in _REWRITES:
                rewrites.append(item)
            elif item.name in UNSUPPORTED:
                self._skip(out, parsed, item, "unsupported", UNSUPPORTED[item.name])
            else:
                self._skip(out, parsed, item, "warned", _unknown(item.name))
        self._rewrites(out, parsed, rewrites)
        return out

    def _rewrites(self, out: _Pack, parsed: FtrFile, items: list[ConfigLine]) -> None:
        """find_string/replace_string lines -> html.replace pairs.

        FiveFilters keeps two lists, finds and replacements in file order (the one-line
        `replace_string(find): replace` adds to both), pairs them by position and applies
        none of them when the lists differ in length: so does the importer."""
        finds: list[tuple[ConfigLine, str]] = []
        replaces: list[str] = []
        for item in items:
            if item.name == "replace_string" and item.arg is not None:
                finds.append((item, item.arg))
                replaces.append(item.value)
            elif item.name == "find_string":
                finds.append((item, item.value))
            else:
                replaces.append(item.value)
        why = self._rewrite_problem(finds, replaces)
        if why:
            for item in items:
                self.report.add(item.name, "error", parsed.label, item.line, f"{_text(item)}: {why}")
                out.not_imported.append(f"line {item.line} error: {_short(_text(item), 100)} ({why})")
            return
        for (item, find), replace in zip(finds, replaces):
            out.replace.append({"find": find, "replace": replace,
                                "source": {"format": "ftr", "file": parsed.label, "line": item.line}})
        for item in items:
            self.report.count(item.name, "converted")

    @staticmethod
    def _rewrite_problem(finds: list[tuple[ConfigLine, str]], replaces: list[str]) -> str | None:
        from ..html.rewrite import MAX_REWRITE_CHARS, MAX_REWRITES

        if len(finds) != len(replaces):
            return (f"{len(finds)} find_string but {len(replaces)} replace_string lines; FiveFilters pairs them in "
                    "order and applies none when the counts differ, so none is imported: give each find_string "
                    "its replace_string")
        if len(finds) > MAX_REWRITES:
            return f"{len(finds)} find/replace pairs, more than the {MAX_REWRITES} a pack may have; none is imported"
        if any(not find for _, find in finds):
            return "an empty find string (replace_string() with nothing between the parentheses); none is imported"
        longest = max([len(t) for _, t in finds] + [len(t) for t in replaces], default=0)
        if longest > MAX_REWRITE_CHARS:
            return (f"a find or replace string of {longest:,} characters, more than {MAX_REWRITE_CHARS:,}; "
                    "none is imported")
        return None

    def _skip(self, out: _Pack, parsed: FtrFile, item: ConfigLine, status: str, why: str) -> None:
        directive = item.name if item.name in KNOWN else f"{item.name} (unknown)"
        self.report.add(directive, status, parsed.label, item.line, f"{_text(item)}: {why}")
        out.not_imported.append(f"line {item.line} {status}: {_short(_text(item), 100)} ({why})")

    def _xpath_rule(self, out: _Pack, parsed: FtrFile, item: ConfigLine, prefix: str) -> None:
        role = _XPATH_ROLES[item.name]
        error, kind = check_xpath(item.value)
        if error:
            self.report.add(item.name, "error", parsed.label, item.line, f"{error}; fix the expression")
            out.not_imported.append(f"line {item.line} error: {error}")
            return
        if role in ("body", "strip") and kind != "elements":
            picks = "a string" if kind == "scalar" else "attributes or text nodes"
            why = (f"the XPath picks {picks}, not elements; cleaner {'strips' if role == 'strip' else 'keeps'} "
                   "whole elements")
            self._skip(out, parsed, item, "unsupported", why)
            return
        what = {
            "body": "The article container (FiveFilters body).",
            "strip": "Elements FiveFilters strips from this site's pages.",
            "title": "The headline (FiveFilters title).",
            "date": "The publication date (FiveFilters date).",
            "author": "The author (FiveFilters author).",
        }[role]
        out.html.setdefault(role, []).append(self._rule(parsed, item, prefix, f"ftr-{role}", xpath=item.value,
                                                        what=what))
        self.report.count(item.name, "converted")

    def _id_or_class(self, out: _Pack, parsed: FtrFile, item: ConfigLine, prefix: str) -> None:
        value = item.value.replace("'", "").replace('"', "").strip()
        if not value:
            self.report.add(item.name, "error", parsed.label, item.line, "strip_id_or_class: has no name once quotes "
                            "are removed")
            return
        what = f"Elements whose class or id {'contains' if self.id_or_class == 'substring' else 'is'} {value!r}."
        if self.id_or_class == "substring":  # FiveFilters' own test: contains(@class, 'x') or contains(@id, 'x')
            s = _css_string(value)
            rule = self._rule(parsed, item, prefix, "ftr-strip-id-or-class", css=f'[class*="{s}"], [id*="{s}"]',
                              what=what)
        elif " " in value:  # several class tokens in this order, as graby reads them
            literal = _xpath_string(f" {' '.join(value.split())} ")
            rule = self._rule(parsed, item, prefix, "ftr-strip-id-or-class", what=what,
                              xpath=f"//*[contains(concat(' ', normalize-space(@class), ' '), {literal})]")
        else:
            rule = self._rule(parsed, item, prefix, "ftr-strip-id-or-class", classes=[value], ids=[value], what=what)
        out.html.setdefault("strip", []).append(rule)
        self.report.count(item.name, "converted")

    def _rule(self, parsed: FtrFile, item: ConfigLine, prefix: str, name: str, *, what: str,
              **selector: Any) -> dict[str, Any]:
        role = _XPATH_ROLES.get(item.name, "strip")
        rule: dict[str, Any] = {"id": f"{prefix}-L{item.line}", "name": name}
        if role in ("strip", "body"):
            rule["category"] = "other"
        rule.update(selector)
        why = {
            "strip": "The site config's authors mark it as not article text.",
            "body": "Everything outside it is the site around the article.",
        }.get(role, "The site config names where this value is.")
        rule["doc"] = {"what": what, "why": why}
        rule["source"] = {"format": "ftr", "file": parsed.label, "line": item.line}
        return rule


def _unknown(name: str) -> str:
    close = difflib.get_close_matches(name, sorted(KNOWN), n=1, cutoff=0.75)
    hint = f"; did you mean {close[0]}?" if close else ""
    return f"unknown directive {name!r}, line not imported{hint}"


def _text(item: ConfigLine) -> str:
    arg = f"({item.arg})" if item.arg is not None else ""
    return f"{item.name}{arg}: {item.value}"


def _printable(text: str) -> str:
    """Control characters (a replace_string of \\x02) as escapes: YAML comments refuse them."""
    return "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)


def _css_string(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"')


def _xpath_string(value: str) -> str:
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    return "concat(" + ", \"'\", ".join(f"'{p}'" for p in value.split("'")) + ")"


# -- files and hosts -------------------------------------------------------------------------

def config_files(paths: Iterable[str | Path]) -> list[tuple[Path, str]]:
    """(file, label) for every site config named: files as given, directories' *.txt files
    (LICENSE.txt and README files are not configs)."""
    found: list[tuple[Path, str]] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for file in sorted(path.iterdir()):
                if file.suffix == ".txt" and file.is_file() and file.name.upper() not in ("LICENSE.TXT", "README.TXT"):
                    found.append((file, str(file)))
        elif path.is_file():
            found.append((path, str(path)))
        else:
            from ..errors import CleanerError

            raise CleanerError(f"{path}: no such file or directory; give site-config files (example.com.txt) or "
                               "a directory of them")
    return found


def _exclusions(files: list[FtrFile]) -> None:
    """A `.example.com` file does not serve hosts that have their own file (FiveFilters
    picks the most specific file): add `~host` for each to the wildcard pack's hosts."""
    exact = {f.hosts[0] for f in files if f.hosts and not f.hosts[0].startswith("*.")}
    wild = {f.hosts[0][2:] for f in files if f.hosts and f.hosts[0].startswith("*.")}
    for f in files:
        if not f.hosts or not f.hosts[0].startswith("*."):
            continue
        domain = f.hosts[0][2:]
        suffix = "." + domain
        for host in sorted(exact):
            bare = host[4:] if host.startswith("www.") else host
            if host.endswith(suffix) and bare != domain:
                f.hosts.append(f"~{host}")
        for other in sorted(wild):
            if other.endswith(suffix):
                f.hosts.append(f"~*.{other}")


def _pack_file(out_dir: Path, parsed: FtrFile) -> Path:
    stem = parsed.path.name[:-4] if parsed.path.name.endswith(".txt") else parsed.path.name
    return out_dir / f"{stem.lower()}.yaml"


def import_ftr(paths: Iterable[str | Path], out_dir: str | Path, *, id_or_class: str = "token") -> ImportReport:
    """Convert site-config files (or directories of them) into packs in `out_dir`."""
    report = ImportReport(format="ftr")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    parsed = [p for p in (parse_config(f, label, report) for f, label in config_files(paths)) if p is not None]
    report.files = len(parsed)
    _exclusions(parsed)
    converter = _Converter(report, id_or_class)
    for item in parsed:
        pack = converter.convert(item)
        target = _pack_file(out, item)
        write_pack(target, _pack_data(item, pack), _header(item, pack))
        report.packs.append(target)
    return report


def _pack_data(parsed: FtrFile, pack: _Pack) -> dict[str, Any]:
    stem = parsed.path.name[:-4].lower() if parsed.path.name.endswith(".txt") else parsed.path.name.lower()
    name = "ftr/" + (stem[1:] + "-subdomains" if stem.startswith(".") else stem)
    data: dict[str, Any] = {"pack": name}
    served = ("every site" if not parsed.hosts else
              f"the subdomains of {parsed.hosts[0][2:]}" if parsed.hosts[0].startswith("*.") else parsed.hosts[0])
    data["description"] = f"Imported from the FiveFilters site config {parsed.path.name} ({served})."
    if parsed.hosts:
        data["hosts"] = parsed.hosts
    if pack.html or pack.replace:
        data["html"] = {**pack.html, **({"replace": pack.replace} if pack.replace else {})}
    if pack.fixtures:
        data["fixtures"] = pack.fixtures
    return data


def _header(parsed: FtrFile, pack: _Pack) -> str:
    lines = [f"# Imported by `cleaner rules import ftr` from {parsed.label}",
             "# (FiveFilters ftr-site-config, public domain / CC0). Each rule's source names its line."]
    if pack.not_imported:
        lines.append("# Not imported:")
        lines.extend(f"#   {_printable(entry)}" for entry in pack.not_imported)
    return "\n".join(lines) + "\n"
