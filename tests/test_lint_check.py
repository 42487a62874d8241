"""`cleaner rules check`: every problem in every file, located and with a fix."""

from __future__ import annotations

import json
import textwrap

import pytest

from cleaner.authoring.check import check_paths
from cleaner.cli import main
from cleaner.engine.loader import load_packs, shipped_rules_dir
from cleaner.errors import RuleError

RULE = """
  - id: {id}
    name: {name}
    category: {category}
    match: {match}
    action: drop-line
    doc: {{what: A label., why: Not text.}}
    examples: {{drop: [{drop}], keep: [Anzeige erstattet]}}
"""


def rule(id="T-ADS-001", name="ad-label", category="ads", match="{exact: [Anzeige]}", drop="Anzeige"):
    return RULE.format(id=id, name=name, category=category, match=match, drop=drop)


BROKEN = ("pack: test/broken\nrules:"
          + rule()
          + rule(name="ad-label-again")                                  # duplicate id
          + rule(id="T-ADS-002", name="anything", match="{regex: 'x*'}", drop="x")       # empty match
          + rule(id="T-ADS-003", name="nested", match="{regex: '(a+)+$'}", drop="aaa")   # backtracking
          + rule(id="T-ADS-004", name="bad-category", category="adverts"))


@pytest.fixture()
def broken(tmp_path):
    path = tmp_path / "broken.yaml"
    path.write_text(BROKEN, encoding="utf-8")
    return path


def test_check_names_duplicate_empty_match_and_backtracking(broken):
    report = check_paths([broken])
    assert not report.ok
    by_rule = {(p.rule_id, p.field): p for p in report.problems}
    dup = by_rule[("T-ADS-001", "id")]
    second = [n for n, line in enumerate(BROKEN.split("\n"), 1) if "T-ADS-001" in line][1]
    assert "duplicate rule id" in dup.reason and dup.line == second
    assert "unused id" in dup.reason  # says how to fix it
    empty = by_rule[("T-ADS-002", "match")]
    assert "empty line" in empty.reason and "anchor" in empty.reason
    nested = by_rule[("T-ADS-003", "match")]
    assert "catastrophic backtracking" in nested.reason and "bound the repeats" in nested.reason
    category = by_rule[("T-ADS-004", "category")]
    assert "adverts" in category.reason and "use one of" in category.reason
    for problem in report.problems:
        assert str(broken) in str(problem) and f":{problem.line}:" in str(problem)


def test_loading_still_stops_at_the_first_problem(broken):
    with pytest.raises(RuleError):
        load_packs([broken])


def test_check_reports_problems_in_all_files(tmp_path):
    (tmp_path / "a.yaml").write_text("pack: a\nrules:" + rule(match="{regex: '(a|aa)+$'}"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text("pack: b\nrules:" + rule(id="T-ADS-009", name="Bad Name"), encoding="utf-8")
    (tmp_path / "c.yaml").write_text("pack: c\nrules:\n  - id: [unclosed\n", encoding="utf-8")
    report = check_paths([tmp_path])
    files = {p.file.rsplit("/", 1)[-1] for p in report.problems}
    assert files == {"a.yaml", "b.yaml", "c.yaml"}
    assert any(p.field == "name" and "lower-case" in p.reason for p in report.problems)


def test_missing_doc_and_examples_say_what_to_add(tmp_path):
    text = textwrap.dedent("""\
        pack: t
        rules:
          - id: T-X-001
            name: x
            category: ads
            match: {exact: [Anzeige]}
            action: drop-line
            examples: {drop: [Anzeige]}
        """)
    (tmp_path / "t.yaml").write_text(text, encoding="utf-8")
    reasons = [p.reason for p in check_paths([tmp_path]).problems]
    assert any("'doc' is a required property" in r and "add doc" in r for r in reasons)
    assert any("examples.keep" in r for r in reasons)


def test_shipped_packs_pass():
    report = check_paths([shipped_rules_dir()])
    assert report.ok, report.render()
    assert not report.warnings, report.render()
    assert report.rule_count > 0


def test_cli_check_exit_codes_and_json(broken, capsys):
    assert main(["rules", "check", str(broken)]) == 2
    err = capsys.readouterr().err
    assert "T-ADS-002" in err and "T-ADS-003" in err and "duplicate rule id" in err
    assert main(["rules", "check", "--format", "json", str(broken)]) == 2
    data = json.loads(capsys.readouterr().out)
    assert {p["rule_id"] for p in data["problems"]} >= {"T-ADS-001", "T-ADS-002", "T-ADS-003"}
    assert main(["rules", "check"]) == 0
    assert capsys.readouterr().out.startswith("ok:")


def test_same_file_given_twice_loads_once(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("pack: a\nrules:" + rule(), encoding="utf-8")
    assert len(load_packs([path, tmp_path, str(path)])) == 1


@pytest.mark.parametrize(("source", "flagged"), [
    (r"^Von \p{Lu}\w+$", r"\p{Lu}"),
    (r"^[A-Z][\w ]+$", "[A-Z]"),
    (r"^[\p{Lu}\d]+$", r"\p{Lu}"),
    (r"^Von (?-i:\p{Lu})\w+$", None),        # scoped: it means a capital
    (r"(?-i)^Von \p{Lu}\w+$", None),         # case sensitivity back on for the whole pattern
    (r"^[A-Za-z]+ \p{L}+$", None),           # either case was meant
    (r"^Price \\p{Lu}$", None),              # an escaped backslash, not a class
    (r"^(?:Foto|(?-i:[A-Z]{2,}))\s*\p{Ll}", r"\p{Ll}"),  # the scope ends with its group
])
def test_case_classes_outside_a_case_sensitive_scope_are_named(source, flagged):
    from cleaner.engine.lint import case_class_ignored

    assert case_class_ignored(source) == flagged


def test_check_warns_about_a_capital_class_that_ignores_case_without_failing(tmp_path, capsys):
    path = tmp_path / "case.yaml"
    path.write_text("pack: test/case\nrules:" + rule(id="T-AUTH-001", name="byline", category="author",
                                                   match=r"{regex: '^Von \p{Lu}\w+ \p{Lu}\w+$'}",
                                                   drop="Von Anna Berg"), encoding="utf-8")
    report = check_paths([path])
    assert report.ok
    [warning] = report.warnings
    assert warning.rule_id == "T-AUTH-001" and r"(?-i:\p{Lu})" in warning.reason
    assert main(["rules", "check", str(path)]) == 0
    assert "warning:" in capsys.readouterr().out
