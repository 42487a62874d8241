"""`cleaner rules stats`: a dry run that finds the over-eager rule."""

from __future__ import annotations

import json

import pytest

from cleaner import Cleaner, Config
from cleaner.authoring.corpus import Doc, clean_corpus, iter_documents
from cleaner.authoring.stats import collect_stats
from cleaner.cli import main

URL = "https://www.example.test/a"
PACK = """\
pack: sites/example.test
hosts: [example.test]
rules:
  - id: T-ADS-001
    name: ad-label
    category: ads
    match: {exact: [Anzeige]}
    action: drop-line
    doc: {what: An ad label., why: Not text.}
    examples: {drop: [Anzeige], keep: [Anzeige erstattet]}
  - id: T-GREEDY-001
    name: starts-with-die
    category: other
    match: {regex: '^Die\\b'}
    action: drop-line
    doc: {what: Far too eager., why: To be found by stats.}
    examples: {drop: [Die Anzeige], keep: [Der Tag]}
  - id: T-NEVER-001
    name: never-seen
    category: share
    match: {exact: [Auf Myspace teilen]}
    action: drop-line
    doc: {what: A share button nobody has., why: Not text.}
    examples: {drop: [Auf Myspace teilen], keep: [Teilen]}
"""

DOCS = [
    "Anzeige\n\nDie Regierung hat am Montag einen neuen Haushalt vorgelegt, der viele Kürzungen enthält.\n\n"
    "Der Minister sprach von einem harten, aber nötigen Schritt.",
    "Ein ganz normaler Artikel.\n\nEr hat zwei Absätze und nichts zu entfernen.",
    "Die Bahn streikt.\n\nDie Gewerkschaft hat ihre Mitglieder zum Streik aufgerufen, der bis Freitag dauern soll.\n\n"
    "Die Fahrgäste müssen mit Ausfällen rechnen, teilte das Unternehmen am Abend mit.\n\nAnzeige",
]


@pytest.fixture(scope="module")
def pack_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("stats") / "example.yaml"
    path.write_text(PACK, encoding="utf-8")
    return str(path)


@pytest.fixture(scope="module")
def stats(pack_file):
    cleaner = Cleaner(Config(rules=(pack_file,), shipped=False))
    docs = [Doc(f"doc{i}", text, URL) for i, text in enumerate(DOCS)]
    return collect_stats(cleaner, clean_corpus(cleaner, docs), samples=2)


def test_hits_docs_and_samples_per_rule(stats):
    ads, greedy = stats.rules["T-ADS-001"], stats.rules["T-GREEDY-001"]
    assert (ads.hits, ads.docs, ads.lines) == (2, 2, 2)
    assert (greedy.hits, greedy.docs, greedy.lines) == (4, 2, 4)
    assert len(greedy.samples) == 2 and all(s["doc"] in ("doc0", "doc2") for s in greedy.samples)
    assert {s["text"] for s in ads.samples} == {"Anzeige"}


def test_the_over_eager_rule_is_flagged(stats):
    greedy = stats.rules["T-GREEDY-001"]
    assert greedy.sentence_lines >= 2 and greedy.suspect
    assert any(s["sentence_like"] for s in greedy.samples)  # evidence kept among the samples
    assert not stats.rules["T-ADS-001"].suspect
    assert "check these rules" in stats.render_text() and "T-GREEDY-001" in stats.render_text()


def test_never_fired_and_heaviest_documents(stats):
    assert [n["rule_id"] for n in stats.never_fired()] == ["T-NEVER-001"]
    heaviest = stats.heaviest(3)
    assert heaviest[0].id == "doc2" and heaviest[-1].id == "doc1"
    assert heaviest[0].char_share > 0.9 and heaviest[-1].char_share == 0.0


def test_json_and_text_agree(stats):
    data = stats.to_dict()
    assert data["documents"] == 3 and data["documents_touched"] == 2
    assert data["suspects"] == ["T-GREEDY-001"]
    assert [r["rule_id"] for r in data["rules"]] == ["T-GREEDY-001", "T-ADS-001"]
    assert data["heaviest"][0]["id"] == "doc2"
    json.dumps(data)


def test_jsonl_corpus_with_url_and_date_fields(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(json.dumps({"id": f"r{i}", "text": t, "url": URL, "date": "2024-05-01"})
                              for i, t in enumerate(DOCS)) + "\n{broken\n", encoding="utf-8")
    from cleaner.authoring.corpus import Failures

    failures = Failures()
    docs = list(iter_documents([str(path)], failures=failures))
    assert [d.id for d in docs] == ["r0", "r1", "r2"] and docs[0].url == URL and docs[0].date == "2024-05-01"
    assert len(failures.items) == 1 and "not JSON" in failures.items[0][1]


def test_cli_stats_text_and_json(pack_file, tmp_path, capsys):
    for i, text in enumerate(DOCS):
        (tmp_path / f"d{i}.txt").write_text(text, encoding="utf-8")
    assert main(["rules", "stats", str(tmp_path), "--rules", pack_file, "--url", URL]) == 0
    shown = capsys.readouterr().out
    assert "T-GREEDY-001" in shown and "never fired" in shown and "T-NEVER-001" in shown
    assert main(["rules", "stats", str(tmp_path), "--rules", pack_file, "--url", URL, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "T-GREEDY-001" in data["suspects"] and data["documents"] == 3
