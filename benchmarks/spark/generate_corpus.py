"""Generate a news corpus as JSON lines ({"id", "text"}) from the seed and labelled articles.

    python benchmarks/spark/generate_corpus.py out/bench/corpus.jsonl --docs 100000

Each document is one of the repository's real articles (seeds/, tests/corpus/) varied
deterministically: digits changed, sometimes a body paragraph left out, sometimes cruft
lines (ads, credits, share rows, comment headings) added before or after. The mix of
languages and cruft is therefore the repository's own, not a synthetic best case.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from pathlib import Path

from cleaner.labelled import parse_labelled

ROOT = Path(__file__).resolve().parents[2]
_DIGIT = re.compile(r"\d")

CRUFT_HEAD = ["Anzeige", "Foto: dpa", "Teilen", "Lesezeit: 3 Min.", "Publicité", "Advertisement"]
CRUFT_TAIL = ["Mehr zum Thema", "Kommentare", "Related Articles", "Facebook Twitter WhatsApp E-Mail",
              "Newsletter abonnieren", "Share this article", "Vous aimerez aussi"]


def base_articles() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    for path in sorted((ROOT / "tests" / "corpus").rglob("*.txt")):
        texts.append(parse_labelled(path).text)  # the article without its T/B/C labels
    return texts


def vary(text: str, rng: random.Random) -> str:
    text = _DIGIT.sub(lambda m: str(rng.randrange(10)), text)
    paragraphs = text.split("\n\n")
    if len(paragraphs) > 4 and rng.random() < 0.3:
        del paragraphs[rng.randrange(2, len(paragraphs) - 1)]
    if rng.random() < 0.3:
        paragraphs.insert(0, rng.choice(CRUFT_HEAD))
    if rng.random() < 0.3:
        paragraphs.append(rng.choice(CRUFT_TAIL))
    return "\n\n".join(paragraphs)


def generate(path: str | Path, docs: int, seed: int = 1) -> Path:
    rng = random.Random(seed)
    bases = base_articles()
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(docs):
            record = {"id": f"doc-{i:07d}", "text": vary(bases[i % len(bases)], rng)}
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output")
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    print(generate(args.output, args.docs, args.seed))


if __name__ == "__main__":
    main()
