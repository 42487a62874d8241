"""A datatrove pipeline step that cleans `Document.text` in place.

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from cleaner.integrations.datatrove import CleanerStep

    LocalPipelineExecutor(pipeline=[JsonlReader("in/"), CleanerStep(), JsonlWriter("out/")], tasks=4).run()

The step holds only a `Config` (a `Cleaner` given to it pickles as its Config), so it
ships to datatrove's local, Slurm and Ray workers like any other step; each worker
process compiles the rules once (`cleaner.api.shared_cleaner`) on its first document.

Per document it writes into `doc.metadata` (keys prefixed with `metadata_prefix`,
default "cleaner_"): `title`, `lang`, `site`, `removed_categories` (sorted list),
`counts` (removed lines per rule id) and, with `removals=True`, `removals` (list of
dicts). Stats (datatrove's stat_update): `total`, `forwarded`, `dropped_empty`,
`removed_chars`, `removed_docs_with_cruft`, `rule/<id>` and `category/<name>` (removed
lines). Documents left empty are dropped (and written to `exclusion_writer`, if given)
unless `drop_empty=False`.

Install with `pip install 'cleaner[datatrove]'`.
"""

from __future__ import annotations

import contextlib
from typing import Any

from ..api import Cleaner, Config
from . import _missing, resolve_cleaner

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise _missing("datatrove", exc) from exc

__all__ = ["CleanerStep"]


class CleanerStep(PipelineStep):
    """Clean each Document's text with cleaner's rule packs; record what was removed."""

    name = "🧹 cleaner"
    type = "✂️ - FORMAT"

    def __init__(self, cleaner: Cleaner | Config | None = None, *, url_key: str = "url",
                 lang_key: str | None = "language", drop_empty: bool = True, removals: bool = False,
                 metadata_prefix: str = "cleaner_", exclusion_writer: Any = None) -> None:
        """
        cleaner: a Cleaner or a Config (default: the shipped packs).
        url_key: metadata key with the page URL (datatrove's WARC/JSONL readers use "url");
            it selects the site pack.
        lang_key: metadata key with a language code (datatrove's LanguageFilter writes
            "language"); "de", "en_Latn", "de-AT" give "de". None or missing: detected.
        drop_empty: drop documents that are empty once cleaned.
        removals: also store every removal in metadata (bigger output).
        exclusion_writer: a datatrove writer that receives the dropped documents.
        """
        super().__init__()
        self.config = cleaner.config if isinstance(cleaner, Cleaner) else cleaner
        self._cleaner = cleaner if isinstance(cleaner, Cleaner) else None
        self.url_key = url_key
        self.lang_key = lang_key
        self.drop_empty = drop_empty
        self.removals = removals
        self.prefix = metadata_prefix
        self.exclusion_writer = exclusion_writer

    @property
    def cleaner(self) -> Cleaner:
        if self._cleaner is None:
            self._cleaner = resolve_cleaner(self.config)
        return self._cleaner

    def clean_document(self, doc: Document) -> bool:
        """Clean one document in place; returns whether it has text left."""
        metadata = doc.metadata
        url = metadata.get(self.url_key)
        lang = _language_code(metadata.get(self.lang_key)) if self.lang_key else None
        before = len(doc.text)
        result = self.cleaner.clean_and_explain(doc.text, url=url if isinstance(url, str) and url else None,
                                                lang=lang)
        doc.text = result.text
        p = self.prefix
        metadata[p + "title"] = result.title
        metadata[p + "lang"] = result.lang
        metadata[p + "site"] = result.site
        metadata[p + "removed_categories"] = sorted({r.category for r in result.removals})
        counts = result.counts
        metadata[p + "counts"] = counts
        if self.removals:
            metadata[p + "removals"] = [r.to_dict() for r in result.removals]
        self.stat_update("removed_chars", value=before - len(result.text), unit="doc")
        if counts:
            self.stat_update("removed_docs_with_cruft")
        for rule_id, n in counts.items():
            self.stat_update(f"rule/{rule_id}", value=n, unit="hit")
        for category, n in result.category_counts.items():
            self.stat_update(f"category/{category}", value=n, unit="hit")
        return bool(result.text)

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        if data is None:
            return
        writer_context = self.exclusion_writer if self.exclusion_writer else contextlib.nullcontext()
        with writer_context as writer:
            for doc in data:
                self.stat_update(StatHints.total)
                with self.track_time():
                    kept = self.clean_document(doc)
                if not kept and self.drop_empty:
                    self.stat_update(StatHints.dropped, "dropped_empty")
                    if writer is not None:
                        doc.metadata["filter_reason"] = "empty_after_cleaning"
                        writer.write(doc, rank)
                    continue
                self.stat_update(StatHints.forwarded)
                self.update_doc_stats(doc)
                yield doc


def _language_code(value: Any) -> str | None:
    """'de', 'de_Latn', 'de-AT' -> 'de'; anything else (3-letter codes, None) -> None (detect)."""
    if not isinstance(value, str) or not value:
        return None
    base = value.replace("-", "_").split("_", 1)[0].lower()
    return base if len(base) == 2 and base.isalpha() else None
