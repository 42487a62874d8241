"""Clean articles held in a pandas DataFrame or a Hugging Face dataset.

    python examples/pandas_and_datasets.py            # runs both on the seed articles

pandas: `clean_frame(df)` returns a copy with `text` cleaned and title, lang, site,
removed_categories added (`pip install 'cleaner[pandas]'`).

datasets: `Cleaner.clean_batch` is a batched-map function. It takes a batch (columns
`text`, optional `url`, `lang`, anything else) and returns it with `text` cleaned and
the result columns added, so:

    ds = ds.map(cleaner.clean_batch, batched=True, batch_size=256, num_proc=4)

`num_proc` workers receive the cleaner pickled as its Config and compile it once each;
datasets fingerprints the function through that same small pickle, so cached results
are reused until the Config changes (`pip install 'cleaner[datasets]'`).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seed_records() -> list[dict]:
    return [{"id": p.stem, "url": None, "text": p.read_text(encoding="utf-8")}
            for p in sorted((ROOT / "seeds").glob("*.txt"))]


def clean_with_pandas(records: list[dict]):
    import pandas as pd

    from cleaner.integrations.pandas import clean_frame

    return clean_frame(pd.DataFrame(records))


def clean_with_datasets(records: list[dict], *, num_proc: int | None = None):
    from datasets import Dataset

    from cleaner import Cleaner

    cleaner = Cleaner()
    ds = Dataset.from_list(records)
    return ds.map(cleaner.clean_batch, batched=True, batch_size=2, num_proc=num_proc)


if __name__ == "__main__":
    frame = clean_with_pandas(seed_records())
    print(frame[["id", "title", "lang", "removed_categories"]].to_string())
    ds = clean_with_datasets(seed_records())
    print(ds)
    print(ds[0]["title"], ds[0]["removed_categories"])
