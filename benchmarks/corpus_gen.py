"""A deterministic generator of scraped-article corpora of any size (de/en/fr).

Bodies are sentences built from per-language word lists; cruft lines are the shipped
packs' own `examples.drop` lines (every category), placed at the head, in the body and in
the tail as scrapers leave them. The same seed and size always give the same text.
"""

from __future__ import annotations

import random
from collections.abc import Iterator

from cleaner.engine.loader import load_packs, shipped_rules_dir

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


def _cruft(lang: str) -> list[str]:
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


def articles(size: int, seed: int = 0, langs: tuple[str, ...] = ("de", "en", "fr")) -> Iterator[tuple[str, str]]:
    """(lang, text) pairs until about `size` bytes of UTF-8 text."""
    rng = random.Random(seed)
    cruft = {lang: _cruft(lang) for lang in langs}
    total = 0
    while total < size:
        lang = langs[rng.randrange(len(langs))]
        text = article(rng, lang, cruft[lang])
        total += len(text.encode("utf-8"))
        yield lang, text
