"""Batch scaling: `-j 2` against `-j 1`, and peak memory of a whole run, on a generated corpus.

    /work/venv/bin/python benchmarks/batch/run.py --mb 200 --jobs 1,2            # iterate
    /work/venv/bin/python benchmarks/batch/run.py --mb 1000 --jobs 2             # the 1 GB run
    /work/venv/bin/python benchmarks/batch/run.py --mb 5 --jobs 1,2 --packs shipped

The corpus (benchmarks/corpus_gen.py articles, de/en/fr, ~20 MB of distinct articles
repeated with fresh ids up to --mb, as JSONL files of ~50 MB) is generated once into
--workdir and reused. Each run is `cleaner.batch.run_batch` in a
child process writing JSONL output (the usual corpus shape); this script samples the
child and its workers every 0.2 s from /proc and reports the peak of their summed RSS
and PSS (PSS splits pages that forked workers share with the parent, so it is the
honest total), each process's PSS at that peak (main process, workers), and the largest
single process.

--packs none   compiles no rule packs: what is measured is the batch machinery itself
               (read, parse, hand to workers, order, write), at full corpus size.
--packs shipped is the real cleaning with every shipped pack (slow on purpose-built
               cruft; use a smaller --mb).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


BASE_MB = 20


def _base(workdir: Path) -> list[str]:
    """~20 MB of generated articles as JSON lines (cached): larger corpora repeat them."""
    cache = workdir / f"base-{BASE_MB}mb.jsonl"
    if not cache.exists():
        from corpus_gen import articles

        tmp = cache.with_suffix(".tmp")
        with tmp.open("w", encoding="utf-8") as handle:
            for n, (lang, text) in enumerate(articles(BASE_MB * 1_000_000, seed=7)):
                handle.write(json.dumps({"text": text, "lang_hint": lang}, ensure_ascii=False) + "\n")
        tmp.rename(cache)
    return cache.read_text(encoding="utf-8").splitlines()


def generate(workdir: Path, mb: int, file_mb: int = 50) -> Path:
    """A directory of JSONL files, about `mb` MB in all; every document has its own id and URL."""
    corpus = workdir / f"corpus-{mb}mb"
    done = corpus / ".complete"
    if done.exists():
        return corpus
    base = _base(workdir)
    corpus.mkdir(parents=True, exist_ok=True)
    part, written, total, n, handle = 0, 0, 0, 0, None
    while total < mb * 1_000_000:
        if handle is None or written >= file_mb * 1_000_000:
            if handle:
                handle.close()
            handle = (corpus / f"part-{part:03}.jsonl").open("w", encoding="utf-8")
            part, written = part + 1, 0
        row = json.loads(base[n % len(base)])
        lang = row.pop("lang_hint")
        line = json.dumps({"id": f"a{n}", "text": row["text"], "url": f"https://news.example/{lang}/{n}",
                           "lang_hint": lang}, ensure_ascii=False) + "\n"
        handle.write(line)
        size = len(line.encode("utf-8"))
        written += size
        total += size
        n += 1
    if handle:
        handle.close()
    done.write_text(str(n))
    return corpus


def child(args: argparse.Namespace) -> None:
    from cleaner import Config
    from cleaner.batch import BatchOptions, run_batch

    config = Config() if args.packs == "shipped" else Config(shipped=False, detect_language=False)
    report = run_batch(BatchOptions(inputs=[args.corpus], output=args.out, format="jsonl", jobs=args.child_jobs,
                                    config=config, stats=args.stats, progress=False))
    sys.exit(report.exit_code)


def _tree(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def _memory(pid: int) -> tuple[int, int]:
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) * 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) * 1024
    except OSError:
        pass
    return rss, pss


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float:
    """user + system CPU seconds of one process so far."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICK
    except (OSError, IndexError, ValueError):
        return 0.0


def measure(corpus: Path, workdir: Path, jobs: int, packs: str, keep: bool = False) -> dict:
    out = workdir / f"out-j{jobs}.jsonl"
    stats = workdir / f"stats-j{jobs}.json"
    out.unlink(missing_ok=True)
    cmd = [sys.executable, __file__, "--child", "--corpus", str(corpus), "--out", str(out), "--stats", str(stats),
           "--child-jobs", str(jobs), "--packs", packs]
    load = os.getloadavg()[0]
    start = time.monotonic()
    proc = subprocess.Popen(cmd)
    peak_rss = peak_pss = peak_one = 0
    cpu: dict[int, float] = {}
    at_peak: dict[int, int] = {}  # each process's PSS when the sum peaked: the main process's, the workers'
    first_seen: dict[int, float] = {}   # when each worker appeared (after the compile before forking)
    timeline: dict[int, list[tuple[float, float]]] = {}  # each process's (time, CPU so far)
    main_cpu_at_fork: float | None = None
    while proc.poll() is None:
        rss_sum = pss_sum = 0
        now: dict[int, int] = {}
        t = time.monotonic() - start
        for pid in _tree(proc.pid):
            used = _cpu(pid)
            timeline.setdefault(pid, []).append((t, used))
            if pid != proc.pid and pid not in first_seen:
                first_seen[pid] = t
                if main_cpu_at_fork is None:
                    main_cpu_at_fork = cpu.get(proc.pid, 0.0)
            cpu[pid] = max(cpu.get(pid, 0.0), used)
            rss, pss = _memory(pid)
            rss_sum += rss
            pss_sum += pss
            peak_one = max(peak_one, rss)
            now[pid] = pss
        if pss_sum > peak_pss:
            at_peak = now
        peak_rss, peak_pss = max(peak_rss, rss_sum), max(peak_pss, pss_sum)
        time.sleep(0.2)
    wall = time.monotonic() - start
    main_cpu = cpu.pop(proc.pid, 0.0)
    worker_cpu = max(cpu.values(), default=0.0)
    # workers: the ones that did work (the pool's short-lived helpers never gain CPU)
    workers = [pid for pid, used in cpu.items() if used > 0.5]
    started = min((first_seen[pid] for pid in workers if pid in first_seen), default=0.0)
    # the tail: from when the first worker ran out of work to when the last one did (a worker
    # is done when its CPU time is within 0.1 s of its total: exiting costs it a little)
    ends = sorted(next(t for t, used in timeline[pid] if used >= cpu[pid] - 0.1) for pid in workers)
    worker_wall = max(wall - started, 1e-9)
    data = json.loads(stats.read_text())
    if not keep:  # kept, two runs' outputs can be compared line by line
        out.unlink(missing_ok=True)
    return {"jobs": jobs, "wall_s": round(wall, 1), "exit": proc.returncode, "docs": data["documents"]["in"],
            "failed": data["documents"]["failed"], "input_mb": round(data["bytes"]["input"] / 1e6, 1),
            "mb_per_s": round(data["bytes"]["input"] / 1e6 / wall, 2),
            "peak_rss_mb": round(peak_rss / 1e6, 1), "peak_pss_mb": round(peak_pss / 1e6, 1),
            "largest_process_mb": round(peak_one / 1e6, 1),
            "at_peak_pss_main_mb": round(at_peak.pop(proc.pid, 0) / 1e6, 1),
            "at_peak_pss_workers_mb": sorted(round(v / 1e6, 1) for v in at_peak.values()),
            # CPU seconds (sampled every 0.2 s): what the run would take on idle cores is
            # about the busiest process's CPU time
            "cpu_main_s": round(main_cpu, 1), "cpu_busiest_worker_s": round(worker_cpu, 1),
            "cpu_all_s": round(main_cpu + sum(cpu.values()), 1),
            "critical_path_s": round(max(main_cpu, worker_cpu), 1),
            # timeline: workers start after the one-off compile (startup_s, main CPU until then);
            # their CPU over the wall time they existed (busy_share: 1.0 = never waiting)
            "startup_s": round(started, 1), "cpu_main_before_fork_s": round(main_cpu_at_fork or 0.0, 1),
            "tail_s": round(ends[-1] - ends[0], 1) if len(ends) > 1 else 0.0,
            "workers_busy_share": [round(cpu[pid] / worker_wall, 2) for pid in sorted(workers)],
            "load_before": round(load, 1),
            "load_after": round(os.getloadavg()[0], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=200, help="corpus size in MB (default 200)")
    parser.add_argument("--jobs", default="1,2", help="comma-separated -j values (default 1,2)")
    parser.add_argument("--packs", choices=["none", "shipped"], default="none")
    parser.add_argument("--workdir", default="/tmp/cleaner-batch-bench")
    parser.add_argument("--keep-output", action="store_true",
                        help="keep WORKDIR/out-jN.jsonl (to compare the outputs of two versions)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--stats", help=argparse.SUPPRESS)
    parser.add_argument("--child-jobs", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args)
        return
    workdir = Path(args.workdir)
    workdir.mkdir(parents=True, exist_ok=True)
    t = time.monotonic()
    corpus = generate(workdir, args.mb)
    print(f"corpus: {corpus} ({(corpus / '.complete').read_text()} documents, "
          f"generated/reused in {time.monotonic() - t:.0f} s)", flush=True)
    results = []
    for jobs in [int(j) for j in args.jobs.split(",")]:
        result = measure(corpus, workdir, jobs, args.packs, args.keep_output)
        results.append(result)
        print(json.dumps(result), flush=True)
    if len(results) > 1:
        base, crit = results[0]["wall_s"], results[0]["critical_path_s"]
        for r in results[1:]:
            print(f"speed-up -j {r['jobs']} over -j {results[0]['jobs']}: {base / r['wall_s']:.2f}x wall clock "
                  f"(machine load {r['load_before']}), {crit / max(r['critical_path_s'], 1e-9):.2f}x by CPU time of "
                  "the busiest process (what idle cores would give)")


if __name__ == "__main__":
    main()
