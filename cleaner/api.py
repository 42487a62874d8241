"""The public API: `clean`, `clean_and_explain` and the reusable `Cleaner`."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .document import Document, Result
from .engine.loader import load_packs, shipped_rules_dir
from .engine.rulebook import RuleBook, host_of
from .errors import InputError
from .langid import LanguageIdentifier
from .pipeline import Pipeline

__all__ = ["Config", "Cleaner", "clean", "clean_and_explain"]


@dataclass(frozen=True)
class Config:
    """How a Cleaner is set up.

    rules: extra pack files or directories (loaded after the shipped ones).
    shipped: whether to load the packs shipped with cleaner.
    default_lang: language to assume when detection finds none.
    """

    rules: tuple[str | Path, ...] = ()
    shipped: bool = True
    default_lang: str | None = None
    detect_language: bool = True
    extra: dict[str, object] = field(default_factory=dict)


class Cleaner:
    """Compiles rule packs once; clean as many documents as you like with it."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        paths: list[str | Path] = [shipped_rules_dir()] if self.config.shipped else []
        paths.extend(self.config.rules)
        self.rulebook = RuleBook(load_packs(paths))
        self.langid = LanguageIdentifier(self.rulebook.stopwords())
        self._pipelines: dict[tuple[str | None, str | None, date | None], Pipeline] = {}
        self._lock = threading.Lock()

    def clean(self, text: str, *, url: str | None = None, lang: str | None = None) -> str:
        """The article's title and body as canonical text."""
        return self.clean_and_explain(text, url=url, lang=lang).text

    def clean_and_explain(self, text: str, *, url: str | None = None, lang: str | None = None,
                          published: date | None = None) -> Result:
        """The cleaned text plus every removal (rule id, category, lines) and metadata."""
        if not isinstance(text, str):
            raise InputError(f"text must be str, not {type(text).__name__}")
        doc = Document.from_text(text, url=url)
        doc.host = host_of(url)
        doc.lang = lang or self._language(doc)
        return self._pipeline(doc.lang, doc.host, published).run(doc)

    def _language(self, doc: Document) -> str | None:
        declared = self.rulebook.site_language(doc.host)
        if declared:
            return declared
        if self.config.detect_language:
            found = self.langid.detect(doc.lines)
            if found:
                return found
        return self.config.default_lang

    def _pipeline(self, lang: str | None, host: str | None, day: date | None) -> Pipeline:
        site_packs = tuple(p.name for p in self.rulebook.site_packs(host, day))
        key = (lang, ",".join(site_packs) or None, day if site_packs else None)
        pipeline = self._pipelines.get(key)  # type: ignore[arg-type]
        if pipeline is None:
            with self._lock:
                pipeline = self._pipelines.get(key)  # type: ignore[arg-type]
                if pipeline is None:
                    pipeline = Pipeline(self.rulebook.select(lang, host, day))
                    self._pipelines[key] = pipeline  # type: ignore[index]
        return pipeline

    def selection_for(self, *, lang: str | None = None, url: str | None = None) -> Sequence[str]:
        """Names of the packs that would apply (for `cleaner explain` and debugging)."""
        return self.rulebook.select(lang, host_of(url)).packs


_default: Cleaner | None = None
_default_lock = threading.Lock()


def _default_cleaner() -> Cleaner:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Cleaner()
    return _default


def clean(text: str, *, url: str | None = None, lang: str | None = None) -> str:
    """Clean one article with the shipped packs (compiled on first use, then reused)."""
    return _default_cleaner().clean(text, url=url, lang=lang)


def clean_and_explain(text: str, *, url: str | None = None, lang: str | None = None) -> Result:
    """Clean one article and say what was removed, by which rule, and why."""
    return _default_cleaner().clean_and_explain(text, url=url, lang=lang)
