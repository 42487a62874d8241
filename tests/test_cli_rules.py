"""`cleaner rules ...` and `cleaner explain`: what a rule author sees."""

from __future__ import annotations

import json
import subprocess
import sys

from cleaner.cli import main
from conftest import SEEDS


def test_rules_check_passes_on_shipped_packs(capsys):
    assert main(["rules", "check"]) == 0
    assert capsys.readouterr().out.startswith("ok:")


def test_rules_check_rejects_a_broken_pack_naming_file_and_rule(tmp_path, capsys):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "pack: broken\nrules:\n  - id: X-ADS-001\n    name: label\n    category: adverts\n"
        "    match: {exact: [Anzeige]}\n    action: drop-line\n    doc: {what: a, why: b}\n"
        "    examples: {drop: [Anzeige], keep: [Text]}\n",
        encoding="utf-8")
    assert main(["rules", "check", str(broken)]) == 2
    err = capsys.readouterr().err
    assert str(broken) in err and "X-ADS-001" in err and "category" in err


def test_rules_show_prints_doc_pattern_and_examples(capsys):
    assert main(["rules", "show", "STRUCT-TITLE-ECHO"]) == 0
    out = capsys.readouterr().out
    assert "title-echo" in out and "what:" in out and "why:" in out and "case:" in out
    assert main(["rules", "show", "DE-ADS-001"]) == 0
    out = capsys.readouterr().out
    assert "regex" in out and "drops: 'Werbung'" in out and "keeps:" in out


def test_rules_show_unknown_id_fails(capsys):
    assert main(["rules", "show", "NOPE-000"]) == 1
    assert "NOPE-000" in capsys.readouterr().err


def test_rules_list_filters_by_category(capsys):
    assert main(["rules", "list", "--category", "player"]) == 0
    lines = capsys.readouterr().out.strip().split("\n")
    assert lines and all(" player " in line for line in lines)


def test_rules_test_runs_every_example(capsys):
    assert main(["rules", "test"]) == 0
    assert " passed, 0 failed" in capsys.readouterr().out


def test_explain_marks_removed_lines_with_rule_and_category(capsys):
    assert main(["explain", str(SEEDS / "002_5501af27a6b70ae8.txt")]) == 0
    out = capsys.readouterr().out
    assert "[DE-NAV-001 navigation]" in out and "[STRUCT-CAPTION-TWICE caption]" in out


def test_python_dash_m_and_console_script_work():
    seed = SEEDS / "004_f6e20251b56ca16a.txt"
    expected = (SEEDS / "expected" / seed.name).read_text(encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "cleaner", "clean", str(seed)], capture_output=True, text=True,
                         check=True).stdout
    assert out == expected


_TWO_RULES = (
    "pack: costs\nrules:\n"
    "  - id: X-ADS-001\n    name: label\n    category: ads\n"
    "    match: {regex: '^Sponsored by \\w+$'}\n    action: drop-line\n    doc: {what: a, why: b}\n"
    "    examples: {drop: [Sponsored by Acme], keep: [Sponsored by law it was not]}\n"
    "  - id: X-NAV-001\n    name: counter\n    category: navigation\n"
    "    match: {regex: '^\\d{1,2}:\\d{2}$'}\n    action: drop-line\n    doc: {what: a, why: b}\n"
    "    examples: {drop: ['3:12'], keep: ['3:12 people']}\n"
)


def test_rules_show_says_how_the_matcher_finds_the_rule(tmp_path, capsys):
    pack = tmp_path / "costs.yaml"
    pack.write_text(_TWO_RULES, encoding="utf-8")
    assert main(["rules", "show", "X-ADS-001", "--rules", str(pack)]) == 0
    assert "prefilter: literal scan: '^Sponsored b" in capsys.readouterr().out
    assert main(["rules", "show", "X-NAV-001", "--rules", str(pack)]) == 0
    assert "prefilter: no literal every match contains" in capsys.readouterr().out


def test_rules_check_costs_lists_only_the_rules_found_by_translation(tmp_path, capsys):
    pack = tmp_path / "costs.yaml"
    pack.write_text(_TWO_RULES, encoding="utf-8")
    assert main(["rules", "check", "--costs", str(pack)]) == 0
    out = capsys.readouterr().out
    assert "cost: X-NAV-001" in out and "X-ADS-001" not in out
    assert "cost: 1 of 2 rules" in out and out.rstrip().endswith("ok: 1 packs, 2 rules in 1 files")
    assert main(["rules", "check", "--costs", "--format", "json", str(pack)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["rule_id"] for c in data["costly"]] == ["X-NAV-001"] and data["costly"][0]["prefilter"] == "translation"
