"""Documents of a review corpus, and one cleaning pass over them.

Inputs are files, directories (searched recursively, hidden files skipped), or `-` for
stdin. A `.jsonl` file (or `.jsonl.gz`) holds one record per line with the article in
`text` and, optionally, `url`, `id` and a date (`date`, `published`, `published_at`);
everything else is read as one UTF-8 text article.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..api import Cleaner
from ..batch import read_text_file
from ..document import Result
from ..errors import CleanerError, InputError
from .dating import clean_dated

__all__ = ["Doc", "Cleaned", "iter_documents", "clean_corpus", "source_text", "DATE_FIELDS"]

DATE_FIELDS = ("date", "published", "published_at", "date_published")
STDIN = "-"


@dataclass(frozen=True)
class Doc:
    id: str
    text: str
    url: str | None = None
    date: str | None = None  # from the input's metadata
    source: str = ""


@dataclass
class Cleaned:
    doc: Doc
    result: Result
    packs: list[str]
    date_source: str

    @property
    def text(self) -> str:
        """The text the removals refer to: the input, or for HTML the page laid out as lines."""
        return source_text(self.doc.text, self.result)


def source_text(given: str, result: Result) -> str:
    """An HTML result (cleaner.html.HtmlResult) carries the page as text in `source`."""
    source = getattr(result, "source", None)
    return source if isinstance(source, str) and source else given


@dataclass
class Failures:
    items: list[tuple[str, str]] = field(default_factory=list)  # (where, why)

    def add(self, where: str, why: str) -> None:
        self.items.append((where, why))
        print(f"cleaner: {where}: {why}", file=sys.stderr)


def iter_documents(inputs: Iterable[str], *, url: str | None = None, text_field: str = "text",
                   url_field: str = "url", failures: Failures | None = None) -> Iterator[Doc]:
    """Every document named by `inputs`, in a stable order. Unreadable ones go to `failures`."""
    failures = failures if failures is not None else Failures()
    for given in inputs:
        if given == STDIN:
            yield Doc("stdin", sys.stdin.read(), url, None, STDIN)
            continue
        path = Path(given)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file()
                           and not any(part.startswith(".") for part in p.relative_to(path).parts))
            for file in files:
                yield from _read(file, str(file.relative_to(path)), url, text_field, url_field, failures)
        elif path.is_file():
            yield from _read(path, path.name, url, text_field, url_field, failures)
        else:
            failures.add(given, "no such file or directory")


def _read(path: Path, relative: str, url: str | None, text_field: str, url_field: str,
          failures: Failures) -> Iterator[Doc]:
    name = path.name.lower()
    if name.endswith((".jsonl", ".jsonl.gz", ".ndjson")):
        yield from _read_jsonl(path, relative, url, text_field, url_field, failures)
        return
    try:
        yield Doc(relative, read_text_file(str(path)), url, None, str(path))
    except InputError as exc:
        failures.add(str(path), exc.reason)


def _read_jsonl(path: Path, relative: str, url: str | None, text_field: str, url_field: str,
                failures: Failures) -> Iterator[Doc]:
    opener = gzip.open if path.name.lower().endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:  # type: ignore[operator]
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                where = f"{path}:{number}"
                try:
                    record: Any = json.loads(line)
                except json.JSONDecodeError as exc:
                    failures.add(where, f"not JSON ({exc.msg})")
                    continue
                if not isinstance(record, dict) or not isinstance(record.get(text_field), str):
                    failures.add(where, f"record has no string field {text_field!r}")
                    continue
                doc_id = str(record.get("id") or f"{relative}:{number}")
                date = next((str(record[k]) for k in DATE_FIELDS if record.get(k)), None)
                yield Doc(doc_id, record[text_field], record.get(url_field) or url, date, where)
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        failures.add(str(path), f"cannot read: {exc}")


def clean_corpus(cleaner: Cleaner, docs: Iterable[Doc], *, lang: str | None = None, published: Any = None,
                 failures: Failures | None = None) -> Iterator[Cleaned]:
    """Clean each document with the site-pack version for its date; say which packs applied."""
    failures = failures if failures is not None else Failures()
    selections: dict[tuple[Any, ...], list[str]] = {}
    for doc in docs:
        try:
            dated = clean_dated(cleaner, doc.text, url=doc.url, lang=lang, published=published,
                                metadata_date=doc.date)
        except CleanerError as exc:
            failures.add(doc.source or doc.id, str(exc))
            continue
        result = dated.result
        key = (result.lang, result.site, dated.day)
        packs = selections.get(key)
        if packs is None:
            packs = selections[key] = list(cleaner.rulebook.select(result.lang, result.site, dated.day).packs)
        yield Cleaned(doc, result, packs, dated.source)
