"""Versioned site packs: two versions of one pack coexist, the article's date picks one."""

from __future__ import annotations

import datetime as dt
import json
import textwrap

import pytest

from cleaner import Cleaner, Config
from cleaner.authoring.check import check_paths
from cleaner.authoring.corpus import Doc, clean_corpus
from cleaner.authoring.dating import clean_dated, parse_date
from cleaner.cli import main
from cleaner.engine.loader import load_packs
from cleaner.errors import RuleError

URL = "https://www.example-news.de/politik/artikel-1"


def version(valid: str, footer: str, extra: str = "") -> str:
    return textwrap.dedent(f"""\
        pack: sites/example-news.de
        hosts: [example-news.de]
        lang: de
        {valid}
        rules:
          - id: SITE-EXNEWS-001
            name: footer
            category: newsletter
            match: {{exact: ["{footer}"]}}
            action: drop-line
            doc: {{what: The site's footer of that time., why: Sign-up box.}}
            examples: {{drop: ["{footer}"], keep: ["{footer} erreicht viele Leser."]}}
          - id: SITE-EXNEWS-002
            name: dateline
            category: dateline
            match: {{regex: '^Veröffentlicht am \\d{{2}}\\.\\d{{2}}\\.\\d{{4}}$'}}
            where: {{region: head}}
            action: drop-line
            doc: {{what: The dateline., why: Metadata.}}
            examples: {{drop: ["Veröffentlicht am 01.02.2023"], keep: ["Veröffentlicht wurde nichts."]}}
        """) + extra


OLD = version("valid_until: 2024-01-01", "Unser alter Newsletter")
NEW = version("valid_from: 2024-01-01", "Jetzt neu: der Newsletter")


def article(day: str) -> str:
    return (f"Veröffentlicht am {day}\n\nDer Stadtrat beschließt den Haushalt\n\n"
            "Nach langer Debatte hat der Stadtrat am Abend den Haushalt beschlossen.\n\n"
            "Unser alter Newsletter\n\nJetzt neu: der Newsletter")


@pytest.fixture()
def packs(tmp_path):
    (tmp_path / "example-news.de-2023.yaml").write_text(OLD, encoding="utf-8")
    (tmp_path / "example-news.de.yaml").write_text(NEW, encoding="utf-8")
    return tmp_path


@pytest.fixture()
def cleaner(packs):
    return Cleaner(Config(rules=(str(packs),), shipped=False))


def _removed(result) -> set[str]:
    return {r.text for r in result.removals}


def test_two_versions_with_the_same_ids_load(packs):
    loaded = load_packs([packs])
    assert sorted(p.valid_from is None for p in loaded) == [False, True]
    assert check_paths([packs]).ok


def test_the_version_for_the_articles_date_applies(cleaner):
    old = cleaner.clean_and_explain(article("01.06.2023"), url=URL, published=dt.date(2023, 6, 1))
    assert _removed(old) >= {"Unser alter Newsletter"} and "Jetzt neu: der Newsletter" in old.text
    new = cleaner.clean_and_explain(article("01.06.2024"), url=URL, published=dt.date(2024, 6, 1))
    assert "Jetzt neu: der Newsletter" in _removed(new) and "Unser alter Newsletter" in new.text
    # the boundary: valid_until is exclusive, valid_from inclusive
    assert "Jetzt neu: der Newsletter" in _removed(cleaner.clean_and_explain("x\n\nJetzt neu: der Newsletter", url=URL,
                                                                            published=dt.date(2024, 1, 1)))
    # no date at all: the current (open-ended) version
    undated = cleaner.clean_and_explain("Text ohne Datum.\n\nJetzt neu: der Newsletter", url=URL)
    assert "Jetzt neu: der Newsletter" in _removed(undated)


def test_the_date_comes_from_the_input_metadata_or_the_article(cleaner):
    given = clean_dated(cleaner, article("01.06.2024"), url=URL, published="2023-03-01")
    assert given.source == "given" and "Unser alter Newsletter" in _removed(given.result)
    meta = clean_dated(cleaner, article("01.06.2024"), url=URL, metadata_date="2023-03-01T10:00:00Z")
    assert meta.source == "metadata" and meta.day == dt.date(2023, 3, 1)
    found = clean_dated(cleaner, article("15.05.2023"), url=URL)
    assert found.source == "article" and found.day == dt.date(2023, 5, 15)
    assert "Unser alter Newsletter" in _removed(found.result) and "Jetzt neu: der Newsletter" in found.result.text
    current = clean_dated(cleaner, article("15.05.2024"), url=URL)
    assert current.source == "none" and "Jetzt neu: der Newsletter" in _removed(current.result)


def test_jsonl_date_field_picks_the_version(cleaner):
    docs = [Doc("a", article("01.01.2030"), URL, "2023-07-01"), Doc("b", article("01.01.2030"), URL, None)]
    out = {c.doc.id: c for c in clean_corpus(cleaner, docs)}
    assert "Unser alter Newsletter" in _removed(out["a"].result) and out["a"].date_source == "metadata"
    assert "Jetzt neu: der Newsletter" in _removed(out["b"].result)


def test_cli_date_flag_and_json(packs, tmp_path, capsys):
    page = tmp_path / "page.txt"
    page.write_text(article("01.06.2024"), encoding="utf-8")
    assert main(["explain", str(page), "--url", URL, "--rules", str(packs), "--date", "2023-02-01",
                 "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["date_source"] == "given"
    assert any(r["text"] == "Unser alter Newsletter" for r in data["removals"])
    assert main(["explain", str(page), "--url", URL, "--rules", str(packs), "--date", "1.2.2023x"]) == 1
    assert "not a date" in capsys.readouterr().err


def test_overlapping_versions_and_other_packs_may_not_share_ids(tmp_path):
    (tmp_path / "a.yaml").write_text(version("valid_until: 2024-06-01", "Alt"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text(version("valid_from: 2024-01-01", "Neu"), encoding="utf-8")
    with pytest.raises(RuleError, match="overlap"):
        load_packs([tmp_path])
    (tmp_path / "a.yaml").write_text(version("valid_until: 2024-01-01", "Alt").replace(
        "pack: sites/example-news.de", "pack: sites/other-news.de"), encoding="utf-8")
    with pytest.raises(RuleError, match="ids are unique across packs"):
        load_packs([tmp_path])


def test_parse_date_forms():
    assert parse_date("2024-03-14") == dt.date(2024, 3, 14)
    assert parse_date("2024-03-14T17:42:00+01:00") == dt.date(2024, 3, 14)
    assert parse_date("14.03.2024, 17:42 Uhr") == dt.date(2024, 3, 14)
    assert parse_date(dt.datetime(2024, 3, 14, 8)) == dt.date(2024, 3, 14)
    assert parse_date("gestern") is None and parse_date("31.02.2024") is None and parse_date(None) is None
