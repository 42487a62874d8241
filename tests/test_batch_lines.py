"""JSONL output parses JSONL lines in the workers (cleaner.batch.clean_lines): the main
process only splits lines and writes. Outputs, error records and counts must be what
parsing in the main process gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import cleaner.batch as batch
from cleaner.io import ReadOptions, iter_sources, read_source
from cleaner.io.readers import jsonl_record
from test_batch import TEXTS, fail_on_boom, jsonl_bytes, read_jsonl, run


def _parse_in_main(monkeypatch) -> None:
    """The reading before clean_lines: every line parsed where it is read."""
    monkeypatch.setattr(batch.BatchRun, "_read_options", lambda self: self.opts.read)


def _mixed(tmp_path: Path) -> Path:
    """JSONL with every kind of line failure, next to files that are not JSONL."""
    root = tmp_path / "in"
    root.mkdir()
    good = jsonl_bytes(5, tag="t").splitlines()
    lines = (good[:2] + [b'{"id": "broken", "text": "no closing quote}', b"", b'{"id": 7, "body": "no text"}',
                         b"[1, 2]", b'{"id": "bad", "text": "caf\xe9"}'] + good[2:])
    (root / "a.jsonl").write_bytes(b"\xef\xbb\xbf" + b"\n".join(lines) + b"\n")
    (root / "b.txt").write_text(TEXTS[1], encoding="utf-8")
    (root / "c.jsonl").write_bytes(jsonl_bytes(3, start=30))
    return root


@pytest.mark.parametrize("jobs", [1, 2])
def test_lines_parsed_by_workers_give_the_outputs_and_errors_of_parsing_in_main(tmp_path, monkeypatch, jobs):
    root = _mixed(tmp_path)
    got = {}
    for how in ("workers", "main"):
        if how == "main":
            _parse_in_main(monkeypatch)
        out, errors, stats = tmp_path / f"{how}.jsonl", tmp_path / f"{how}.err", tmp_path / f"{how}.json"
        report, stderr = run(tmp_path, [root], output=str(out), format="jsonl", jobs=jobs, chunk_docs=3,
                             errors=str(errors), stats=str(stats))
        counts = json.loads(stats.read_text())
        stderr = stderr.replace(str(errors), "ERRORS")  # the summary names the errors file
        got[how] = (out.read_bytes(), errors.read_bytes(), stderr, counts["documents"], counts["bytes"],
                    counts["rules"])
    assert got["workers"] == got["main"]
    docs = got["workers"][3]
    assert docs["in"] == docs["out"] + docs["failed"] and docs["failed"] == 4
    failures = {(Path(r["file"]).name, r["line"]): r for r in read_jsonl(tmp_path / "workers.err")}
    assert "invalid JSON" in failures[("a.jsonl", 3)]["reason"]
    assert failures[("a.jsonl", 5)]["id"] == "7" and "field 'text'" in failures[("a.jsonl", 5)]["reason"]
    assert "not a" in failures[("a.jsonl", 6)]["reason"]
    assert "UTF-8" in failures[("a.jsonl", 7)]["reason"]
    rows = read_jsonl(tmp_path / "workers.jsonl")
    assert [r["id"] for r in rows] == ["doc0", "doc1", "doc2", "doc3", "doc4", "b.txt", "doc30", "doc31", "doc32"]


def test_a_cleaning_failure_of_a_line_names_its_id(tmp_path, monkeypatch):
    fail_on_boom(monkeypatch)
    src = tmp_path / "in.jsonl"
    rows = [{"id": f"d{i}", "text": TEXTS[i % 5] + ("\nBOOM" if i == 2 else "")} for i in range(4)]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out, errors, stats = tmp_path / "out.jsonl", tmp_path / "e.jsonl", tmp_path / "s.json"
    report, stderr = run(tmp_path, [src], output=str(out), format="jsonl", errors=str(errors), stats=str(stats))
    [error] = read_jsonl(errors)
    assert error["id"] == "d2" and error["line"] == 3 and "internal error: IndexError" in error["reason"]
    assert "(id d2)" in stderr
    # a line that was read but failed to clean counts as text handed to the cleaner, as before
    assert json.loads(stats.read_text())["bytes"]["text"] == src.stat().st_size
    assert [r["id"] for r in read_jsonl(out)] == ["d0", "d1", "d3"]


def test_unparsed_lines_keep_their_position_and_parse_like_the_reader(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + jsonl_bytes(2) + b"\n  \n" + b"{broken\n" + jsonl_bytes(1, start=5))
    (source,) = list(iter_sources([str(path)]))
    parsed = list(read_source(source, ReadOptions()))
    raw = list(read_source(source, ReadOptions(parse_jsonl=False)))
    assert [r.line for r in raw] == [r.line for r in parsed] == [1, 2, 5, 6]
    assert all(r.text is None and r.error is None and r.raw for r in raw)
    assert [r.size for r in raw] == [r.size for r in parsed]
    again = [jsonl_record(r.source, r.index, r.line, r.raw, ReadOptions()) for r in raw]
    assert [(r.id, r.text, r.url, r.extra, r.error) for r in again] == \
        [(r.id, r.text, r.url, r.extra, r.error) for r in parsed]
