"""pandas and Hugging Face datasets recipes (examples/pandas_and_datasets.py), checked on the seeds."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT
from test_pipelines_api import OUTPUT_FIELDS, SEED_FILES, expected_outputs, seed_texts


def load_example():
    spec = importlib.util.spec_from_file_location("pandas_and_datasets", ROOT / "examples" / "pandas_and_datasets.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def test_pandas_frame_recipe(cleaner):
    pd = pytest.importorskip("pandas")
    from cleaner.integrations.pandas import clean_frame, clean_series

    frame = load_example().clean_with_pandas(load_example().seed_records())
    assert frame["text"].tolist() == expected_outputs()
    assert list(frame.columns) == ["id", "url", "text", *OUTPUT_FIELDS]
    assert frame["lang"].tolist() == ["de"] * len(SEED_FILES)
    first = cleaner.clean_and_explain(seed_texts()[0])
    assert frame["title"][0] == first.title
    assert frame["removed_categories"][0] == sorted({r.category for r in first.removals})

    holes = pd.DataFrame({"text": [seed_texts()[0], None], "lang": ["de", None]}, index=[10, 20])
    out = clean_frame(holes, output_col="clean", removals=True)
    assert out["text"].tolist() == holes["text"].tolist()  # original kept beside the cleaned text
    assert out.loc[10, "clean"] == expected_outputs()[0] and out.loc[20, "clean"] is None
    assert len(out.loc[10, "removals"]) == len(first.removals)
    assert clean_series(pd.Series(seed_texts(), name="body")).tolist() == expected_outputs()


def test_datasets_batched_map_recipe():
    pytest.importorskip("datasets")
    example = load_example()
    ds = example.clean_with_datasets(example.seed_records())
    assert ds["text"] == expected_outputs()
    assert set(ds.column_names) == {"id", "url", "text", *OUTPUT_FIELDS}
    parallel = example.clean_with_datasets(example.seed_records(), num_proc=2)  # the cleaner pickled to workers
    assert parallel["text"] == expected_outputs()
    assert parallel["removed_categories"] == ds["removed_categories"]
