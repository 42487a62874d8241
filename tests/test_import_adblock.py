"""`cleaner rules import adblock`: element-hiding rules become strip rules.

tests/fixtures/import/adblock/list.txt is a small list written for these tests (real
filter lists are share-alike licensed and never shipped): generic names, a generic
complex selector, per-site rules with exclusions, exceptions, text operators, rules
cleaner cannot express, network rules, scriptlets and one malformed selector.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner, Config
from cleaner.cli import main
from cleaner.engine.loader import load_pack, load_packs
from cleaner.engine.rulebook import RuleBook
from cleaner.html.parse import parse_html
from cleaner.html.segment import segment
from cleaner.html.selectors import SelectorError, SelectorIndex, compile_selector
from cleaner.importers.adblock import UnsupportedSelector, convert_selector, import_adblock

ADBLOCK = Path(__file__).resolve().parent / "fixtures" / "import" / "adblock"
LIST = ADBLOCK / "list.txt"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    out = tmp_path_factory.mktemp("adblock")
    return out, import_adblock([LIST], out)


def test_generic_names_become_one_set_rule_and_complex_selectors_their_own(imported):
    out, _ = imported
    pack = load_pack(out / "generic.yaml")
    assert pack.hosts == ()  # applies to every page
    first, second = pack.html
    assert first.id == "ADB-GENERIC-SET" and first.selector.kind == "set"
    assert first.classes == ("xq-ad-banner", "xq-sponsor-box") and first.ids == ("xq-sidebar-ad",)
    assert (second.css, second.source.line, second.source.format) == ('div[id^="gpt-ad-"]', 10, "adblock")


def test_site_rules_keep_domains_subdomains_and_exclusions(imported):
    out, _ = imported
    book = RuleBook(load_packs([out]))

    def rules(host):
        return {r.source.line for p in book.site_packs(host) for r in p.html}

    # news.example##... (with subdomains), the ~shop exclusion, a two-domain rule
    assert rules("www.news.example") == {12, 13, 14, 18, 19, 20}
    assert rules("m.news.example") == {12, 13, 14, 18, 19, 20}
    assert rules("shop.news.example") == {12, 14, 18, 19, 20}
    assert rules("other.example") == {14}
    assert rules("unrelated.example") == set()


def test_exceptions_lift_rules(imported):
    out, report = imported
    everything = [r for p in load_packs([out]) for r in p.html]
    assert "excepted-everywhere" not in everything[0].classes
    assert not any(r.css == ".lifted" for r in everything)
    assert report.counts["hiding, lifted by an exception"]["converted"] == 2


def test_text_operators_become_contains(imported):
    assert convert_selector("div.box:has-text(Anzeige)") == 'div.box:contains("Anzeige")'
    assert convert_selector('p:-abp-contains("Sponsored")') == 'p:contains("Sponsored")'
    assert convert_selector("div:-abp-has(.ad-label)") == "div:has(.ad-label)"
    with pytest.raises(UnsupportedSelector, match="regular expression"):
        convert_selector("div:has-text(/anzeige/i)")
    with pytest.raises(UnsupportedSelector, match="upward"):
        convert_selector("div:upward(2)")


def test_unsupported_lines_are_reported_and_network_rules_counted(imported):
    _, report = imported
    by_line = {m.line: m for m in report.messages}
    assert by_line[21].status == "unsupported" and "regular expression" in by_line[21].text
    assert by_line[23].status == "unsupported" and "upward" in by_line[23].text
    assert by_line[24].status == "unsupported" and "google.*" in by_line[24].text
    assert report.counts["network rule"]["unsupported"] == 2
    assert report.counts["scriptlet / snippet"]["unsupported"] == 2
    assert any("2 network rules skipped" in note for note in report.notes)
    assert not any(m.line in (27, 28, 29, 30) for m in report.messages)  # counted, not listed one by one


def test_malformed_selector_is_an_error_with_file_and_line(tmp_path, capsys):
    assert main(["rules", "import", "adblock", str(LIST), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert f"{LIST}:31: error: news.example##div[class=\"unclosed: invalid CSS selector" in err


def test_imported_packs_clean_a_page(imported):
    out, _ = imported
    cleaner = Cleaner(Config(rules=(str(out),)))
    page = (ADBLOCK / "page.html").read_bytes()
    result = cleaner.clean_and_explain(page, url="https://www.news.example/harbour")
    text = result.text
    assert "approved the harbour plan" in text and "first ships are expected" in text
    for gone in ("Win a cruise", "Cheap flights", "Your advert could be here", "digital edition",
                 "Hafenrundfahrt", "the old harbour in pictures"):
        assert gone not in text
    assert "no longer hides" in text and "excepts everywhere" in text
    ids = {r.rule_id for r in result.removals}
    assert {"ADB-GENERIC-SET", "ADB-GENERIC-L10", "ADB-NEWS-EXAMPLE-L12", "ADB-NEWS-EXAMPLE-L18"} <= ids
    # elsewhere only the generic rules apply
    elsewhere = cleaner.clean_and_explain(page, url="https://elsewhere.example/a").text
    assert "Win a cruise" not in elsewhere and "Hafenrundfahrt" in elsewhere


def test_set_selectors_match_class_tokens_and_ids_only():
    rule = compile_selector(classes=["ad-box"], ids=["top-ad"])
    index = SelectorIndex([(rule, "hit")])
    root = parse_html('<html><body><p class="x ad-box">a</p><p class="ad-boxes">b</p><p id="top-ad">c</p>'
                      '<p id="top-ad-2">d</p></body></html>')
    stripped = [b.text for b in segment(root, index).blocks if b.strip == "hit"]
    assert stripped == ["a", "c"]
    with pytest.raises(SelectorError, match="single tokens"):
        compile_selector(classes=["two words"])


def test_has_with_a_combinator_is_refused():
    with pytest.raises(SelectorError, match="no combinator"):
        compile_selector(css="div:has(> a.x)")
    assert compile_selector(css="div:has(a.x)").xpath is not None
