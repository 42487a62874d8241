"""Throughput table: whole text pipeline, rule stage alone, rule scaling, peers and floors.

    /work/venv/bin/python benchmarks/run.py [--mb 4] [--repeat 5]

Every number is a median over --repeat runs on one core, in MB/s of input text, next to
the line-split floor (read + decode + split + iterate) measured in the same run. The last
column is the same median in CPU time of this process: on a shared machine, wall time
also counts the time other processes hold the core.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import articles  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.document import Document  # noqa: E402
from cleaner.engine.loader import load_packs, shipped_rules_dir  # noqa: E402
from cleaner.engine.matcher import HyperscanMatcher, PythonMatcher, hyperscan_available  # noqa: E402
from cleaner.engine.model import Examples, Match, Rule, RuleDoc, Source  # noqa: E402

_TERMINAL = (".", "!", "?", '"', "”", "»")
_BAD = ("javascript", "cookie", "lorem ipsum", "{")


def c4_filter(text: str, min_words: int = 5) -> str:
    """A C4-style line filter (the peer): keep sentence-like lines only."""
    kept = []
    for line in text.split("\n"):
        line = line.strip()
        if not line.endswith(_TERMINAL) or len(line.split()) < min_words:
            continue
        low = line.lower()
        if any(b in low for b in _BAD):
            continue
        kept.append(line)
    return "\n".join(kept)


def synthetic_rules(n: int, seed: int = 1) -> list[Rule]:
    """n rules shaped like the shipped ones: anchored labels, phrase lists, credits, counters."""
    rng = random.Random(seed)
    syll = "ka ri to mu le sa ne po di va ber gen hau stad wel ter mon cha plu ver".split()

    def word() -> str:
        return "".join(rng.choice(syll) for _ in range(rng.randint(2, 4))).capitalize()

    rules = []
    for i in range(n):
        shape = i % 4
        if shape == 0:
            kind, pats = "exact", tuple(f"{word()} {word()}" for _ in range(rng.randint(1, 5)))
        elif shape == 1:
            kind, pats = "regex", (rf"^(?:{'|'.join(word() for _ in range(rng.randint(2, 8)))})\s*:?$",)
        elif shape == 2:
            kind, pats = "regex", (rf"\((?:{word()}|{word()})\s?:\s?[^()]{{1,40}}\)$",)
        else:
            kind, pats = "regex", (rf"^{word()} (?:\d{{1,3}} )?{word().lower()}\b",)
        match = Match(kind=kind, patterns=pats)  # type: ignore[arg-type]
        rules.append(Rule(id=f"SYN-{i:05d}", name="syn", category="other", match=match, action="drop-line",
                          doc=RuleDoc("s", "s"), examples=Examples(), pack="syn", source=Source("syn"),
                          pattern=match.compile()))
    return rules


_CPU: list[float] = []   # the CPU-time median of the last median_time call


def median_time(fn, repeat: int, setup=None) -> float:
    """`fn()`, or `fn(setup())` with `setup` run outside the timing before every round: the
    median wall time (the CPU-time median is left in _CPU)."""
    times, cpu = [], []
    for _ in range(repeat):
        args = () if setup is None else (setup(),)
        c = time.process_time()
        t = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    _CPU[:] = [statistics.median(cpu)]
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=4.0)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--rules", default="50,500,5000")
    args = ap.parse_args()
    docs = [(lang, text) for lang, text in articles(int(args.mb * 1e6), seed=42)]
    blob = "\x00".join(t for _, t in docs).encode("utf-8")
    size = sum(len(t.encode("utf-8")) for _, t in docs)
    print(f"corpus: {len(docs)} articles, {size / 1e6:.1f} MB (de/en/fr), median of {args.repeat}, one core")
    rows: list[tuple[str, float]] = []
    width = 88
    print(f"{'what'.ljust(width)}  {'MB/s':>8}  {'x floor':>8}  {'CPU MB/s':>8}")

    def row(what: str, mbs: float) -> None:
        """Print each row as soon as it is measured (a long run still shows what it had)."""
        rows.append((what, mbs))
        cpu = size / _CPU[0] / 1e6 if _CPU and _CPU[0] > 0 else float("nan")
        print(f"{what.ljust(width)}  {mbs:8.1f}  {mbs / rows[0][1]:8.3f}  {cpu:8.1f}", flush=True)

    def floor() -> None:
        for text in io.BytesIO(blob).read().decode("utf-8").split("\x00"):
            for _line in text.split("\n"):
                pass

    row("floor: read + decode + split + iterate lines", size / median_time(floor, args.repeat) / 1e6)
    row("peer: C4-style line filter", size / median_time(lambda: [c4_filter(t) for _, t in docs], args.repeat) / 1e6)

    # Matchers remember what they found on lines they have seen (boilerplate repeats across
    # documents): every round gets a fresh Cleaner or matcher, warmed up on other articles,
    # so no round meets a body line it has cleaned before.
    warm_up = [text for _, text in articles(200_000, seed=7)]

    def fresh_cleaner() -> Cleaner:
        cleaner = Cleaner()
        for text in warm_up:
            cleaner.clean(text)  # the per-language pipelines (compiled matcher, cache)
        return cleaner

    def pipeline(cleaner: Cleaner) -> None:
        out = io.StringIO()
        for text in io.BytesIO(blob).read().decode("utf-8").split("\x00"):
            out.write(cleaner.clean(text))
            out.write("\n")

    row("whole text pipeline (read, normalize, langid, all packs, structure, write)",
        size / median_time(pipeline, args.repeat, setup=fresh_cleaner) / 1e6)

    normalized = [Document.from_text(t).lines for _, t in docs]
    shipped = [r for p in load_packs([shipped_rules_dir()]) for r in p.rules if p.kind != "site"]
    backends = [("hyperscan", HyperscanMatcher)] if hyperscan_available() else []
    backends.append(("python", PythonMatcher))

    def stage(m) -> None:
        for ls in normalized:
            m.match(ls)

    for name, backend in backends:
        row(f"rule stage, shipped packs ({len(shipped)} rules), {name}",
            size / median_time(stage, args.repeat, setup=lambda: backend(shipped)) / 1e6)
    for n in (int(x) for x in args.rules.split(",")):
        rules = synthetic_rules(n)
        for name, backend in backends:
            if name == "python" and n > 500:
                continue
            t = time.perf_counter()
            backend(rules)
            build = time.perf_counter() - t
            mbs = size / median_time(stage, args.repeat, setup=lambda: backend(rules)) / 1e6
            row(f"rule stage, {n} synthetic rules, {name} (build {build:.1f} s)", mbs)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
