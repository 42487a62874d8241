"""Read sources into documents: text and HTML files, JSONL records, WARC responses.

Each reader streams: it holds one document at a time. Anything that goes wrong with one
document (a corrupt JSON line, bytes that are not UTF-8, a record over the size limit) is
yielded as a failed `Record` naming the file and position, and reading goes on with the
next document. A compressed stream that breaks off ends the source with one failed
record at the position where it broke.
"""

from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from .compression import STREAM_ERRORS, open_stream
from .sources import STDIN, Source

__all__ = ["Record", "ReadOptions", "read_source", "decode_html", "jsonl_record"]

DEFAULT_MAX_DOC_BYTES = 64 * 1024 * 1024


@dataclass
class ReadOptions:
    text_field: str = "text"
    url_field: str = "url"
    id_field: str = "id"
    max_doc_bytes: int = DEFAULT_MAX_DOC_BYTES
    # False: a JSONL record is left unparsed (its line in `raw`), for `jsonl_record` to parse
    # where it is cleaned (a batch's workers, so that the reading process only splits lines)
    parse_jsonl: bool = True


@dataclass
class Record:
    """One input document, or the failure to read one.

    index: 0-based number of the document within its source (read order). line (JSONL,
    1-based) or offset (WARC, bytes into the file) says where it is. kind is what the
    API is told the text is: "text", "html" or "auto". consumed: raw bytes of the source
    file read since the previous record (drives the progress bar).
    """

    source: Source
    index: int
    text: str | None = None
    kind: str = "auto"
    id: str | None = None
    url: str | None = None
    line: int | None = None
    offset: int | None = None
    extra: dict[str, Any] | None = None
    error: str | None = None
    consumed: int = 0
    size: int = 0
    raw: bytes | None = None    # an unparsed JSONL line (ReadOptions.parse_jsonl=False)

    @property
    def position(self) -> str | None:
        if self.line is not None:
            return f"line {self.line}"
        if self.offset is not None:
            return f"offset {self.offset}"
        return None

    @property
    def key(self) -> tuple[str, int | None]:
        """(file, line or offset): what identifies the document across runs."""
        return self.source.path, self.line if self.line is not None else self.offset

    def display_id(self) -> str:
        if self.id is not None:
            return self.id
        if self.line is not None:
            return f"{self.source.relative}:{self.line}"
        if self.offset is not None:
            return f"{self.source.relative}@{self.offset}"
        return self.source.relative


def read_source(source: Source, options: ReadOptions, *, stdin: BinaryIO | None = None) -> Iterator[Record]:
    """The documents of one source, in order; failures are records with `error` set."""
    if source.error:
        yield Record(source, 0, error=source.error)
        return
    try:
        raw: BinaryIO = (stdin or sys.stdin.buffer) if source.path == STDIN else open(source.path, "rb")
    except OSError as exc:
        yield Record(source, 0, error=f"cannot open: {exc.strerror or exc}")
        return
    try:
        try:
            stream, counter = open_stream(raw)
            fmt = source.format
            if fmt == "auto":
                fmt = _sniff(stream)
                source = Source(source.path, source.relative, fmt,
                                "stdin" if fmt in ("jsonl", "warc") else "stdin.txt")
        except STREAM_ERRORS as exc:
            yield Record(source, 0, error=f"cannot read: {exc}")
            return
        reader = {"jsonl": _read_jsonl, "warc": _read_warc, "html": _read_single, "text": _read_single}[fmt]
        yield from reader(source, stream, counter, options)
    finally:
        if source.path != STDIN:
            raw.close()


def _sniff(stream) -> str:  # type: ignore[no-untyped-def]
    head = stream.peek(64)[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"{"):
        return "jsonl"
    return "text"


class _Progress:
    def __init__(self, counter) -> None:  # type: ignore[no-untyped-def]
        self.counter, self.last = counter, 0

    def take(self) -> int:
        now = self.counter.count
        delta, self.last = now - self.last, now
        return delta


def _read_limited(stream, limit: int) -> bytes | None:  # type: ignore[no-untyped-def]
    data = stream.read(limit + 1)
    return None if len(data) > limit else data


# -- single-document files --------------------------------------------------------------

def _read_single(source: Source, stream, counter, options: ReadOptions) -> Iterator[Record]:  # type: ignore[no-untyped-def]
    progress = _Progress(counter)
    try:
        data = _read_limited(stream, options.max_doc_bytes)
        if data is None:
            yield Record(source, 0, error=f"document larger than {options.max_doc_bytes} bytes",
                         consumed=progress.take())
            return
    except STREAM_ERRORS as exc:
        yield Record(source, 0, error=f"truncated or corrupt input: {exc}", consumed=progress.take())
        return
    if source.format == "html":
        text = decode_html(data)
        kind = "html"
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            yield Record(source, 0, error=f"not valid UTF-8 ({exc.reason}) at byte {exc.start}",
                         consumed=progress.take(), size=len(data))
            return
        kind = "text" if source.relative.lower().endswith((".txt", ".txt.gz", ".txt.zst")) else "auto"
    yield Record(source, 0, text=text, kind=kind, consumed=progress.take(), size=len(data))


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def decode_html(data: bytes, declared: str | None = None) -> str:
    """HTML bytes to text: BOM, then the declared charset, then <meta>, then UTF-8, then cp1252."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    candidates = []
    if declared:
        candidates.append(declared)
    found = _META_CHARSET.search(data[:4096])
    if found:
        candidates.append(found.group(1).decode("ascii", "replace"))
    for enc in candidates:
        try:
            codecs.lookup(enc)
        except LookupError:
            continue
        return data.decode(enc, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# -- JSONL --------------------------------------------------------------------------------

def _read_jsonl(source: Source, stream, counter, options: ReadOptions) -> Iterator[Record]:  # type: ignore[no-untyped-def]
    progress = _Progress(counter)
    limit = options.max_doc_bytes
    line_no = 0
    index = 0
    while True:
        try:
            raw = stream.readline(limit + 1)
        except STREAM_ERRORS as exc:
            yield Record(source, index, line=line_no + 1, consumed=progress.take(),
                         error=f"input breaks off here (truncated or corrupt compressed data: {exc}); "
                               "documents after this point are lost")
            return
        if not raw:
            return
        line_no += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            try:
                while True:
                    rest = stream.readline(1 << 20)
                    if not rest or rest.endswith(b"\n"):
                        break
            except STREAM_ERRORS:
                pass
            yield Record(source, index, line=line_no, consumed=progress.take(),
                         error=f"line longer than {limit} bytes (--max-doc-bytes)")
            index += 1
            continue
        if line_no == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
        if not raw.strip():
            continue
        if options.parse_jsonl:
            rec = jsonl_record(source, index, line_no, raw, options)
        else:
            rec = Record(source, index, line=line_no, raw=raw, size=len(raw))
        rec.consumed = progress.take()
        index += 1
        yield rec


def jsonl_record(source: Source, index: int, line_no: int, raw: bytes, options: ReadOptions) -> Record:
    """One JSONL line (without a BOM) as a Record: its text and fields, or why it has none."""
    def fail(reason: str) -> Record:
        return Record(source, index, line=line_no, error=reason, size=len(raw))

    try:
        obj = json.loads(raw)
    except UnicodeDecodeError as exc:
        return fail(f"not valid UTF-8 ({exc.reason}) at byte {exc.start} of the line")
    except json.JSONDecodeError as exc:
        return fail(f"invalid JSON: {exc.msg} (column {exc.colno})")
    except RecursionError:
        return fail("invalid JSON: nested too deeply")
    if not isinstance(obj, dict):
        return fail(f"a JSON {type(obj).__name__}, not an object")
    doc_id = obj.get(options.id_field)
    doc_id = None if doc_id is None else str(doc_id)
    text = obj.get(options.text_field)
    if not isinstance(text, str):
        what = "missing" if text is None else f"a {type(text).__name__}, not a string"
        rec = fail(f"field '{options.text_field}' is {what} (see --text-field)")
        rec.id = doc_id
        return rec
    url = obj.get(options.url_field)
    extra = {k: v for k, v in obj.items() if k != options.text_field}
    return Record(source, index, text=text, kind="auto", id=doc_id, url=url if isinstance(url, str) else None,
                  line=line_no, extra=extra, size=len(raw))


# -- WARC ---------------------------------------------------------------------------------

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _read_warc(source: Source, stream, counter, options: ReadOptions) -> Iterator[Record]:  # type: ignore[no-untyped-def]
    from warcio.archiveiterator import ArchiveIterator

    progress = _Progress(counter)
    index = 0
    last_offset = 0
    # gzip was undone by open_stream (which reports truncation); offsets are into the
    # decompressed WARC.
    iterator = ArchiveIterator(stream, no_record_parse=False, arc2warc=True)
    records = iter(iterator)
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except (*STREAM_ERRORS, ValueError) as exc:
            yield Record(source, index, offset=last_offset, consumed=progress.take(),
                         error=f"input breaks off here (truncated or corrupt WARC: {exc}); "
                               "records after this point are lost")
            return
        try:
            wanted, url, doc_id, body, declared, truncated = _warc_payload(record, options)
            offset = iterator.get_record_offset()
        except (*STREAM_ERRORS, ValueError) as exc:
            yield Record(source, index, offset=last_offset, consumed=progress.take(),
                         error=f"input breaks off here (truncated or corrupt WARC record: {exc}); "
                               "records after this point are lost")
            return
        last_offset = offset
        if not wanted:
            continue
        if truncated:
            yield Record(source, index, id=doc_id, url=url, offset=offset, consumed=progress.take(),
                         error="WARC record is truncated (shorter than its Content-Length)")
            return
        if body is None:
            yield Record(source, index, id=doc_id, url=url, offset=offset, consumed=progress.take(),
                         error=f"record larger than {options.max_doc_bytes} bytes (--max-doc-bytes)")
            index += 1
            continue
        extra = {"url": url, "warc_record_id": doc_id, "warc_date": record.rec_headers.get_header("WARC-Date")}
        yield Record(source, index, text=decode_html(body, declared), kind="html", id=doc_id, url=url,
                     offset=offset, extra=extra, consumed=progress.take(), size=len(body))
        index += 1


def _warc_payload(record, options: ReadOptions):  # type: ignore[no-untyped-def]
    """(is an HTML document, url, id, body or None if too large, charset, truncated)."""
    if record.rec_type not in ("response", "resource"):
        _drain(record)
        return False, None, None, None, None, False
    if record.rec_type == "response":
        headers = record.http_headers
        content_type = headers.get_header("Content-Type") if headers else None
        status = headers.get_statuscode() if headers else None
        if status and not str(status).startswith("2"):
            _drain(record)
            return False, None, None, None, None, False
    else:
        content_type = record.rec_headers.get_header("Content-Type")
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime not in _HTML_TYPES:
        _drain(record)
        return False, None, None, None, None, False
    url = record.rec_headers.get_header("WARC-Target-URI")
    doc_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>") or None
    if doc_id and doc_id.startswith("urn:uuid:"):
        doc_id = doc_id[len("urn:uuid:"):]
    declared = None
    match = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", content_type or "", re.I)
    if match:
        declared = match.group(1)
    stream = record.content_stream()
    body = stream.read(options.max_doc_bytes + 1)
    if len(body) > options.max_doc_bytes:
        body = None
    truncated = _drain(record)
    return True, url, doc_id, body, declared, truncated


def _drain(record) -> bool:  # type: ignore[no-untyped-def]
    """Read what is left of a record; True if the file ended before its Content-Length."""
    raw = record.raw_stream
    while raw.read(1 << 16):
        pass
    return getattr(raw, "limit", 0) > 0
