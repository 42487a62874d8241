"""Hostile inputs through the batch CLI: each ends in an output or a per-document error record."""

from __future__ import annotations

import gzip
import json

from cleaner import Cleaner, Config, LimitError, Limits
from cleaner.cli import main

import pytest


def run(tmp_path, *inputs, extra=()):
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"
    code = main(["clean", *map(str, inputs), "-o", str(out), "--format", "jsonl", "-j", "1", "--no-progress",
                 "--errors", str(errors), *extra])
    rows = [json.loads(line) for line in (out / "cleaned.jsonl").read_text(encoding="utf-8").splitlines()]
    errs = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()] if errors.exists() else []
    return code, rows, errs


def test_invalid_utf8_text_is_an_error_record_and_the_run_goes_on(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"Caf\xe9 au lait.\n")
    (tmp_path / "good.txt").write_text("A good body line.\n", encoding="utf-8")
    code, rows, errs = run(tmp_path, tmp_path / "bad.txt", tmp_path / "good.txt")
    assert code == 1 and len(rows) == 1 and "UTF-8" in errs[0]["reason"]


def test_binary_file_and_nul_bytes(tmp_path):
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 4)
    (tmp_path / "nul.txt").write_bytes(b"Body\x00 line with a NUL.\n")
    code, rows, errs = run(tmp_path, tmp_path / "bin.txt", tmp_path / "nul.txt")
    assert len(rows) + len(errs) == 2 and len(rows) == 1


def test_mixed_encodings_in_html_decode_with_replacement():
    page = b"<html><body><p>Caf\xc3\xa9 and caf\xe9 in one page, a body sentence here.</p></body></html>"
    assert "Caf" in Cleaner().clean(page, input_format="html")


def test_truncated_gzip_jsonl_keeps_what_was_read_and_records_the_break(tmp_path):
    data = gzip.compress("".join(json.dumps({"id": f"d{i}", "text": f"Body line {i}."}) + "\n"
                                 for i in range(200)).encode())
    (tmp_path / "cut.jsonl.gz").write_bytes(data[: len(data) // 2])
    code, rows, errs = run(tmp_path, tmp_path / "cut.jsonl.gz")
    assert code == 1 and rows and "truncated" in errs[-1]["reason"]


def test_jsonl_with_broken_lines(tmp_path):
    (tmp_path / "in.jsonl").write_text('{"id": "a", "text": "Body."}\n{"id": "b", "text": \n[1]\n'
                                       '{"id": "c", "text": 3}\n{"id": "d", "text": "More body."}\n', encoding="utf-8")
    code, rows, errs = run(tmp_path, tmp_path / "in.jsonl")
    assert [r["id"] for r in rows] == ["a", "d"] and len(errs) == 3


def test_oversized_document_fails_alone(tmp_path):
    (tmp_path / "big.txt").write_text("word " * 5000, encoding="utf-8")
    (tmp_path / "small.txt").write_text("Body line.\n", encoding="utf-8")
    code, rows, errs = run(tmp_path, tmp_path / "big.txt", tmp_path / "small.txt", extra=("--max-doc-chars", "1000"))
    assert code == 1 and len(rows) == 1 and "max_document_chars" in errs[0]["reason"]


def test_many_short_lines_stop_at_the_time_budget():
    text = "\n".join(f"Line {i} of text." for i in range(300_000))
    with pytest.raises(LimitError, match="time budget"):
        Cleaner(Config(limits=Limits(time_budget=0.5))).clean(text, lang="en")


def test_long_single_line_is_kept_whole():
    line = "word " * 400_000
    assert Cleaner().clean(line, lang="en") == line.strip()


def test_deeply_nested_html_ends_in_bounded_time():
    page = "<html><body>" + "<div>" * 20_000 + "Hello world body." + "</div>" * 20_000 + "</body></html>"
    try:
        Cleaner(Config(limits=Limits(time_budget=5))).clean(page, input_format="html")
    except LimitError:
        pass


def test_huge_attribute_value():
    page = '<html><body><p title="' + "a" * 2_000_000 + '">Hello body sentence.</p></body></html>'
    assert "Hello body sentence." in Cleaner().clean(page, input_format="html")


def test_id_escaping_the_output_directory_stays_inside(tmp_path):
    ids = ["../../etc/x", "/etc/passwd", "a\x00b", "x" * 5000, ".."]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps({"id": i, "text": "Body."}) + "\n" for i in ids),
                                       encoding="utf-8")
    out = tmp_path / "tree"
    assert main(["clean", str(tmp_path / "in.jsonl"), "-o", str(out), "-j", "1", "--no-progress"]) == 0
    written = [p for p in tmp_path.rglob("*.txt")]
    assert len(written) == len(ids)
    assert all(out.resolve() in p.resolve().parents for p in written)


def test_truncated_zstd_jsonl_keeps_what_was_read_and_records_the_break(tmp_path):
    zstandard = pytest.importorskip("zstandard")
    # 600 KB of records span several zstd blocks (128 KiB each): the blocks before the cut decode
    pad = "Body text of the article. " * 80
    data = zstandard.ZstdCompressor().compress("".join(json.dumps({"id": f"d{i}", "text": f"{pad}{i}."}) + "\n"
                                                       for i in range(300)).encode())
    (tmp_path / "cut.jsonl.zst").write_bytes(data[: len(data) // 2])
    code, rows, errs = run(tmp_path, tmp_path / "cut.jsonl.zst")
    assert code == 1 and rows and len(errs) == 1 and "truncated" in errs[0]["reason"]
    assert [r["id"] for r in rows] == [f"d{i}" for i in range(len(rows))]  # a prefix, nothing skipped


def test_50_mb_single_line_with_default_limits_is_a_limit_error_record(tmp_path):
    # 50 MB is under --max-doc-bytes (64 MiB), so it is read, then refused by max_document_chars
    (tmp_path / "huge.txt").write_bytes(b"word " * 10_000_000)
    (tmp_path / "small.txt").write_text("Body line.\n", encoding="utf-8")
    code, rows, errs = run(tmp_path, tmp_path / "huge.txt", tmp_path / "small.txt")
    assert code == 1 and len(rows) == 1 and len(errs) == 1
    assert errs[0]["file"].endswith("huge.txt") and "max_document_chars" in errs[0]["reason"]


def test_a_million_short_lines_end_as_a_time_budget_error_record(tmp_path):
    # ~75 us a line: 1M lines need ~75 s, over the default 10 s budget. A 1 s budget keeps the
    # test short; the default budget behaves the same (docs/threat-model.md, measured).
    (tmp_path / "lines.txt").write_text("".join(f"Line {i}.\n" for i in range(1_000_000)), encoding="utf-8")
    (tmp_path / "small.txt").write_text("Body line.\n", encoding="utf-8")
    code, rows, errs = run(tmp_path, tmp_path / "lines.txt", tmp_path / "small.txt", extra=("--time-budget", "1"))
    assert code == 1 and len(rows) == 1 and len(errs) == 1
    assert errs[0]["file"].endswith("lines.txt") and "time budget" in errs[0]["reason"]


def warc_record(uri: str, record_id: str | None, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = [b"WARC/1.0", b"WARC-Type: response", b"WARC-Target-URI: " + uri.encode(),
            b"WARC-Date: 2024-01-01T00:00:00Z", b"Content-Type: application/http; msgtype=response",
            b"Content-Length: " + str(len(http)).encode()]
    if record_id is not None:
        head.insert(2, b"WARC-Record-ID: " + record_id.encode())
    return b"\r\n".join(head) + b"\r\n\r\n" + http + b"\r\n\r\n"


def test_warc_urls_and_record_ids_with_dot_dot_write_inside_the_output_directory(tmp_path):
    body = b"<html><body><p>A body paragraph of the article, long enough to keep.</p></body></html>"
    (tmp_path / "in.warc").write_bytes(
        warc_record("http://example.com/../../../../etc/passwd", "<urn:uuid:../../../../tmp/escape>", body)
        + warc_record("http://example.com/../../x/../../y", None, body)  # named by its offset
        + warc_record("http://example.com/a/../../..", "<../..>", body))
    out = tmp_path / "deep" / "tree"
    code = main(["clean", str(tmp_path / "in.warc"), "-o", str(out), "-j", "1", "--no-progress"])
    written = list(tmp_path.rglob("*.txt"))
    assert code == 0 and len(written) == 3
    assert all(out.resolve() in p.resolve().parents for p in written)
