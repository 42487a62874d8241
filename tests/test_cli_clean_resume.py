"""Kill a real `cleaner clean` run with SIGKILL at random points, resume it, and check that
nothing is duplicated or missing.

The suite runs a few kill points per output mode to stay fast; the full check is

    CLEANER_KILL_POINTS=25 pytest tests/test_cli_clean_resume.py

Half the kills take the whole process group (a machine going down), half only the main
process (its workers must notice and exit on their own).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEEDS

KILL_POINTS = int(os.environ.get("CLEANER_KILL_POINTS", "3"))
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("kill") / "in"
    (root / "feeds").mkdir(parents=True)
    n = 0
    for f in range(3):
        lines = []
        for i in range(60):
            lines.append(json.dumps({"id": f"f{f}-{i}", "text": TEXTS[n % len(TEXTS)] + f"\n\nNr. {n}"}))
            n += 1
        if f == 1:
            lines.insert(17, '{"id": "torn", "text": ')  # a corrupt line: an error record every run
        (root / "feeds" / f"part{f}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for i in range(20):
        (root / f"article{i:02}.txt").write_text(TEXTS[i % len(TEXTS)] + f"\n\nArtikel {i}", encoding="utf-8")
    (root / "latin1.txt").write_bytes("Stra\xdfe".encode("latin-1"))  # not UTF-8: an error record
    return root


def command(corpus: Path, out: Path, errors: Path, fmt: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "cleaner", "clean", str(corpus), "-o", str(out), "--format", fmt,
            "--errors", str(errors), "-j", "2", "--no-progress", *extra]


def reap(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # the group we started (orphaned workers included)
    except ProcessLookupError:
        pass
    proc.wait(timeout=60)


def snapshot(out: Path, fmt: str) -> object:
    if fmt == "jsonl":
        return out.read_bytes()
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def written(out: Path, fmt: str) -> int:
    if fmt == "jsonl":
        return out.stat().st_size if out.exists() else 0
    return sum(1 for p in out.rglob("*") if p.is_file()) if out.exists() else 0


@pytest.mark.parametrize("fmt", ["text", "jsonl"])
def test_kill_and_resume_loses_and_duplicates_nothing(tmp_path, corpus, fmt, cleaner):
    from cleaner.batch import BatchOptions, run_batch

    rules_before = _rules_fingerprint()
    ref_out, ref_err = tmp_path / ("ref.jsonl" if fmt == "jsonl" else "ref"), tmp_path / "ref-errors.jsonl"
    started = time.monotonic()
    report = run_batch(BatchOptions([str(corpus)], output=str(ref_out), format=fmt, errors=str(ref_err), jobs=1,
                                    progress=False), stderr=open(os.devnull, "w"), cleaner=cleaner)
    work = (time.monotonic() - started) / 2  # two workers
    assert report.exit_code == 1 and report.docs_failed == 2  # the two broken inputs
    reference = snapshot(ref_out, fmt)

    out, err = tmp_path / ("out.jsonl" if fmt == "jsonl" else "out"), tmp_path / "errors.jsonl"
    rng = random.Random(f"{fmt}-{KILL_POINTS}")
    killed = 0
    for point in range(KILL_POINTS):
        extra = ("--resume",) if point else ()
        before = written(out, fmt)
        proc = subprocess.Popen(command(corpus, out, err, fmt, *extra), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, start_new_session=True)
        if rng.random() < 0.2:
            time.sleep(rng.uniform(0, 1.0))  # during start-up
        else:  # once it writes, at a random point of the work
            deadline = time.monotonic() + 120
            while proc.poll() is None and written(out, fmt) == before and time.monotonic() < deadline:
                time.sleep(0.02)
            time.sleep(rng.uniform(0, work))
        if proc.poll() is None:
            killed += 1
            if point % 2:
                os.kill(proc.pid, signal.SIGKILL)  # only the main process
                proc.wait(timeout=60)
                _wait_for_group_to_exit(proc.pid)
            else:
                os.killpg(proc.pid, signal.SIGKILL)
        reap(proc)

    final = subprocess.run(command(corpus, out, err, fmt, "--resume"), capture_output=True, timeout=600)
    assert final.returncode == 1, final.stderr
    assert killed >= min(1, KILL_POINTS)
    got = snapshot(out, fmt)
    if fmt == "jsonl":
        keys = [_key(line) for line in got.splitlines()]
        assert len(keys) == len(set(keys)), "duplicate records"
        assert keys == [_key(line) for line in reference.splitlines()], "missing or reordered records"
        assert err.read_bytes() == ref_err.read_bytes()
    else:
        assert sorted(got) == sorted(reference), "missing or extra files"
        assert sorted(err.read_text().splitlines()) == sorted(ref_err.read_text().splitlines())
    if _rules_fingerprint() == rules_before:  # (packs edited meanwhile change the texts, not the accounting)
        assert got == reference


def _key(line: bytes) -> tuple:
    row = json.loads(line)
    return row["source"], row.get("line"), row["id"]


def _rules_fingerprint() -> list:
    from cleaner.engine.loader import shipped_rules_dir

    root = Path(shipped_rules_dir())
    return sorted((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in root.rglob("*") if p.is_file())


def _wait_for_group_to_exit(pgid: int, timeout: float = 10.0) -> None:
    """Workers of a killed main process exit by themselves (they watch their parent)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    pytest.fail("worker processes outlived their killed parent")
