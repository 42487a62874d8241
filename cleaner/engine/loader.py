"""Load rule packs from YAML with a safe loader, validate them, and build the model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jsonschema
import regex
import yaml

from ..errors import RuleError
from .lint import backtracking_risk, matches_empty
from .patterns import CheckedPatterns, LazyPattern, compile_pattern
from .model import Examples, Fixture, HtmlRule, Match, Pack, Rule, RuleDoc, Source, StructureRule
from .schema import PACK_SCHEMA

__all__ = ["load_pack", "load_pack_text", "load_packs", "pack_files", "shipped_rules_dir", "duplicate_ids",
           "header_hosts", "check_unique_ids"]

_LINE_KEY = "__line__"
_VALIDATOR = jsonschema.Draft202012Validator(PACK_SCHEMA)


# libyaml's parser when PyYAML has it (10x faster on the shipped packs), same safe constructor.
_SAFE_BASE: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SAFE_BASE):  # type: ignore[misc,valid-type]
    """SafeLoader that remembers the line of every mapping (for error messages)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=True)
        mapping[_LINE_KEY] = node.start_mark.line + 1
        return mapping


def shipped_rules_dir() -> Path:
    """The rule packs shipped with cleaner: inside the wheel, or the checkout's rules/."""
    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "rules", here.parent / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError("shipped rule packs not found (is the installation complete?)", file=str(here / "rules"))


def pack_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every pack file named by `paths`: files as given, directories searched recursively."""
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml")))
        elif path.is_file():
            files.append(path)
        else:
            raise RuleError("no such rule file or directory; check the path (a pack is a .yaml file, "
                            "or give a directory of them)", file=str(path))
    # A file named twice (the shipped rules/ and `--rules rules/sites/x.yaml`) loads once.
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(file.resolve(), file)
    return list(unique.values())


def load_packs(paths: Iterable[str | Path]) -> list[Pack]:
    """Load and validate all packs under `paths`; rule ids must be unique across them."""
    packs = [load_pack(f) for f in pack_files(paths)]
    check_unique_ids(packs)
    return packs


# -- cheap host index (lazy per-host loading, see RuleBook.load) ---------------------------
_TOP_HOSTS = regex.compile(r"^hosts[ \t]*:(.*)$", regex.MULTILINE)
_HOST_PATTERN = regex.compile(PACK_SCHEMA["properties"]["hosts"]["items"]["pattern"])
# Column-0 lines a plain block mapping never has: flow mappings, complex keys, directives,
# several documents. A file with one is parsed in full, never read by its header.
_NOT_PLAIN = regex.compile(r"^(?:[{?%\[&*!]|---|\.\.\.)", regex.MULTILINE)


def header_hosts(text: str) -> tuple[str, ...] | None:
    """The `hosts:` of a pack read without parsing the whole file, or None when that cannot
    be done with certainty (no or several top-level `hosts:`, YAML beyond a plain block
    mapping, a value that is not a list of host patterns): the caller then parses it.

    A top-level key starts at column 0 and its value's lines are indented (or block-list
    dashes), so the `hosts:` line and the lines after it up to the next column-0 key
    are the whole value."""
    found = list(_TOP_HOSTS.finditer(text))
    if len(found) != 1 or _NOT_PLAIN.search(text):
        return None
    end = found[0].end()
    for line in regex.finditer(r"\n([^\n]*)", text[end:]):
        first = line[1][:1]
        if first and first not in " \t-#":
            end += line.start()
            break
    else:
        end = len(text)
    try:
        value = yaml.load(text[found[0].start():end], Loader=_SAFE_BASE)  # noqa: S506 - a SafeLoader
    except yaml.YAMLError:
        return None
    hosts = value.get("hosts") if isinstance(value, dict) else None
    if not isinstance(hosts, list) or not all(isinstance(h, str) and _HOST_PATTERN.match(h) for h in hosts):
        return None
    return tuple(h.lower() for h in hosts)


def load_pack(path: str | Path) -> Pack:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"cannot read pack: {exc}", file=str(path)) from exc
    pack = load_pack_text(text, str(path))
    _CHECKED.save()
    return pack


def load_pack_text(text: str, file: str) -> Pack:
    raw = _parse_yaml(text, file)
    lines = _collect_lines(raw)
    data = _plain(raw)
    _validate(data, lines, file)
    return _build_pack(data, lines, file)


def _parse_yaml(text: str, file: str) -> Any:
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - _LineLoader is a SafeLoader
    except yaml.constructor.ConstructorError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise RuleError(f"YAML tag not allowed in rule files ({exc.problem}); remove the '!' tag and write "
                        "plain strings, lists and mappings", file=file, line=line) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RuleError(f"invalid YAML: {getattr(exc, 'problem', exc)}; check indentation and quoting at this line "
                        "(single-quote regexes so backslashes stay literal)", file=file,
                        line=mark.line + 1 if mark else None) from exc
    except ValueError as exc:  # a date-like scalar that is no date: valid_from: 2024-13-45
        raise RuleError(f"invalid value ({exc}); write dates as YYYY-MM-DD with a real month and day",
                        file=file) from exc
    if not isinstance(data, dict):
        raise RuleError("a pack must be a mapping with at least a 'pack' key", file=file, line=1)
    return data


def _collect_lines(raw: dict[str, Any]) -> dict[tuple[str, int], int]:
    """Line numbers of each rule and structure rule, keyed by (section, index)."""
    lines: dict[tuple[str, int], int] = {}
    for section in ("rules", "structure", "fixtures"):
        items = raw.get(section)
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, dict):
                    lines[(section, i)] = item.get(_LINE_KEY, 0)
    html = raw.get("html")
    if isinstance(html, dict):
        for role, items in html.items():
            if isinstance(items, list):
                for i, item in enumerate(items):
                    if isinstance(item, dict):
                        lines[(f"html.{role}", i)] = item.get(_LINE_KEY, 0)
    return lines


def _plain(value: Any) -> Any:
    """Drop line markers and turn YAML dates into ISO strings, recursively."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != _LINE_KEY}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return value


def _validate(data: dict[str, Any], lines: dict[tuple[str, int], int], file: str) -> None:
    errors = sorted(_VALIDATOR.iter_errors(data), key=lambda e: list(e.absolute_path).__len__())
    if not errors:
        return
    raise _locate(jsonschema.exceptions.best_match(errors), data, lines, file)


def schema_problems(data: dict[str, Any], lines: dict[tuple[str, int], int], file: str) -> list[RuleError]:
    """Every schema violation in a pack, each located (`cleaner rules check` lists them all)."""
    return [_locate(jsonschema.exceptions.best_match([e]), data, lines, file) for e in _VALIDATOR.iter_errors(data)]


def _locate(error: jsonschema.ValidationError, data: dict[str, Any], lines: dict[tuple[str, int], int],
            file: str) -> RuleError:
    path = list(error.absolute_path)
    rule_id = line = None
    if len(path) >= 2 and path[0] in ("rules", "structure", "fixtures") and isinstance(path[1], int):
        item = data[path[0]][path[1]]
        rule_id = item.get("id") if isinstance(item, dict) else None
        line = lines.get((path[0], path[1]))
        field = ".".join(str(p) for p in (path if path[0] == "fixtures" else path[2:])) or None
    elif len(path) >= 3 and path[0] == "html" and isinstance(path[2], int):
        item = data["html"][path[1]][path[2]]
        rule_id = item.get("id") if isinstance(item, dict) else None
        line = lines.get((f"html.{path[1]}", path[2]))
        field = ".".join(str(p) for p in path[3:]) or None
    else:
        field = ".".join(str(p) for p in path) or None
    return RuleError(_explain(error), file=file, line=line, rule_id=rule_id, field=field)


_PATTERN_HINTS = {
    "id": "ids are UPPER-CASE words or numbers joined by dashes, e.g. DE-NAV-012 "
          "(`cleaner rules new --pack PACK` prints an unused one)",
    "name": "names are lower-case words joined by dashes and name the pattern, e.g. comment-form-heading",
    "pack": "pack names are lower-case, e.g. de/comments or sites/example.com",
    "lang": "use a two- or three-letter lower-case language code, e.g. de",
    "hosts": "write bare lower-case host names, e.g. example.com or .example.com for every subdomain",
    "valid_from": "write dates as YYYY-MM-DD",
    "valid_until": "write dates as YYYY-MM-DD",
    "date": "write dates as YYYY-MM-DD",
}


def _explain(error: jsonschema.ValidationError) -> str:
    """The schema error as a sentence that says what is wrong and how to fix it."""
    keys = [p for p in error.absolute_path if isinstance(p, str)]
    last = keys[-1] if keys else ""
    if error.validator == "enum":
        what = "categories are a closed list" if last == "category" else "the allowed values"
        return (f"{error.instance!r} is not one of {', '.join(map(str, error.validator_value))}; use one of them "
                f"({what}, see docs/packs.md)")
    if error.validator == "additionalProperties":
        return f"{error.message}; remove it or fix its spelling (docs/packs.md lists every key)"
    if error.validator == "oneOf" and error.schema is PACK_SCHEMA["properties"]["rules"]["items"]["properties"]["match"]:
        return "match needs exactly one of 'exact', 'prefix' or 'regex'; keep one of them"
    if error.validator == "required":
        missing = next((k for k in error.validator_value if isinstance(error.instance, dict) and k not in error.instance),
                       "")
        hint = {
            "doc": "add doc: {what: ..., why: ...}: what the rule recognises and why it is cruft",
            "what": "add doc.what: what the rule recognises",
            "why": "add doc.why: why it is cruft",
            "examples": "add examples: {drop: [a line it removes], keep: [a body line it must keep]}",
            "match": "add match: {exact: [...]}, {prefix: [...]} or {regex: '...'}",
            "action": "add action: drop-line (or drop-span, drop-block, drop-rest, drop-until, drop-next)",
            "category": "add category: one of " + ", ".join(PACK_SCHEMA["properties"]["rules"]["items"]
                                                              ["properties"]["category"]["enum"]),
            "pack": "add pack: <name>, e.g. sites/example.com",
        }.get(missing, f"add '{missing}'")
        return f"{error.message}; {hint}"
    if error.validator == "pattern":
        return f"{error.instance!r} has the wrong form; {_PATTERN_HINTS.get(last, 'see docs/packs.md')}"
    if error.validator == "minLength":
        return f"{last or 'value'} is empty; fill it in"
    if error.validator == "minItems":
        return f"{last or 'list'} is empty; give at least one entry"
    if error.validator == "type":
        shape = {"array": "a list, e.g. [a, b]", "object": "a mapping, e.g. {key: value}", "string": "a string",
                 "integer": "a whole number"}.get(str(error.validator_value), str(error.validator_value))
        return f"{error.instance!r} should be {shape}"
    if error.validator == "maxLength":
        return f"{last or 'value'} is longer than {error.validator_value:,} characters; shorten it"
    if error.validator == "maxItems":
        return f"{last or 'list'} has more than {error.validator_value:,} entries; split or shorten it"
    if error.validator in ("minimum", "maximum"):
        return f"{error.message}; use a value in the allowed range"
    if error.validator in ("anyOf", "allOf") and "fixtures" in [p for p in error.absolute_path]:
        return ("a fixture needs an input (input, input_file, or the test_url of an imported config) and an "
                "expectation (output, contains or not_contains)")
    return error.message


def _build_pack(data: dict[str, Any], lines: dict[tuple[str, int], int], file: str) -> Pack:
    name = data["pack"]
    rules = tuple(_build_rule(r, name, file, lines.get(("rules", i))) for i, r in enumerate(data.get("rules", [])))
    structure = tuple(
        _build_structure(s, name, file, lines.get(("structure", i))) for i, s in enumerate(data.get("structure", []))
    )
    return Pack(
        name=name,
        file=file,
        lang=data.get("lang"),
        hosts=tuple(h.lower() for h in data.get("hosts", [])),
        description=data.get("description", ""),
        rules=rules,
        structure=structure,
        stopwords=tuple(data.get("stopwords", [])),
        months={k.casefold(): v for k, v in data.get("months", {}).items()},
        valid_from=_date(data.get("valid_from"), file, "valid_from"),
        valid_until=_date(data.get("valid_until"), file, "valid_until"),
        fixtures=tuple(_build_fixture(f, i, file, lines.get(("fixtures", i)))
                       for i, f in enumerate(data.get("fixtures", []))),
        html=tuple(_build_html_rule(r, role, i, name, file, lines.get((f"html.{role}", i)))
                   for role, items in data.get("html", {}).items() if role != "replace"
                   for i, r in enumerate(items)),
        replace=_build_rewrites(data, file, lines),
    )


def _build_rewrites(data: dict[str, Any], file: str, lines: dict[tuple[str, int], int]) -> tuple[Any, ...]:
    """`html.replace`: literal source rewrites (bounds in the schema, see cleaner/html/rewrite.py)."""
    items = data.get("html", {}).get("replace", [])
    if not items:
        return ()
    if data.get("lang") and not data.get("hosts"):
        raise RuleError("html.replace runs before the page's language is known, so a language pack cannot have it; "
                        "put it in a site pack (hosts:) or a pack without lang", file=file,
                        line=lines.get(("html.replace", 0)), field="html.replace")
    from ..html.rewrite import Rewrite

    return tuple(Rewrite(find=r["find"], replace=r["replace"], source=_source(r, file, lines.get(("html.replace", i))))
                 for i, r in enumerate(items))


def _build_html_rule(data: dict[str, Any], role: str, index: int, pack: str, file: str,
                     line: int | None) -> HtmlRule:
    """An `html:` rule: its selector compiled and role-specific keys checked."""
    from ..html.selectors import SelectorError, compile_selector  # HTML support, loaded on demand

    rule_id = data["id"]

    def fail(message: str, field: str) -> RuleError:
        return RuleError(message, file=file, line=line, rule_id=rule_id, field=field)

    css, xpath = data.get("css"), data.get("xpath")
    classes, ids = tuple(data.get("classes", ())), tuple(data.get("ids", ()))
    given = [k for k in ("css", "xpath", "classes", "ids") if data.get(k)]
    selector = None
    if role == "main":
        if given:
            raise fail("a main-content rule has no selector; tune it with params", given[0])
    else:
        if css and xpath or (css or xpath) and (classes or ids):
            raise fail("give one selector: css, xpath, or classes/ids", given[-1])
        if (classes or ids) and role != "strip":
            raise fail("classes/ids select elements to strip; other roles need css or xpath", given[0])
        if not given:
            raise fail(f"an html {role} rule needs a selector; add css: '<selector>' or xpath: '<expression>'", "css")
        try:
            selector = compile_selector(css=css, xpath=xpath, classes=classes, ids=ids)
        except SelectorError as exc:
            raise fail(f"{exc}; fix the selector", given[0]) from exc
    if role == "strip" and "category" not in data:
        raise fail("a strip rule needs a category (what its removals count as)", "category")
    examples = _examples(data.get("examples", {}))
    # Imported rules (`source: {format: ftr}`) carry their provenance instead of examples.
    imported = data.get("source", {}).get("format", "native") != "native"
    if role == "strip" and not imported:
        if not (examples.drop or examples.cases or examples.known_miss_drop):
            raise fail("needs at least one example it drops; add an HTML snippet with an element it removes "
                       "to examples.drop", "examples.drop")
        if not (examples.keep or examples.cases or examples.known_miss_keep):
            raise fail("needs at least one example it must keep; add an HTML snippet it must leave alone "
                       "to examples.keep", "examples.keep")
    return HtmlRule(
        id=rule_id, name=data["name"], role=role, category=data.get("category", "other"),
        doc=RuleDoc(**data["doc"]), examples=examples, pack=pack, source=_source(data, file, line),
        css=css, xpath=xpath, classes=classes, ids=ids, attr=data.get("attr"), json=tuple(data.get("json", [])),
        params=dict(data.get("params", {})), selector=selector,
    )


def _build_fixture(data: dict[str, Any], index: int, file: str, line: int | None) -> Fixture:
    return Fixture(
        name=data.get("name") or f"fixture {index + 1}",
        url=data.get("url"),
        published=_date(data.get("date"), file, f"fixtures.{index}.date"),
        input=data.get("input"),
        input_file=data.get("input_file"),
        test_url=data.get("test_url"),
        output=data.get("output"),
        contains=tuple(data.get("contains", [])),
        not_contains=tuple(data.get("not_contains", [])),
        line=line,
    )


def _date(value: str | None, file: str, field: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise RuleError(f"not a date: {value!r}; write a real calendar date as YYYY-MM-DD", file=file,
                        field=field) from exc


def _examples(data: dict[str, Any]) -> Examples:
    misses = data.get("known_misses", {})
    return Examples(
        drop=tuple(data.get("drop", [])),
        keep=tuple(data.get("keep", [])),
        known_miss_drop=tuple(misses.get("drop", [])),
        known_miss_keep=tuple(misses.get("keep", [])),
        cases=tuple((c["input"], c["output"]) for c in data.get("cases", [])),
    )


def _source(data: dict[str, Any], file: str, line: int | None) -> Source:
    given = data.get("source")
    if given:
        return Source(file=given.get("file", file), line=given.get("line"), format=given["format"])
    return Source(file=file, line=line)


def _build_rule(data: dict[str, Any], pack: str, file: str, line: int | None) -> Rule:
    rule_id = data["id"]
    match = _build_match(data["match"])
    pattern = _compile(match.source_pattern(), match, file, line, rule_id, "match")
    where = data.get("where", {})
    action = data["action"]
    until_pattern = None
    if action == "drop-until":
        if "until" not in data:
            raise RuleError("action drop-until needs an 'until' pattern; add until: '<regex of the line where "
                            "dropping stops>'", file=file, line=line,
                            rule_id=rule_id, field="until")
        until_pattern = _compile(data["until"], match, file, line, rule_id, "until")
    nxt = data.get("next", {})
    rule = Rule(
        id=rule_id,
        name=data["name"],
        category=data["category"],
        match=match,
        action=action,
        doc=RuleDoc(**data["doc"]),
        examples=_examples(data["examples"]),
        pack=pack,
        source=_source(data, file, line),
        region=where.get("region", "anywhere"),
        min_words=where.get("min_words"),
        max_words=where.get("max_words"),
        max_chars=where.get("max_chars"),
        until=data.get("until"),
        next_max_lines=nxt.get("max_lines", 3),
        next_max_words=nxt.get("max_words", 16),
        pattern=pattern,
        until_pattern=until_pattern,
    )
    _require_examples(rule, file, line)
    return rule


def _build_match(data: dict[str, Any]) -> Match:
    case_sensitive = data.get("case", "insensitive") == "sensitive"
    for kind in ("exact", "prefix", "regex"):
        if kind in data:
            value = data[kind]
            patterns = (value,) if isinstance(value, str) else tuple(value)
            return Match(kind=kind, patterns=patterns, case_sensitive=case_sensitive)  # type: ignore[arg-type]
    raise AssertionError("schema guarantees one match kind")


_CHECKED = CheckedPatterns()


def _compile(source: str, match: Match, file: str, line: int | None, rule_id: str,
             field: str) -> regex.Pattern[str] | LazyPattern:
    """The rule's pattern once it passed the checks: compiled now the first time; on later
    loads (the verdict is cached) a LazyPattern, compiled when a pipeline using it is set up."""
    flags = 0 if match.case_sensitive else regex.IGNORECASE | regex.FULLCASE
    key = CheckedPatterns.key(source, flags, field)
    known = _CHECKED.flags_of(key)
    if known is not None:
        return LazyPattern(source, flags, known)
    try:
        pattern = compile_pattern(source, flags)
    except (regex.error, TypeError, ValueError, OverflowError) as exc:
        raise RuleError(f"pattern does not compile: {exc}; fix the regex syntax (single-quote it in YAML so "
                        "backslashes stay literal)", file=file, line=line, rule_id=rule_id, field=field) from exc
    risk = backtracking_risk(source)
    if risk:
        raise RuleError(f"pattern prone to catastrophic backtracking ({risk}); "
                        "bound the repeats (e.g. {1,5}) or remove the ambiguity",
                        file=file, line=line, rule_id=rule_id, field=field)
    if field == "match" and matches_empty(pattern):
        raise RuleError("pattern matches the empty line; anchor it or require at least one character",
                        file=file, line=line, rule_id=rule_id, field=field)
    _CHECKED.add(key, pattern.flags)
    return pattern


def _require_examples(rule: Rule, file: str, line: int | None) -> None:
    ex = rule.examples
    if not (ex.drop or ex.cases or ex.known_miss_drop):
        raise RuleError("needs at least one example it drops; add a line it removes to examples.drop",
                        file=file, line=line,
                        rule_id=rule.id, field="examples.drop")
    if not (ex.keep or ex.cases or ex.known_miss_keep):
        raise RuleError("needs at least one example it must keep; add a body line it must leave alone to "
                        "examples.keep", file=file, line=line,
                        rule_id=rule.id, field="examples.keep")


def _build_structure(data: dict[str, Any], pack: str, file: str, line: int | None) -> StructureRule:
    from ..passes.structure import DETECTORS  # registry of built-in detectors

    detector = data["detector"]
    if detector not in DETECTORS:
        raise RuleError(f"unknown detector {detector!r}; use one of {', '.join(sorted(DETECTORS))}",
                        file=file, line=line, rule_id=data["id"], field="detector")
    ex = _examples(data["examples"])
    if not ex.cases:
        raise RuleError("a structure rule needs at least one example case; add examples.cases: "
                        "[{input: <document>, output: <cleaned document>}]",
                        file=file, line=line, rule_id=data["id"], field="examples.cases")
    return StructureRule(
        id=data["id"], name=data["name"], category=data["category"], detector=detector,
        params=dict(data.get("params", {})), doc=RuleDoc(**data["doc"]), examples=ex,
        pack=pack, source=Source(file=file, line=line),
    )


def check_unique_ids(packs: list[Pack]) -> None:
    entries = [(rule.id, pack.name, pack.valid_from, pack.valid_until, pack.file, rule.source.line)
               for pack in packs for rule in (*pack.rules, *pack.structure, *pack.html)]
    problems = duplicate_ids(entries)
    if problems:
        raise problems[0]


def duplicate_ids(entries: Iterable[tuple[str, str, dt.date | None, dt.date | None, str, int | None]]) -> list[RuleError]:
    """Every reuse of a rule id, given (id, pack name, valid_from, valid_until, file, line) per rule.

    An id may repeat only across versions of the same pack (same pack name, date ranges
    that do not overlap): a site's rules of 2023 and of 2024 keep their ids.
    """
    seen: dict[str, list[tuple[str, dt.date | None, dt.date | None, str, str]]] = {}
    problems: list[RuleError] = []
    for rule_id, pack, start, until, file, line in entries:
        for other_pack, other_start, other_until, other_file, where in seen.get(rule_id, []):
            if other_pack == pack and other_file != file and not _overlap(start, until, other_start, other_until):
                continue
            if other_file == file:
                why = (f"also defined at {where} in the same pack; give one of them an unused id "
                       f"(`cleaner rules new --pack {pack}` prints one)")
            elif other_pack == pack:
                why = (f"also defined in {where}, a version of pack {pack} whose dates overlap this one; give the "
                       "versions valid_from/valid_until ranges that do not overlap")
            else:
                why = (f"also defined in {where} (pack {other_pack}); ids are unique across packs, give this rule an "
                       f"unused id (`cleaner rules new --pack {pack}` prints one)")
            problems.append(RuleError(f"duplicate rule id: {why}", file=file, line=line, rule_id=rule_id, field="id"))
            break
        seen.setdefault(rule_id, []).append((pack, start, until, file, f"{file}:{line}" if line else file))
    return problems


def _overlap(a_from: dt.date | None, a_until: dt.date | None, b_from: dt.date | None, b_until: dt.date | None) -> bool:
    """Whether two validity ranges [from, until) share a day (None: open-ended)."""
    low = max(a_from or dt.date.min, b_from or dt.date.min)
    high = min(a_until or dt.date.max, b_until or dt.date.max)
    return low < high

