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
from .model import Examples, Match, Pack, Rule, RuleDoc, Source, StructureRule
from .schema import PACK_SCHEMA

__all__ = ["load_pack", "load_pack_text", "load_packs", "pack_files", "shipped_rules_dir"]

_LINE_KEY = "__line__"
_VALIDATOR = jsonschema.Draft202012Validator(PACK_SCHEMA)


class _LineLoader(yaml.SafeLoader):
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
            raise RuleError("no such rule file or directory", file=str(path))
    return files


def load_packs(paths: Iterable[str | Path]) -> list[Pack]:
    """Load and validate all packs under `paths`; rule ids must be unique across them."""
    packs = [load_pack(f) for f in pack_files(paths)]
    _check_unique_ids(packs)
    return packs


def load_pack(path: str | Path) -> Pack:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleError(f"cannot read pack: {exc}", file=str(path)) from exc
    return load_pack_text(text, str(path))


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
        raise RuleError(f"YAML tag not allowed in rule files ({exc.problem})", file=file, line=line) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise RuleError(f"invalid YAML: {getattr(exc, 'problem', exc)}", file=file,
                        line=mark.line + 1 if mark else None) from exc
    if not isinstance(data, dict):
        raise RuleError("a pack must be a mapping with at least a 'pack' key", file=file, line=1)
    return data


def _collect_lines(raw: dict[str, Any]) -> dict[tuple[str, int], int]:
    """Line numbers of each rule and structure rule, keyed by (section, index)."""
    lines: dict[tuple[str, int], int] = {}
    for section in ("rules", "structure"):
        items = raw.get(section)
        if isinstance(items, list):
            for i, item in enumerate(items):
                if isinstance(item, dict):
                    lines[(section, i)] = item.get(_LINE_KEY, 0)
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
    error = jsonschema.exceptions.best_match(errors)
    path = list(error.absolute_path)
    rule_id = line = None
    if len(path) >= 2 and path[0] in ("rules", "structure") and isinstance(path[1], int):
        item = data[path[0]][path[1]]
        rule_id = item.get("id") if isinstance(item, dict) else None
        line = lines.get((path[0], path[1]))
        field = ".".join(str(p) for p in path[2:]) or None
    else:
        field = ".".join(str(p) for p in path) or None
    raise RuleError(_explain(error), file=file, line=line, rule_id=rule_id, field=field)


def _explain(error: jsonschema.ValidationError) -> str:
    if error.validator == "enum":
        return f"{error.instance!r} is not one of {', '.join(map(str, error.validator_value))}"
    if error.validator == "additionalProperties":
        return f"{error.message} (check the spelling against docs/packs.md)"
    if error.validator == "oneOf" and error.schema is PACK_SCHEMA["properties"]["rules"]["items"]["properties"]["match"]:
        return "match needs exactly one of 'exact', 'prefix' or 'regex'"
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
        valid_from=_date(data.get("valid_from"), file, "valid_from"),
        valid_until=_date(data.get("valid_until"), file, "valid_until"),
    )


def _date(value: str | None, file: str, field: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise RuleError(f"not a date: {value!r}", file=file, field=field) from exc


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
            raise RuleError("action drop-until needs an 'until' pattern", file=file, line=line,
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


def _compile(source: str, match: Match, file: str, line: int | None, rule_id: str, field: str) -> regex.Pattern[str]:
    try:
        flags = 0 if match.case_sensitive else regex.IGNORECASE | regex.FULLCASE
        pattern = regex.compile(source, flags)
    except (regex.error, TypeError, ValueError, OverflowError) as exc:
        raise RuleError(f"pattern does not compile: {exc}", file=file, line=line, rule_id=rule_id, field=field) from exc
    risk = backtracking_risk(source)
    if risk:
        raise RuleError(f"pattern prone to catastrophic backtracking ({risk}); "
                        "bound the repeats (e.g. {1,5}) or remove the ambiguity",
                        file=file, line=line, rule_id=rule_id, field=field)
    if field == "match" and matches_empty(pattern):
        raise RuleError("pattern matches the empty line; anchor it or require at least one character",
                        file=file, line=line, rule_id=rule_id, field=field)
    return pattern


def _require_examples(rule: Rule, file: str, line: int | None) -> None:
    ex = rule.examples
    if not (ex.drop or ex.cases or ex.known_miss_drop):
        raise RuleError("needs at least one example it drops (examples.drop)", file=file, line=line,
                        rule_id=rule.id, field="examples.drop")
    if not (ex.keep or ex.cases or ex.known_miss_keep):
        raise RuleError("needs at least one example it must keep (examples.keep)", file=file, line=line,
                        rule_id=rule.id, field="examples.keep")


def _build_structure(data: dict[str, Any], pack: str, file: str, line: int | None) -> StructureRule:
    from ..passes.structure import DETECTORS  # registry of built-in detectors

    detector = data["detector"]
    if detector not in DETECTORS:
        raise RuleError(f"unknown detector {detector!r}; known: {', '.join(sorted(DETECTORS))}",
                        file=file, line=line, rule_id=data["id"], field="detector")
    ex = _examples(data["examples"])
    if not ex.cases:
        raise RuleError("a structure rule needs at least one example case (examples.cases)",
                        file=file, line=line, rule_id=data["id"], field="examples.cases")
    return StructureRule(
        id=data["id"], name=data["name"], category=data["category"], detector=detector,
        params=dict(data.get("params", {})), doc=RuleDoc(**data["doc"]), examples=ex,
        pack=pack, source=Source(file=file, line=line),
    )


def _check_unique_ids(packs: list[Pack]) -> None:
    seen: dict[str, str] = {}
    for pack in packs:
        for rule in (*pack.rules, *pack.structure):
            if rule.id in seen:
                raise RuleError(f"duplicate rule id (also defined in {seen[rule.id]})", file=pack.file,
                                line=rule.source.line, rule_id=rule.id, field="id")
            seen[rule.id] = str(rule.source)

