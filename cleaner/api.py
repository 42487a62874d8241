"""The public API: `clean`, `clean_and_explain` and the reusable `Cleaner`."""

from __future__ import annotations

import dataclasses
import sys
import threading
from contextlib import nullcontext
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from .document import Document, Result
from .engine.loader import pack_files, shipped_rules_dir
from .engine.rulebook import RuleBook, host_of
from .errors import InputError
from .langid import LanguageIdentifier
from .limits import Deadline, Limits, cap_lines, guard_packs
from .pipeline import Pipeline
from .records import Errors, clean_batch, clean_record, clean_records, record_inputs

__all__ = ["Config", "Cleaner", "Limits", "clean", "clean_and_explain", "shared_cleaner"]


@dataclass(frozen=True)
class Config:
    """How a Cleaner is set up.

    rules: extra pack files or directories (loaded after the shipped ones).
    shipped: whether to load the packs shipped with cleaner.
    default_lang: language to assume when detection finds none.
    limits: what one document may cost (size, line length, time, regex time): see
    cleaner.limits and docs/threat-model.md.
    """

    rules: tuple[str | Path, ...] = ()
    shipped: bool = True
    default_lang: str | None = None
    detect_language: bool = True
    extra: dict[str, object] = field(default_factory=dict)
    limits: Limits = field(default_factory=Limits)


class Cleaner:
    """Compiles rule packs once; clean as many documents as you like with it."""

    def __init__(self, config: Config | None = None) -> None:
        self.config = config or Config()
        paths: list[str | Path] = [shipped_rules_dir()] if self.config.shipped else []
        paths.extend(self.config.rules)
        # Patterns of packs that are not shipped (user, imported) search under the regex timeout.
        trusted, timeout = shipped_rules_dir(), self.config.limits.regex_timeout
        # Large site-pack sets are parsed per host on demand (RuleBook.load).
        self.rulebook = RuleBook.load(paths, lambda packs: guard_packs(packs, trusted, timeout))
        self.langid = LanguageIdentifier(self.rulebook.stopwords())
        self._pipelines: dict[tuple[str | None, str | None, date | None], Pipeline] = {}
        self._lock = threading.Lock()

    def clean(self, text: str | bytes, *, url: str | None = None, lang: str | None = None,
              published: date | None = None, input_format: str = "auto") -> str:
        """The article's title and body as canonical text."""
        return self.clean_and_explain(text, url=url, lang=lang, published=published, input_format=input_format).text

    def clean_and_explain(self, text: str | bytes, *, url: str | None = None, lang: str | None = None,
                          published: date | None = None, input_format: str = "auto") -> Result:
        """The cleaned text plus every removal (rule id, category, lines) and metadata.

        input_format: "text", "html", or "auto" (HTML when the input looks like a page:
        a doctype/<html>/<body> tag or dense markup). HTML may be given as bytes; its
        charset is then detected. For HTML the result is a cleaner.html.HtmlResult whose
        `source` is the page as text, the text its removals refer to.

        Raises LimitError when the document is over a limit of `config.limits`.
        """
        limits = self.config.limits
        if isinstance(text, (str, bytes, bytearray, memoryview)):  # other types fail below, naming the type
            limits.check_size(text)
        deadline = Deadline(limits.time_budget)
        if input_format != "text" and (input_format == "html" or not isinstance(text, str) or _looks_like_html(text)
                                       or input_format != "auto"):
            if input_format not in ("auto", "html"):
                raise InputError(f"input_format must be 'auto', 'text' or 'html', not {input_format!r}")
            if not isinstance(text, (str, bytes, bytearray, memoryview)):
                raise InputError(f"html must be str or bytes, not {type(text).__name__}")
            return self._html_extractor().clean(text, url=url, lang=lang, published=published, deadline=deadline)
        if not isinstance(text, str):
            raise InputError(f"text must be str, not {type(text).__name__}")
        doc = Document.from_text(text, url=url)
        cap_lines(doc.lines, limits.max_line_chars)
        deadline.check("reading")
        doc.host = host_of(url)
        doc.lang = lang or self._language(doc)
        deadline.check("language detection")
        return self._pipeline(doc.lang, doc.host, published, deadline).run(doc, deadline)

    def _html_extractor(self) -> Any:
        extractor = self.__dict__.get("_html")
        if extractor is None:
            from .html.extract import HtmlExtractor  # lxml is loaded only when HTML comes in

            with self._lock:
                extractor = self.__dict__.get("_html") or HtmlExtractor(self)
                self.__dict__["_html"] = extractor
        return extractor

    def _language(self, doc: Document) -> str | None:
        declared = self.rulebook.site_language(doc.host)
        if declared:
            return declared
        if self.config.detect_language:
            found = _detect_language(self.langid, doc.lines)
            if found:
                return found
        return self.config.default_lang

    def _pipeline(self, lang: str | None, host: str | None, day: date | None,
                  deadline: Deadline | None = None) -> Pipeline:
        site_packs = tuple(p.name for p in self.rulebook.site_packs(host, day))
        key = (lang, ",".join(site_packs) or None, day if site_packs else None)
        pipeline = self._pipelines.get(key)  # type: ignore[arg-type]
        if pipeline is None:
            with self._lock:
                pipeline = self._pipelines.get(key)  # type: ignore[arg-type]
                if pipeline is None:
                    # compiling is set-up, not the document's work: it does not count against its budget
                    with deadline.paused() if deadline is not None else nullcontext():
                        pipeline = Pipeline(self.rulebook.select(lang, host, day))
                    self._pipelines[key] = pipeline  # type: ignore[index]
        return pipeline

    def prepare(self, langs: Iterable[str | None] | None = None) -> None:
        """Compile the packs of these languages now rather than at each one's first document
        (default: every language with packs, and none).

        Before forking worker processes, so that they share the compiled databases and
        patterns (several hundred MB when each worker compiles its own); or to keep the
        one-off compile out of a timed loop.
        """
        for lang in [*self.rulebook.languages, None] if langs is None else langs:
            self._pipeline(lang, None, None)

    def selection_for(self, *, lang: str | None = None, url: str | None = None) -> Sequence[str]:
        """Names of the packs that would apply (for `cleaner explain` and debugging)."""
        return self.rulebook.select(lang, host_of(url)).packs

    # -- pipelines (see docs/pipelines.md) ---------------------------------------------
    def clean_many(self, items: Iterable[str | Mapping[str, Any]], *, url: str | None = None,
                   lang: str | None = None) -> Iterator[Result]:
        """Clean a stream lazily, one Result per item, in order. Items are str, or records
        (dicts with `text` and optional `url`, `lang`; `url`/`lang` here are defaults)."""
        for item in items:
            if isinstance(item, str):
                yield self.clean_and_explain(item, url=url, lang=lang)
            else:
                text, item_url, item_lang = record_inputs(item)
                yield self.clean_and_explain(text, url=item_url or url, lang=item_lang or lang)

    def clean_record(self, record: Mapping[str, Any], *, removals: bool = False) -> dict[str, Any]:
        """A record (dict with `text`, optional `url`, `lang`, `id`, ...) cleaned: see cleaner.records."""
        return clean_record(self, record, removals=removals)

    def clean_records(self, records: Iterable[Mapping[str, Any]], *, removals: bool = False,
                      errors: Errors = "raise") -> Iterator[dict[str, Any]]:
        """Records in, records out, lazily and in order: see cleaner.records.clean_records."""
        return clean_records(self, records, removals=removals, errors=errors)

    def clean_batch(self, batch: Mapping[str, Sequence[Any]], *, removals: bool = False) -> dict[str, list[Any]]:
        """A column batch cleaned (the `datasets` batched-map contract): see cleaner.records."""
        return clean_batch(self, batch, removals=removals)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle as the Config: the other side compiles it once per process (shared_cleaner).

        Relative rule paths are made absolute here, so a worker with another working
        directory finds the same files (they must exist at that path on the worker).
        """
        rules = tuple(str(Path(p).resolve()) for p in self.config.rules)
        return (shared_cleaner, (dataclasses.replace(self.config, rules=rules),))


_default: Cleaner | None = None
_default_lock = threading.Lock()

_shared: dict[tuple[Any, ...], Cleaner] = {}
_shared_lock = threading.Lock()


def shared_cleaner(config: Config | None = None) -> Cleaner:
    """The process-wide Cleaner for `config`: compiled on first use, then reused.

    This is what an unpickled Cleaner is, so a worker that receives the same cleaner with
    every task (Spark, datatrove, multiprocessing) compiles the rules once. The key
    includes each pack file's path, size and mtime: edited packs are recompiled.
    """
    config = config or Config()
    paths: list[str | Path] = [shipped_rules_dir()] if config.shipped else []
    paths.extend(config.rules)
    files = []
    for file in pack_files(paths):
        stat = file.stat()
        files.append((str(file.resolve()), stat.st_size, stat.st_mtime_ns))
    key = (repr(config), tuple(files))
    cleaner = _shared.get(key)
    if cleaner is None:
        with _shared_lock:  # held while compiling: threads unpickling at once compile once
            cleaner = _shared.get(key)
            if cleaner is None:
                cleaner = _shared[key] = Cleaner(config)
    return cleaner


_langdetect_ready = False
_langdetect_lock = threading.Lock()


def _detect_language(langid: LanguageIdentifier, lines: Sequence[str]) -> str | None:
    """langid.detect, safe to call from many threads at once.

    langdetect loads its profiles into a global on first use without a lock: a second
    thread can see the half-loaded factory and fail (we measured 7 of 8 threads getting
    no language). Until that load has happened once, detection runs under a lock.
    """
    global _langdetect_ready
    if _langdetect_ready:
        return langid.detect(lines)
    with _langdetect_lock:
        found = langid.detect(lines)
        factory = sys.modules.get("langdetect.detector_factory")
        if factory is not None and getattr(factory, "_factory", None) is not None:
            _langdetect_ready = True
        return found


def _default_cleaner() -> Cleaner:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Cleaner()
    return _default


def clean(text: str | bytes, *, url: str | None = None, lang: str | None = None,
          published: date | None = None, input_format: str = "auto") -> str:
    """Clean one article with the shipped packs (compiled on first use, then reused)."""
    return _default_cleaner().clean(text, url=url, lang=lang, published=published, input_format=input_format)


def clean_and_explain(text: str | bytes, *, url: str | None = None, lang: str | None = None,
                      published: date | None = None, input_format: str = "auto") -> Result:
    """Clean one article and say what was removed, by which rule, and why."""
    return _default_cleaner().clean_and_explain(text, url=url, lang=lang, published=published,
                                                input_format=input_format)


def _looks_like_html(text: str) -> bool:
    """Cheap first look ('<' near the start) before the HTML sniffer is imported."""
    if "<" not in text[:4096]:
        return False
    from .html import looks_like_html

    return looks_like_html(text)
