"""`cleaner rules new`: a rule skeleton with a fresh id, printed or appended to a pack."""

from __future__ import annotations

import textwrap

import yaml

from cleaner.authoring.check import check_paths
from cleaner.authoring.scaffold import fresh_id, known_ids, scaffold_rule
from cleaner.cli import main
from cleaner.engine.loader import load_pack, shipped_rules_dir

PACK = textwrap.dedent("""\
    pack: sites/example-news.de
    hosts: [example-news.de]
    rules:
      - id: SITE-EXAMPLENEWS-001
        name: newsletter-footer
        category: newsletter
        match: {exact: ["Unser Newsletter"]}
        action: drop-rest
        doc: {what: The newsletter box., why: Sign-up form.}
        examples: {drop: ["Unser Newsletter"], keep: ["Unser Newsletter erreicht viele."]}
      - id: SITE-EXAMPLENEWS-007
        name: photo-credit
        category: credit
        match: {regex: '^Bild: Example News$'}
        action: drop-line
        doc: {what: Credit., why: Not text.}
        examples: {drop: ["Bild: Example News"], keep: ["Bild der Woche"]}
    structure: []
    """)


def test_fresh_id_continues_the_packs_numbering():
    ids = {"sites/example-news.de": [("SITE-EXAMPLENEWS-001", "newsletter"), ("SITE-EXAMPLENEWS-007", "credit")],
           "de/navigation": [("DE-NAV-001", "navigation"), ("DE-NAV-012", "navigation")]}
    assert fresh_id(ids, "sites/example-news.de", "ads") == "SITE-EXAMPLENEWS-008"
    assert fresh_id(ids, "de/navigation", "navigation") == "DE-NAV-013"
    assert fresh_id(ids, "sites/new-site.com", "ads") == "SITE-NEWSITE-001"
    assert fresh_id(ids, "fr/ads", "ads") == "FR-ADS-001"
    assert fresh_id({**ids, "x": [("FR-ADS-001", "ads")]}, "fr/ads", "ads") == "FR-ADS-002"


def test_fresh_id_is_unused_in_the_shipped_packs():
    ids = known_ids([shipped_rules_dir()])
    taken = {rule_id for entries in ids.values() for rule_id, _ in entries}
    for pack in list(ids)[:5]:
        for category in ("ads", "navigation"):
            assert fresh_id(ids, pack, category) not in taken


def test_skeleton_is_yaml_with_empty_slots_that_check_explains(tmp_path):
    text = scaffold_rule("T-ADS-009", "ads").text
    item = yaml.safe_load(text)[0]
    assert item["id"] == "T-ADS-009" and item["examples"] == {"drop": [], "keep": []}
    path = tmp_path / "t.yaml"
    path.write_text("pack: t\nrules:\n" + text, encoding="utf-8")
    reasons = " | ".join(p.reason for p in check_paths([path]).problems)
    assert "examples.drop" in reasons or "at least one example it drops" in reasons
    assert "wrong form" in reasons  # the empty name
    assert "empty" in reasons  # the empty regex / doc


def test_cli_new_prints_and_appends(tmp_path, capsys):
    pack = tmp_path / "example-news.de.yaml"
    pack.write_text(PACK, encoding="utf-8")
    assert main(["rules", "new", "--pack", "sites/example-news.de", "--category", "ads", "--rules", str(pack)]) == 0
    printed = capsys.readouterr()
    assert "id: SITE-EXAMPLENEWS-008" in printed.out and "fill in" in printed.err
    assert main(["rules", "new", "--append", str(pack), "--category", "ads", "--kind", "exact", "--match", "Anzeige",
                 "--name", "ad-label", "--what", "An ad label.", "--why", "Ads are not text."]) == 0
    assert capsys.readouterr().out.strip() == "SITE-EXAMPLENEWS-008"
    data = yaml.safe_load(pack.read_text(encoding="utf-8"))
    assert [r["id"] for r in data["rules"]][-1] == "SITE-EXAMPLENEWS-008" and data["structure"] == []
    # still incomplete: check says the examples are missing
    assert main(["rules", "check", str(pack)]) == 2
    assert "SITE-EXAMPLENEWS-008" in capsys.readouterr().err
    # a person fills in the examples: now it loads
    text = pack.read_text(encoding="utf-8")
    text = text.replace("    drop: []  ", "    drop: [Anzeige]", 1).replace("    keep: []  ", "    keep: [Anzeige erstattet]", 1)
    pack.write_text(text, encoding="utf-8")
    loaded = load_pack(pack)
    assert loaded.rules[-1].accepts("Anzeige") and not loaded.rules[-1].accepts("Anzeige erstattet")


def test_cli_new_creates_a_missing_site_pack(tmp_path, capsys):
    pack = tmp_path / "sites" / "neu.example.yaml"
    assert main(["rules", "new", "--pack", "sites/neu.example", "--append", str(pack), "--category", "related"]) == 0
    data = yaml.safe_load(pack.read_text(encoding="utf-8"))
    assert data["pack"] == "sites/neu.example" and data["hosts"] == ["neu.example"]
    assert data["rules"][0]["id"] == "SITE-NEU-001" and data["rules"][0]["category"] == "related"
