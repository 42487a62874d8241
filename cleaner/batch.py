"""Batch runs over many inputs: every input document yields an output or an error record.

`run_batch(BatchOptions(...))` is what `cleaner clean` calls. The main process reads
sources in a deterministic order (cleaner.io), groups documents into small chunks and
hands them to `jobs` worker processes, each holding one Cleaner built once (for JSONL
output, JSONL lines go unparsed: the workers parse them and build the output lines). At most
`inflight_per_job * jobs` chunks are in flight, and results are written in input order,
so memory stays bounded whatever the corpus size and a resumed run can tell exactly
where the previous one stopped:

* tree output (`-o OUTDIR`): a document is done when its file exists (atomic rename);
* JSONL output: the last complete line of the output and of the `--errors` file name the
  last document written; everything after it is redone.

Exit codes: 0 every document cleaned, 1 some failed (each has an error record),
2 usage or rule error, 130 interrupted.
"""

from __future__ import annotations

import concurrent.futures as cf
import dataclasses
import gc
import inspect
import json
import multiprocessing as mp
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .api import Cleaner, Config
from .errors import CleanerError, InputError
from .limits import Limits, forget_deadline, overdue, watchdog
from .io import (
    STDIN, JsonlWriter, ReadOptions, Record, Source, TreeWriter, iter_sources, last_record, read_source,
    safe_output_path, write_atomic,
)
from .io.readers import jsonl_record
from .io.sources import CONTAINERS, detect_format

__all__ = [
    "BatchOptions", "BatchReport", "ReadOptions", "UsageError", "run_batch", "default_jobs",
    "add_limit_options", "limits_from_args",
    "STDIN", "read_text_file", "safe_output_path", "write_atomic",
    "EXIT_OK", "EXIT_FAILED", "EXIT_USAGE", "EXIT_INTERRUPTED",
]

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_STUCK_WORKER = 86  # a worker's own exit status when it stops itself (never the run's)


class UsageError(CleanerError):
    """The options do not make sense together (exit code 2)."""


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


@dataclass
class BatchOptions:
    """Everything a batch run needs; `cleaner clean` fills it from its flags."""

    inputs: list[str]
    output: str | None = None           # OUTDIR (tree or OUTDIR/cleaned.jsonl) or a .jsonl file
    format: str = "text"                # text: .txt per document; jsonl: one record per document
    jobs: int | None = None             # worker processes; None = all cores, 1 = in this process
    input_format: str = "auto"          # auto (by suffix), text, html, jsonl, warc
    read: ReadOptions = field(default_factory=ReadOptions)
    url: str | None = None              # URL for documents that carry none
    lang: str | None = None
    config: Config = field(default_factory=Config)
    errors: str | None = None           # JSONL file of error records
    stats: str | None = None            # JSON file of counts and throughput
    resume: bool = False
    progress: bool | None = None        # None: a bar when stderr is a terminal
    fsync: bool = False                 # fsync every tree output before its rename
    chunk_docs: int = 32
    chunk_bytes: int = 1 << 20
    inflight_per_job: int = 2
    checkpoint_every: int = 1000        # JSONL outputs are fsynced every N records ...
    checkpoint_seconds: float = 10.0    # ... or every T seconds


@dataclass
class BatchReport:
    """What a run did; `to_dict` is the `--stats` file."""

    jobs: int = 1
    docs_in: int = 0
    docs_out: int = 0
    docs_failed: int = 0
    docs_skipped: int = 0               # already done (--resume)
    docs_failed_earlier: int = 0        # error records a resumed JSONL run found in --errors
    sources: int = 0
    input_bytes: int = 0                # raw bytes read from input files
    text_bytes: int = 0                 # bytes of document text handed to the cleaner
    output_bytes: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    rules: dict[str, list[int]] = field(default_factory=dict)       # id -> [hits, lines, documents]
    categories: dict[str, list[int]] = field(default_factory=dict)  # category -> same

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_FAILED if self.docs_failed or self.docs_failed_earlier else EXIT_OK

    def to_dict(self) -> dict[str, Any]:
        secs = max(self.seconds, 1e-9)

        def table(data: dict[str, list[int]]) -> dict[str, dict[str, int]]:
            return {k: {"hits": v[0], "lines": v[1], "documents": v[2]}
                    for k, v in sorted(data.items(), key=lambda kv: (-kv[1][0], kv[0]))}

        return {
            "documents": {"in": self.docs_in, "out": self.docs_out, "failed": self.docs_failed,
                          "skipped_resume": self.docs_skipped, "failed_before_resume": self.docs_failed_earlier},
            "sources": self.sources,
            "bytes": {"input": self.input_bytes, "text": self.text_bytes, "output": self.output_bytes},
            "seconds": round(self.seconds, 3),
            "throughput": {"documents_per_s": round(self.docs_in / secs, 2),
                           "input_mb_per_s": round(self.input_bytes / secs / 1e6, 3),
                           "text_mb_per_s": round(self.text_bytes / secs / 1e6, 3)},
            "jobs": self.jobs,
            "interrupted": self.interrupted,
            "rules": table(self.rules),
            "categories": table(self.categories),
        }


# -- limits on the command line ------------------------------------------------------------

def add_limit_options(parser: Any) -> None:
    """--max-doc-chars, --max-line-chars, --time-budget, --regex-timeout, --kill-grace
    (see docs/threat-model.md)."""
    d = Limits()

    def seconds(value: str) -> float | None:
        if value.lower() in ("none", "off", "0"):
            return None
        number = float(value)
        if not number > 0:
            raise ValueError(value)
        return number

    parser.add_argument("--max-doc-chars", type=int, default=d.max_document_chars, metavar="N",
                        help=f"documents longer than N characters fail with a limit error ({d.max_document_chars:,})")
    parser.add_argument("--max-line-chars", type=int, default=d.max_line_chars, metavar="N",
                        help=f"rules see only the first N characters of a line; it is kept whole ({d.max_line_chars:,})")
    parser.add_argument("--time-budget", type=seconds, default=d.time_budget, metavar="SECONDS",
                        help=f"a document that takes longer fails with a limit error; 'none' for no limit "
                             f"({d.time_budget})")
    parser.add_argument("--regex-timeout", type=seconds, default=d.regex_timeout, metavar="SECONDS",
                        help=f"longest one search of a rule from --rules packs may take; 'none' for no limit "
                             f"({d.regex_timeout})")
    parser.add_argument("--kill-grace", type=seconds, default=d.kill_grace, metavar="SECONDS",
                        help=f"a worker still busy this long after a document's time budget ran out (stuck in "
                             f"C code) is stopped and the document fails; 'none' never stops one, and lets "
                             f"-j 1 clean in this process ({d.kill_grace})")


def limits_from_args(args: Any) -> Limits:
    try:
        return Limits(max_document_chars=args.max_doc_chars, max_line_chars=args.max_line_chars,
                      time_budget=args.time_budget, regex_timeout=args.regex_timeout,
                      kill_grace=args.kill_grace)
    except ValueError as exc:
        raise UsageError(str(exc)) from exc


# -- compatibility helpers (cleaner explain) ---------------------------------------------

def read_text_file(path: str) -> str:
    """Read a UTF-8 text file; undecodable bytes are an InputError naming the offset."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", file=path) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not valid UTF-8 ({exc.reason})", file=path, position=f"byte {exc.start}") from exc


# -- workers ---------------------------------------------------------------------------------

_WORKER: Cleaner | None = None
_FORKED: Cleaner | None = None  # the parent's Cleaner, inherited by forked workers
_INPUT_FORMAT_SUPPORT: dict[int, bool] = {}

# One job: (position in chunk, text, kind, url, lang)
Job = tuple[int, str, str, "str | None", "str | None"]
# One result: (position, ok, payload or reason, {rule: [category, hits, lines]}); the payload is the
# text (tree, stdout) or (result keys, the result as JSON object members) for JSONL output.
JobResult = tuple[int, bool, Any, "dict[str, list[Any]] | None"]
# One JSONL line to parse and clean (JSONL output): (position in chunk, source, index, line, raw line).
# Its result's payload is the output line (bytes), or on failure (reason, id, unreadable: bool).
LineJob = tuple[int, Source, int, int, bytes]
# What every line of a run shares: (read options, the default URL, lang).
LineContext = tuple[ReadOptions, "str | None", "str | None"]


def _init_worker(config: Config, parent: int, stops: Any) -> None:
    global _WORKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    forget_deadline()  # the parent's last document is not this worker's: the watch below would stop it
    _WORKER = _FORKED if _FORKED is not None else Cleaner(config)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    grace = _kill_grace(_WORKER)
    if grace is not None:
        threading.Thread(target=_stop_when_stuck, args=(grace, stops), daemon=True).start()


def _kill_grace(cleaner: Cleaner) -> float | None:
    """Seconds past the time budget after which a worker is stopped, or None (never)."""
    limits = getattr(getattr(cleaner, "config", None), "limits", None)
    if limits is None or limits.time_budget is None:
        return None
    return limits.kill_grace


def _stop_when_stuck(grace: float, stops: Any) -> None:
    """Exit when a document is still being cleaned `grace` s after its budget ran out.

    Only C code (an XPath in libxml2, a parser) can hold a document that long: the
    SIGALRM backstop stops Python code. `stops` (shared with the parent) counts these
    exits, so the parent can tell them from crashes when it fails the document alone."""
    while True:
        time.sleep(0.1)
        if overdue(grace):
            with stops.get_lock():
                stops.value += 1
            os._exit(EXIT_STUCK_WORKER)


def _watch_parent(parent: int) -> None:
    """Exit when the parent is gone (killed with SIGKILL): no orphans keep cleaning."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def _ping() -> int:
    return os.getpid()


def _accepts_input_format(cleaner: Cleaner) -> bool:
    known = _INPUT_FORMAT_SUPPORT.get(id(cleaner))
    if known is None:
        try:
            known = "input_format" in inspect.signature(cleaner.clean_and_explain).parameters
        except (TypeError, ValueError):
            known = False
        _INPUT_FORMAT_SUPPORT[id(cleaner)] = known
    return known


def _clean_one(cleaner: Cleaner, text: str, kind: str, url: str | None, lang: str | None):  # type: ignore[no-untyped-def]
    if kind != "auto" and _accepts_input_format(cleaner):
        return cleaner.clean_and_explain(text, url=url, lang=lang, input_format=kind)  # type: ignore[call-arg]
    return cleaner.clean_and_explain(text, url=url, lang=lang)


def _worker_cleaner(cleaner: Cleaner | None) -> tuple[Cleaner, float | None]:
    """The Cleaner to use (this worker's unless one is given) and its time budget."""
    cleaner = cleaner or _WORKER
    assert cleaner is not None, "worker not initialised"
    limits = getattr(getattr(cleaner, "config", None), "limits", None)
    return cleaner, limits.time_budget if limits is not None else None


def _clean_job(cleaner: Cleaner, budget: float | None, job: Job, want_dict: bool) -> tuple[bool, Any, Any]:
    """(ok, payload or reason, hits) of one document; a failure is a result, never an exception."""
    _, text, kind, url, lang = job
    try:
        with watchdog(budget):  # stops a pass that overruns the budget between its checks
            result = _clean_one(cleaner, text, kind, url, lang)
        # JSONL: the result fields encoded here, in the worker, as the inside of an object
        if want_dict:
            fields = result.to_dict()
            payload = (tuple(fields), json.dumps(fields, ensure_ascii=False)[1:-1])
        else:
            payload = result.text
    except CleanerError as exc:
        return False, str(exc), None
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the run
        return False, f"internal error: {type(exc).__name__}: {exc}", None
    hits: dict[str, list[Any]] = {}
    for r in result.removals:
        entry = hits.setdefault(r.rule_id, [r.category, 0, 0])
        entry[1] += 1
        entry[2] += max(1, r.end - r.start) if r.span is None else 1
    return True, payload, hits


class ChunkResults(list):  # type: ignore[type-arg]
    """A chunk's results, and `tally`: the rule and category counts of its cleaned documents,
    summed where they were cleaned. The reading process adds one table per chunk instead of
    one per document (per document, the counting was most of what it did for each result);
    it counts per document only when a cleaned document could not be written."""

    tally: Tally | None = None


# (rule -> [hits, lines, documents], category -> [hits, lines, documents])
Tally = tuple[dict[str, list[int]], dict[str, list[int]]]


def count_hits(rules: dict[str, list[int]], categories: dict[str, list[int]],
               hits: dict[str, list[Any]]) -> None:
    """Add one document's hits ({rule: [category, hits, lines]}) to the tables."""
    seen: set[str] = set()
    for rule_id, (category, n, lines) in hits.items():
        r = rules.setdefault(rule_id, [0, 0, 0])
        r[0] += n
        r[1] += lines
        r[2] += 1
        c = categories.setdefault(category, [0, 0, 0])
        c[0] += n
        c[1] += lines
        if category not in seen:
            c[2] += 1
            seen.add(category)


def _tallied(results: list[JobResult]) -> ChunkResults:
    out = ChunkResults(results)
    rules: dict[str, list[int]] = {}
    categories: dict[str, list[int]] = {}
    for _, ok, _, hits in results:
        if ok and hits:
            count_hits(rules, categories, hits)
    out.tally = (rules, categories)
    return out


def clean_chunk(jobs: list[Job], want_dict: bool, cleaner: Cleaner | None = None) -> ChunkResults:
    """Clean a chunk of documents; a failing document becomes a failed result, never an exception."""
    cleaner, budget = _worker_cleaner(cleaner)
    return _tallied([(job[0], *_clean_job(cleaner, budget, job, want_dict)) for job in jobs])


def clean_lines(jobs: list[LineJob], context: LineContext, cleaner: Cleaner | None = None) -> ChunkResults:
    """Parse, clean and encode JSONL lines into output lines (JSONL output): the reading
    process then only splits lines and writes, and the JSON work runs on every core."""
    cleaner, budget = _worker_cleaner(cleaner)
    read, default_url, lang = context
    out: list[JobResult] = []
    for pos, source, index, line_no, raw in jobs:
        record = jsonl_record(source, index, line_no, raw, read)
        if record.error is not None:
            out.append((pos, False, (record.error, record.id, True), None))
            continue
        url = record.url or default_url
        ok, payload, hits = _clean_job(cleaner, budget, (pos, record.text, record.kind, url, lang), True)
        if ok:
            keys, members = payload
            out.append((pos, True, jsonl_line(record, keys, members, default_url), hits))
        else:
            out.append((pos, False, (payload, record.id, False), None))
    return _tallied(out)


def jsonl_line(record: Record, keys: tuple[str, ...], members: str, default_url: str | None) -> bytes:
    """The output line of a cleaned record: its input fields (those the result does not
    replace), where it came from, then the result's members (already JSON)."""
    data: dict[str, Any] = {k: v for k, v in (record.extra or {}).items() if k not in keys}
    data["id"] = record.display_id()
    data["source"] = record.source.path
    if record.line is not None:
        data["line"] = record.line
    if record.offset is not None:
        data["offset"] = record.offset
    data["url"] = record.url or default_url
    head = json.dumps(data, ensure_ascii=False)
    line = f"{head[:-1]}, {members}}}\n" if members else head + "\n"
    return line.encode("utf-8", "backslashreplace")


def _release_free_heap() -> None:
    """Give the heap that compiling freed back to the system before forking (glibc keeps it:
    ~35 MB of the shipped packs' compile), so that no process carries it."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: nothing to give back this way
        pass


def _mp_context() -> Any:
    if sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods():
        return mp.get_context("fork")
    return mp.get_context("spawn")


# -- the run ---------------------------------------------------------------------------------

@dataclass
class _Chunk:
    items: list[tuple[Record, Path | None]]
    jobs: list[Any]                  # Job, or LineJob when `lines`
    size: int = 0
    lines: bool = False              # unparsed JSONL lines (clean_lines), not documents (clean_chunk)
    future: cf.Future | None = None  # type: ignore[type-arg]


class _ResumePoint:
    """Skips, in input order, every document up to and including (file, position)."""

    def __init__(self, path: str, pos: int | None) -> None:
        self.path, self.pos = path, pos
        self.reached = False   # in the resume file now (or past it)
        self.passed = False    # past the resume point

    def skip_source(self, path: str) -> bool:
        if self.passed:
            return False
        if path != self.path:
            if self.reached:   # the resume file is done; this is the next one
                self.passed = True
                return False
            return True
        self.reached = True
        return False

    def skip_record(self, record: Record) -> bool:
        if self.passed:
            return False
        _, pos = record.key
        if self.pos is None or (pos is not None and pos <= self.pos):
            return True
        self.passed = True
        return False


class BatchRun:
    def __init__(self, options: BatchOptions, *, stdin: Any = None, stdout: Any = None,
                 stderr: TextIO | None = None, cleaner: Cleaner | None = None) -> None:
        self.opts = options
        self.cleaner = cleaner
        self.stdin = stdin
        self.stdout = stdout if stdout is not None else sys.stdout
        self.stderr = stderr if stderr is not None else sys.stderr
        self.jobs = max(1, options.jobs or default_jobs())
        self.report = BatchReport(jobs=self.jobs)
        self.tree: TreeWriter | None = None
        self.jsonl: JsonlWriter | None = None
        self.errors: JsonlWriter | None = None
        self.resume_point: _ResumePoint | None = None
        self.bar: Any = None
        self._bar_docs = 0
        self._bar_last = 0.0
        self._to_stdout_text = False
        self._stdout_docs = 0
        self._pending: JsonlWriter | None = None

    # -- set-up --------------------------------------------------------------------------
    def _validate(self) -> None:
        o = self.opts
        if not o.inputs:
            raise UsageError("no input given")
        if o.inputs.count(STDIN) > 1:
            raise UsageError("stdin (-) given more than once")
        if o.format not in ("text", "jsonl"):
            raise UsageError(f"unknown output format {o.format!r}")
        if o.resume and not o.output:
            raise UsageError("--resume needs -o (an output directory or .jsonl file to continue)")
        if o.format == "text" and not o.output:
            single = len(o.inputs) == 1 and (o.inputs[0] == STDIN or os.path.isfile(o.inputs[0]))
            if single and o.inputs[0] != STDIN and detect_format(o.inputs[0], o.input_format) in CONTAINERS:
                single = False
            if not single:
                raise UsageError("several documents: give -o OUTDIR for a tree of .txt files, "
                                 "or --format jsonl for one record per document")
            self._to_stdout_text = True
        if o.format == "text" and o.output and o.output.endswith(".jsonl"):
            raise UsageError(f"-o {o.output}: a .jsonl output needs --format jsonl")

    def _jsonl_path(self) -> Path | None:
        out = self.opts.output
        if not out:
            return None
        path = Path(out)
        return path if out.endswith(".jsonl") else path / "cleaned.jsonl"

    def _open_outputs(self) -> None:
        o = self.opts
        keys: list[tuple[str, int | None]] = []
        append = o.resume
        if o.format == "jsonl":
            path = self._jsonl_path()
            if o.resume and path is not None:
                keys.append(self._last_key(path, "source"))
            stream = None if path is not None else _binary(self.stdout)
            self.jsonl = JsonlWriter(path, append=append, stream=stream, checkpoint_every=o.checkpoint_every,
                                     checkpoint_seconds=o.checkpoint_seconds)
        elif o.output:
            self.tree = TreeWriter(o.output, fsync=o.fsync)
            if o.resume:
                self.tree.remove_stale_temporaries()
        if o.errors:
            # Tree runs retry every failed document on resume, so their errors file starts afresh.
            keep = o.resume and o.format == "jsonl"
            if keep:
                keys.append(self._last_key(Path(o.errors), "file"))
                self.report.docs_failed_earlier = _count_lines(Path(o.errors))
            self.errors = JsonlWriter(o.errors, append=keep, checkpoint_every=o.checkpoint_every,
                                      checkpoint_seconds=o.checkpoint_seconds)
        keys = [k for k in keys if k[0]]
        if keys:
            self.resume_point = self._latest(keys)

    @staticmethod
    def _last_key(path: Path, file_field: str) -> tuple[str, int | None]:
        try:
            obj = last_record(path)
        except ValueError as exc:
            raise UsageError(f"cannot resume: {exc}") from exc
        if not obj:
            return ("", None)
        pos = obj.get("line", obj.get("offset"))
        return (str(obj.get(file_field) or ""), pos if isinstance(pos, int) else None)

    def _latest(self, keys: list[tuple[str, int | None]]) -> _ResumePoint:
        """The later of the last records of the output and the errors file, in input order."""
        order: dict[str, int] = {}
        wanted = {k[0] for k in keys}
        for n, source in enumerate(iter_sources(self.opts.inputs, self.opts.input_format)):
            if source.path in wanted and source.path not in order:
                order[source.path] = n
                if len(order) == len(wanted):
                    break
        for path, _ in keys:
            if path not in order:
                raise UsageError(f"cannot resume: the last record written came from {path}, "
                                 "which is not among the inputs (give the same inputs as the first run)")
        path, pos = max(keys, key=lambda k: (order[k[0]], -1 if k[1] is None else k[1]))
        return _ResumePoint(path, pos)

    # -- reading ---------------------------------------------------------------------------
    def _read_options(self) -> ReadOptions:
        """JSONL output leaves JSONL lines unparsed: the workers parse them (clean_lines)."""
        if self.opts.format == "jsonl":
            return dataclasses.replace(self.opts.read, parse_jsonl=False)
        return self.opts.read

    def _records(self) -> Iterator[tuple[Record, Path | None]]:
        rp = self.resume_point
        read = self._read_options()
        for source in iter_sources(self.opts.inputs, self.opts.input_format):
            if rp is not None and rp.skip_source(source.path):
                continue
            self.report.sources += 1
            for record in read_source(source, read, stdin=self.stdin):
                self.report.input_bytes += record.consumed
                if rp is not None and rp.skip_record(record):
                    self._skipped(record)
                    continue
                if self._to_stdout_text:
                    self._stdout_docs += 1
                    if record.source.container or self._stdout_docs > 1:
                        raise UsageError("several documents: give -o OUTDIR for a tree of .txt files, "
                                         "or --format jsonl for one record per document")
                target = None
                if self.tree is not None:
                    try:
                        target = self.tree.target(record)
                    except CleanerError as exc:
                        record.error, record.text = str(exc), None
                    if (self.opts.resume and target is not None and record.error is None
                            and target.exists()):
                        self._skipped(record)
                        continue
                yield record, target
        if rp is not None and not rp.reached:
            raise UsageError(f"cannot resume: {rp.path} (where the last run stopped) was not among the inputs")

    def _skipped(self, record: Record) -> None:
        self.report.docs_skipped += 1
        self._progress(record.consumed)

    def _chunks(self) -> Iterator[_Chunk]:
        o = self.opts
        chunk = _Chunk([], [])
        for record, target in self._records():
            lines = record.raw is not None
            if chunk.jobs and lines != chunk.lines:  # a chunk's jobs are all of one kind
                yield chunk
                chunk = _Chunk([], [])
            pos = len(chunk.items)
            chunk.items.append((record, target))
            if record.error is None and lines:
                chunk.jobs.append((pos, record.source, record.index, record.line, record.raw))
                chunk.size += len(record.raw)  # type: ignore[arg-type]
                chunk.lines = True
            elif record.error is None and record.text is not None:
                url = record.url or o.url
                chunk.jobs.append((pos, record.text, record.kind, url, o.lang))
                chunk.size += len(record.text)
            if len(chunk.items) >= o.chunk_docs or chunk.size >= o.chunk_bytes:
                yield chunk
                chunk = _Chunk([], [])
        if chunk.items:
            yield chunk

    def _work(self, chunk: _Chunk) -> tuple[Any, Any]:
        """(function, its second argument) that cleans the chunk's jobs."""
        if chunk.lines:
            return clean_lines, (self._read_options(), self.opts.url, self.opts.lang)
        return clean_chunk, self.opts.format == "jsonl"

    def _submit(self, pool: cf.ProcessPoolExecutor, chunk: _Chunk, jobs: list[Any]) -> cf.Future:  # type: ignore[type-arg]
        work, arg = self._work(chunk)
        return pool.submit(work, jobs, arg)

    # -- cleaning ----------------------------------------------------------------------------
    def _cleaned(self, cleaner: Cleaner) -> Iterator[tuple[_Chunk, list[JobResult]]]:
        if self._in_process(cleaner):
            for chunk in self._chunks():
                work, arg = self._work(chunk)
                yield chunk, work(chunk.jobs, arg, cleaner)
            return
        global _FORKED
        ctx = _mp_context()
        _FORKED = cleaner if ctx.get_start_method() == "fork" else None
        if _FORKED is not None:
            # Compiled once here, the databases and patterns are shared by the forked
            # workers' pages; compiled in each worker, they cost every worker ~300 MB.
            cleaner.prepare(None if self.opts.lang is None else [self.opts.lang])
            _release_free_heap()
        self._stops = ctx.Value("i", 0)
        self._limits = getattr(getattr(cleaner, "config", None), "limits", self.opts.config.limits)

        def new_pool() -> cf.ProcessPoolExecutor:
            pool = cf.ProcessPoolExecutor(self.jobs, mp_context=ctx, initializer=_init_worker,
                                          initargs=(self.opts.config, os.getpid(), self._stops))
            pool.submit(_ping).result()  # start the workers now, before any thread of ours
            return pool

        # Frozen, the compiled rule set is left alone by every process's collections, which
        # would otherwise write to (and so copy) each shared page: the workers' and, for the
        # whole run, this process's own (it unfreezes at the end).
        gc.freeze()
        pool: cf.ProcessPoolExecutor | None = None
        inflight: deque[_Chunk] = deque()
        limit = self.jobs * max(1, self.opts.inflight_per_job)
        try:
            pool = new_pool()
            self._start_progress()
            chunks = self._chunks()
            while True:
                while len(inflight) < limit:
                    chunk = next(chunks, None)
                    if chunk is None:
                        break
                    if chunk.jobs:
                        chunk.future = self._submit(pool, chunk, chunk.jobs)
                    inflight.append(chunk)
                if not inflight:
                    break
                head = inflight.popleft()
                try:
                    results = head.future.result() if head.future is not None else []
                except BrokenProcessPool:
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = new_pool()
                    results, pool = self._isolate(new_pool, pool, head)
                    for chunk in inflight:  # resubmit what the dead pool still had
                        if chunk.jobs:
                            chunk.future = self._submit(pool, chunk, chunk.jobs)
                yield head, results
        finally:
            for chunk in inflight:
                if chunk.future is not None:
                    chunk.future.cancel()
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            gc.unfreeze()
            _FORKED = None

    def _isolate(self, new_pool: Any, pool: cf.ProcessPoolExecutor,
                 chunk: _Chunk) -> tuple[list[JobResult], cf.ProcessPoolExecutor]:
        """After a worker died: clean the chunk one document at a time to find the culprit."""
        results: list[JobResult] = []
        for job in chunk.jobs:
            stops = self._stops.value
            try:
                results.extend(self._submit(pool, chunk, [job]).result())
            except BrokenProcessPool:
                results.append((job[0], False, self._death_reason(stopped=self._stops.value > stops), None))
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
        return results, pool

    def _death_reason(self, stopped: bool) -> str:
        if not stopped:
            return "the worker process died while cleaning this document"
        limits = self._limits
        return (f"document exceeded its time budget of {limits.time_budget} s and was still running "
                f"{limits.kill_grace} s later in C code (an XPath or the parser), so its worker was "
                "stopped; raise --time-budget or --kill-grace to clean it")

    def _in_process(self, cleaner: Cleaner) -> bool:
        """One job runs in this process, unless a stuck document must be stoppable (it takes
        a worker process to stop C code)."""
        return self.jobs == 1 and _kill_grace(cleaner) is None

    # -- writing -----------------------------------------------------------------------------
    def _emit(self, record: Record, target: Path | None, payload: Any) -> None:
        if self.jsonl is not None:
            # a JSONL line's output line comes from its worker; other documents' is made here
            line = payload if isinstance(payload, bytes) else jsonl_line(record, *payload, self.opts.url)
            self._queue(self.jsonl, line)
        elif self.tree is not None and target is not None:
            self.report.output_bytes += self.tree.write(target, payload)
        else:
            self.stdout.write(payload + "\n")
            self.report.output_bytes += len(payload) + 1

    def _fail(self, record: Record, reason: str, target: Path | None) -> None:
        self.report.docs_failed += 1
        entry: dict[str, Any] = {"id": record.display_id(), "file": record.source.path}
        if record.line is not None:
            entry["line"] = record.line
        if record.offset is not None:
            entry["offset"] = record.offset
        entry["reason"] = reason
        if self.errors is not None:
            self._queue(self.errors, self.errors.encode(entry))
        where = record.source.path + (f":{record.position}" if record.position else "")
        ident = f" (id {record.id})" if record.id is not None else ""
        self._say(f"cleaner: error: {where}{ident}: {reason}")
        if target is not None and self.tree is not None:
            self.tree.discard(target)

    def _queue(self, writer: JsonlWriter, line: bytes) -> None:
        """Queue a line; switching files first flushes the other, so the order across files holds."""
        if self._pending is not None and self._pending is not writer:
            self._pending.flush()
        self._pending = writer
        n = writer.add(line)
        if writer is self.jsonl:
            self.report.output_bytes += n

    def _flush(self) -> None:
        if self._pending is not None:
            self._pending.flush()
            self._pending = None

    def _say(self, line: str) -> None:
        if self.bar is not None:
            self.bar.write(line, file=self.stderr)
        else:
            print(line, file=self.stderr)

    def _account(self, written: list[dict[str, list[Any]]], tally: Tally | None) -> None:
        """Count the rules of the documents written: the chunk's tally when every cleaned
        document was written (the worker summed the same hits), else document by document."""
        rules, cats = self.report.rules, self.report.categories
        if tally is None:
            for hits in written:
                count_hits(rules, cats, hits)
            return
        for table, part in ((rules, tally[0]), (cats, tally[1])):
            for key, (n, lines, docs) in part.items():
                entry = table.setdefault(key, [0, 0, 0])
                entry[0] += n
                entry[1] += lines
                entry[2] += docs

    def _settle_line(self, record: Record, result: JobResult) -> JobResult:
        """A JSONL line's failed result: the record learns its id (and, if the line could not
        be read, its error) from the worker; the result keeps the reason to fail with."""
        pos, ok, payload, _ = result
        if ok:
            return result
        if isinstance(payload, tuple):
            reason, record.id, unreadable = payload
        else:  # no word from the worker (it died): the id comes from parsing the line here
            reason, unreadable = payload, False
            record.id = jsonl_record(record.source, record.index, record.line or 0, record.raw or b"",
                                     self.opts.read).id
        if unreadable:
            record.error = reason
        return (pos, False, reason, None)

    def _write_chunk(self, chunk: _Chunk, results: list[JobResult]) -> None:
        by_pos = {r[0]: r for r in results}
        tally = getattr(results, "tally", None)
        written: list[dict[str, list[Any]]] = []  # the hits of each document written
        complete = False
        try:
            for pos, (record, target) in enumerate(chunk.items):
                if not self._write_one(record, target, by_pos.get(pos), written):
                    tally = None  # it counts a document not written: count the written ones
            complete = True
        finally:  # interrupted half-way, what was written is counted
            self._account(written, tally if complete else None)
        self._flush()

    def _write_one(self, record: Record, target: Path | None, result: JobResult | None,
                   written: list[dict[str, list[Any]]]) -> bool:
        """Write one document's output or error record; False if its cleaned text could not
        be written."""
        self.report.docs_in += 1
        if result is None:
            result = (0, False, "no result from the worker", None)
        if record.raw is not None and record.error is None:
            result = self._settle_line(record, result)
        unwritten = False
        if record.error is not None:
            self._fail(record, record.error, target)
        else:
            self.report.text_bytes += record.size
            _, ok, payload, hits = result
            if ok:
                try:
                    self._emit(record, target, payload)
                except OSError as exc:
                    self._fail(record, f"cannot write output: {exc.strerror or exc}", target)
                    unwritten = True
                else:
                    self.report.docs_out += 1
                    if hits:
                        written.append(hits)
            else:
                self._fail(record, payload, target)
        self._progress(record.consumed, doc=True)
        return not unwritten

    # -- progress ----------------------------------------------------------------------------
    def _want_progress(self) -> bool:
        if self.opts.progress is not None:
            return self.opts.progress
        try:
            return self.stderr.isatty()
        except (AttributeError, ValueError):
            return False

    def _start_progress(self) -> None:
        if self.bar is not None or not self._want_progress():
            return
        try:
            from tqdm import tqdm
        except ImportError:  # pragma: no cover - tqdm is a dependency
            return
        self.bar = tqdm(total=None, unit="B", unit_scale=True, unit_divisor=1000, desc="cleaning",
                        file=self.stderr, mininterval=0.5, smoothing=0.1, dynamic_ncols=True)
        if STDIN not in self.opts.inputs:
            threading.Thread(target=self._measure_total, daemon=True).start()

    def _measure_total(self) -> None:
        total = 0
        for source in iter_sources(self.opts.inputs, self.opts.input_format, stat=True):
            total += source.size or 0
        bar = self.bar
        if bar is not None:
            bar.total = total
            bar.refresh()

    def _progress(self, consumed: int, doc: bool = False) -> None:
        if self.bar is None:
            return
        if doc:
            self._bar_docs += 1
        self.bar.update(consumed)
        now = time.monotonic()
        if now - self._bar_last > 0.5:
            self._bar_last = now
            self.bar.set_postfix_str(f"{self._bar_docs} docs, {self.report.docs_failed} failed", refresh=False)

    # -- the whole run -----------------------------------------------------------------------
    def run(self) -> BatchReport:
        start = time.monotonic()
        self._validate()
        cleaner = self.cleaner or Cleaner(self.opts.config)  # a rule error stops here, before any output
        self._open_outputs()
        previous = signal.getsignal(signal.SIGTERM) if threading.current_thread() is threading.main_thread() else None
        if previous is not None:
            signal.signal(signal.SIGTERM, _terminate)
        try:
            if self._in_process(cleaner):
                self._start_progress()
            for chunk, results in self._cleaned(cleaner):
                self._write_chunk(chunk, results)
        except KeyboardInterrupt:
            self.report.interrupted = True
            self._say("cleaner: interrupted; run again with --resume to continue")
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
            self._flush()
            for writer in (self.jsonl, self.errors):
                if writer is not None:
                    writer.close()
            if self._to_stdout_text or (self.jsonl is not None and self.jsonl.path is None):
                try:
                    self.stdout.flush()
                except (OSError, ValueError):
                    pass
            self.report.seconds = time.monotonic() - start
            if self.bar is not None:
                self.bar.set_postfix_str(f"{self._bar_docs} docs, {self.report.docs_failed} failed")
                self.bar.close()
                self.bar = None
            if self.opts.stats:
                write_atomic(Path(self.opts.stats), json.dumps(self.report.to_dict(), indent=2) + "\n")
        r = self.report
        if r.docs_failed or r.docs_failed_earlier or self._want_progress():
            where = f" (error records in {self.opts.errors})" if self.opts.errors and r.docs_failed else ""
            skipped = f", {r.docs_skipped} already done" if r.docs_skipped else ""
            if r.docs_failed_earlier:
                skipped += f", {r.docs_failed_earlier} failed before the resume"
            self._say(f"cleaner: {r.docs_in} documents: {r.docs_out} cleaned, {r.docs_failed} failed"
                      f"{skipped}{where}")
        return r


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b""))
    except FileNotFoundError:
        return 0


def _terminate(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _binary(stream: Any) -> Any:
    return getattr(stream, "buffer", stream)


def run_batch(options: BatchOptions, *, stdin: Any = None, stdout: Any = None,
              stderr: TextIO | None = None, cleaner: Cleaner | None = None) -> BatchReport:
    """Run a batch; raises UsageError (exit 2) or RuleError for set-up problems.

    `cleaner`: an already built Cleaner to use instead of building one from
    `options.config` (forked workers inherit it; spawned ones build from the config).
    """
    return BatchRun(options, stdin=stdin, stdout=stdout, stderr=stderr, cleaner=cleaner).run()
