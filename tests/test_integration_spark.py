"""The Spark adapter on a local[2] session: DataFrame column, RDD of records, the Common Crawl example.

One session for the whole module (Spark start-up is most of the cost). The Python workers
must run this interpreter (PYSPARK_PYTHON), or they start the `python3` on PATH.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import sys

import pytest

pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")
pytest.importorskip("pandas")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java", allow_module_level=True)

from cleaner import Cleaner, Config  # noqa: E402
from conftest import ROOT  # noqa: E402
from test_pipelines_api import (  # noqa: E402
    SEED_FILES, SITE_ARTICLE, SITE_PACK, cli_clean, expected_outputs, seed_texts,
)


@pytest.fixture(scope="module")
def spark():
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    session = (SparkSession.builder.master("local[2]").appName("cleaner-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "2")
               .config("spark.driver.memory", "1g")
               .getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def cli_outputs(tmp_path_factory) -> list[str]:
    return cli_clean(SEED_FILES, tmp_path_factory.mktemp("cli"))


@pytest.fixture(scope="module")
def site_rules(tmp_path_factory):
    path = tmp_path_factory.mktemp("packs") / "news.example.yaml"
    path.write_text(SITE_PACK, encoding="utf-8")
    return path


def test_dataframe_seeds_equal_the_cli(spark, cli_outputs, site_rules):
    from cleaner.integrations.spark import clean_dataframe

    url = "https://news.example/bruecke"
    rows = [(p.stem, t, None, 1) for p, t in zip(SEED_FILES, seed_texts())]
    rows.append(("site", SITE_ARTICLE, url, 2))
    rows.append(("missing", None, None, 3))
    df = spark.createDataFrame(rows, "id string, text string, url string, n int")
    out = clean_dataframe(df, Config(rules=(str(site_rules),)), removals=True)
    assert out.columns == ["id", "text", "url", "n", "title", "lang", "site", "removed_categories", "removals"]
    got = {row["id"]: row for row in out.collect()}
    assert [got[p.stem]["text"] for p in SEED_FILES] == cli_outputs == expected_outputs()

    local = Cleaner(Config(rules=(str(site_rules),)))
    for p, text in zip(SEED_FILES, seed_texts()):
        result = local.clean_and_explain(text)
        row = got[p.stem]
        assert (row["title"], row["lang"], row["site"]) == (result.title, result.lang, None)
        assert row["removed_categories"] == sorted({r.category for r in result.removals})
        assert [r.asDict() for r in row["removals"]] == [r.to_dict() for r in result.removals]
    site = got["site"]
    assert site["text"] == local.clean(SITE_ARTICLE, url=url) and site["site"] == "news.example"
    assert "newsletter" in site["removed_categories"]
    assert got["missing"]["text"] is None and got["missing"]["removed_categories"] == []


def test_rdd_of_records_equals_the_cli(spark, cli_outputs):
    from cleaner.integrations.spark import clean_rdd

    records = [{"id": p.stem, "text": t, "extra": [1, 2]} for p, t in zip(SEED_FILES, seed_texts())]
    records.append({"id": "broken", "text": None})
    rdd = spark.sparkContext.parallelize(records, 2)
    out = {r["id"]: r for r in clean_rdd(rdd, Cleaner(), errors="mark").collect()}
    assert [out[p.stem]["text"] for p in SEED_FILES] == cli_outputs
    assert out[SEED_FILES[0].stem]["extra"] == [1, 2]
    assert "error" in out["broken"]


def test_commoncrawl_example_on_a_generated_wet(spark, tmp_path, cli_outputs):
    spec = importlib.util.spec_from_file_location("commoncrawl_spark", ROOT / "examples" / "commoncrawl_spark.py")
    example = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(example)  # type: ignore[union-attr]
    paths = example.make_sample(tmp_path / "wet", files=2)
    assert all(p.endswith(".warc.wet.gz") for p in paths)
    rows = {row["url"]: row for row in example.clean_wet(spark, paths).collect()}
    got = [rows[f"https://news.example/{p.stem}"]["text"] for p in SEED_FILES]
    assert got == cli_outputs
    assert rows["https://news.example/menu"]["site"] == "news.example"
