"""Per-site regression fixtures carried by packs, run offline by `cleaner rules test`."""

from __future__ import annotations

import textwrap

import pytest

from cleaner import Cleaner, Config
from cleaner.authoring.check import check_paths
from cleaner.authoring.fixtures import run_fixtures
from cleaner.cli import main
from cleaner.engine.loader import load_pack_text
from cleaner.errors import RuleError

HEADER = textwrap.dedent("""\
    pack: sites/example-news.de
    hosts: [example-news.de]
    {valid}
    rules:
      - id: SITE-FIX-001
        name: newsletter-footer
        category: newsletter
        match: {{exact: ["{footer}"]}}
        action: drop-line
        doc: {{what: The newsletter box., why: Sign-up form.}}
        examples: {{drop: ["{footer}"], keep: ["{footer} erreicht viele."]}}
    """)

FIXTURES = textwrap.dedent("""\
    fixtures:
      - name: footer goes, body stays
        input: |
          Der Stadtrat tagt

          Der Stadtrat hat am Abend den Haushalt beschlossen.

          Zwiebelfisch-Kasten
        output: |
          Der Stadtrat tagt

          Der Stadtrat hat am Abend den Haushalt beschlossen.
      - name: snippets
        input_file: page.txt
        contains: ["den Haushalt beschlossen"]
        not_contains: ["Zwiebelfisch-Kasten"]
      - name: imported from a site config
        test_url: https://www.example-news.de/politik/a-1
        contains: ["Haushalt"]
    """)


def write_pack(tmp_path, footer="Zwiebelfisch-Kasten", valid="", fixtures=FIXTURES):
    (tmp_path / "page.txt").write_text("Titel der Seite\n\nDer Rat hat den Haushalt beschlossen.\n\nZwiebelfisch-Kasten",
                                       encoding="utf-8")
    path = tmp_path / "example-news.de.yaml"
    path.write_text(HEADER.format(valid=valid, footer=footer) + fixtures, encoding="utf-8")
    return path


def test_fixtures_load_and_pass(tmp_path):
    path = write_pack(tmp_path)
    cleaner = Cleaner(Config(rules=(str(path),), shipped=False))
    pack = next(p for p in cleaner.rulebook.packs if p.name == "sites/example-news.de")
    assert [f.name for f in pack.fixtures] == ["footer goes, body stays", "snippets", "imported from a site config"]
    outcomes = list(run_fixtures(cleaner, [pack]))
    assert [o.status for o in outcomes] == ["pass", "pass", "skip"], [o.why for o in outcomes]
    assert "offline" in outcomes[2].why


def test_a_broken_site_rule_fails_its_fixtures(tmp_path, capsys):
    path = write_pack(tmp_path, footer="Zwiebelfisch-Kasten!")  # the rule no longer matches the page
    assert main(["rules", "test", str(path)]) == 1
    out = capsys.readouterr().out
    assert "FAIL sites/example-news.de fixture 'footer goes, body stays'" in out and "output differs" in out
    assert "output still contains 'Zwiebelfisch-Kasten'" in out
    assert "SKIP" in out and "failed" in out.splitlines()[-1]


def test_cli_rules_test_runs_examples_and_fixtures(tmp_path, capsys):
    path = write_pack(tmp_path)
    assert main(["rules", "test", "sites/example-news.de", "--rules", str(path)]) == 0
    last = capsys.readouterr().out.splitlines()[-1]
    assert last == "4 passed, 0 failed, 1 skipped"  # 2 examples + 2 fixtures


def test_fixture_of_a_versioned_pack_runs_on_a_day_of_that_version(tmp_path):
    old = tmp_path / "old"
    old.mkdir()
    path = write_pack(old, footer="Zwiebelfisch-Kasten", valid="valid_until: 2024-01-01",
                      fixtures=FIXTURES.split("  - name: snippets")[0])
    new = tmp_path / "new"
    new.mkdir()
    write_pack(new, footer="Der neue Newsletter", valid="valid_from: 2024-01-01", fixtures="")
    cleaner = Cleaner(Config(rules=(str(tmp_path),), shipped=False))
    packs = [p for p in cleaner.rulebook.packs if p.fixtures]
    assert [o.status for o in run_fixtures(cleaner, packs)] == ["pass"]
    assert check_paths([tmp_path]).ok, check_paths([tmp_path]).render()
    assert path.is_file()


@pytest.mark.parametrize(("fixture", "needle"), [
    ("  - name: no input\n    output: x\n", "a fixture needs an input"),
    ("  - input: x\n", "a fixture needs an input"),
    ("  - input: x\n    output: y\n    date: 2024-13-45\n", "date"),
    ("  - input: x\n    output: y\n    colour: red\n", "colour"),
])
def test_malformed_fixtures_are_rejected_with_a_fix(fixture, needle):
    text = HEADER.format(valid="", footer="Zwiebelfisch-Kasten") + "fixtures:\n" + fixture
    with pytest.raises(RuleError) as info:
        load_pack_text(text, "f.yaml")
    assert needle in str(info.value)
    assert "fixtures" in (info.value.field or "") or needle == "date"


def test_check_flags_a_missing_input_file_and_a_date_outside_the_version(tmp_path):
    fixtures = ("fixtures:\n  - input_file: missing.txt\n    contains: [x]\n"
                "  - input: x\n    output: x\n    date: 2025-01-01\n")
    path = tmp_path / "p.yaml"
    path.write_text(HEADER.format(valid="valid_until: 2024-01-01", footer="Zwiebelfisch-Kasten") + fixtures,
                    encoding="utf-8")
    reasons = [p.reason for p in check_paths([path]).problems]
    assert any("missing.txt" in r and "not found" in r for r in reasons)
    assert any("outside this pack version" in r for r in reasons)
