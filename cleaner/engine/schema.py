"""JSON Schema for rule pack files (after YAML parsing)."""

from __future__ import annotations

from typing import Any

from .model import ACTIONS, CATEGORIES, REGIONS

__all__ = ["PACK_SCHEMA"]

_STRINGS = {"type": "array", "items": {"type": "string"}}
_NONEMPTY_STRINGS = {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}
_ID = {"type": "string", "pattern": r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"}
_NAME = {"type": "string", "pattern": r"^[a-z0-9]+(-[a-z0-9]+)*$"}
_DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}

_DOC = {
    "type": "object",
    "required": ["what", "why"],
    "additionalProperties": False,
    "properties": {
        "what": {"type": "string", "minLength": 1},
        "why": {"type": "string", "minLength": 1},
        "safety": {"type": "string"},
    },
}

_CASE = {
    "type": "object",
    "required": ["input", "output"],
    "additionalProperties": False,
    "properties": {"input": {"type": "string"}, "output": {"type": "string"}},
}

_EXAMPLES = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "drop": _STRINGS,
        "keep": _STRINGS,
        "known_misses": {
            "type": "object",
            "additionalProperties": False,
            "properties": {"drop": _STRINGS, "keep": _STRINGS},
        },
        "cases": {"type": "array", "items": _CASE},
    },
}

_SOURCE = {
    "type": "object",
    "required": ["format"],
    "additionalProperties": False,
    "properties": {
        "format": {"type": "string"},
        "file": {"type": "string"},
        "line": {"type": "integer"},
    },
}

_MATCH = {
    "type": "object",
    "additionalProperties": False,
    "minProperties": 1,
    "properties": {
        "exact": _NONEMPTY_STRINGS,
        "prefix": _NONEMPTY_STRINGS,
        "regex": {"type": "string", "minLength": 1},
        "case": {"enum": ["sensitive", "insensitive"]},
    },
    "oneOf": [
        {"required": ["exact"]},
        {"required": ["prefix"]},
        {"required": ["regex"]},
    ],
}

_WHERE = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "region": {"enum": list(REGIONS)},
        "min_words": {"type": "integer", "minimum": 0},
        "max_words": {"type": "integer", "minimum": 1},
        "max_chars": {"type": "integer", "minimum": 1},
    },
}

_RULE = {
    "type": "object",
    "required": ["id", "name", "category", "match", "action", "doc", "examples"],
    "additionalProperties": False,
    "properties": {
        "id": _ID,
        "name": _NAME,
        "category": {"enum": list(CATEGORIES)},
        "match": _MATCH,
        "where": _WHERE,
        "action": {"enum": list(ACTIONS)},
        "until": {"type": "string", "minLength": 1},
        "next": {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                "max_lines": {"type": "integer", "minimum": 1, "maximum": 20},
                "max_words": {"type": "integer", "minimum": 1},
            },
        },
        "doc": _DOC,
        "examples": _EXAMPLES,
        "source": _SOURCE,
    },
}

_STRUCTURE_RULE = {
    "type": "object",
    "required": ["id", "name", "category", "detector", "doc", "examples"],
    "additionalProperties": False,
    "properties": {
        "id": _ID,
        "name": _NAME,
        "category": {"enum": list(CATEGORIES)},
        "detector": {"type": "string"},
        "params": {"type": "object"},
        "doc": _DOC,
        "examples": _EXAMPLES,
    },
}

# A per-site regression fixture: an input (text, a file next to the pack, or only the
# test_url of an imported config) and what the cleaned output must be or contain.
_FIXTURE = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "name": {"type": "string"},
        "url": {"type": "string", "minLength": 1},
        "date": _DATE,
        "input": {"type": "string", "minLength": 1},
        "input_file": {"type": "string", "minLength": 1},
        "test_url": {"type": "string", "minLength": 1},
        "output": {"type": "string"},
        "contains": _NONEMPTY_STRINGS,
        "not_contains": _NONEMPTY_STRINGS,
    },
    "allOf": [
        {"anyOf": [{"required": ["input"]}, {"required": ["input_file"]}, {"required": ["test_url"]}]},
        # An imported test_url with no test_contains: a page to fetch and look at, no expectation yet.
        {"anyOf": [{"required": ["output"]}, {"required": ["contains"]}, {"required": ["not_contains"]},
                   {"required": ["test_url"], "not": {"anyOf": [{"required": ["input"]}, {"required": ["input_file"]}]}}]},
    ],
}

# A selector rule of the `html:` section (HTML input only; see docs/packs.md). Which keys
# each role needs (a selector, a category, examples) is checked by the loader.
_HTML_RULE = {
    "type": "object",
    "required": ["id", "name", "doc"],
    "additionalProperties": False,
    "properties": {
        "id": _ID,
        "name": _NAME,
        "category": {"enum": list(CATEGORIES)},
        "css": {"type": "string", "minLength": 1},
        "xpath": {"type": "string", "minLength": 1},
        "classes": _NONEMPTY_STRINGS,   # strip: any of these class tokens (a set lookup, for
        "ids": _NONEMPTY_STRINGS,       #   imported lists of thousands of generic names)
        "attr": {"type": "string", "minLength": 1},
        "json": _NONEMPTY_STRINGS,
        "params": {"type": "object"},
        "doc": _DOC,
        "examples": _EXAMPLES,
        "source": _SOURCE,
    },
}
_HTML_RULES = {"type": "array", "items": _HTML_RULE}
# html.replace: literal rewrites of the page source before parsing (FiveFilters
# find_string/replace_string). Bounded because they run on any page of the site: see
# cleaner/html/rewrite.py (the numbers below are its MAX_REWRITES and MAX_REWRITE_CHARS).
_REWRITE = {
    "type": "object",
    "required": ["find", "replace"],
    "additionalProperties": False,
    "properties": {
        "find": {"type": "string", "minLength": 1, "maxLength": 1000},
        "replace": {"type": "string", "maxLength": 1000},
        "source": _SOURCE,
    },
}
_HTML = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        **{role: _HTML_RULES for role in ("strip", "body", "title", "date", "author", "main")},
        "replace": {"type": "array", "items": _REWRITE, "maxItems": 100},
    },
}

PACK_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["pack"],
    "additionalProperties": False,
    "properties": {
        "pack": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9._/-]*$"},
        "description": {"type": "string"},
        "lang": {"type": "string", "pattern": r"^[a-z]{2,3}$"},
        # example.com, .example.com (and every subdomain), *.example.com (subdomains only),
        # ~<pattern>: not on those hosts
        "hosts": {"type": "array", "items": {"type": "string", "pattern": r"^~?(?:\.|\*\.)?[a-z0-9_.-]+$"}},
        "valid_from": _DATE,
        "valid_until": _DATE,
        "stopwords": _STRINGS,
        "months": {"type": "object", "additionalProperties": {"type": "integer", "minimum": 1, "maximum": 12}},
        "rules": {"type": "array", "items": _RULE},
        "structure": {"type": "array", "items": _STRUCTURE_RULE},
        "html": _HTML,
        "fixtures": {"type": "array", "items": _FIXTURE},
    },
}
