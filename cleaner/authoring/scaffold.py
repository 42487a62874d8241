"""`cleaner rules new`: a rule skeleton with a fresh, unused id and empty example slots.

The skeleton is printed, or appended to a pack file's `rules:` list (the file is created
with a pack header when it does not exist). It deliberately fails `cleaner rules check`
until a person has filled in the pattern, the doc and the examples: each message says
what to add.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..engine.loader import pack_files
from ..engine.model import ACTIONS, CATEGORIES, REGIONS
from ..errors import CleanerError
from .learn import site_slug

__all__ = ["Scaffold", "known_ids", "fresh_id", "scaffold_rule", "append_rule", "CATEGORY_CODES"]

CATEGORY_CODES = {
    "ads": "ADS", "comments": "COM", "author": "AUTH", "player": "PLAY", "related": "REL", "caption": "CAP",
    "credit": "CRED", "navigation": "NAV", "dateline": "DATE", "share": "SHARE", "newsletter": "NEWS",
    "paywall": "PAY", "consent": "CONS", "sources": "SRC", "duplicate": "DUP", "other": "MISC",
}
_SAFE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NUMBERED = re.compile(r"^(?P<prefix>[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*?)-(?P<number>\d+)$")


@dataclass(frozen=True)
class Scaffold:
    rule_id: str
    text: str  # the YAML list item, indented for a pack's `rules:` list


def _raw_packs(paths: Iterable[str | Path]) -> list[tuple[str, dict[str, Any]]]:
    """(file, parsed YAML) of every pack file, even ones that do not validate yet."""
    found = []
    for file in pack_files(paths):
        try:
            data = yaml.load(file.read_text(encoding="utf-8"), Loader=_SAFE)  # noqa: S506 - a safe loader
        except (OSError, UnicodeDecodeError, yaml.YAMLError):
            continue
        if isinstance(data, dict):
            found.append((str(file), data))
    return found


def known_ids(paths: Iterable[str | Path]) -> dict[str, list[tuple[str, str]]]:
    """pack name -> [(rule id, category)] over every section of every pack file."""
    ids: dict[str, list[tuple[str, str]]] = {}
    for _, data in _raw_packs(paths):
        name = str(data.get("pack", "?"))
        for section in ("rules", "structure"):
            for item in data.get(section) or []:
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    ids.setdefault(name, []).append((item["id"], str(item.get("category", ""))))
        html = data.get("html")
        if isinstance(html, dict):
            for items in html.values():
                for item in items or []:
                    if isinstance(item, dict) and isinstance(item.get("id"), str):
                        ids.setdefault(name, []).append((item["id"], str(item.get("category", ""))))
    return ids


def fresh_id(ids: dict[str, list[tuple[str, str]]], pack: str, category: str) -> str:
    """The next unused id in the numbering the pack already uses for this category.

    `de/navigation` with DE-NAV-001..012 gives DE-NAV-013; a new site pack `sites/x.de`
    starts at SITE-X-001; a new language pack `fr/ads` at FR-ADS-001.
    """
    used = {rule_id for entries in ids.values() for rule_id, _ in entries}
    own = ids.get(pack, [])
    prefixes: Counter[str] = Counter()
    for rule_id, rule_category in own:
        found = _NUMBERED.match(rule_id)
        if found:
            prefixes[found["prefix"]] += 3 if rule_category == category else 1
    if prefixes:
        prefix = prefixes.most_common(1)[0][0]
    else:
        prefix = _default_prefix(pack, category)
    numbers = [m for rule_id in used if (m := _NUMBERED.match(rule_id)) and m["prefix"] == prefix]
    width = max([3] + [len(m["number"]) for m in numbers])
    number = max([0] + [int(m["number"]) for m in numbers]) + 1
    while f"{prefix}-{number:0{width}d}" in used:
        number += 1
    return f"{prefix}-{number:0{width}d}"


def _default_prefix(pack: str, category: str) -> str:
    head, _, rest = pack.partition("/")
    if head == "sites" and rest:
        return f"SITE-{site_slug(rest)}"
    code = CATEGORY_CODES.get(category, "MISC")
    if re.fullmatch(r"[a-z]{2,3}", head) and rest:
        return f"{head.upper()}-{code}"
    if head == "common":
        return f"COM-{code}"
    letters = re.sub(r"[^A-Z0-9]", "", head.upper()) or "RULE"
    return f"{letters if letters[0].isalpha() else 'R' + letters}-{code}"


def _q(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def scaffold_rule(rule_id: str, category: str, *, name: str = "", match_kind: str = "regex", pattern: str = "",
                  action: str = "drop-line", region: str = "anywhere", what: str = "", why: str = "",
                  indent: int = 2) -> Scaffold:
    if category not in CATEGORIES:
        raise CleanerError(f"unknown category {category!r}; use one of {', '.join(CATEGORIES)}")
    if action not in ACTIONS:
        raise CleanerError(f"unknown action {action!r}; use one of {', '.join(ACTIONS)}")
    if region not in REGIONS:
        raise CleanerError(f"unknown region {region!r}; use one of {', '.join(REGIONS)}")
    if match_kind == "regex":
        match = f"{{regex: {_q(pattern)}}}"
        hint = "# a `regex` pattern; anchor whole-line labels with ^...$"
    elif match_kind in ("exact", "prefix"):
        match = f"{{{match_kind}: [{_q(pattern)}]}}" if pattern else f"{{{match_kind}: []}}"
        hint = "# the whole line" if match_kind == "exact" else "# the start of the line"
    else:
        raise CleanerError(f"unknown match kind {match_kind!r}; use regex, exact or prefix")
    pad = " " * indent
    lines = [
        f"{pad}- id: {rule_id}",
        f"{pad}  name: {_q(name)}{'' if name else '                 # lower-case-dashes: name the pattern, not the action'}",
        f"{pad}  category: {category}",
        f"{pad}  match: {match}          {hint}",
        f"{pad}  where: {{region: {region}}}      # head | tail | anywhere; also min_words, max_words, max_chars",
        f"{pad}  action: {action}" + ("\n" + f"{pad}  until: ''                  # the line where dropping stops"
                                      if action == "drop-until" else ""),
        f"{pad}  doc:",
        f"{pad}    what: {_q(what)}{'' if what else '                 # what the rule recognises'}",
        f"{pad}    why: {_q(why)}{'' if why else '                  # why it is cruft, not article text'}",
        f"{pad}    safety: ''               # why body text will not match (anchors, bounds, region)",
        f"{pad}  examples:",
        f"{pad}    drop: []                 # lines from real pages it must remove",
        f"{pad}    keep: []                 # body lines it must leave alone (near misses)",
    ]
    return Scaffold(rule_id, "\n".join(lines) + "\n")


def append_rule(file: Path, scaffold: Scaffold, *, pack: str, hosts: list[str] | None = None,
                lang: str | None = None) -> None:
    """Add the rule to the end of the pack's `rules:` list; create the pack file if needed."""
    if not file.exists():
        header = [f"pack: {pack}"]
        if hosts:
            header.append(f"hosts: [{', '.join(hosts)}]")
        if lang:
            header.append(f"lang: {lang}")
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_text("\n".join(header) + "\nrules:\n" + scaffold.text, encoding="utf-8")
        return
    text = file.read_text(encoding="utf-8")
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if re.match(r"^rules\s*:", line)), None)
    if start is None:
        new = text.rstrip("\n") + "\nrules:\n" + scaffold.text
    else:
        if re.match(r"^rules\s*:\s*\[", lines[start]):
            raise CleanerError(f"{file}: 'rules:' is written as a flow list; write it as a block list "
                               "(one '- id: ...' item per rule) to append to it")
        end = next((i for i in range(start + 1, len(lines)) if re.match(r"^[A-Za-z_][\w-]*\s*:", lines[i])),
                   len(lines))
        while end > start + 1 and not lines[end - 1].strip():
            end -= 1
        indent = next((len(m.group(1)) for line in lines[start + 1:end] if (m := re.match(r"^(\s*)- ", line))), 2)
        item = scaffold.text if indent == 2 else "\n".join(
            (" " * indent + line[2:]) if line else line for line in scaffold.text.split("\n"))
        block = ([""] if end > start + 1 else []) + item.rstrip("\n").split("\n")
        new = "\n".join(lines[:end] + block + lines[end:])
        if not new.endswith("\n"):
            new += "\n"
    try:
        data = yaml.safe_load(new)
    except yaml.YAMLError as exc:
        raise CleanerError(f"{file}: appending would break the YAML ({exc}); paste the rule by hand") from exc
    if not any(isinstance(r, dict) and r.get("id") == scaffold.rule_id for r in (data or {}).get("rules") or []):
        raise CleanerError(f"{file}: could not place the rule in the 'rules:' list; paste it by hand")
    tmp = file.with_name(f".{file.name}.tmp")
    tmp.write_text(new, encoding="utf-8")
    tmp.replace(file)
