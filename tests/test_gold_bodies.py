"""benchmarks/quality/gold_bodies.py on a ground truth of its own: removals are listed by
rule, prose is not, and a missing ground truth is a clear error."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "quality" / "gold_bodies.py"

_PROSE = ("The council approved the new budget on Tuesday after a three-hour debate in the town hall.\n\n"
          "Residents will pay about four percent more for waste collection from January, the mayor said.")


def load_script():
    spec = importlib.util.spec_from_file_location("gold_bodies", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_removals_are_listed_by_rule_and_prose_is_not(tmp_path, capsys):
    truth = {"a": {"articleBody": _PROSE + "\n\n© Reuters"}, "b": {"articleBody": _PROSE}, "c": {"articleBody": ""}}
    (tmp_path / "ground-truth.json").write_text(json.dumps(truth), encoding="utf-8")
    out_json = tmp_path / "found.json"
    assert load_script().main(["--data", str(tmp_path), "--lang", "en", "--json", str(out_json)]) == 0
    printed = capsys.readouterr().out
    assert printed.startswith("2 gold bodies, 5 non-blank lines; 1 removals by 1 rules")
    found = json.loads(out_json.read_text(encoding="utf-8"))
    assert [hits for hits in found.values()] == [[["a", "© Reuters"]]]
    assert "council" not in printed


def test_a_directory_without_ground_truth_is_an_error(tmp_path, capsys):
    assert load_script().main(["--data", str(tmp_path)]) == 2
    assert "no ground-truth.json" in capsys.readouterr().err
