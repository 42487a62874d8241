"""The Cleaner as pipelines use it: picklable, shareable across threads, streaming, records."""

from __future__ import annotations

import concurrent.futures
import copy
import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from cleaner import Cleaner, Config, InputError
from cleaner.api import shared_cleaner
from cleaner.records import OUTPUT_FIELDS, clean_batch, clean_columns
from conftest import ROOT, SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))

# Polish has no pack: function words cannot decide, so detection falls back to langdetect
# (the path that was not thread-safe).
POLISH = ("Rząd przyjął wczoraj wieczorem nową ustawę budżetową po długiej debacie w parlamencie krajowym.\n\n"
          "Według ministra reforma przyniesie korzyści rodzinom oraz przedsiębiorstwom w najbliższych latach.\n")

SITE_PACK = """\
pack: sites/news.example
hosts: [news.example]
lang: de
rules:
  - id: SITE-NEWSEXAMPLE-001
    name: newsletter-footer
    category: newsletter
    match: {exact: ["Neckar-Kurier Extra"]}
    action: drop-rest
    doc:
      what: The newsletter box that closes every article on news.example.
      why: Sign-up form, not article text.
    examples:
      drop: ["Neckar-Kurier Extra"]
      keep: ["Neckar-Kurier Extra erscheint jeden Samstag, sagte die Chefin."]
"""

SITE_ARTICLE = ("Neue Brücke über den Neckar eröffnet\n\n"
                "Nach drei Jahren Bauzeit ist die neue Brücke am Samstag für den Verkehr freigegeben worden. "
                "Rund 2000 Menschen kamen zur Eröffnung, die Stadt rechnet mit vielen Fahrzeugen am Tag.\n\n"
                "Die Kosten trägt zum größten Teil das Land, sagte der Bürgermeister am Rande der Feier.\n\n"
                "Neckar-Kurier Extra\n\nAlle Termine der Woche im Überblick")


def seed_texts() -> list[str]:
    return [p.read_text(encoding="utf-8") for p in SEED_FILES]


def expected_outputs() -> list[str]:
    return [(SEEDS / "expected" / p.name).read_text(encoding="utf-8").rstrip("\n") for p in SEED_FILES]


def cli_clean(paths: list[Path], outdir: Path, *extra: str) -> list[str]:
    """What `cleaner clean PATHS -o OUTDIR` writes, one text per input (the reference for adapters)."""
    subprocess.run([sys.executable, "-m", "cleaner", "clean", *map(str, paths), "-o", str(outdir), *extra],
                   check=True, capture_output=True)
    return [(outdir / p.name).read_text(encoding="utf-8").rstrip("\n") for p in paths]


@pytest.fixture(scope="module")
def site_rules(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("packs") / "news.example.yaml"
    path.write_text(SITE_PACK, encoding="utf-8")
    return path


# -- pickling ------------------------------------------------------------------------------

def test_pickled_cleaner_gives_identical_results(cleaner):
    copy_ = pickle.loads(pickle.dumps(cleaner))
    assert isinstance(copy_, Cleaner)
    for text in [*seed_texts(), POLISH]:
        assert copy_.clean_and_explain(text) == cleaner.clean_and_explain(text)


def test_a_cleaner_pickles_as_its_config_only(cleaner):
    data = pickle.dumps(cleaner)
    assert len(data) < 1000  # no compiled rules on the wire
    assert b"Config" in data and b"shared_cleaner" in data


def test_unpickling_reuses_one_compiled_cleaner_per_process(cleaner):
    data = pickle.dumps(cleaner)
    first, second = pickle.loads(data), pickle.loads(data)
    assert first is second is shared_cleaner(cleaner.config)
    assert copy.deepcopy(first) is first


def test_extra_rules_travel_as_absolute_paths(site_rules, monkeypatch):
    monkeypatch.chdir(site_rules.parent)
    local = Cleaner(Config(rules=(site_rules.name,)))
    data = pickle.dumps(local)
    monkeypatch.chdir(ROOT)  # a worker with another working directory
    remote = pickle.loads(data)
    assert remote.config.rules == (str(site_rules.resolve()),)
    url = "https://www.news.example/politik/bruecke"
    assert remote.clean(SITE_ARTICLE, url=url) == local.clean(SITE_ARTICLE, url=url)
    assert "Neckar-Kurier" not in remote.clean(SITE_ARTICLE, url=url)


def test_shared_cleaner_recompiles_when_a_pack_changes(tmp_path):
    pack = tmp_path / "site.yaml"
    pack.write_text(SITE_PACK, encoding="utf-8")
    config = Config(rules=(str(pack),))
    before = shared_cleaner(config)
    assert shared_cleaner(config) is before
    pack.write_text(SITE_PACK.replace("Neckar-Kurier Extra", "Neckar-Kurier Spezial"), encoding="utf-8")
    os.utime(pack, ns=(1, 1))  # a different mtime even on coarse filesystem clocks
    after = shared_cleaner(config)
    assert after is not before
    assert "Neckar-Kurier Extra" in after.clean(SITE_ARTICLE, url="https://news.example/a")
    assert "Neckar-Kurier Extra" not in before.clean(SITE_ARTICLE, url="https://news.example/a")


def test_multiprocessing_pool_recipe(cleaner):
    import multiprocessing

    records = [{"id": p.stem, "text": t} for p, t in zip(SEED_FILES, seed_texts())]
    with multiprocessing.get_context("fork").Pool(2) as pool:  # the cleaner still travels pickled
        out = list(pool.imap(cleaner.clean_record, records, chunksize=2))
    assert [r["text"] for r in out] == expected_outputs()


# -- threads -------------------------------------------------------------------------------

def test_shared_cleaner_in_8_threads_equals_a_fresh_one_per_thread():
    texts = [*seed_texts(), POLISH] * 3
    shared = Cleaner()

    def fresh(_: int) -> list:
        own = Cleaner()
        return [own.clean_and_explain(t) for t in texts]

    def with_shared(_: int) -> list:
        barrier.wait()
        return [shared.clean_and_explain(t) for t in texts]

    barrier = threading.Barrier(8)
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        shared_results = list(pool.map(with_shared, range(8)))
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        fresh_results = list(pool.map(fresh, range(8)))
    assert all(r == fresh_results[0] for r in shared_results + fresh_results)
    assert fresh_results[0][len(SEED_FILES)].lang == "pl"


def test_first_language_detection_from_8_threads_at_once_in_a_new_process():
    # langdetect loads its profiles on first use; concurrent first calls used to fail.
    code = (
        "import threading, sys\n"
        "from cleaner import Cleaner\n"
        f"text = {POLISH!r}\n"
        "c = Cleaner(); out = [None] * 8; barrier = threading.Barrier(8)\n"
        "def run(k):\n"
        "    barrier.wait(); out[k] = c.clean_and_explain(text).lang\n"
        "threads = [threading.Thread(target=run, args=(k,)) for k in range(8)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "print(','.join(map(str, out)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ",".join(["pl"] * 8)


# -- streaming and records -----------------------------------------------------------------

def test_clean_many_streams_in_order_from_strings_and_records(cleaner):
    texts = seed_texts()
    items = [texts[0], {"text": texts[1], "id": "b"}, texts[2], {"text": texts[3], "lang": "de"}]
    results = cleaner.clean_many(iter(items))
    assert iter(results) is results  # a generator: nothing runs until asked
    assert [r.text for r in results] == expected_outputs()[:4]


def test_clean_many_is_lazy(cleaner):
    def source():
        yield seed_texts()[0]
        raise RuntimeError("read too far")

    results = cleaner.clean_many(source())
    assert next(results).text == expected_outputs()[0]


def test_clean_many_passes_url_and_lang_from_records(site_rules):
    local = Cleaner(Config(rules=(str(site_rules),)))
    url = "https://news.example/a"
    results = list(local.clean_many([{"text": SITE_ARTICLE, "url": url}, SITE_ARTICLE], url=url))
    assert results[0].text == results[1].text == local.clean(SITE_ARTICLE, url=url)
    assert results[0].site == "news.example"


def test_records_in_records_out(cleaner):
    records = [{"id": p.stem, "text": t, "source": "seed", "n": i} for i, (p, t) in
               enumerate(zip(SEED_FILES, seed_texts()))]
    out = list(cleaner.clean_records(records))
    assert [r["text"] for r in out] == expected_outputs()
    for given, got in zip(records, out):
        assert {k: got[k] for k in ("id", "source", "n")} == {k: given[k] for k in ("id", "source", "n")}
        assert set(got) == {"id", "text", "source", "n", *OUTPUT_FIELDS}
        result = cleaner.clean_and_explain(given["text"])
        assert got["title"] == result.title and got["lang"] == result.lang == "de"
        assert got["removed_categories"] == sorted({r.category for r in result.removals})
    assert records[0]["text"] == seed_texts()[0]  # inputs untouched


def test_record_with_removals_and_url(site_rules):
    local = Cleaner(Config(rules=(str(site_rules),)))
    got = local.clean_record({"text": SITE_ARTICLE, "url": "https://news.example/a", "id": 7}, removals=True)
    assert got["site"] == "news.example" and got["lang"] == "de"
    assert "newsletter" in got["removed_categories"]
    assert got["removals"][0]["rule_id"] == "SITE-NEWSEXAMPLE-001"
    assert got["id"] == 7 and got["url"] == "https://news.example/a"


def test_bad_records_raise_skip_or_are_marked(cleaner):
    records = [{"text": "Anzeige", "lang": "de"}, {"text": None, "id": "x"}, {"id": "no text"},
               {"text": seed_texts()[0]}]
    with pytest.raises(InputError):
        list(cleaner.clean_records(records))
    assert len(list(cleaner.clean_records(records, errors="skip"))) == 2
    marked = list(cleaner.clean_records(records, errors="mark"))
    assert [("error" in r) for r in marked] == [False, True, True, False]
    assert marked[1]["id"] == "x" and "text" in marked[1]["error"]
    assert marked[3]["text"] == expected_outputs()[0]


def test_batch_contract_of_datasets_map(cleaner):
    texts = seed_texts()
    batch = {"text": texts, "id": [p.stem for p in SEED_FILES], "url": [None] * len(texts)}
    out = clean_batch(cleaner, batch)
    assert out["text"] == expected_outputs()
    assert out["id"] == batch["id"] and out["url"] == batch["url"]
    assert set(out) == {"text", "id", "url", *OUTPUT_FIELDS}
    assert all(len(v) == len(texts) for v in out.values())
    assert cleaner.clean_batch(batch) == out
    assert batch["text"] == texts  # input untouched
    with_removals = cleaner.clean_batch(batch, removals=True)
    assert [len(r) for r in with_removals["removals"]] == [len(cleaner.clean_and_explain(t).removals)
                                                           for t in texts]


def test_columns_with_missing_values(cleaner):
    out = clean_columns(cleaner, [None, float("nan"), "Anzeige"], langs=[None, "de", "de"])
    assert out["text"] == [None, None, ""]
    assert out["removed_categories"] == [[], [], ["ads"]]
    with pytest.raises(InputError):
        clean_columns(cleaner, [42])
    with pytest.raises(InputError):
        clean_columns(cleaner, ["a", "b"], urls=["only one"])


def test_seeds_equal_the_cli(tmp_path, cleaner):
    assert cli_clean(SEED_FILES, tmp_path) == [r["text"] for r in cleaner.clean_records(
        {"text": t} for t in seed_texts())]


# -- optional extras stay optional ----------------------------------------------------------

def test_import_cleaner_imports_no_integration():
    code = ("import sys, cleaner, cleaner.records, cleaner.integrations, cleaner.integrations.warc\n"
            "c = cleaner.Cleaner(); list(c.clean_records([{'text': 'Anzeige'}]))\n"
            "print(sorted(m for m in ('pyspark', 'datatrove', 'pandas', 'pyarrow', 'datasets', 'numpy')"
            " if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_missing_extra_names_the_install_command():
    code = ("import sys; sys.modules['pyspark'] = None\n"
            "try:\n    import cleaner.integrations.spark\n"
            "except ImportError as exc:\n    print(exc)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "pip install 'cleaner[spark]'" in out
