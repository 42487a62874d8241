"""Fuzz campaign: adversarial documents and generated rule packs through cleaner.

    python benchmarks/fuzz/run.py --docs 100000 --packs 1000 --seed 7

Checks: no exception other than CleanerError, no document beyond its time budget (plus
--slack), no document lost (each gives a result or an error). Prints a JSON summary;
exit code 1 if any check fails.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time

from cleaner import Cleaner, CleanerError, Config, Limits
from cleaner.engine.loader import load_pack_text
from cleaner.limits import guard_packs
from pathlib import Path

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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--packs", type=int, default=1_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--budget", type=float, default=5.0)
    ap.add_argument("--slack", type=float, default=2.0, help="seconds over the budget still counted as within it")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    cleaner = Cleaner(Config(limits=Limits(time_budget=args.budget, regex_timeout=0.2)))
    s = {"docs": 0, "ok": 0, "cleaner_errors": 0, "crashes": [], "over_budget": 0, "max_seconds": 0.0,
         "packs": 0, "packs_rejected": 0, "packs_loaded": 0, "pack_crashes": [], "regex_timeouts": 0}
    for n in range(args.docs):
        doc = rand_doc(rng)
        s["docs"] += 1
        start = time.monotonic()
        try:
            cleaner.clean_and_explain(doc)
            s["ok"] += 1
        except CleanerError:
            s["cleaner_errors"] += 1
        except Exception as exc:  # noqa: BLE001 - what the campaign counts
            s["crashes"].append(f"doc {n}: {type(exc).__name__}: {exc}"[:300])
        took = time.monotonic() - start
        s["max_seconds"] = max(s["max_seconds"], took)
        s["over_budget"] += took > args.budget + args.slack
    probe = [rand_line(rng)[:2000] for _ in range(50)] + ["a" * 40 + "b", "x" * 3000]
    for n in range(args.packs):
        s["packs"] += 1
        try:
            pack = load_pack_text(rand_pack(rng, n), f"fuzz/p{n}.yaml")
        except CleanerError:
            s["packs_rejected"] += 1
            continue
        except Exception as exc:  # noqa: BLE001
            s["pack_crashes"].append(f"pack {n}: {type(exc).__name__}: {exc}"[:300])
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
                    s["pack_crashes"].append(f"pack {n}: {type(exc).__name__}: {exc}"[:300])
    s["lost"] = s["docs"] - s["ok"] - s["cleaner_errors"] - len(s["crashes"])
    print(json.dumps(s, indent=2))
    bad = s["crashes"] or s["pack_crashes"] or s["over_budget"] or s["lost"]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
