"""Rule counts of a batch (--stats): the workers sum each chunk's hits (ChunkResults.tally),
the reading process adds one table per chunk; a document it could not write is not counted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.batch import BatchRun, ChunkResults, clean_chunk, count_hits
from test_batch import TEXTS, jsonl_bytes, run


def test_a_chunks_tally_is_the_sum_of_its_documents_hits(cleaner):
    jobs = [(i, text, "auto", None, None) for i, text in enumerate(TEXTS[:6])]
    results = clean_chunk(jobs, True, cleaner)
    assert isinstance(results, ChunkResults) and results.tally is not None
    rules: dict = {}
    cats: dict = {}
    for _, ok, _, hits in results:
        assert ok
        count_hits(rules, cats, hits)
    assert results.tally == (rules, cats)
    assert rules and any(v[2] > 1 for v in rules.values())  # several documents per rule: a real sum


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_document_that_cannot_be_written_is_not_counted(tmp_path: Path, monkeypatch, jobs):
    """Its chunk's tally counts it: the chunk is counted document by document instead."""
    src = tmp_path / "in.jsonl"
    src.write_bytes(jsonl_bytes(8))
    skip = tmp_path / "skip.jsonl"  # the same documents but doc3, which the run below cannot write
    skip.write_bytes(b"".join(line + b"\n" for line in jsonl_bytes(8).splitlines() if b'"doc3"' not in line))
    _, _ = run(tmp_path, [skip], output=str(tmp_path / "a.jsonl"), format="jsonl", jobs=jobs,
               stats=str(tmp_path / "a.json"))
    emit = BatchRun._emit

    def failing(self, record, target, payload):  # type: ignore[no-untyped-def]
        if record.line == 4:  # doc3 (the parent does not parse JSONL lines: no id here)
            raise OSError(28, "No space left on device")
        return emit(self, record, target, payload)

    monkeypatch.setattr(BatchRun, "_emit", failing)
    report, stderr = run(tmp_path, [src], output=str(tmp_path / "b.jsonl"), format="jsonl", jobs=jobs,
                         stats=str(tmp_path / "b.json"))
    assert report.docs_failed == 1 and "cannot write output" in stderr
    expected, got = (json.loads((tmp_path / name).read_text()) for name in ("a.json", "b.json"))
    assert got["rules"] == expected["rules"] and got["categories"] == expected["categories"]
    assert got["rules"]  # the documents have hits to count
