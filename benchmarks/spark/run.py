"""Spark (local[N]) against the CLI: same outputs on a sample, throughput per core.

    python benchmarks/spark/run.py --docs 100000 --workdir out/bench-spark

1. generates the corpus (JSON lines, see generate_corpus.py) unless it is there already;
2. CLI baseline: the first --cli-sample documents as .txt files, `cleaner clean DIR -o OUT`
   in one process (one core), timed from process start to exit;
3. Spark: read the JSON lines, `clean_dataframe`, write Parquet, timed (session start-up
   reported separately); throughput per core = documents / wall time / N;
4. compares Spark's text for every sampled document with the CLI's output file.

Results go to stdout and to WORKDIR/results.json. Set PYSPARK_PYTHON if the Python
running this is not the one the workers should use (this script sets it to itself).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate_corpus import generate  # noqa: E402


def load_average() -> float | None:
    try:
        return os.getloadavg()[0]
    except OSError:  # pragma: no cover
        return None


def ensure_corpus(workdir: Path, docs: int) -> Path:
    corpus = workdir / f"corpus-{docs}.jsonl"
    if not corpus.exists():  # written under another name and renamed: never a half corpus
        started = time.perf_counter()
        partial = corpus.with_suffix(".partial")
        generate(partial, docs)
        partial.replace(corpus)
        print(f"generated {docs} documents in {time.perf_counter() - started:.1f} s: {corpus}")
    return corpus


def cli_baseline(corpus: Path, workdir: Path, sample: int) -> tuple[dict[str, str], float, float, int]:
    """Run `cleaner clean` on the first `sample` documents: outputs, wall s, CPU s, input bytes."""
    src, out = workdir / "cli-in", workdir / "cli-out"
    for d in (src, out):
        if d.exists():
            for f in d.rglob("*"):
                if f.is_file():
                    f.unlink()
    src.mkdir(parents=True, exist_ok=True)
    size = 0
    with corpus.open(encoding="utf-8") as handle:
        for _, line in zip(range(sample), handle):
            record = json.loads(line)
            (src / f"{record['id']}.txt").write_text(record["text"], encoding="utf-8")
            size += len(record["text"].encode("utf-8"))
    cpu_before = _children_cpu()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "cleaner", "clean", str(src), "-o", str(out)], check=True)
    wall = time.perf_counter() - started
    cpu = _children_cpu() - cpu_before
    outputs = {f.name.split(".", 1)[0]: f.read_text(encoding="utf-8").rstrip("\n") for f in out.rglob("*.txt")}
    return outputs, wall, cpu, size


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _descendant_cpu_seconds() -> dict[int, float]:
    """CPU seconds (user + system) of every process below this one: the JVM and its Python workers.

    Read from /proc because Spark's Python workers are the JVM's children, which
    `resource.getrusage` never sees; on a shared machine CPU time, not wall time, is
    the fair measure of what a job costs.
    """
    tick = os.sysconf("SC_CLK_TCK")
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended while we looked
        pid = int(stat.parent.name)
        parents[pid] = int(fields[1])
        cpu[pid] = (int(fields[11]) + int(fields[12])) / tick
    mine, frontier = set(), {os.getpid()}
    while frontier:
        mine |= frontier
        frontier = {pid for pid, parent in parents.items() if parent in frontier} - mine
    return {pid: cpu[pid] for pid in mine if pid in cpu}


def _cpu_used_since(before: dict[int, float]) -> float:
    after = _descendant_cpu_seconds()
    return sum(seconds - before.get(pid, 0.0) for pid, seconds in after.items())


def spark_job(corpus: Path, workdir: Path, master: str, partition_mb: int) -> tuple[float, float, float, Path, object]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    started = time.perf_counter()
    from pyspark.sql import SparkSession

    spark = (SparkSession.builder.master(master).appName("cleaner-bench")
             .config("spark.ui.enabled", "false")
             .config("spark.sql.files.maxPartitionBytes", f"{partition_mb}m")
             .config("spark.driver.memory", "2g")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    spark.range(1).count()  # JVM and session warm
    startup = time.perf_counter() - started

    from cleaner.integrations.spark import clean_dataframe

    out = workdir / "spark-out"
    cpu_before = _descendant_cpu_seconds()
    started = time.perf_counter()
    df = spark.read.schema("id string, text string").json(str(corpus))
    clean_dataframe(df).write.mode("overwrite").parquet(str(out))
    wall = time.perf_counter() - started
    return startup, wall, _cpu_used_since(cpu_before), out, spark


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--workdir", default="out/bench-spark")
    parser.add_argument("--cli-sample", type=int, default=3000, help="documents the CLI cleans (and compared)")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--partition-mb", type=int, default=8, help="spark.sql.files.maxPartitionBytes")
    args = parser.parse_args()
    cores = int(args.master.split("[", 1)[1].rstrip("]")) if "[" in args.master else 1
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    corpus = ensure_corpus(workdir, args.docs)
    corpus_bytes = corpus.stat().st_size

    # Warm-up: the first run after a rules change compiles and caches the matcher database.
    cli_baseline(corpus, workdir, 5)
    load_before = load_average()
    cli_outputs, cli_wall, cli_cpu, cli_bytes = cli_baseline(corpus, workdir, args.cli_sample)
    print(f"CLI: {args.cli_sample} docs in {cli_wall:.1f} s (CPU {cli_cpu:.1f} s) = "
          f"{args.cli_sample / cli_wall:.1f} docs/s on 1 core")

    startup, wall, spark_cpu, out, spark = spark_job(corpus, workdir, args.master, args.partition_mb)
    spark_rate = args.docs / wall
    print(f"Spark {args.master}: start-up {startup:.1f} s; {args.docs} docs in {wall:.1f} s = "
          f"{spark_rate:.0f} docs/s = {spark_rate / cores:.0f} docs/s per core; "
          f"CPU {spark_cpu:.1f} s = {args.docs / spark_cpu:.0f} docs per CPU second")

    from pyspark.sql import functions as F

    sample_ids = sorted(cli_outputs)
    rows = (spark.read.parquet(str(out)).where(F.col("id").isin(sample_ids)).select("id", "text").collect())
    spark_text = {row["id"]: row["text"] for row in rows}
    total = spark.read.parquet(str(out)).count()
    spark.stop()
    # The CLI again, after the Spark job: on a shared machine the load moves; use the mean.
    _, cli_wall_after, cli_cpu_after, _ = cli_baseline(corpus, workdir, args.cli_sample)
    print(f"CLI again: {args.cli_sample} docs in {cli_wall_after:.1f} s (CPU {cli_cpu_after:.1f} s)")
    cli_rate = 2 * args.cli_sample / (cli_wall + cli_wall_after)
    mismatched = [i for i in sample_ids if spark_text.get(i) != cli_outputs[i]]
    print(f"compared {len(sample_ids)} documents with the CLI: {len(mismatched)} differ; "
          f"{total} rows written")
    ratio = (cli_rate / (spark_rate / cores))
    cli_per_cpu = 2 * args.cli_sample / (cli_cpu + cli_cpu_after)
    cpu_ratio = cli_per_cpu / (args.docs / spark_cpu)
    print(f"CLI per-core throughput / Spark per-core throughput = {ratio:.2f} by wall time, "
          f"{cpu_ratio:.2f} by CPU time (acceptance: <= 2)")
    results = {
        "docs": args.docs, "corpus_mb": round(corpus_bytes / 1e6, 1), "master": args.master,
        "cli": {"docs": args.cli_sample, "mb": round(cli_bytes / 1e6, 2),
                "wall_s_before_after": [round(cli_wall, 2), round(cli_wall_after, 2)],
                "cpu_s_before_after": [round(cli_cpu, 2), round(cli_cpu_after, 2)],
                "docs_per_s_per_core": round(cli_rate, 1),
                "docs_per_cpu_s": round(cli_per_cpu, 1)},
        "spark": {"startup_s": round(startup, 1), "job_wall_s": round(wall, 1), "rows": total,
                  "docs_per_s": round(spark_rate, 1), "docs_per_s_per_core": round(spark_rate / cores, 1),
                  "cpu_s": round(spark_cpu, 1), "docs_per_cpu_s": round(args.docs / spark_cpu, 1)},
        "cli_over_spark_per_core": round(ratio, 2),
        "cli_over_spark_per_cpu_s": round(cpu_ratio, 2),
        "sample_compared": len(sample_ids), "sample_mismatches": len(mismatched),
        "mismatched_ids": mismatched[:20],
        "load_average_1min": {"before": load_before, "after": load_average()},
        "cpus": os.cpu_count(), "python": platform.python_version(),
    }
    (workdir / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(results, indent=2))
    if mismatched or total != args.docs:
        sys.exit(1)


if __name__ == "__main__":
    main()
