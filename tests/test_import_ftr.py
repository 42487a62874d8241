"""`cleaner rules import ftr`: FiveFilters site configs become site packs.

Fixtures in tests/fixtures/import/ftr/ (written for these tests): a site config using
every kind of directive, a wildcard `.host.txt`, a more specific subdomain file, and a
page of that site; ftr-bad/ holds malformed lines and XPath.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cleaner import Cleaner, Config
from cleaner.errors import LimitError, RuleError
from cleaner.html.rewrite import MAX_REWRITES
from cleaner.cli import main
from cleaner.engine.loader import load_pack, load_packs
from cleaner.engine.rulebook import RuleBook
from cleaner.importers.ftr import import_ftr

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "import"
FTR = FIXTURES / "ftr"
COLLECTION = Path(__file__).resolve().parents[2] / "shared" / "data" / "ftr-site-config"
SITE = str(FTR / "gazette.example.txt")
REWRITE = FIXTURES / "ftr-replace"


@pytest.fixture(scope="module")
def imported(tmp_path_factory):
    out = tmp_path_factory.mktemp("ftr")
    report = import_ftr([FTR], out)
    return out, report


def _rules(pack, role):
    return [r for r in pack.html if r.role == role]


def test_each_directive_becomes_its_rule_with_file_and_line(imported):
    out, _ = imported
    pack = load_pack(out / "gazette.example.yaml")
    assert pack.name == "ftr/gazette.example" and pack.hosts == ("gazette.example",)
    by_line = {r.source.line: r for r in pack.html}
    assert all(r.source.format == "ftr" and r.source.file == SITE for r in pack.html)
    assert (by_line[2].role, by_line[2].xpath) == ("title", "//h1[@class='headline']")
    assert (by_line[3].role, by_line[3].xpath) == ("date", "//meta[@name='date']/@content")
    assert by_line[4].role == "author" and by_line[5].role == "body"
    assert (by_line[7].role, by_line[7].xpath) == ("strip", "//div[@class='newsletter-signup']")
    # strip_id_or_class: whole class tokens and ids, as a set lookup
    assert (by_line[9].classes, by_line[9].ids) == (("share-tools",), ("share-tools",))
    # several tokens: the class attribute holds them in this order
    assert "' toc box '" in by_line[10].xpath
    assert by_line[11].css == 'img[src*="tracker.gif"]'
    assert all(r.id.startswith("FTR-GAZETTE-EXAMPLE-L") for r in pack.html)


def test_test_urls_become_fixtures_with_their_test_contains(imported):
    out, _ = imported
    pack = load_pack(out / "gazette.example.yaml")
    first, second = pack.fixtures
    assert first.test_url == "https://www.gazette.example/politics/budget"
    assert first.contains == ("approved a budget",)
    assert second.test_url.endswith("/second") and second.contains == ()


def test_what_is_not_imported_is_reported_per_line_and_listed_in_the_pack(imported):
    out, report = imported
    messages = {(Path(m.file).name, m.line): m for m in report.messages}
    for line in (13, 14, 15, 16, 20, 22):
        assert messages[("gazette.example.txt", line)].status == "unsupported"
    assert "fetches nothing" in messages[("gazette.example.txt", 15)].text
    misspelt = messages[("gazette.example.txt", 21)]
    assert misspelt.status == "warned" and "did you mean title?" in misspelt.text
    assert not report.errors
    header = (out / "gazette.example.yaml").read_text(encoding="utf-8")
    assert "line 13 unsupported: prune: no" in header and "line 21 warned: titel" in header


def test_summary_counts_every_directive_line(imported):
    _, report = imported
    assert report.counts["strip"]["converted"] == 3
    assert report.counts["strip_id_or_class"]["converted"] == 3
    assert report.counts["replace_string"]["converted"] == 2 and report.counts["find_string"]["converted"] == 1
    assert report.counts["titel (unknown)"]["warned"] == 1
    table = report.summary()
    assert table.splitlines()[0].split() == ["directive", "converted", "warned", "unsupported", "errors"]
    assert any(row.split()[:2] == ["body", "2"] for row in table.splitlines())
    assert report.share_converted(("body", "strip", "strip_id_or_class")) == (8, 8)


def test_host_files_follow_the_fivefilters_naming(imported):
    out, _ = imported
    book = RuleBook(load_packs([out]))

    def packs(host):
        return [p.name for p in book.site_packs(host)]

    assert packs("gazette.example") == ["ftr/gazette.example"]
    assert packs("www.gazette.example") == ["ftr/gazette.example"]
    # .gazette.example.txt: the subdomains, not the site itself (that has its own file anyway)
    assert packs("blog.gazette.example") == ["ftr/gazette.example-subdomains"]
    assert packs("a.b.gazette.example") == ["ftr/gazette.example-subdomains"]
    # a subdomain with its own file gets that file only
    assert packs("sport.gazette.example") == ["ftr/sport.gazette.example"]
    assert packs("www.sport.gazette.example") == ["ftr/sport.gazette.example"]
    assert packs("othergazette.example") == []
    wildcard = load_pack(out / ".gazette.example.yaml")
    assert wildcard.hosts == ("*.gazette.example", "~sport.gazette.example")


def test_wildcard_alone_does_not_serve_the_bare_host(tmp_path):
    only = tmp_path / "in"
    only.mkdir()
    (only / ".gazette.example.txt").write_text("strip: //aside\n", encoding="utf-8")
    import_ftr([only], tmp_path / "out")
    book = RuleBook(load_packs([tmp_path / "out"]))
    assert book.site_packs("gazette.example") == [] and book.site_packs("www.gazette.example") == []
    assert len(book.site_packs("news.gazette.example")) == 1


def test_imported_pack_strips_what_its_rules_name_on_the_page(imported, capsys):
    out, _ = imported
    page = FTR / "page.html"
    assert main(["clean", str(page), "--url", "https://www.gazette.example/politics/budget",
                 "--rules", str(out)]) == 0
    text = capsys.readouterr().out
    assert "approved a budget of 12 million euros" in text and "two thousand trees" in text
    for stripped in ("Get the Gazette in your inbox", "Share on Mastodon", "Read more: the council",
                     "Contents of this long article", "Copyright Gazette"):
        assert stripped not in text
    # whole-token matching: a class that merely starts with a stripped name stays
    assert "a good first step" in text


def test_explanations_name_the_imported_rule_and_metadata(imported):
    out, _ = imported
    cleaner = Cleaner(Config(rules=(str(out),)))
    result = cleaner.clean_and_explain((FTR / "page.html").read_bytes(),
                                       url="https://gazette.example/politics/budget")
    removed = {r.text.split("\n")[0]: r.rule_id for r in result.removals}
    assert removed["Get the Gazette in your inbox every morning, free of charge."] == "FTR-GAZETTE-EXAMPLE-L7"
    assert removed["Share on Mastodon Share by e-mail"] == "FTR-GAZETTE-EXAMPLE-L9"
    assert result.title == "Council approves budget"
    assert result.date == "2024-03-01" and result.metadata_rules["date"] == "FTR-GAZETTE-EXAMPLE-L3"
    # on another site the pack does nothing
    other = cleaner.clean_and_explain((FTR / "page.html").read_bytes(), url="https://elsewhere.example/x")
    assert not any(r.rule_id.startswith("FTR-") for r in other.removals)


def test_substring_matching_is_fivefilters_own(tmp_path, capsys):
    out = tmp_path / "packs"
    assert main(["rules", "import", "ftr", str(FTR), "-o", str(out), "--id-or-class", "substring", "-q"]) == 0
    assert main(["clean", str(FTR / "page.html"), "--url", "https://gazette.example/a", "--rules", str(out)]) == 0
    text = capsys.readouterr().out
    assert "a good first step" not in text  # share-tools-extra contains share-tools
    assert "two thousand trees" in text


def test_malformed_lines_and_xpath_are_errors_with_file_and_line(tmp_path, capsys):
    bad = FIXTURES / "ftr-bad"
    assert main(["rules", "import", "ftr", str(bad), "-o", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    name = str(bad / "broken.example.txt")
    assert f"{name}:2: error: malformed line 'this line has no colon'" in err
    assert f"{name}:3: error: invalid XPath" in err
    assert f"{name}:4: error: XPath" in err and "does not evaluate" in err
    assert f"{name}:5: error: a bare URL" in err
    # the good lines are still imported
    pack = load_pack(tmp_path / "broken.example.yaml")
    assert sorted(r.source.line for r in pack.html) == [1, 6]


def test_body_and_strip_xpaths_that_pick_no_elements_are_unsupported(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "values.example.txt").write_text(
        "strip: //img/@srcset\nbody: substring-before(//script, 'x')\ntitle: //meta[@property='og:title']/@content\n",
        encoding="utf-8")
    report = import_ftr([src], tmp_path / "out")
    assert [(m.line, m.status) for m in report.messages] == [(1, "unsupported"), (2, "unsupported")]
    pack = load_pack(tmp_path / "out" / "values.example.yaml")
    assert [r.role for r in pack.html] == ["title"]


def test_bad_file_names_and_missing_paths_are_errors(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "not a host!.txt").write_text("body: //main\n", encoding="utf-8")
    report = import_ftr([src], tmp_path / "out")
    assert report.errors and "not a host name" in report.errors[0].text
    assert main(["rules", "import", "ftr", str(tmp_path / "missing"), "-o", str(tmp_path / "o")]) == 1


@pytest.mark.skipif(not COLLECTION.is_dir(), reason="the FiveFilters collection (../shared/data) is not here")
def test_whole_collection_converts_at_least_95_percent(tmp_path):
    started = time.perf_counter()
    report = import_ftr([COLLECTION], tmp_path)
    elapsed = time.perf_counter() - started
    done, total = report.share_converted(("body", "strip", "strip_id_or_class"))
    assert total > 10_000 and done / total >= 0.95
    assert len(report.packs) == report.files > 1_900
    # every message names its file; the ones about lines name the line
    assert all(m.file and (m.line or m.text) for m in report.messages)
    print(f"imported {report.files} files in {elapsed:.1f} s: {done}/{total} core directives")


# -- find_string / replace_string -> html.replace ------------------------------------------

@pytest.fixture(scope="module")
def rewrites(tmp_path_factory):
    out = tmp_path_factory.mktemp("ftr-replace")
    report = import_ftr([REWRITE], out)
    return out, report


def test_find_and_replace_strings_become_ordered_pairs_with_their_lines(rewrites):
    out, report = rewrites
    assert not report.messages
    pack = load_pack(out / "rewrite.example.yaml")
    pairs = [(r.find, r.replace, r.source.line) for r in pack.replace]
    # two find_string lines, then their two replace_string lines: paired by position
    assert pairs == [('<noscript class="story">', '<div class="story">', 4), ("</noscript>", "</div>", 5),
                     ('<b class="ad-label">Anzeige</b>', "", 9),  # one-line form, empty value deletes
                     ("Price.*", "Price", 11)]
    assert all(r.source.format == "ftr" and r.source.file.endswith("rewrite.example.txt") for r in pack.replace)
    assert report.counts["find_string"]["converted"] == 2 and report.counts["replace_string"]["converted"] == 4


def test_rewrites_apply_to_the_raw_page_of_their_site_only(rewrites):
    out, _ = rewrites
    cleaner = Cleaner(Config(rules=(str(out),)))
    page = (REWRITE / "page.html").read_bytes()
    text = cleaner.clean(page, url="https://www.rewrite.example/ferry")
    # the story was inside <noscript>: rewritten to a <div>, it is parsed as text
    assert "run the morning ferry twenty minutes earlier" in text
    assert "Anzeige" not in text and "The evening ferry keeps its times" in text
    # literal: "Price.*" is replaced where it is written, "Prices" is left alone
    assert "Price of a monthly pass" in text and "Price tables and Prices elsewhere" in text
    other = cleaner.clean(page, url="https://other.example/ferry")
    assert "morning ferry" not in other


def test_rewrites_apply_pair_after_pair_in_order(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    # FiveFilters (PHP str_replace over the lists) runs each pair on the result of the one before
    (src / "chain.example.txt").write_text("replace_string(<x-a>): <x-b>\nreplace_string(<x-b>): <p>\n"
                                           "replace_string(</x-a>): </p>\n", encoding="utf-8")
    import_ftr([src], tmp_path / "out")
    cleaner = Cleaner(Config(rules=(str(tmp_path / "out"),)))
    html = "<html><body><x-a>First sentence of the chained page body text.</x-a></body></html>"
    assert cleaner.clean_and_explain(html, url="https://chain.example/").source.startswith("First sentence")


@pytest.mark.parametrize(("config", "why"), [
    ("find_string: <a>\nfind_string: <b>\nreplace_string: <i>\n", "2 find_string but 1 replace_string"),
    ("replace_string: <i>\n", "0 find_string but 1 replace_string"),
    ("replace_string(): <i>\n", "an empty find string"),
    (f"find_string: {'x' * 1001}\nreplace_string: y\n", "1,001 characters, more than 1,000"),
    ("".join(f"replace_string(<t{i}>): <p>\n" for i in range(MAX_REWRITES + 1)), "more than the 100"),
])
def test_rewrites_that_cannot_pair_or_are_too_big_are_errors_on_each_line(tmp_path, config, why):
    src = tmp_path / "in"
    src.mkdir()
    (src / "bad.example.txt").write_text("body: //article\n" + config, encoding="utf-8")
    report = import_ftr([src], tmp_path / "out")
    assert report.errors and all(why in m.text and m.line and m.line > 1 for m in report.errors)
    assert len(report.errors) == config.count("\n")
    pack = load_pack(tmp_path / "out" / "bad.example.yaml")
    assert pack.replace == () and [r.role for r in pack.html] == ["body"]


def _rewrite_pack(tmp_path, find, replace, extra="hosts: [grow.example]\n"):
    path = tmp_path / "grow.yaml"
    path.write_text(f"pack: sites/grow\n{extra}html:\n  replace:\n"
                    f"  - {{find: '{find}', replace: '{replace}'}}\n", encoding="utf-8")
    return path


def test_a_rewrite_that_would_blow_up_a_hostile_page_refuses_that_page(tmp_path):
    path = _rewrite_pack(tmp_path, "<i>", "x" * 1000)
    cleaner = Cleaner(Config(rules=(str(path),)))
    hostile = "<html><body><p>" + "<i>" * 50_000 + "</p></body></html>"  # 150 kB -> 50 MB
    with pytest.raises(LimitError, match=r"grow\.yaml:5: html\.replace of '<i>' would grow the page"):
        cleaner.clean(hostile, url="https://grow.example/a")
    # a page with a few occurrences is rewritten as usual
    fine = "<html><body><p>A short ordinary sentence of the article body <i>here</i>.</p></body></html>"
    assert "x" * 1000 in cleaner.clean(fine, url="https://grow.example/a")


def test_rewrite_bounds_and_language_packs_are_load_errors_with_file_and_line(tmp_path):
    with pytest.raises(RuleError, match=r"grow\.yaml:5.*find.*longer than 1,000 characters"):
        load_pack(_rewrite_pack(tmp_path, "x" * 1001, "y"))
    with pytest.raises(RuleError, match=r"grow\.yaml:5.*language pack cannot have it"):
        load_pack(_rewrite_pack(tmp_path, "a", "b", extra="lang: de\n"))
    # a site pack may name its language and rewrite
    assert len(load_pack(_rewrite_pack(tmp_path, "a", "b", extra="lang: de\nhosts: [grow.example]\n")).replace) == 1
