"""The datatrove step: cleans Document.text in place, records removals, runs under the local executor."""

from __future__ import annotations

import gzip
import json
import pickle

import pytest

pytest.importorskip("datatrove")
pytest.importorskip("orjson")  # datatrove's JSONL reader and writer

from datatrove.data import Document  # noqa: E402
from datatrove.executor import LocalPipelineExecutor  # noqa: E402
from datatrove.pipeline.readers import JsonlReader  # noqa: E402
from datatrove.pipeline.writers import JsonlWriter  # noqa: E402

from cleaner import Cleaner, Config  # noqa: E402
from cleaner.integrations.datatrove import CleanerStep  # noqa: E402
from test_pipelines_api import SEED_FILES, cli_clean, expected_outputs, seed_texts  # noqa: E402


@pytest.fixture(scope="module")
def cli_outputs(tmp_path_factory) -> list[str]:
    return cli_clean(SEED_FILES, tmp_path_factory.mktemp("cli"))


def documents() -> list[Document]:
    return [Document(text=t, id=p.stem, metadata={"source": "seed"}) for p, t in zip(SEED_FILES, seed_texts())]


def test_step_cleans_seeds_like_the_cli(cli_outputs):
    step = CleanerStep()
    out = list(step.run(iter(documents())))
    assert [d.text for d in out] == cli_outputs == expected_outputs()
    assert [d.id for d in out] == [p.stem for p in SEED_FILES]


def test_step_records_removals_in_metadata_and_stats(cleaner):
    step = CleanerStep(cleaner, removals=True)
    docs = documents()
    out = list(step.run(iter(docs)))
    for doc, text in zip(out, seed_texts()):
        result = cleaner.clean_and_explain(text)
        md = doc.metadata
        assert md["source"] == "seed"
        assert md["cleaner_title"] == result.title and md["cleaner_lang"] == result.lang == "de"
        assert md["cleaner_counts"] == result.counts
        assert md["cleaner_removed_categories"] == sorted({r.category for r in result.removals})
        assert md["cleaner_removals"] == [r.to_dict() for r in result.removals]
    stats = step.stats
    assert stats["total"].total == stats["forwarded"].total == len(docs)
    some_rule, lines = next(iter(cleaner.clean_and_explain(seed_texts()[0]).counts.items()))
    assert stats[f"rule/{some_rule}"].total >= lines
    assert stats["removed_chars"].total == sum(len(t) for t in seed_texts()) - sum(len(d.text) for d in out)


def test_empty_documents_are_dropped_or_kept():
    docs = [Document(text="Anzeige", id="ad", metadata={"language": "de"}), *documents()[:1]]
    step = CleanerStep()
    assert [d.id for d in step.run(iter(docs))] == [docs[1].id]
    assert step.stats["dropped_empty"].total == 1
    docs = [Document(text="Anzeige", id="ad", metadata={"language": "de_Latn"})]
    kept = list(CleanerStep(drop_empty=False).run(iter(docs)))
    assert kept[0].text == "" and kept[0].metadata["cleaner_lang"] == "de"


def test_url_in_metadata_selects_the_site_pack(site_rules):
    from test_pipelines_api import SITE_ARTICLE

    local = Cleaner(Config(rules=(str(site_rules),)))
    url = "https://news.example/a"
    doc = Document(text=SITE_ARTICLE, id="a", metadata={"url": url})
    out = next(CleanerStep(Config(rules=(str(site_rules),))).run(iter([doc])))
    assert out.text == local.clean(SITE_ARTICLE, url=url)
    assert out.metadata["cleaner_site"] == "news.example"


def test_step_pickles_small():
    step = CleanerStep(Cleaner())
    data = pickle.dumps(step)
    assert len(data) < 5000
    assert pickle.loads(data).run is not None


def test_local_executor_two_workers_matches_the_cli(tmp_path, cli_outputs):
    src = tmp_path / "in"
    src.mkdir()
    for k in range(2):  # two input files: one per task
        with (src / f"part{k}.jsonl").open("w", encoding="utf-8") as handle:
            for path, text in list(zip(SEED_FILES, seed_texts()))[k::2]:
                handle.write(json.dumps({"id": path.stem, "text": text}) + "\n")
    executor = LocalPipelineExecutor(
        pipeline=[JsonlReader(str(src)), CleanerStep(), JsonlWriter(str(tmp_path / "out"))],
        tasks=2, workers=2, logging_dir=str(tmp_path / "logs"))
    executor.run()
    got = {}
    for part in (tmp_path / "out").glob("*.jsonl.gz"):
        with gzip.open(part, "rt", encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                got[record["id"]] = record
    assert [got[p.stem]["text"] for p in SEED_FILES] == cli_outputs
    assert all(got[p.stem]["metadata"]["cleaner_lang"] == "de" for p in SEED_FILES)


@pytest.fixture(scope="module")
def site_rules(tmp_path_factory):
    from test_pipelines_api import SITE_PACK

    path = tmp_path_factory.mktemp("packs") / "news.example.yaml"
    path.write_text(SITE_PACK, encoding="utf-8")
    return path
