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
