"""Fuzz campaign: adversarial documents and generated rule packs through cleaner.

    nice -n 10 timeout 6h python benchmarks/fuzz/run.py --docs 100000 --packs 1000 --seed 7 \\
        --state /tmp/fuzz-state.jsonl 2> /tmp/fuzz.log

Documents and packs are generated in chunks, each from its own seed, so a campaign can be
stopped and resumed: with --state, every finished chunk's counts are appended to that file
and a rerun with the same arguments skips the chunks already there. Each document chunk
goes through the API (time measured per document) and, every --cli-every chunks, through
the batch CLI writer as JSONL in -> JSONL out (with some deliberately broken lines), where
every input line must come out as one output record or one error record.

Checks: no exception other than CleanerError, no document beyond its time budget (plus
--slack), no document lost (API: each gives a result or an error; CLI: records in ==
records out + error records, ids matching). Prints a JSON summary; exit code 1 if any
check fails. Progress goes to stderr.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from cleaner import Cleaner, CleanerError, Config, Limits
from cleaner.cli import main as cli_main
from cleaner.engine.loader import load_pack_text
from cleaner.limits import guard_packs

PIECES = ["Advertisement", "By John Smith", "Foto: dpa", "Share on Facebook", "Read more:", "Subscribe now",
          "Cookies help us", "ＡＤＶＥＲＴＩＳＥＭＥＮＴ", "Аdvertisement", "\u200b\u200bSponsored", "© Reuters 2024",
          "The minister said on Tuesday that the plan would go ahead.", "", " ", "\t", "\x00", "\ufeff", "🙂" * 5]


def rand_line(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.5:
        return rng.choice(PIECES)
    if kind < 0.8:
        return "".join(chr(rng.randrange(0x20, 0x2FFF)) for _ in range(rng.randrange(0, 80)))
    if kind < 0.95:
        return " ".join(rng.choice(PIECES) for _ in range(rng.randrange(1, 6)))
    return rng.choice("ax ") * rng.randrange(1000, 30000)


def rand_doc(rng: random.Random) -> str:
    lines = [rand_line(rng) for _ in range(rng.randrange(0, 60))]
    if rng.random() < 0.3:
        depth = rng.randrange(1, 300)
        body = "".join(f"<p>{line}</p>" if rng.random() < 0.7 else f"<div class='{line[:20]}'>{line}" for line in lines)
        return "<html><body>" + "<div>" * depth + body + "</div>" * depth + "</body></html>"
    return rng.choice(["\n", "\r\n", "\n\n"]).join(lines)


ATOMS = [r"\w+", r"a", r"aa", r"\s", r".", r"[a-z]", r"\d{1,3}", r"(?:x|y)", r"Advert", r"\p{L}"]


def rand_regex(rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randrange(1, 5)):
        atom = rng.choice(ATOMS)
        if rng.random() < 0.4:
            atom = f"({atom}|{rng.choice(ATOMS)})"
        parts.append(atom + rng.choice(["", "+", "*", "?", "{1,4}"]))
        if rng.random() < 0.2:
            parts[-1] = f"({parts[-1]})" + rng.choice(["+", "*"])
    return "^" + "".join(parts) + rng.choice(["", "$"])


def rand_pack(rng: random.Random, n: int) -> str:
    rules = []
    for k in range(rng.randrange(1, 4)):
        pattern = rand_regex(rng).replace("'", "''")
        rules.append(f"  - id: FZ-{n}-{k}\n    name: fuzz\n    category: ads\n    match: {{regex: '{pattern}'}}\n"
                     "    action: drop-line\n    doc: {what: Fuzz., why: Fuzz.}\n"
                     "    examples: {drop: ['aa'], keep: ['Body text.']}\n")
    return f"pack: fuzz/p{n}\nrules:\n" + "".join(rules)


def crash(where: str, exc: BaseException) -> str:
    return f"{where}: {type(exc).__name__}: {exc}"[:300]


def doc_chunk(args: argparse.Namespace, cleaner: Cleaner, index: int, count: int) -> dict[str, Any]:
    """Documents [index*chunk, +count) through the API, each timed against the budget."""
    rng = random.Random(f"{args.seed}:docs:{index}")
    s: dict[str, Any] = {"docs": 0, "ok": 0, "cleaner_errors": 0, "crashes": [], "over_budget": 0,
                         "cold_over_budget": 0, "max_seconds": 0.0, "lost": 0}
    docs = [rand_doc(rng) for _ in range(count)]
    for n, doc in enumerate(docs):
        s["docs"] += 1
        start = time.monotonic()
        try:
            cleaner.clean_and_explain(doc)
            s["ok"] += 1
        except CleanerError:
            s["cleaner_errors"] += 1
        except Exception as exc:  # noqa: BLE001 - what the campaign counts
            s["crashes"].append(crash(f"doc {index}:{n}", exc))
        took = time.monotonic() - start
        if took > args.budget + args.slack:
            # Compiling a language's pipeline on first use is outside the budget by design
            # (the Deadline pauses for it), but inside this wall clock: time it again, warm.
            s["cold_over_budget"] += 1
            took = timed_again(cleaner, doc)
        s["max_seconds"] = max(s["max_seconds"], took)
        s["over_budget"] += took > args.budget + args.slack
    s["lost"] = s["docs"] - s["ok"] - s["cleaner_errors"] - len(s["crashes"])
    if index % args.cli_every == 0:
        s.update(cli_chunk(args, rng, index, docs))
    return s


def timed_again(cleaner: Cleaner, doc: str) -> float:
    start = time.monotonic()
    with contextlib.suppress(CleanerError):
        cleaner.clean_and_explain(doc)
    return time.monotonic() - start


def cli_chunk(args: argparse.Namespace, rng: random.Random, index: int, docs: list[str]) -> dict[str, Any]:
    """The same documents as JSONL through `cleaner clean`, with ~1% of the lines broken:
    every input line must give exactly one output record or one error record."""
    s: dict[str, Any] = {"cli_in": 0, "cli_out": 0, "cli_errors": 0, "cli_lost": 0, "cli_crashes": [],
                         "cli_seconds": 0.0}
    lines, ids = [], []
    for n, doc in enumerate(docs):
        if rng.random() < 0.01:
            lines.append(rng.choice(['{"id": "broken", "text": ', "[1, 2]", '{"id": 3, "text": 4}', "\x00\xff"]))
            ids.append(None)
        else:
            ids.append(f"c{index}-{n}")
            lines.append(json.dumps({"id": ids[-1], "text": doc}))
    s["cli_in"] = len(lines)
    with tempfile.TemporaryDirectory(prefix="fuzz-cli-") as tmp:
        src, out, errs = Path(tmp, "in.jsonl"), Path(tmp, "out"), Path(tmp, "errors.jsonl")
        src.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogateescape")
        argv = ["clean", str(src), "-o", str(out), "--format", "jsonl", "-j", "1", "--no-progress",
                "--errors", str(errs), "--time-budget", str(args.budget), "--regex-timeout", "0.2"]
        start = time.monotonic()
        said = io.StringIO()
        try:
            with contextlib.redirect_stderr(said), contextlib.redirect_stdout(io.StringIO()):
                code = cli_main(argv)
        except SystemExit as exc:  # argparse or a fatal error: not a per-document outcome
            code = exc.code
        except Exception as exc:  # noqa: BLE001
            s["cli_crashes"].append(crash(f"cli chunk {index}", exc))
            return s
        s["cli_seconds"] = time.monotonic() - start
        if code not in (0, 1):
            s["cli_crashes"].append(f"cli chunk {index}: exit code {code}: {said.getvalue()[-300:]}")
        rows = read_jsonl(out / "cleaned.jsonl")
        errors = read_jsonl(errs)
    s["cli_out"], s["cli_errors"] = len(rows), len(errors)
    s["cli_lost"] = s["cli_in"] - len(rows) - len(errors)
    want = {i for i in ids if i is not None}
    got = [r.get("id") for r in rows]
    if len(set(got)) != len(got) or not set(got) <= want:
        s["cli_crashes"].append(f"cli chunk {index}: output ids duplicated or unknown")
    return s


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    # split on "\n" only: records may hold U+2028 or U+0085 raw, which splitlines() would cut
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def pack_chunk(args: argparse.Namespace, index: int, count: int) -> dict[str, Any]:
    """Packs [index*chunk, +count): loaded (or refused), then each rule under the regex
    timeout against probe lines, some built to make a backtracking pattern blow up."""
    rng = random.Random(f"{args.seed}:packs:{index}")
    probe_rng = random.Random(f"{args.seed}:probe")
    probe = [rand_line(probe_rng)[:2000] for _ in range(50)] + ["a" * 40 + "b", "x" * 3000]
    s: dict[str, Any] = {"packs": 0, "packs_rejected": 0, "packs_loaded": 0, "pack_crashes": [], "regex_timeouts": 0}
    for k in range(count):
        n = index * args.chunk + k
        s["packs"] += 1
        try:
            pack = load_pack_text(rand_pack(rng, n), f"fuzz/p{n}.yaml")
        except CleanerError:
            s["packs_rejected"] += 1
            continue
        except Exception as exc:  # noqa: BLE001
            s["pack_crashes"].append(crash(f"pack {n}", exc))
            continue
        s["packs_loaded"] += 1
        (guarded,) = guard_packs([pack], Path("/nonexistent-shipped"), 0.2)
        for rule in guarded.rules:
            for line in probe:
                try:
                    rule.accepts(line)
                except CleanerError:
                    s["regex_timeouts"] += 1
                except Exception as exc:  # noqa: BLE001
                    s["pack_crashes"].append(crash(f"pack {n}", exc))
    return s


def merge(total: dict[str, Any], part: dict[str, Any]) -> None:
    for key, value in part.items():
        if key in ("max_seconds", "cli_seconds_max"):
            total[key] = max(total.get(key, 0.0), value)
        elif isinstance(value, list):
            total.setdefault(key, []).extend(value)
        elif key != "chunk":
            total[key] = total.get(key, 0) + value


def load_state(path: Path | None) -> dict[str, dict[str, Any]]:
    """Finished chunks from an earlier run with the same arguments (a cut last line is ignored)."""
    done: dict[str, dict[str, Any]] = {}
    if path is None or not path.exists():
        return done
    for line in path.read_text(encoding="utf-8").splitlines():
        with contextlib.suppress(json.JSONDecodeError):
            entry = json.loads(line)
            done[entry["chunk"]] = entry
    return done


def save(path: Path, entry: dict[str, Any]) -> None:
    """Append one finished chunk; a line cut by a kill is closed first so it stays alone."""
    cut = path.exists() and path.stat().st_size > 0 and not path.read_bytes().endswith(b"\n")
    with path.open("a", encoding="utf-8") as handle:
        handle.write(("\n" if cut else "") + json.dumps(entry) + "\n")


def plan(args: argparse.Namespace) -> list[tuple[str, int, int]]:
    jobs = []
    for kind, total in (("packs", args.packs), ("docs", args.docs)):  # packs are quick: first
        for index, start in enumerate(range(0, total, args.chunk)):
            jobs.append((kind, index, min(args.chunk, total - start)))
    return jobs


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--packs", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--budget", type=float, default=5.0)
    ap.add_argument("--slack", type=float, default=2.0, help="seconds over the budget still counted as within it")
    ap.add_argument("--chunk", type=int, default=1000, help="documents or packs per chunk (the unit of --state)")
    ap.add_argument("--cli-every", type=int, default=1, help="every Nth document chunk also goes through the CLI")
    ap.add_argument("--state", type=Path, help="JSONL of finished chunks; rerun with it to resume")
    ap.add_argument("--summary-only", action="store_true",
                    help="print the summary of the chunks finished in --state, run nothing")
    args = ap.parse_args(argv)
    tag = f"seed={args.seed} chunk={args.chunk} budget={args.budget} cli_every={args.cli_every}"
    done = {k: v for k, v in load_state(args.state).items() if v.get("tag") == tag}
    cleaner = Cleaner(Config(limits=Limits(time_budget=args.budget, regex_timeout=0.2)))
    total: dict[str, Any] = {"docs": 0, "crashes": [], "over_budget": 0, "lost": 0, "packs": 0, "pack_crashes": []}
    began = time.monotonic()
    for kind, index, count in plan(args):
        key = f"{kind}:{index}:{count}"
        if key in done:
            merge(total, done[key]["result"])
            continue
        if args.summary_only:
            total["chunks_left"] = total.get("chunks_left", 0) + 1
            continue
        start = time.monotonic()
        part = doc_chunk(args, cleaner, index, count) if kind == "docs" else pack_chunk(args, index, count)
        part["chunk_seconds"] = round(time.monotonic() - start, 2)
        if args.state is not None:
            save(args.state, {"chunk": key, "tag": tag, "result": part})
        merge(total, part)
        print(f"fuzz: {key} done in {part['chunk_seconds']} s; so far {total['docs']} docs, {total['packs']} packs, "
              f"{len(total['crashes']) + len(total['pack_crashes']) + len(total.get('cli_crashes', []))} crashes, "
              f"{total['over_budget']} over budget, {total['lost'] + total.get('cli_lost', 0)} lost",
              file=sys.stderr, flush=True)
    total["wall_seconds_this_run"] = round(time.monotonic() - began, 1)
    print(json.dumps(total, indent=2))
    bad = (total["crashes"] or total["pack_crashes"] or total.get("cli_crashes") or total["over_budget"]
           or total["lost"] or total.get("cli_lost"))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
