"""Clean Spark DataFrames and RDDs, with the cleaner compiled once per executor process.

    from cleaner.integrations.spark import clean_dataframe
    out = clean_dataframe(spark.read.json("articles.jsonl"))   # text cleaned; title, lang,
                                                               # site, removed_categories added

How the cleaner travels: the UDF closes over a `Cleaner`, which pickles as its Config
(~150 bytes per task). On the executor, unpickling goes through
`cleaner.api.shared_cleaner`, which compiles the rules on the first task of each Python
worker process and reuses them for every later task and batch (Spark reuses Python
workers by default, `spark.python.worker.reuse=true`). Batches arrive through Arrow
(`pandas_udf` with an iterator of batches), so the per-row cost is cleaning itself.

Extra rule packs given in the Config must be readable at the same absolute path on the
executors (a shared filesystem, or files shipped with the job at that path).

Set PYSPARK_PYTHON to the Python that has cleaner installed, or the workers start the
`python3` on PATH. Install with `pip install 'cleaner[spark]'` (pyspark, pyarrow, pandas).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from ..api import Cleaner, Config
from ..records import OUTPUT_FIELDS, Errors, clean_columns
from . import _missing, resolve_cleaner

try:
    import pandas as pd
    from pyspark.sql import Column, DataFrame
    from pyspark.sql import functions as F
    from pyspark.sql import types as T
    from pyspark.sql.functions import pandas_udf
except ImportError as exc:  # pragma: no cover - exercised only without the extra
    raise _missing("spark", exc) from exc

__all__ = ["RESULT_TYPE", "REMOVAL_TYPE", "result_type", "clean_column", "clean_dataframe", "clean_rdd"]

REMOVAL_TYPE = T.StructType([
    T.StructField("rule_id", T.StringType()),
    T.StructField("category", T.StringType()),
    T.StructField("start", T.IntegerType()),
    T.StructField("end", T.IntegerType()),
    T.StructField("text", T.StringType()),
    T.StructField("span", T.ArrayType(T.IntegerType())),
])


def result_type(removals: bool = False) -> T.StructType:
    """The struct `clean_column` returns: text, title, lang, site, removed_categories[, removals]."""
    fields = [
        T.StructField("text", T.StringType()),
        T.StructField("title", T.StringType()),
        T.StructField("lang", T.StringType()),
        T.StructField("site", T.StringType()),
        T.StructField("removed_categories", T.ArrayType(T.StringType())),
    ]
    if removals:
        fields.append(T.StructField("removals", T.ArrayType(REMOVAL_TYPE)))
    return T.StructType(fields)


RESULT_TYPE = result_type()


def clean_column(text: Column | str, url: Column | str | None = None, lang: Column | str | None = None, *,
                 cleaner: Cleaner | Config | None = None, removals: bool = False) -> Column:
    """A struct column (see `result_type`) with the cleaned text and what cleaning found.

        df.withColumn("c", clean_column("text", "url")).select("id", "c.*")
    """
    cleaner_obj = resolve_cleaner(cleaner)  # pickles as its Config into the UDF
    with_url, with_lang = url is not None, lang is not None

    def clean_batches(batches: Iterator[tuple[pd.Series, ...]]) -> Iterator[pd.DataFrame]:
        for batch in batches:
            if isinstance(batch, pd.Series):  # one input column: Spark passes bare Series
                batch = (batch,)
            texts = batch[0]
            urls = batch[1].tolist() if with_url else None
            langs = batch[1 + with_url].tolist() if with_lang else None
            columns = clean_columns(cleaner_obj, texts.tolist(), urls, langs, removals=removals)
            yield pd.DataFrame(columns, columns=list(columns))

    udf = pandas_udf(clean_batches, returnType=result_type(removals))  # type: ignore[call-overload]
    args = [_col(text)]
    if with_url:
        args.append(_col(url))
    if with_lang:
        args.append(_col(lang))
    return udf(*args)


def clean_dataframe(df: DataFrame, cleaner: Cleaner | Config | None = None, *, text_col: str = "text",
                    url_col: str | None = "url", lang_col: str | None = "lang", removals: bool = False,
                    output_col: str | None = None) -> DataFrame:
    """`df` with `text_col` cleaned (or the cleaned text in `output_col`), and columns
    title, lang, site, removed_categories (and removals) added or replaced.

    url_col / lang_col are used when `df` has them; other columns pass through in order.
    """
    url = url_col if url_col and url_col in df.columns else None
    lang = lang_col if lang_col and lang_col in df.columns else None
    struct = "__cleaner_result"
    target = output_col or text_col
    added = [target, *OUTPUT_FIELDS, *(["removals"] if removals else [])]
    cleaned = df.withColumn(struct, clean_column(text_col, url, lang, cleaner=cleaner, removals=removals))
    text = F.col(f"{struct}.text").alias(target)
    # Input columns keep their order (the text column its place); the others come last.
    selected = [text if c == target else F.col(_quote(c)) for c in df.columns if c not in added[1:]]
    if target not in df.columns:
        selected.append(text)
    selected += [F.col(f"{struct}.{name}").alias(name) for name in added[1:]]
    return cleaned.select(*selected)


def clean_rdd(rdd: Any, cleaner: Cleaner | Config | None = None, *, removals: bool = False,
              errors: Errors = "raise") -> Any:
    """An RDD of records (dicts or Rows with `text`, optional `url`, `lang`, `id`, ...)
    mapped partition by partition to cleaned records (dicts), see cleaner.records."""
    cleaner_obj = resolve_cleaner(cleaner)

    def clean_partition(rows: Iterable[Any]) -> Iterator[dict[str, Any]]:
        return cleaner_obj.clean_records((_as_dict(row) for row in rows), removals=removals, errors=errors)

    return rdd.mapPartitions(clean_partition, preservesPartitioning=True)


def _as_dict(row: Any) -> Any:
    as_dict = getattr(row, "asDict", None)
    return as_dict() if callable(as_dict) else row


def _col(value: Column | str) -> Column:
    return F.col(_quote(value)) if isinstance(value, str) else value


def _quote(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"
