"""Corpus input and output: sources, readers (text, HTML, JSONL, WARC; gzip/zstd) and writers."""

from .readers import ReadOptions, Record, decode_html, read_source
from .sources import FORMATS, STDIN, Source, detect_format, iter_sources
from .writers import JsonlWriter, TreeWriter, last_record, safe_output_path, sanitize_name, write_atomic

__all__ = [
    "FORMATS", "STDIN", "Source", "Record", "ReadOptions", "iter_sources", "detect_format", "read_source",
    "decode_html", "TreeWriter", "JsonlWriter", "last_record", "safe_output_path", "sanitize_name", "write_atomic",
]
