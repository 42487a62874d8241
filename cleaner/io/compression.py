"""Open inputs as byte streams, undoing gzip or zstd by their magic bytes.

Truncated or corrupt compressed streams raise (EOFError, OSError or zstandard's
error) at the point where the data ends, so readers can report what they got and where
the stream broke instead of silently stopping early.
"""

from __future__ import annotations

import io
import zlib
from typing import BinaryIO

__all__ = ["CountingReader", "open_stream", "COMPRESSION_SUFFIXES", "StreamError"]

COMPRESSION_SUFFIXES = (".gz", ".zst", ".zstd")
_GZIP_MAGIC = b"\x1f\x8b"
_ZSTD_MAGIC = b"\x28\xb5\x2f\xfd"
_CHUNK = 1 << 16


class StreamError(OSError):
    """The compressed stream is truncated or corrupt."""


def _stream_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [EOFError, OSError, zlib.error]
    try:
        import zstandard

        errors.append(zstandard.ZstdError)
    except ImportError:  # pragma: no cover - zstandard is a dependency
        pass
    return tuple(errors)


STREAM_ERRORS = _stream_errors()


class CountingReader(io.RawIOBase):
    """A raw reader that counts the bytes taken from the underlying file (for progress)."""

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self.count = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        data = self._raw.read(len(buffer))
        n = len(data)
        buffer[:n] = data
        self.count += n
        return n

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


class _Decompressing(io.RawIOBase):
    """Streaming decompression of concatenated members/frames.

    Hands out everything decompressed so far before raising StreamError where the data
    ends inside a member (truncated) - gzip.GzipFile would drop its last buffer instead.
    """

    _name = "compressed"

    def __init__(self, raw: BinaryIO) -> None:
        self._raw = raw
        self._obj = self._new()
        self._pending = b""
        self._pos = 0
        self._fed = False
        self._done = False

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        while self._pos >= len(self._pending) and not self._done:
            self._pending, self._pos = b"", 0
            chunk = self._raw.read(_CHUNK)
            if not chunk:
                self._done = True
                if self._fed and not self._obj.eof:
                    raise StreamError(f"{self._name} stream ended inside a member (truncated)")
                break
            parts = []
            while chunk:
                self._fed = True
                parts.append(self._obj.decompress(chunk))
                chunk = b""
                try:
                    # zlib: eof and unused_data; zstandard: eof and unused_data as well
                    ended = self._obj.eof
                except AttributeError:  # pragma: no cover
                    ended = False
                if ended:
                    chunk = self._obj.unused_data
                    self._obj = self._new()
                    self._fed = bool(chunk)
            self._pending = b"".join(parts)
        n = min(len(buffer), len(self._pending) - self._pos)
        buffer[:n] = self._pending[self._pos:self._pos + n]
        self._pos += n
        return n

    def close(self) -> None:
        try:
            self._raw.close()
        finally:
            super().close()


class _GzipRaw(_Decompressing):
    _name = "gzip"

    def _new(self):  # type: ignore[no-untyped-def]
        return zlib.decompressobj(wbits=31)


class _ZstdRaw(_Decompressing):
    _name = "zstd"

    def _new(self):  # type: ignore[no-untyped-def]
        import zstandard

        return zstandard.ZstdDecompressor().decompressobj()


def open_stream(raw: BinaryIO) -> tuple[io.BufferedReader, CountingReader]:
    """Wrap a raw binary file: (decompressed buffered stream, counter of raw bytes read)."""
    counter = CountingReader(raw)
    peekable = io.BufferedReader(counter, _CHUNK)
    magic = peekable.peek(4)[:4]
    if magic.startswith(_GZIP_MAGIC):
        return io.BufferedReader(_GzipRaw(peekable), _CHUNK), counter  # type: ignore[arg-type]
    if magic.startswith(_ZSTD_MAGIC):
        return io.BufferedReader(_ZstdRaw(peekable), _CHUNK), counter  # type: ignore[arg-type]
    return peekable, counter
