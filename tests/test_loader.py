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


# -- lazy per-host loading of large site-pack sets (RuleBook.load) -------------------------

def _site(i: int, hosts: str, extra: str = "") -> str:
    return (f"pack: sites/s{i}\n{extra}hosts:\n{hosts}\nhtml:\n  replace:\n  - {{find: '<x{i}>', replace: '<p>'}}\n"
            + pack(GOOD_RULE.replace("T-ADS-001", f"T-S{i}-001"), header=""))


SITES = [  # every kind of host pattern, versions by date, a language, a flow-style list
    "  - news.example", "  - .blog.example", "  - '*.wild.example'\n  - ~keep.wild.example",
    "- news.example", "  [other.example, ~www.other.example]", "  - dated.example",
    "  - dated.example", "  - de.example",
]
EXTRA = {5: "valid_until: 2024-01-01\n", 6: "valid_from: 2024-01-01\n", 7: "lang: de\n"}
HOSTS = ["news.example", "www.news.example", "blog.example", "a.b.blog.example", "wild.example",
         "x.wild.example", "keep.wild.example", "other.example", "www.other.example", "dated.example",
         "de.example", "example", "unknown.test"]


@pytest.fixture()
def site_dir(tmp_path):
    for i, hosts in enumerate(SITES):
        (tmp_path / f"site{i}.yaml").write_text(_site(i, hosts, EXTRA.get(i, "")), encoding="utf-8")
    (tmp_path / "common.yaml").write_text(pack(GOOD_RULE.replace("T-ADS-001", "T-COMMON-001")), encoding="utf-8")
    return tmp_path


def test_lazy_loading_selects_exactly_what_eager_loading_does(site_dir):
    import datetime as dt

    from cleaner.engine.rulebook import RuleBook

    eager = RuleBook(load_packs([site_dir]))
    lazy = RuleBook.load([site_dir], lazy_above=0)
    assert lazy._lazy is not None and not lazy._lazy._loaded  # nothing parsed yet
    for host in HOSTS:
        for day in (None, dt.date(2023, 6, 1), dt.date(2024, 6, 1)):
            assert [p.file for p in lazy.site_packs(host, day)] == [p.file for p in eager.site_packs(host, day)]
            assert lazy.select("de", host, day) == eager.select("de", host, day)
            assert lazy.rewrite("<x0><x3>", host, day) == eager.rewrite("<x0><x3>", host, day)
        assert lazy.site_language(host) == eager.site_language(host)
    assert [p.file for p in lazy.packs] == [p.file for p in eager.packs]
    assert [p.file for p in lazy.sites] == [p.file for p in eager.sites]
    assert lazy.find("T-S3-001") == eager.find("T-S3-001")


def test_lazy_loading_parses_only_the_packs_of_the_hosts_cleaned(site_dir):
    from cleaner.engine.rulebook import RuleBook

    lazy = RuleBook.load([site_dir], lazy_above=0)
    assert [p.name for p in lazy.site_packs("www.news.example")] == ["sites/s0", "sites/s3"]
    assert sorted(lazy._lazy._loaded) == [0, 3]  # entries of site0 and site3 only


def test_a_broken_lazy_pack_fails_when_its_host_comes_naming_its_file(site_dir):
    from cleaner.engine.rulebook import RuleBook

    broken = site_dir / "site1.yaml"
    broken.write_text(broken.read_text(encoding="utf-8").replace("category: ads", "category: adverts"),
                      encoding="utf-8")
    # a clash with a rule id of a pack loaded at start is found when the site pack loads
    clash = site_dir / "site2.yaml"
    clash.write_text(clash.read_text(encoding="utf-8").replace("T-S2-001", "T-COMMON-001"), encoding="utf-8")
    lazy = RuleBook.load([site_dir], lazy_above=0)  # the start does not parse them
    assert lazy.site_packs("news.example")
    for _ in range(2):  # the same error each time the host comes
        with pytest.raises(RuleError, match=r"site1\.yaml:\d+.*adverts"):
            lazy.site_packs("www.blog.example")
    with pytest.raises(RuleError, match=r"site2\.yaml.*duplicate rule id"):
        lazy.site_packs("x.wild.example")


def test_header_hosts_reads_plain_packs_and_declines_the_rest():
    from cleaner.engine.loader import header_hosts

    assert header_hosts("pack: a\nhosts:\n- a.example\n-  b.example\n# c\nrules: []\n") == ("a.example", "b.example")
    assert header_hosts("pack: a\nhosts: [a.example, ~x.a.example]\n") == ("a.example", "~x.a.example")
    assert header_hosts("pack: a\nhosts: [A.example]\n") is None  # the schema refuses it: parse, report
    assert header_hosts("pack: a\nrules: []\n") is None  # no hosts: a language or common pack
    assert header_hosts("{pack: a, hosts: [a.example]}\n") is None  # flow style: parse the file
    assert header_hosts("pack: a\nhosts: [a.example]\nhosts: [b.example]\n") is None
    assert header_hosts("pack: a\nhosts: *alias\n") is None
    assert header_hosts("pack: a\nhosts: [not a host!]\n") is None


def test_cleaner_output_is_the_same_lazy_or_eager(site_dir, monkeypatch):
    from cleaner.engine import rulebook

    page = "<html><body><x0>The council approved the new budget for the harbour on Tuesday evening.</p></body></html>"
    eager = Cleaner(Config(rules=(str(site_dir),)))
    monkeypatch.setattr(rulebook, "LAZY_ABOVE", 0)
    lazy = Cleaner(Config(rules=(str(site_dir),)))
    assert lazy.rulebook._lazy is not None and eager.rulebook._lazy is None
    for url in ("https://news.example/a", "https://x.wild.example/b", "https://unknown.test/c"):
        assert lazy.clean_and_explain(page, url=url) == eager.clean_and_explain(page, url=url)
