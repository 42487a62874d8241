"""Read Common Crawl WET (and WARC) files into records for cleaning; write small ones for tests.

Common Crawl publishes each crawl as WARC (raw responses), WAT (metadata) and WET (the
extracted plain text: one `conversion` record per page). WET text is what reader-mode
extraction leaves, so it is cleaner's text input as is:

    for record in iter_wet_records("CC-MAIN-...-00000.warc.wet.gz"):
        cleaned = cleaner.clean_record(record)     # record: id, url, text, date, content_languages

CC-NEWS is published as WARC only (HTTP responses with HTML); `iter_warc_records` yields
those payloads too (`types=("response",)`, the HTML in `html`), for HTML extraction
before cleaning. Files may be plain or gzip (Common Crawl gzips each record; Python's
gzip reads the members one after the other). No dependencies; streams record by record.
"""

from __future__ import annotations

import gzip
import io
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..errors import InputError

__all__ = ["WarcRecord", "iter_warc_records", "iter_wet_records", "write_wet"]


class WarcRecord:
    """One WARC record: its headers (names as written) and its block (bytes)."""

    __slots__ = ("headers", "block")

    def __init__(self, headers: dict[str, str], block: bytes) -> None:
        self.headers = headers
        self.block = block

    @property
    def type(self) -> str:
        return self.headers.get("WARC-Type", "")

    def header(self, name: str, default: str | None = None) -> str | None:
        lower = name.lower()
        for key, value in self.headers.items():
            if key.lower() == lower:
                return value
        return default


def _open(source: str | Path | IO[bytes]) -> tuple[IO[bytes], bool]:
    if not isinstance(source, (str, Path)):
        return source, False
    with open(source, "rb") as handle:
        gzipped = handle.read(2) == b"\x1f\x8b"
    return (gzip.open(source, "rb") if gzipped else open(source, "rb")), True  # noqa: SIM115


def iter_warc_records(source: str | Path | IO[bytes]) -> Iterator[WarcRecord]:
    """Every record of a WARC/WET file (path or binary stream, plain or gzip)."""
    stream, owned = _open(source)
    try:
        yield from _records(stream, str(source))
    finally:
        if owned:
            stream.close()


def _records(stream: IO[bytes], name: str) -> Iterator[WarcRecord]:
    while True:
        line = stream.readline()
        if not line:
            return
        if not line.strip():
            continue
        if not line.startswith(b"WARC/"):
            raise InputError(f"not a WARC record header: {line[:40]!r}", file=name)
        headers: dict[str, str] = {}
        while True:
            line = stream.readline()
            if not line or not line.strip():
                break
            key, _, value = line.decode("utf-8", "replace").partition(":")
            headers[key.strip()] = value.strip()
        try:
            length = int(headers.get("Content-Length", ""))
        except ValueError:
            raise InputError("WARC record without a valid Content-Length", file=name) from None
        block = stream.read(length)
        if len(block) < length:
            raise InputError("truncated WARC record", file=name)
        yield WarcRecord(headers, block)


def iter_wet_records(source: str | Path | IO[bytes], *, types: Iterable[str] = ("conversion",)) -> Iterator[dict[str, Any]]:
    """Records ready for `Cleaner.clean_record`: `id`, `url`, `date`, `content_languages`
    and `text` (conversion records) or `html` (response records, HTTP headers stripped)."""
    wanted = set(types)
    for record in iter_warc_records(source):
        if record.type not in wanted:
            continue
        out: dict[str, Any] = {
            "id": record.header("WARC-Record-ID"),
            "url": record.header("WARC-Target-URI"),
            "date": record.header("WARC-Date"),
            "content_languages": record.header("WARC-Identified-Content-Language"),
        }
        if record.type == "response":
            _, _, body = record.block.partition(b"\r\n\r\n")
            out["html"] = body.decode("utf-8", "replace")
        else:
            out["text"] = record.block.decode("utf-8", "replace")
        yield out


def write_wet(path: str | Path, documents: Iterable[dict[str, Any]], *, compress: bool | None = None) -> int:
    """Write documents ({"url", "text"}, optional "date") as a WET file, each record its own
    gzip member when compressing (as Common Crawl does). Returns the number of records."""
    path = Path(path)
    compress = path.suffix == ".gz" if compress is None else compress
    count = 0
    with open(path, "wb") as handle:
        info = b"software: cleaner\r\nformat: WARC file version 1.0\r\n"
        info_id = uuid.uuid5(uuid.NAMESPACE_URL, path.name)
        handle.write(_member(_record(b"warcinfo", info, {"WARC-Filename": path.name}, info_id), compress))
        for doc in documents:
            block = doc["text"].encode("utf-8")
            headers = {"WARC-Target-URI": doc["url"], "WARC-Date": doc.get("date") or "2024-01-01T00:00:00Z",
                       "Content-Type": "text/plain"}
            record_id = uuid.uuid5(uuid.NAMESPACE_URL, str(doc.get("id") or f"{doc['url']}#{count}"))
            handle.write(_member(_record(b"conversion", block, headers, record_id), compress))
            count += 1
    return count


def _record(kind: bytes, block: bytes, headers: dict[str, str], record_id: object) -> bytes:
    lines = [b"WARC/1.0", b"WARC-Type: " + kind, f"WARC-Record-ID: <urn:uuid:{record_id}>".encode()]
    lines += [f"{k}: {v}".encode() for k, v in headers.items()]
    lines.append(f"Content-Length: {len(block)}".encode())
    return b"\r\n".join(lines) + b"\r\n\r\n" + block + b"\r\n\r\n"


def _member(data: bytes, compress: bool) -> bytes:
    if not compress:
        return data
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as gz:
        gz.write(data)
    return buffer.getvalue()
