"""`cleaner rules check`: every problem in every pack file, not just the first.

Loading stops at the first error (a cleaner must not run with a broken pack); a person
fixing packs wants the whole list at once. Each problem names file:line, the rule id and
the field, and says how to fix it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..engine import loader
from ..engine.lint import case_class_ignored
from ..engine.model import Pack
from ..errors import RuleError

__all__ = ["CheckReport", "check_paths"]


@dataclass
class CheckReport:
    files: list[str] = field(default_factory=list)
    packs: list[Pack] = field(default_factory=list)
    problems: list[RuleError] = field(default_factory=list)
    warnings: list[RuleError] = field(default_factory=list)  # legal, but probably not what was meant

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def rule_count(self) -> int:
        return sum(len(p.rules) + len(p.structure) for p in self.packs)

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok, "files": self.files, "packs": len(self.packs), "rules": self.rule_count,
            "problems": [{"file": p.file, "line": p.line, "rule_id": p.rule_id, "field": p.field,
                          "message": p.reason} for p in self.problems],
            "warnings": [{"file": w.file, "line": w.line, "rule_id": w.rule_id, "field": w.field,
                          "message": w.reason} for w in self.warnings],
        }

    def render(self) -> str:
        lines = [str(p) for p in self.problems] + [f"warning: {w}" for w in self.warnings]
        if self.ok:
            lines.append(f"ok: {len(self.packs)} packs, {self.rule_count} rules in {len(self.files)} files")
        else:
            bad = len({p.file for p in self.problems})
            lines.append(f"{len(self.problems)} problem{'s' if len(self.problems) != 1 else ''} in {bad} of "
                         f"{len(self.files)} files")
        return "\n".join(lines)


def check_paths(paths: Iterable[str | Path]) -> CheckReport:
    """Check every pack file under `paths` and collect all problems, in file and line order."""
    report = CheckReport()
    files: list[Path] = []
    for path in paths:
        try:
            files.extend(loader.pack_files([path]))
        except RuleError as exc:
            report.problems.append(exc)
    files = list({f.resolve(): f for f in files}.values())
    ids: list[tuple[str, str, dt.date | None, dt.date | None, str, int | None]] = []
    for file in files:
        report.files.append(str(file))
        ids.extend(_check_file(file, report))
    report.problems.extend(loader.duplicate_ids(ids))
    report.problems = _unique(report.problems)
    report.problems.sort(key=lambda p: (p.file or "", p.line or 0, p.rule_id or "", p.field or ""))
    return report


def _check_file(file: Path, report: CheckReport) -> list[tuple[str, str, dt.date | None, dt.date | None, str, int | None]]:
    name = str(file)
    try:
        text = file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        report.problems.append(RuleError(f"cannot read pack: {exc}; save it as UTF-8 text", file=name))
        return []
    try:
        raw = loader._parse_yaml(text, name)
    except RuleError as exc:
        report.problems.append(exc)
        return []
    lines = loader._collect_lines(raw)
    data = loader._plain(raw)
    first: RuleError | None = None
    try:  # a pack that loads needs no rule-by-rule pass (compiling every pattern twice)
        pack: Pack | None = loader.load_pack_text(text, name)
    except RuleError as exc:
        pack, first = None, exc
    found: list[RuleError] = loader.schema_problems(data, lines, name) if pack is None else []
    broken = _broken_items(data)
    pack_name = data.get("pack") if isinstance(data.get("pack"), str) else "?"
    valid_from = _date_or_problem(data, "valid_from", name, found)
    valid_until = _date_or_problem(data, "valid_until", name, found)
    if valid_from and valid_until and valid_from >= valid_until:
        found.append(RuleError(f"valid_from {valid_from} is not before valid_until {valid_until}; the pack would "
                               "apply to no article: swap or correct the dates", file=name, field="valid_from"))
    for section, build in (("rules", loader._build_rule), ("structure", loader._build_structure)):
        items = data.get(section)
        if not isinstance(items, list) or pack is not None:
            continue
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                continue
            if (section, i) in broken:
                if section == "rules":
                    found.extend(_partial_rule_problems(item, name, lines.get((section, i))))
                continue
            try:
                build(item, pack_name, name, lines.get((section, i)))
            except RuleError as exc:
                found.append(exc)
            except (KeyError, TypeError, ValueError) as exc:  # shapes the schema let through
                found.append(RuleError(f"cannot build this rule ({exc!r}); compare it with docs/packs.md",
                                       file=name, line=lines.get((section, i)), rule_id=item.get("id")))
    found.extend(_fixture_problems(data, lines, name, valid_from, valid_until, broken))
    if pack is not None:
        report.packs.append(pack)
        report.warnings.extend(_case_warnings(pack))
    elif first is not None and not any(str(first) == str(p) for p in found):
        found.append(first)  # what the rule-by-rule pass did not name
    report.problems.extend(found)
    entries = []
    for section in ("rules", "structure"):
        items = data.get(section)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                entries.append((item["id"], pack_name, valid_from, valid_until, name, lines.get((section, i))))
    html = data.get("html")
    for role, items in (html.items() if isinstance(html, dict) else []):
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict) and isinstance(item.get("id"), str):
                entries.append((item["id"], pack_name, valid_from, valid_until, name, lines.get((f"html.{role}", i))))
    return entries


def _case_warnings(pack: Pack) -> list[RuleError]:
    """Case-insensitive regex rules whose `\\p{Lu}`/`[A-Z]` also match the other case."""
    found = []
    for rule in pack.rules:
        if rule.match.kind != "regex" or rule.match.case_sensitive:
            continue
        for source in rule.match.patterns:
            cls = case_class_ignored(source)
            if cls:
                found.append(RuleError(
                    f"{cls} matches letters of either case in this case-insensitive pattern; scope it as "
                    f"(?-i:{cls}) if it means that case, or write \\p{{L}} if any letter will do",
                    file=rule.source.file, line=rule.source.line, rule_id=rule.id, field="match"))
                break
    return found


def _partial_rule_problems(item: dict[str, Any], file: str, line: int | None) -> list[RuleError]:
    """Pattern and example problems of a rule the schema rejected for another reason."""
    problems: list[RuleError] = []
    rule_id = item.get("id") if isinstance(item.get("id"), str) else None
    match = item.get("match")
    if isinstance(match, dict) and sum(k in match for k in ("exact", "prefix", "regex")) == 1:
        try:
            built = loader._build_match(match)
            loader._compile(built.source_pattern(), built, file, line, rule_id or "?", "match")
            if isinstance(item.get("until"), str):
                loader._compile(item["until"], built, file, line, rule_id or "?", "until")
        except RuleError as exc:
            problems.append(exc)
        except (TypeError, ValueError, AttributeError):
            pass  # the schema problem already covers a malformed match
    examples = item.get("examples")
    if isinstance(examples, dict):
        cases = examples.get("cases") or []
        misses = examples.get("known_misses") if isinstance(examples.get("known_misses"), dict) else {}
        if not (examples.get("drop") or cases or misses.get("drop")):
            problems.append(RuleError("needs at least one example it drops; add a line it removes to examples.drop",
                                      file=file, line=line, rule_id=rule_id, field="examples.drop"))
        if not (examples.get("keep") or cases or misses.get("keep")):
            problems.append(RuleError("needs at least one example it must keep; add a body line it must leave alone "
                                      "to examples.keep", file=file, line=line, rule_id=rule_id, field="examples.keep"))
    return problems


def _broken_items(data: dict[str, Any]) -> set[tuple[str, int]]:
    """(section, index) of the items the schema already complained about."""
    broken: set[tuple[str, int]] = set()
    for error in loader._VALIDATOR.iter_errors(data):
        path = list(error.absolute_path)
        if len(path) >= 2 and isinstance(path[1], int):
            broken.add((str(path[0]), path[1]))
    return broken


def _date_or_problem(data: dict[str, Any], key: str, file: str, found: list[RuleError]) -> dt.date | None:
    value = data.get(key)
    if not isinstance(value, str):
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        if not any(p.field == key for p in found):
            found.append(RuleError(f"not a date: {value!r}; write a real calendar date as YYYY-MM-DD",
                                   file=file, field=key))
        return None


def _fixture_problems(data: dict[str, Any], lines: dict[tuple[str, int], int], file: str,
                      valid_from: dt.date | None, valid_until: dt.date | None,
                      broken: set[tuple[str, int]]) -> list[RuleError]:
    problems: list[RuleError] = []
    fixtures = data.get("fixtures")
    for i, fixture in enumerate(fixtures if isinstance(fixtures, list) else []):
        if ("fixtures", i) in broken or not isinstance(fixture, dict):
            continue
        line = lines.get(("fixtures", i))
        given = fixture.get("input_file")
        if given and not (Path(file).parent / given).is_file():
            problems.append(RuleError(f"input_file {given!r} not found next to the pack; store the page there or "
                                      "give the text as input", file=file, line=line, field=f"fixtures.{i}.input_file"))
        day = fixture.get("date")
        if isinstance(day, str):
            try:
                when = dt.date.fromisoformat(day)
            except ValueError:
                problems.append(RuleError(f"not a date: {day!r}; write a real calendar date as YYYY-MM-DD",
                                          file=file, line=line, field=f"fixtures.{i}.date"))
                continue
            if (valid_from and when < valid_from) or (valid_until and when >= valid_until):
                problems.append(RuleError(f"fixture date {when} is outside this pack version's "
                                          f"[{valid_from or '…'}, {valid_until or '…'}); use a date the version covers",
                                          file=file, line=line, field=f"fixtures.{i}.date"))
    return problems


def _unique(problems: list[RuleError]) -> list[RuleError]:
    seen: set[str] = set()
    out = []
    for p in problems:
        if str(p) not in seen:
            seen.add(str(p))
            out.append(p)
    return out
