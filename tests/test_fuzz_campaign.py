"""The fuzz campaign (benchmarks/fuzz/run.py) in reduced form: a fixed seed, a few hundred
documents and packs; no crash outside CleanerError, none over budget, none lost."""

from __future__ import annotations

import importlib.util
from pathlib import Path

RUN = Path(__file__).resolve().parents[1] / "benchmarks" / "fuzz" / "run.py"


def test_reduced_fuzz_campaign(capsys):
    spec = importlib.util.spec_from_file_location("fuzz_run", RUN)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    code = module.main(["--docs", "400", "--packs", "150", "--seed", "11"])
    assert code == 0, capsys.readouterr().out
