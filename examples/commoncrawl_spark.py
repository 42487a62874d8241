"""Clean Common Crawl WET files with Spark: paths in, cleaned JSON lines out.

Runs locally on a small generated WET file (no network):

    export PYSPARK_PYTHON=$(python -c 'import sys; print(sys.executable)')
    python examples/commoncrawl_spark.py --make-sample out/cc-sample        # writes 2 .warc.wet.gz
    python examples/commoncrawl_spark.py out/cc-sample/*.warc.wet.gz -o out/cc-clean

On a cluster, give it the WET paths of a crawl (the `wet.paths.gz` listing of a crawl,
prefixed with https://data.commoncrawl.org/ or s3://commoncrawl/) and read them with a
filesystem the executors can reach; `--master` as for spark-submit. Each WET file is one
task: the file is streamed record by record, and each record is cleaned by the cleaner
that the executor compiled once (see cleaner/integrations/spark.py).

CC-NEWS is published as WARC files of HTTP responses (HTML), not WET: read them with
`iter_wet_records(path, types=("response",))`, which yields the HTML under `html`, and
extract the text before cleaning.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_sample(outdir: str | Path, files: int = 2) -> list[str]:
    """Write `files` small WET files from the seed articles (plus one non-article record)."""
    from cleaner.integrations.warc import write_wet

    outdir = Path(outdir)
    outdir.mkdir(parents=True, exist_ok=True)
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    docs = [{"id": p.stem, "url": f"https://news.example/{p.stem}", "text": p.read_text(encoding="utf-8")}
            for p in seeds]
    docs.append({"id": "menu", "url": "https://news.example/menu", "text": "Startseite\nImpressum\n"})
    paths = []
    for k in range(files):
        path = outdir / f"CC-SAMPLE-{k:05d}.warc.wet.gz"
        write_wet(path, docs[k::files])
        paths.append(str(path))
    return paths


def read_wet(spark, paths: list[str]):  # -> DataFrame
    """A DataFrame (id, url, date, text) of every conversion record in `paths`, one task per file."""
    from pyspark.sql import types as T

    from cleaner.integrations.warc import iter_wet_records

    schema = T.StructType([T.StructField(name, T.StringType()) for name in ("id", "url", "date", "text")])

    def records(path: str):
        for record in iter_wet_records(path):
            yield (record["id"], record["url"], record["date"], record["text"])

    rdd = spark.sparkContext.parallelize(paths, max(1, len(paths))).flatMap(records)
    return spark.createDataFrame(rdd, schema)


def clean_wet(spark, paths: list[str], cleaner=None):  # -> DataFrame
    """The cleaned DataFrame: id, url, date, text (cleaned), title, lang, site, removed_categories."""
    from cleaner.integrations.spark import clean_dataframe

    return clean_dataframe(read_wet(spark, paths), cleaner)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("paths", nargs="*", help="WET files (.warc.wet or .warc.wet.gz)")
    parser.add_argument("-o", "--output", help="output directory (JSON lines, one part per task)")
    parser.add_argument("--make-sample", metavar="DIR", help="write a small sample WET into DIR and exit")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--keep-empty", action="store_true", help="keep records that clean to nothing")
    args = parser.parse_args(argv)
    if args.make_sample:
        for path in make_sample(args.make_sample):
            print(path)
        return 0
    if not args.paths or not args.output:
        parser.error("give WET paths and -o OUTPUT (or --make-sample DIR)")
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F

    spark = SparkSession.builder.master(args.master).appName("cleaner-commoncrawl").getOrCreate()
    try:
        cleaned = clean_wet(spark, args.paths)
        if not args.keep_empty:
            cleaned = cleaned.where(F.length("text") > 0)
        cleaned.write.mode("overwrite").json(args.output)
    finally:
        spark.stop()
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
