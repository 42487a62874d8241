"""Records in, records out: the shape pipelines pass around (dicts and column batches).

A record is a dict with the article under `text` and, optionally, `url` (selects the
site pack), `lang` (skips detection), `id` and any other fields. Cleaning returns a new
dict: every input field passed through, `text` replaced by the cleaned text, plus
`title`, `lang`, `site`, `removed_categories` (sorted distinct categories) and, when
asked for, `removals` (one dict per removal, as `Removal.to_dict`).

Column batches (`{"text": [...], "url": [...], ...}`, the shape of a Hugging Face
`datasets` batched map and of a pandas/Arrow batch) go through `clean_batch`.

Nothing here imports pandas, Spark or datatrove; the adapters in `cleaner.integrations`
build on these functions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from .document import Result
from .errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    from .api import Cleaner

__all__ = [
    "OUTPUT_FIELDS", "Errors", "record_inputs", "result_fields", "clean_record", "clean_records",
    "clean_batch", "clean_columns",
]

#: Fields cleaning adds to (or overwrites in) every output record, besides the text field.
OUTPUT_FIELDS: tuple[str, ...] = ("title", "lang", "site", "removed_categories")

Errors = Literal["raise", "skip", "mark"]


def record_inputs(record: Mapping[str, Any], *, text_key: str = "text", url_key: str = "url",
                  lang_key: str = "lang") -> tuple[str, str | None, str | None]:
    """(text, url, lang) of a record; a missing or non-string text is an InputError."""
    if not isinstance(record, Mapping):
        raise InputError(f"a record must be a dict, not {type(record).__name__}")
    text = record.get(text_key)
    if not isinstance(text, str):
        raise InputError(f"record field {text_key!r} must be str, not {type(text).__name__}")
    return text, _optional_str(record.get(url_key)), _optional_str(record.get(lang_key))


def _optional_str(value: Any) -> str | None:
    # None, "", and NaN (pandas' missing value) all mean "not given".
    return value if isinstance(value, str) and value else None


def _missing(value: Any) -> bool:
    """None, NaN, or pandas' NA/NaT (without importing pandas)."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or \
        type(value).__name__ in ("NAType", "NaTType")


def result_fields(result: Result, *, removals: bool = False) -> dict[str, Any]:
    """What cleaning adds to a record: cleaned text, title, lang, site, removed categories."""
    fields: dict[str, Any] = {
        "text": result.text,
        "title": result.title,
        "lang": result.lang,
        "site": result.site,
        "removed_categories": sorted({r.category for r in result.removals}),
    }
    if removals:
        fields["removals"] = [r.to_dict() for r in result.removals]
    return fields


def clean_record(cleaner: Cleaner, record: Mapping[str, Any], *, removals: bool = False,
                 text_key: str = "text", url_key: str = "url", lang_key: str = "lang") -> dict[str, Any]:
    """Clean one record; returns a new dict (the input is not modified)."""
    text, url, lang = record_inputs(record, text_key=text_key, url_key=url_key, lang_key=lang_key)
    result = cleaner.clean_and_explain(text, url=url, lang=lang)
    fields = result_fields(result, removals=removals)
    out = dict(record)
    out[text_key] = fields.pop("text")
    out.update(fields)
    return out


def clean_records(cleaner: Cleaner, records: Iterable[Mapping[str, Any]], *, removals: bool = False,
                  errors: Errors = "raise", text_key: str = "text", url_key: str = "url",
                  lang_key: str = "lang") -> Iterator[dict[str, Any]]:
    """Clean a stream of records lazily, one out per one in, in input order.

    errors: "raise" stops at the first record that fails; "skip" leaves it out; "mark"
    passes it through unchanged with an `error` field (and no cleaned fields), so a
    long job keeps going and the failures can be found afterwards.
    """
    if errors not in ("raise", "skip", "mark"):
        raise ValueError(f"errors must be 'raise', 'skip' or 'mark', not {errors!r}")
    for record in records:
        try:
            yield clean_record(cleaner, record, removals=removals, text_key=text_key, url_key=url_key,
                               lang_key=lang_key)
        except Exception as exc:
            if errors == "raise":
                raise
            if errors == "mark":
                yield {**(record if isinstance(record, Mapping) else {"record": record}),
                       "error": f"{type(exc).__name__}: {exc}"}


def clean_columns(cleaner: Cleaner, texts: Sequence[Any], urls: Sequence[Any] | None = None,
                  langs: Sequence[Any] | None = None, *, removals: bool = False) -> dict[str, list[Any]]:
    """Clean parallel columns; returns columns `text`, `title`, `lang`, `site`,
    `removed_categories` (and `removals`), each as long as `texts`.

    A missing text (None, NaN) gives a missing text and title and no removals, so
    columnar data with holes does not fail; any other non-string is an InputError.
    """
    n = len(texts)
    for name, column in (("urls", urls), ("langs", langs)):
        if column is not None and len(column) != n:
            raise InputError(f"{name} has {len(column)} values for {n} texts")
    out: dict[str, list[Any]] = {key: [] for key in ("text", *OUTPUT_FIELDS)}
    if removals:
        out["removals"] = []
    for i in range(n):
        text = texts[i]
        url = _optional_str(urls[i]) if urls is not None else None
        lang = _optional_str(langs[i]) if langs is not None else None
        if not isinstance(text, str):
            if not _missing(text):
                raise InputError(f"text {i} must be str, not {type(text).__name__}")
            fields: dict[str, Any] = {"text": None, "title": None, "lang": lang, "site": None,
                                      "removed_categories": []}
            if removals:
                fields["removals"] = []
        else:
            fields = result_fields(cleaner.clean_and_explain(text, url=url, lang=lang), removals=removals)
        for key, value in fields.items():
            out[key].append(value)
    return out


def clean_batch(cleaner: Cleaner, batch: Mapping[str, Sequence[Any]], *, removals: bool = False,
                text_key: str = "text", url_key: str = "url", lang_key: str = "lang") -> dict[str, list[Any]]:
    """Clean a column batch (`{"text": [...], "url": [...], ...}`), the contract of
    `datasets.Dataset.map(batched=True)`: returns a new batch with every input column
    passed through, the text column cleaned, and `title`, `lang`, `site`,
    `removed_categories` (and `removals`) added or overwritten.
    """
    if text_key not in batch:
        raise InputError(f"batch has no column {text_key!r} (columns: {sorted(batch)})")
    columns = clean_columns(cleaner, batch[text_key], batch.get(url_key), batch.get(lang_key), removals=removals)
    out = {key: list(values) for key, values in batch.items()}
    out[text_key] = columns.pop("text")
    out.update(columns)
    return out
