"""A deterministic generator of scraped-article corpora of any size (de/en/fr).

Bodies are sentences built from per-language word lists; cruft lines are the shipped
packs' own `examples.drop` lines (every category), placed at the head, in the body and in
the tail as scrapers leave them. The same seed and size always give the same text.

The cruft lines are read from a snapshot, `cruft_lines.json` (the packs' drop examples at
8718165, session 10's corpus): generated from the live packs, the corpus changed with every
rule round (round 11's long examples cost the 500-rule row 7% with no matcher change), so
numbers could not be compared across sessions. `python benchmarks/corpus_gen.py --snapshot`
rewrites the snapshot from the current packs; `articles(..., live=True)` reads the packs.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
from collections.abc import Iterator
from pathlib import Path

from cleaner.engine.loader import load_packs, shipped_rules_dir

SNAPSHOT = Path(__file__).resolve().parent / "cruft_lines.json"

_WORDS = {
    "de": ("der die das und ist nicht sich mit dem den ein eine auch auf für von zu im wird hat sie er es bei "
           "nach aus wie aber oder noch nur über vor Stadt Regierung Bürgermeister Polizei Schule Jahr Woche "
           "Menschen Unternehmen Bericht Haushalt Straße Gemeinde Zukunft Entscheidung Verkehr Sommer").split(),
    "en": ("the of and to in is that it for was on with as by at from are this have has be not "
           "council government mayor police school year week people company report budget street city "
           "future decision traffic summer river market").split(),
    "fr": ("le la les de des et est que une un dans pour qui sur pas avec au par plus ce sont été a "
           "ville gouvernement maire police école année semaine personnes entreprise rapport budget rue "
           "commune avenir décision circulation été").split(),
}


@functools.lru_cache(maxsize=1)
def _snapshot() -> dict[str, list[str]]:
    """The snapshot, read once per process (every corpus of a run draws from it)."""
    return json.loads(SNAPSHOT.read_text(encoding="utf-8"))


def _cruft(lang: str, live: bool = False) -> list[str]:
    """The cruft lines of `lang`: the snapshot's, or (live) the shipped packs' drop examples."""
    if not live and SNAPSHOT.is_file():
        return _snapshot().get(lang) or ["Anzeige"]
    lines = []
    for pack in load_packs([shipped_rules_dir()]):
        if pack.kind == "site" or (pack.lang and pack.lang != lang):
            continue
        for rule in pack.rules:
            lines.extend(rule.examples.drop)
    return lines or ["Anzeige"]


def _sentence(rng: random.Random, words: list[str]) -> str:
    n = rng.randint(8, 22)
    s = " ".join(rng.choice(words) for _ in range(n))
    return s[0].upper() + s[1:] + rng.choice([".", ".", ".", "!", "?"])


def article(rng: random.Random, lang: str, cruft: list[str]) -> str:
    words = _WORDS[lang]
    head = [_sentence(rng, words)[:-1]]  # headline: no full stop
    head += rng.sample(cruft, k=min(len(cruft), rng.randint(1, 3)))
    body: list[str] = []
    for _ in range(rng.randint(6, 16)):
        body.append(" ".join(_sentence(rng, words) for _ in range(rng.randint(2, 5))))
        if rng.random() < 0.15:
            body.append(rng.choice(cruft))
    tail = rng.sample(cruft, k=min(len(cruft), rng.randint(1, 4)))
    return "\n\n".join(["\n".join(head), *body, "\n".join(tail)])


def articles(size: int, seed: int = 0, langs: tuple[str, ...] = ("de", "en", "fr"),
             live: bool = False) -> Iterator[tuple[str, str]]:
    """(lang, text) pairs until about `size` bytes of UTF-8 text."""
    rng = random.Random(seed)
    cruft = {lang: _cruft(lang, live) for lang in langs}
    total = 0
    while total < size:
        lang = langs[rng.randrange(len(langs))]
        text = article(rng, lang, cruft[lang])
        total += len(text.encode("utf-8"))
        yield lang, text


def main() -> None:
    parser = argparse.ArgumentParser(description="Rewrite the cruft-line snapshot from the current packs.")
    parser.add_argument("--snapshot", action="store_true", help=f"write {SNAPSHOT.name} from the shipped packs")
    if parser.parse_args().snapshot:
        lines = {lang: _cruft(lang, live=True) for lang in _WORDS}
        SNAPSHOT.write_text(json.dumps(lines, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        print({lang: len(found) for lang, found in lines.items()})


if __name__ == "__main__":
    main()
