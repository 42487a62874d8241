"""Pack loading: safe YAML, schema validation, pattern lint, and error messages that locate the problem."""

from __future__ import annotations

import textwrap

import pytest

from cleaner import Cleaner, Config, RuleError
from cleaner.engine.loader import load_pack_text, load_packs

GOOD_RULE = """
  - id: T-ADS-001
    name: ad-label
    category: ads
    match: {exact: [Anzeige]}
    action: drop-line
    doc: {what: An ad label., why: Ads are not text.}
    examples: {drop: [Anzeige], keep: [Anzeige erstattet]}
"""


def pack(rules: str = GOOD_RULE, header: str = "pack: test/pack\n") -> str:
    return header + "rules:" + rules


def test_a_good_pack_loads():
    loaded = load_pack_text(pack(), "good.yaml")
    assert [r.id for r in loaded.rules] == ["T-ADS-001"]
    assert loaded.rules[0].accepts("Anzeige") and not loaded.rules[0].accepts("Anzeige erstattet")


@pytest.mark.parametrize(
    ("mutation", "field", "needle"),
    [
        (("category: ads", "category: adverts"), "category", "not one of"),
        (("action: drop-line", "action: delete"), "action", "not one of"),
        (("    doc: {what: An ad label., why: Ads are not text.}\n", ""), None, "'doc' is a required property"),
        (("match: {exact: [Anzeige]}", "match: {exakt: [Anzeige]}"), "match", ""),
        (("match: {exact: [Anzeige]}", "match: {regex: '(unclosed'}"), "match", "does not compile"),
        (("match: {exact: [Anzeige]}", "match: {regex: '(a+)+$'}"), "match", "catastrophic backtracking"),
        (("match: {exact: [Anzeige]}", "match: {regex: '(a|aa)+$'}"), "match", "catastrophic backtracking"),
        (("match: {exact: [Anzeige]}", "match: {regex: 'x*'}"), "match", "empty line"),
        (("examples: {drop: [Anzeige], keep: [Anzeige erstattet]}", "examples: {drop: [Anzeige]}"),
         "examples.keep", "must keep"),
    ],
)
def test_a_broken_rule_names_file_rule_and_field(mutation, field, needle):
    text = pack().replace(*mutation)
    with pytest.raises(RuleError) as info:
        load_pack_text(text, "rules/broken.yaml")
    err = info.value
    message = str(err)
    assert "rules/broken.yaml" in message
    assert err.rule_id == "T-ADS-001" and "T-ADS-001" in message
    assert err.line is not None and f":{err.line}" in message
    if field:
        assert err.field is not None and err.field.startswith(field)
    assert needle in message


def test_yaml_tags_that_construct_objects_are_rejected():
    text = "pack: evil\nrules: !!python/object/apply:os.system ['echo owned']\n"
    with pytest.raises(RuleError, match="YAML tag not allowed"):
        load_pack_text(text, "evil.yaml")


def test_invalid_yaml_names_the_line():
    with pytest.raises(RuleError) as info:
        load_pack_text("pack: x\nrules:\n  - id: [unclosed\n", "bad.yaml")
    assert info.value.line is not None and "bad.yaml" in str(info.value)


def test_duplicate_ids_across_packs_are_rejected(tmp_path):
    (tmp_path / "a.yaml").write_text(pack(header="pack: a\n"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(pack(header="pack: b\n"), encoding="utf-8")
    with pytest.raises(RuleError, match="duplicate rule id") as info:
        load_packs([tmp_path])
    assert info.value.rule_id == "T-ADS-001"


def test_unknown_detector_is_rejected():
    text = """pack: s
structure:
  - id: STRUCT-X
    name: x
    category: other
    detector: no-such-detector
    doc: {what: x, why: y}
    examples: {cases: [{input: a, output: a}]}
"""
    with pytest.raises(RuleError, match="unknown detector"):
        load_pack_text(text, "s.yaml")


def test_extra_pack_is_used_by_cleaner(tmp_path):
    site = tmp_path / "site.yaml"
    site.write_text(textwrap.dedent("""\
        pack: sites/example.org
        hosts: [example.org]
        rules:
          - id: SITE-EX-001
            name: house-footer
            category: other
            match: {exact: [Ein Angebot des Hauses Example]}
            action: drop-line
            doc: {what: Footer of example.org., why: Boilerplate.}
            examples: {drop: [Ein Angebot des Hauses Example], keep: [Ein Angebot lag vor.]}
        """), encoding="utf-8")
    cleaner = Cleaner(Config(rules=(site,)))
    text = "Titel der Meldung hier\n\nDer Text der Meldung ist lang genug.\n\nEin Angebot des Hauses Example"
    assert "Ein Angebot" in cleaner.clean(text)
    assert "Ein Angebot" not in cleaner.clean(text, url="https://www.example.org/a/b")


def test_case_insensitive_matching_folds_german_sharp_s():
    text = pack().replace("match: {exact: [Anzeige]}", "match: {exact: [Straßenanzeige]}").replace(
        "drop: [Anzeige]", "drop: [STRASSENANZEIGE]")
    rule = load_pack_text(text, "x.yaml").rules[0]
    assert rule.accepts("STRASSENANZEIGE") and rule.accepts("straßenanzeige") and rule.accepts("STRAẞENANZEIGE")
