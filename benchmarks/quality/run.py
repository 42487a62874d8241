#!/usr/bin/env python3
"""Quality and speed of HTML extraction on the ScrapingHub article-extraction benchmark.

    python benchmarks/quality/run.py [--data DIR] [--systems cleaner,trafilatura,...] [--limit N]

DIR holds `html/<id>.html.gz` and `ground-truth.json` ({id: {"articleBody", "url"}}), or
pages in the simple gold format: `NAME.html` next to `NAME.txt` (the article text, with an
optional first line `URL: ...`), as in `benchmarks/quality/de_pages/`.
Every system gets the same input (the page decoded as UTF-8, as the benchmark's own
runners read it) in the same process, one page after another, after a warm-up (a page
not in the set; for cleaner also compiling each pack language's rules, which a Cleaner
otherwise does the first time it meets the language) that is reported as start-up time;
each round sets every system up afresh, so no timed pass meets a page it has seen;
pages/s is wall time over all pages, CPU pages/s the process's CPU time (steadier when
the machine is shared), each the median over `--repeat` rounds; in a round every system
makes one pass, so "cleaner x" (how many times faster cleaner is than that system) is
taken per round, from passes that ran side by side, and its median reported. Peers that
are not installed are skipped.

The score is the benchmark's published metric, re-implemented here: the text is cut
into `\\w+` tokens, each 4-token window is a shingle, true/false positives and false
negatives are counted over the shingle multisets and normalised per page (so long pages
weigh no more than short ones); precision and recall are averaged over pages (pages
where they are undefined are left out, as in the benchmark), and F1 is computed from the
two averages.

cleaner's articleBody is Result.text without its first paragraph when that paragraph is
the headline (Result.title): the benchmark's articleBody never includes the headline,
and cleaner reports it separately. Only the generic shipped packs are used: no rules are
keyed to the benchmark's sites.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from typing import Any
from pathlib import Path

DEFAULT_DATA = Path("/work/shared/data/scrapinghub")
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    if len(tokens) < n:
        return Counter([tuple(tokens)]) if tokens else Counter()
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


def page_counts(true: str, pred: str) -> tuple[float, float, float]:
    """(tp, fp, fn) of one page, normalised to sum to 1."""
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def _recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def score(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    precisions = [_precision(*c) for c in counts if c[0] + c[1] > 0]
    recalls = [_recall(*c) for c in counts if c[0] + c[2] > 0]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(recalls) / len(recalls) if recalls else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


# -- systems -------------------------------------------------------------------------
_CLEANER_CONFIG: dict[str, object] = {}


def _cleaner() -> Callable[[str, str], str]:
    from cleaner import Cleaner, Config

    cleaner = Cleaner(Config(**_CLEANER_CONFIG))  # type: ignore[arg-type]
    # Compile every language's rules up front (a Cleaner builds a language's pipeline the
    # first time it meets the language; in a long run that happens once).
    for lang in [*cleaner.rulebook.languages, None]:
        cleaner.clean_and_explain("<p>Warm-up.</p>", lang=lang, input_format="html")

    def extract(html: str, url: str) -> str:
        result = cleaner.clean_and_explain(html, url=url, input_format="html")
        return body_without_title(result.text, result.title)

    return extract


def body_without_title(text: str, title: str | None) -> str:
    paragraphs = text.split("\n\n")
    if title and paragraphs and " ".join(paragraphs[0].split()).casefold() == " ".join(title.split()).casefold():
        paragraphs = paragraphs[1:]
    return "\n\n".join(paragraphs)


def _trafilatura() -> Callable[[str, str], str]:
    import trafilatura

    return lambda html, url: trafilatura.extract(html, include_comments=False) or ""


def _readability() -> Callable[[str, str], str]:
    import html_text
    from readability import Document

    return lambda html, url: html_text.extract_text(Document(html).summary(html_partial=True))


def _resiliparse() -> Callable[[str, str], str]:
    from resiliparse.extract.html2text import extract_plain_text

    return lambda html, url: extract_plain_text(html, main_content=True)


SYSTEMS: dict[str, Callable[[], Callable[[str, str], str]]] = {
    "cleaner": _cleaner,
    "trafilatura": _trafilatura,
    "readability-lxml": _readability,
    "resiliparse": _resiliparse,
}


def load(data: Path, limit: int | None) -> list[tuple[str, str, str, str]]:
    if not (data / "ground-truth.json").is_file():
        return load_pairs(data, limit)
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        with gzip.open(data / "html" / f"{key}.html.gz", "rt", encoding="utf-8", errors="replace") as f:
            pages.append((key, f.read(), truth[key].get("url", ""), truth[key].get("articleBody", "")))
    return pages


def load_pairs(data: Path, limit: int | None) -> list[tuple[str, str, str, str]]:
    """The simple gold format: `NAME.html` (UTF-8) next to `NAME.txt`, the article text;
    an optional first line `URL: ...` in the .txt gives the page's address."""
    pages = []
    for html_path in sorted(data.glob("*.html"))[:limit]:
        gold = html_path.with_suffix(".txt").read_text(encoding="utf-8")
        url = ""
        if gold.startswith("URL:"):
            first, _, gold = gold.partition("\n")
            url = first[4:].strip()
        pages.append((html_path.stem, html_path.read_text(encoding="utf-8", errors="replace"), url, gold.strip()))
    return pages


_WARM_UP = ("<html><head><title>Warm-up</title></head><body><article><h1>Warm-up</h1>"
            "<p>A paragraph that is not one of the benchmark's pages, so no system has seen "
            "a timed page before its timed pass.</p></article></body></html>")


def prepare(name: str, pages: list[tuple[str, str, str, str]]) -> tuple[Callable[[str, str], str], float] | None:
    """The system's extract function after its warm-up, and the start-up time (None if not installed).

    The warm-up page is not a benchmark page: cleaner remembers what it found on lines it
    has seen (boilerplate repeats across a site's pages), and a pass over pages it has
    already cleaned would measure that memory instead of the work."""
    started = time.perf_counter()
    try:
        extract = SYSTEMS[name]()
    except ImportError as exc:
        print(f"{name}: not installed ({exc}); skipped", file=sys.stderr)
        return None
    extract(_WARM_UP, "")  # warm-up: imports, rule compilation, caches
    return extract, time.perf_counter() - started


def timed_pass(name: str, extract: Callable[[str, str], str],
               pages: list[tuple[str, str, str, str]]) -> tuple[dict[str, str], float, float]:
    """One pass over all pages: (outputs, wall seconds, CPU seconds of this process)."""
    outputs: dict[str, str] = {}
    start, cpu = time.perf_counter(), time.process_time()
    for key, html, url, _ in pages:
        try:
            outputs[key] = extract(html, url) or ""
        except Exception as exc:  # noqa: BLE001 - a crash on a page scores as an empty extraction
            print(f"{name}: {key}: {type(exc).__name__}: {exc}", file=sys.stderr)
            outputs[key] = ""
    return outputs, time.perf_counter() - start, time.process_time() - cpu


def run_all(names: list[str], pages: list[tuple[str, str, str, str]], repeat: int) -> list[dict[str, Any]]:
    """Every system over all pages, `repeat` rounds. Within a round the systems run one
    after another, so a burst of load from other jobs hits neighbours alike; the speed
    reported is the median over rounds, and each ratio to cleaner is the median of the
    per-round ratios (both measured in the same round). Every round starts each system
    afresh (set up and warmed up outside the timing): no pass meets pages it has seen."""
    results: dict[str, dict[str, Any]] = {}
    for _ in range(max(1, repeat)):
        for name in names:
            found = prepare(name, pages)
            if found is None:
                continue
            extract, startup = found
            outputs, wall, cpu = timed_pass(name, extract, pages)
            r = results.setdefault(name, {"system": name, "startup_s": startup, "outputs": outputs,
                                          "wall_s": [], "cpu_s": []})
            r["wall_s"].append(wall)
            r["cpu_s"].append(cpu)
    n = len(pages)
    for r in results.values():
        counts = [page_counts(truth, r["outputs"][key]) for key, _, _, truth in pages]
        r.update(score(counts), per_page=dict(zip([p[0] for p in pages], counts)),
                 pages_per_s=n / statistics.median(r["wall_s"]), cpu_pages_per_s=n / statistics.median(r["cpu_s"]))
    base = results.get("cleaner")
    for r in results.values():
        if base is not None and r is not base:
            # cleaner's speed as a multiple of this system's: time the system took / time cleaner took
            r["cleaner_x_wall"] = statistics.median(a / b for a, b in zip(r["wall_s"], base["wall_s"]))
            r["cleaner_x_cpu"] = statistics.median(a / b for a, b in zip(r["cpu_s"], base["cpu_s"]))
    return list(results.values())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"benchmark folder (default {DEFAULT_DATA})")
    parser.add_argument("--systems", default=",".join(SYSTEMS), help="comma-separated: " + ", ".join(SYSTEMS))
    parser.add_argument("--limit", type=int, help="only the first N pages (sorted by id)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="timed rounds over all pages per system (speeds are medians; default 3)")
    parser.add_argument("--save", type=Path, help="write every system's outputs and per-page scores as JSON here")
    parser.add_argument("--rules", action="append", default=[], metavar="PATH",
                        help="extra pack file or directory for cleaner (repeatable)")
    parser.add_argument("--no-shipped", action="store_true", help="cleaner without its shipped packs (use --rules)")
    args = parser.parse_args(argv)
    _CLEANER_CONFIG.update(rules=tuple(args.rules), shipped=not args.no_shipped)
    if not (args.data / "ground-truth.json").is_file() and not any(args.data.glob("*.html")):
        print(f"no benchmark data at {args.data} (expected ground-truth.json and html/, "
              "or NAME.html with NAME.txt gold)", file=sys.stderr)
        return 2
    pages = load(args.data, args.limit)
    names = [name.strip() for name in args.systems.split(",") if name.strip()]
    results = run_all(names, pages, args.repeat)
    print(f"{len(pages)} pages from {args.data}, {args.repeat} round(s); speeds are medians over rounds")
    print(f"| {'system':<18} | {'precision':>9} | {'recall':>6} | {'F1':>5} | {'pages/s':>7} | {'CPU pages/s':>11} "
          f"| {'cleaner x (CPU)':>15} | {'cleaner x (wall)':>16} | {'start-up s':>10} |")
    print(f"|{'-' * 20}|{'-' * 11}|{'-' * 8}|{'-' * 7}|{'-' * 9}|{'-' * 13}|{'-' * 17}|{'-' * 18}|{'-' * 12}|")
    for r in results:
        x_cpu = f"{r['cleaner_x_cpu']:.2f}" if "cleaner_x_cpu" in r else "-"
        x_wall = f"{r['cleaner_x_wall']:.2f}" if "cleaner_x_wall" in r else "-"
        print(f"| {r['system']:<18} | {r['precision']:9.3f} | {r['recall']:6.3f} | {r['f1']:5.3f} "
              f"| {r['pages_per_s']:7.1f} | {r['cpu_pages_per_s']:11.1f} | {x_cpu:>15} | {x_wall:>16} "
              f"| {r['startup_s']:10.1f} |")
    if args.save:
        args.save.write_text(json.dumps(results, ensure_ascii=False, indent=1, default=list), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
