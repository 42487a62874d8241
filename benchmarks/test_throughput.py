"""pytest-benchmark throughput groups (not collected by the test run: testpaths = tests).

    /work/venv/bin/python -m pytest benchmarks/test_throughput.py --benchmark-enable -p no:cacheprovider

CLEANER_BENCH_MB sets the corpus size (default 1). Each benchmark records MB/s and its
ratio to the line-split floor measured in the same session in `benchmark.extra_info`.
"""

from __future__ import annotations

import io
import os
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import articles  # noqa: E402
from run import c4_filter, synthetic_rules  # noqa: E402

from cleaner import Cleaner  # noqa: E402
from cleaner.document import Document  # noqa: E402
from cleaner.engine.matcher import HyperscanMatcher, PythonMatcher, hyperscan_available  # noqa: E402

_MB = float(os.environ.get("CLEANER_BENCH_MB", "1"))
_DOCS = [t for _, t in articles(int(_MB * 1e6), seed=42)]
_SIZE = sum(len(t.encode("utf-8")) for t in _DOCS)
_BLOB = "\x00".join(_DOCS).encode("utf-8")
_FLOOR: dict[str, float] = {}


def _floor_mbs() -> float:
    if "mbs" not in _FLOOR:
        best = min(_timed(_floor) for _ in range(3))
        _FLOOR["mbs"] = _SIZE / best / 1e6
    return _FLOOR["mbs"]


def _timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _floor() -> None:
    for text in io.BytesIO(_BLOB).read().decode("utf-8").split("\x00"):
        for _line in text.split("\n"):
            pass


def _record(benchmark, fn, fresh=None) -> None:
    """Three rounds of `fn()`, or of `fn(fresh())` with `fresh` run outside the timing:
    matchers remember lines they have seen, so each round gets a new one."""
    if fresh is None:
        benchmark.pedantic(fn, rounds=3, iterations=1)
    else:
        benchmark.pedantic(fn, setup=lambda: ((fresh(),), {}), rounds=3, iterations=1)
    mbs = _SIZE / benchmark.stats.stats.median / 1e6
    benchmark.extra_info.update({"mb_per_s": round(mbs, 2), "x_floor": round(mbs / _floor_mbs(), 4),
                                 "corpus_mb": round(_SIZE / 1e6, 2)})


@pytest.mark.benchmark(group="floor")
def test_floor(benchmark):
    _record(benchmark, _floor)


@pytest.mark.benchmark(group="peer")
def test_c4_peer(benchmark):
    _record(benchmark, lambda: [c4_filter(t) for t in _DOCS])


@pytest.mark.benchmark(group="pipeline")
def test_whole_pipeline(benchmark):
    warm_up = [text for _, text in articles(200_000, seed=7)]  # not the timed articles

    def fresh() -> Cleaner:
        cleaner = Cleaner()
        for text in warm_up:
            cleaner.clean(text)
        return cleaner

    def run(cleaner: Cleaner) -> None:
        out = io.StringIO()
        for text in io.BytesIO(_BLOB).read().decode("utf-8").split("\x00"):
            out.write(cleaner.clean(text))
            out.write("\n")

    _record(benchmark, run, fresh)


_BACKENDS = [("python", PythonMatcher)] + ([("hyperscan", HyperscanMatcher)] if hyperscan_available() else [])


@pytest.mark.parametrize("n", [50, 500, 5000])
@pytest.mark.parametrize("name,backend", _BACKENDS)
def test_rule_stage(benchmark, n, name, backend):
    if name == "python" and n > 500:
        pytest.skip("the pure-Python matcher is measured up to 500 rules")
    benchmark.group = f"rule stage {n}"
    lines = [Document.from_text(t).lines for t in _DOCS]
    rules = synthetic_rules(n)
    _record(benchmark, lambda matcher: [matcher.match(ls) for ls in lines], lambda: backend(rules))
