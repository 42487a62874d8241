"""What each translated rule costs the Hyperscan matcher: scan time per expression.

    /work/venv/bin/python benchmarks/translation_costs.py [--mb 1] [--top 40] [--pages N] [--json OUT]

Rules without a usable literal are found by a *translation* of their pattern
(`matcher_literals.translate_parts`), compiled into one database per word tier
(`matcher._WORD_TIERS`, plus one for the unbounded rules) and scanned over the tier's
document (the lines with at most that many words). The sample is what the matcher is
really asked to match: every `HyperscanMatcher.match` call made while cleaning the
generated corpus (`corpus_gen`, --mb) as text and the ScrapingHub pages
(`benchmarks/quality`) as HTML, recorded per language selection.

For every language and tier, each translated rule's expressions are compiled alone (same
flags, same tier document as the matcher builds) and timed over the sample (best of
--repeat passes), with the compiled size and the lines they hit. Printed: the ranking,
the sum against the real tier database's scan time, and the share of the top 10/30/100.
Warm, the sum of the expressions alone is about twice the databases' time in CPU time (each
database alone pays the base cost of a scan once; a tier database pays it once for all).

--cold N also times each tier database on N documents with the caches evicted before every
scan. Measured at 193b572 (1 MB generated text, CPU time): warm, the translation databases
scan in ~24 ms per MB, but in the pipeline `Database.scan` took ~146 ms per MB (cProfile,
2009 scans of 279 documents), which the cold timing reproduces (~35-140 us per scan, ~150
ms per MB): the cost is cache misses per scan of multi-MB databases, not bytes scanned, so
rewriting expressions to be cheaper per byte (unbounded repeats, single-byte classes, no
leading `^.*`) saved 2-6% warm and nothing cold, and fewer or smaller databases per
document is what can pay.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent / "quality"))

import hyperscan as hs  # noqa: E402

from corpus_gen import articles  # noqa: E402

import cleaner.engine.matcher as M  # noqa: E402
from cleaner import Cleaner  # noqa: E402


def record_calls(mb: float, pages: int | None) -> dict[int, tuple[M.HyperscanMatcher, list[tuple[Any, ...]]]]:
    """Per matcher (one per selection), the lines of every `match` call while cleaning the
    sample: the generated corpus as text, the ScrapingHub pages as HTML."""
    import run as quality

    calls: dict[int, tuple[M.HyperscanMatcher, list[tuple[Any, ...]]]] = {}
    original = M.HyperscanMatcher.match

    def match(self: M.HyperscanMatcher, lines: Any, word_counts: Any = None) -> Any:
        calls.setdefault(id(self), (self, []))[1].append((tuple(lines), word_counts))
        return original(self, lines, word_counts)

    M.HyperscanMatcher.match = match  # type: ignore[method-assign]
    try:
        cleaner = Cleaner()
        for _, text in articles(int(mb * 1e6), seed=42):
            cleaner.clean(text)
        for _, html, url, _ in quality.load(quality.DEFAULT_DATA, pages):
            cleaner.clean_and_explain(html, url=url, input_format="html")
    finally:
        M.HyperscanMatcher.match = original  # type: ignore[method-assign]
    return calls


def segment_name(seg: M._Segment) -> str:
    families = sorted({M._family(r) for r in seg.rules})
    return "+".join(f for f in families if f != "common") or "common"


def tier_documents(calls: list[tuple[Any, ...]], tier: int | None) -> list[bytes]:
    docs = []
    for lines, counts in calls:
        text = M._document(lines)
        if text is None:
            continue
        data, _ = M._TierDocs(lines, text, counts).get(tier)
        if data:
            docs.append(data)
    return docs


def compile_alone(exprs: list[tuple[bytes, int, int]]) -> Any:
    db = hs.Database(mode=hs.HS_MODE_BLOCK)
    db.compile(expressions=[e for e, _, _ in exprs], ids=[i for _, i, _ in exprs],
               elements=len(exprs), flags=[f for _, _, f in exprs])
    return db


def scan_cost(db: Any, docs: list[bytes], repeat: int) -> tuple[float, int]:
    """Best-of-`repeat` seconds to scan `docs`, and the number of match events."""
    scratch = hs.Scratch(db)
    events = [0]

    def on_match(*_: Any) -> None:
        events[0] += 1

    best = float("inf")
    for k in range(repeat):
        events[0] = 0
        t = time.process_time()   # CPU time: the machine is shared
        for data in docs:
            db.scan(data, match_event_handler=on_match, scratch=scratch)
        best = min(best, time.process_time() - t)
    return best, events[0]


_EVICT = bytearray(48 << 20)   # more than the last-level cache of the machines we run on


def cold_cost(db: Any, docs: list[bytes], most: int) -> float:
    """Seconds to scan the first `most` docs, each after the caches were filled with other
    data, as in the pipeline, where other work runs between two scans of a database (the
    warm best-of timing misses the cache misses a large database costs per scan)."""
    scratch = hs.Scratch(db)
    total = 0.0
    for data in docs[:most]:
        _EVICT[::64] = b"\x01" * len(_EVICT[::64])
        t = time.process_time()
        db.scan(data, match_event_handler=lambda *_: None, scratch=scratch)
        total += time.process_time() - t
    return total


def measure(calls: dict[int, tuple[M.HyperscanMatcher, list[tuple[Any, ...]]]], repeat: int,
            cold_docs: int = 0) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    dbs: list[dict[str, Any]] = []
    sample_bytes = 0
    for matcher, made in calls.values():
        sample_bytes += sum(len(M._document(lines) or "") for lines, _ in made)
        for seg in matcher.segments:
            if not seg.raw_dbs:
                continue
            name = segment_name(seg)
            skip = frozenset(r - seg.offset for r in matcher.exact.rules if seg.offset <= r < seg.offset + len(seg.rules))
            spans = [s for s in M._segment_spans(matcher.rules) if s[0] == seg.offset]
            _, raw, _, _ = M._segment_expressions(hs, seg.rules, skip, spans[0][2] if spans else None)
            by_rule: dict[tuple[int | None, int], list[tuple[bytes, int, int]]] = defaultdict(list)
            for e in raw:
                by_rule[(M._word_tier(seg.rules[e[1]]), e[1])].append(e)
            for tier, db in seg.raw_dbs:
                docs = tier_documents(made, tier)
                seconds, events = scan_cost(db, docs, repeat)
                cold = cold_cost(db, docs, cold_docs) if cold_docs else 0.0
                dbs.append({"segment": name, "tier": tier, "seconds": seconds, "events": events,
                            "cold_per_scan": cold / max(1, min(cold_docs, len(docs))), "scans": len(docs),
                            "bytes_scanned": sum(map(len, docs)), "db_bytes": len(hs.dumpb(db)),
                            "exprs": sum(len(v) for (t, _), v in by_rule.items() if t == tier)})
                for (t, r), exprs in by_rule.items():
                    if t != tier:
                        continue
                    try:
                        alone = compile_alone(exprs)
                    except hs.error:
                        continue  # refused: the matcher checks the rule another way
                    secs, hits = scan_cost(alone, docs, repeat)
                    rule = seg.rules[r]
                    rows.append({"segment": name, "tier": tier, "rule": rule.id, "seconds": secs, "events": hits,
                                 "db_bytes": len(hs.dumpb(alone)), "exprs": len(exprs),
                                 "chars": sum(len(e) for e, _, _ in exprs)})
    return {"rows": rows, "dbs": dbs, "sample_bytes": sample_bytes}


def report(found: dict[str, Any], top: int) -> None:
    rows = sorted(found["rows"], key=lambda r: -r["seconds"])
    mb = found["sample_bytes"] / 1e6
    total = sum(r["seconds"] for r in rows)
    print(f"sample: {mb:.2f} MB of matched lines (all tiers' documents are parts of it)")
    print(f"\n{'segment':8s} {'tier':>5s} {'exprs':>5s} {'scanned MB':>10s} {'db ms':>8s} {'sum alone ms':>12s} "
          f"{'db KB':>8s} {'events':>8s} {'scans':>6s} {'cold us/scan':>12s}")
    for d in found["dbs"]:
        alone = sum(r["seconds"] for r in rows if r["segment"] == d["segment"] and r["tier"] == d["tier"])
        print(f"{d['segment']:8s} {str(d['tier']):>5s} {d['exprs']:5d} {d['bytes_scanned'] / 1e6:10.2f} "
              f"{d['seconds'] * 1e3:8.1f} {alone * 1e3:12.1f} {d['db_bytes'] / 1e3:8.0f} {d['events']:8d} "
              f"{d['scans']:6d} {d['cold_per_scan'] * 1e6:12.1f}")
    db_total = sum(d["seconds"] for d in found["dbs"])
    print(f"{'all':8s} {'':5s} {'':5s} {'':10s} {db_total * 1e3:8.1f} {total * 1e3:12.1f} "
          f"{sum(d['db_bytes'] for d in found['dbs']) / 1e3:8.0f}   ({db_total * 1e3 / mb:.1f} ms per MB of sample, warm)")
    cold = sum(d["cold_per_scan"] * d["scans"] for d in found["dbs"])
    if cold:
        print(f"cold: {cold * 1e3:.1f} ms for {sum(d['scans'] for d in found['dbs'])} scans "
              f"({cold * 1e3 / mb:.1f} ms per MB of sample): per scan, not per byte, is what a large database costs")
    for n in (10, 30, 100):
        share = sum(r["seconds"] for r in rows[:n]) / total if total else 0
        print(f"top {n:3d} expressions' share of the sum: {share:.0%}")
    if rows:
        print(f"median rule: {statistics.median(r['seconds'] for r in rows) * 1e3:.2f} ms")
    print(f"\n{'rank':>4s} {'ms':>7s} {'segment':8s} {'tier':>5s} {'rule':16s} {'exprs':>5s} {'chars':>6s} "
          f"{'KB':>6s} {'events':>7s}")
    for k, r in enumerate(rows[:top], 1):
        print(f"{k:4d} {r['seconds'] * 1e3:7.2f} {r['segment']:8s} {str(r['tier']):>5s} {r['rule']:16s} "
              f"{r['exprs']:5d} {r['chars']:6d} {r['db_bytes'] / 1e3:6.0f} {r['events']:7d}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=1.0, help="generated corpus size (default 1)")
    ap.add_argument("--pages", type=int, default=None, help="ScrapingHub pages (default all)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--top", type=int, default=40)
    ap.add_argument("--json", type=Path, help="write every row here")
    ap.add_argument("--cold", type=int, default=0, metavar="N",
                    help="also time each tier database cold (caches evicted) on its first N documents")
    args = ap.parse_args()
    found = measure(record_calls(args.mb, args.pages), args.repeat, args.cold)
    report(found, args.top)
    if args.json:
        args.json.write_text(json.dumps(found, indent=1))


if __name__ == "__main__":
    main()
