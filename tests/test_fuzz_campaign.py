"""The fuzz campaign (benchmarks/fuzz/run.py) in reduced form: a fixed seed, a few hundred
documents (through the API and the batch CLI's JSONL writer) and packs; no crash outside
CleanerError, none over budget, none lost (records in == records out + error records)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

RUN = Path(__file__).resolve().parents[1] / "benchmarks" / "fuzz" / "run.py"


def load_run():
    spec = importlib.util.spec_from_file_location("fuzz_run", RUN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_reduced_fuzz_campaign(capsys):
    code = load_run().main(["--docs", "300", "--packs", "150", "--seed", "11", "--chunk", "150", "--cli-every", "2"])
    out = capsys.readouterr().out
    summary = json.loads(out)
    assert code == 0, out
    # the CLI leg ran and accounted for every line, the deliberately broken ones as error records
    assert summary["cli_in"] == 150 and summary["cli_out"] + summary["cli_errors"] == 150 and summary["cli_errors"] > 0


def test_a_stopped_campaign_resumes_from_its_state_file(tmp_path, capsys):
    run, state = load_run(), tmp_path / "state.jsonl"
    args = ["--docs", "40", "--packs", "20", "--seed", "5", "--chunk", "20", "--state", str(state)]
    assert run.main(args) == 0
    first = json.loads(capsys.readouterr().out)
    lines = state.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 3
    # as if killed during the last chunk: its line is cut, so only that chunk runs again
    state.write_text("\n".join(lines[:2]) + "\n" + lines[2][:15], encoding="utf-8")
    assert run.main(args) == 0
    second = json.loads(capsys.readouterr().out)
    assert (second["docs"], second["packs"], second["cli_in"]) == (first["docs"], first["packs"], first["cli_in"])
    assert len(state.read_text(encoding="utf-8").splitlines()) == 4  # the cut line stays alone, ignored
