"""`cleaner clean` as a user runs it: stdin, exit codes, help, the README's seed command."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from pathlib import Path

from cleaner.cli import main
from conftest import SEEDS

TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]


def cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cleaner", "clean", *args], input=stdin, capture_output=True,
                          cwd=cwd, timeout=300)


def test_seeds_tree_matches_expected(tmp_path):
    out = tmp_path / "seeds"
    assert main(["clean", *map(str, sorted(SEEDS.glob("*.txt"))), "-o", str(out), "-j", "1", "--no-progress"]) == 0
    for expected in sorted((SEEDS / "expected").glob("*.txt")):
        assert (out / expected.name).read_text(encoding="utf-8") == expected.read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in (SEEDS / "expected").glob("*.txt"))


def test_stdin_text_to_stdout():
    seed = sorted(SEEDS.glob("*.txt"))[0]
    done = cli("-", stdin=seed.read_bytes())
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode() == (SEEDS / "expected" / seed.name).read_text(encoding="utf-8")
    assert done.stderr == b""  # quiet in pipes


def test_stdin_jsonl_gz_is_sniffed(tmp_path):
    data = "".join(json.dumps({"id": f"s{i}", "text": t}) + "\n" for i, t in enumerate(TEXTS)).encode()
    done = cli("-", "--format", "jsonl", stdin=gzip.compress(data))
    assert done.returncode == 0, done.stderr
    rows = [json.loads(line) for line in done.stdout.decode().splitlines()]
    assert [r["id"] for r in rows] == [f"s{i}" for i in range(len(TEXTS))]
    assert all(r["source"] == "-" for r in rows)
    # into a tree: OUTDIR/stdin/<id>.txt
    done = cli("-", "-o", str(tmp_path / "out"), stdin=data)
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out" / "stdin").iterdir()) == [f"s{i}.txt" for i in range(len(TEXTS))]


def test_exit_codes(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXTS[0], encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfd")
    assert cli(str(good), "-o", str(tmp_path / "o1")).returncode == 0
    failed = cli(str(good), str(bad), "-o", str(tmp_path / "o2"), "--errors", str(tmp_path / "e.jsonl"))
    assert failed.returncode == 1
    assert b"bad.txt" in failed.stderr and b"UTF-8" in failed.stderr
    assert json.loads((tmp_path / "e.jsonl").read_text())["file"] == str(bad)
    assert cli(str(good), str(bad)).returncode == 2            # several documents, no -o
    assert cli(str(good), "--resume").returncode == 2          # resume needs -o
    assert cli(str(good), "--bogus-flag").returncode == 2
    rules = tmp_path / "broken.yaml"
    rules.write_text("pack: [unclosed\n", encoding="utf-8")
    assert cli(str(good), "-o", str(tmp_path / "o3"), "--rules", str(rules)).returncode == 2


def test_help_documents_exit_codes():
    done = subprocess.run([sys.executable, "-m", "cleaner", "clean", "--help"], capture_output=True, timeout=60)
    text = done.stdout.decode()
    assert "Exit codes: 0" in text and "1 some documents failed" in text and "2 usage or rule error" in text
    for flag in ("--jobs", "--errors", "--stats", "--resume", "--text-field", "--url-field", "--id-field"):
        assert flag in text


def test_stats_file(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(TEXTS)), encoding="utf-8")
    done = cli(str(src), "-o", str(tmp_path / "out"), "--stats", str(tmp_path / "s.json"), "-j", "2")
    assert done.returncode == 0, done.stderr
    stats = json.loads((tmp_path / "s.json").read_text())
    assert stats["documents"] == {"in": 5, "out": 5, "failed": 0, "skipped_resume": 0, "failed_before_resume": 0}
    assert stats["jobs"] == 2 and stats["bytes"]["input"] == src.stat().st_size
    assert stats["throughput"]["documents_per_s"] > 0
    hits = sum(v["hits"] for v in stats["rules"].values())
    assert hits == sum(v["hits"] for v in stats["categories"].values()) and hits > 0
