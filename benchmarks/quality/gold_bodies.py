#!/usr/bin/env python3
"""What the text rules take out of real article bodies: a review list for rule authors.

    python benchmarks/quality/gold_bodies.py [--data DIR] [--lang LANG] [--rule PREFIX] [--json OUT]

Every `articleBody` of the ScrapingHub ground truth (`DIR/ground-truth.json`, 181 news
articles written by other people than the rule authors) is cleaned as text, under a
placeholder headline, and each removal is listed with the rule that made it, grouped by
rule (most frequent first). The bodies are what the benchmark's annotators called the
article, so a removal is either cruft they kept (copyright lines, "Buy Now" boxes,
"(Reporting by …)") or a body line a rule should not take: this is a list to read, not
a score. Run it before and after a rule round (`--json` both, then diff) to see what the
round newly takes from prose nobody tuned the rules on.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
from collections import defaultdict
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[3] / "shared" / "data" / "scrapinghub"
_HEADLINE = "Headline of the article"


def gold_bodies(data: Path) -> dict[str, str]:
    """Page id -> its gold article body (pages without one are left out)."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    return {key: entry["articleBody"] for key, entry in sorted(truth.items()) if (entry.get("articleBody") or "").strip()}


def removals_by_rule(bodies: dict[str, str], lang: str | None) -> dict[str, list[tuple[str, str]]]:
    """Rule id -> (page id, removed text) for every removal below the placeholder headline."""
    from cleaner import Cleaner

    cleaner = Cleaner()
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for key, body in bodies.items():
        result = cleaner.clean_and_explain(f"{_HEADLINE}\n\n{body}", lang=lang, input_format="text")
        for removal in result.removals:
            if removal.start > 0:
                found[removal.rule_id].append((key, removal.text))
    return dict(found)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the ScrapingHub benchmark directory")
    parser.add_argument("--lang", help="pack language for every body (default: detected per body)")
    parser.add_argument("--rule", default="", help="only rules whose id starts with this")
    parser.add_argument("--json", type=Path, help="also write {rule: [[page, text], ...]} here")
    args = parser.parse_args(argv)
    if hasattr(signal, "SIGPIPE") and argv is None:  # a listing piped into head ends quietly
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    if not (args.data / "ground-truth.json").is_file():
        print(f"gold_bodies: no ground-truth.json in {args.data} (see benchmarks/quality/README.md)", file=sys.stderr)
        return 2
    bodies = gold_bodies(args.data)
    found = {rule: hits for rule, hits in removals_by_rule(bodies, args.lang).items() if rule.startswith(args.rule)}
    if args.json:  # first: the listing below may go to a pipe that closes early
        args.json.write_text(json.dumps(found, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")
    lines = sum(1 for body in bodies.values() for line in body.split("\n") if line.strip())
    print(f"{len(bodies)} gold bodies, {lines} non-blank lines; {sum(map(len, found.values()))} removals by "
          f"{len(found)} rules")
    for rule, hits in sorted(found.items(), key=lambda item: (-len(item[1]), item[0])):
        print(f"\n{rule} ({len(hits)})")
        for key, text in hits:
            print(f"  {key[:12]}  {text[:160]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
