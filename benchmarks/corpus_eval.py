"""Score cleaning on labelled articles: body lines kept, cruft lines removed.

    python benchmarks/corpus_eval.py tests/corpus/de tests/corpus/en ... [-v]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from cleaner import Cleaner
from cleaner.labelled import Score, parse_labelled, score_article


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="+")
    parser.add_argument("-v", "--verbose", action="store_true", help="list lost body and leaked cruft lines")
    args = parser.parse_args()
    cleaner = Cleaner()
    for root in args.paths:
        files = sorted(Path(root).rglob("*.txt")) if Path(root).is_dir() else [Path(root)]
        total = Score()
        for f in files:
            total.add(score_article(cleaner, parse_labelled(f)))
        print(f"{root}: {len(files)} articles  body kept {total.body_kept}/{total.body} "
              f"({total.body_recall:.2%})  cruft removed {total.cruft_removed}/{total.cruft} ({total.cruft_recall:.2%})")
        if args.verbose:
            for name, line, text in total.lost:
                print(f"  LOST   {name}:{line}: {text[:110]}")
            for name, line, text in total.leaked:
                print(f"  LEAKED {name}:{line}: {text[:110]}")


if __name__ == "__main__":
    main()
