"""Language identification: function-word counts first, langdetect only when unsure.

langdetect costs milliseconds per call and is wrong on short strings; counting the
function words of the languages that have packs is cheap and reliable on article text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from itertools import filterfalse

import regex

__all__ = ["LanguageIdentifier"]

_WORD = regex.compile(r"[^\W\d_]+")


class LanguageIdentifier:
    def __init__(self, stopwords: dict[str, frozenset[str]], *, sample_chars: int = 3000,
                 min_hits: int = 4, margin: float = 2.0) -> None:
        self.stopwords = stopwords
        self.sample_chars = sample_chars
        self.min_hits = min_hits
        self.margin = margin
        # word -> the languages it is a function word of. A stopword that is not exactly
        # one word (`_WORD`) can never be counted.
        merged: dict[str, list[str]] = {}
        for lang, words in stopwords.items():
            for w in words:
                if _WORD.fullmatch(w):
                    merged.setdefault(w, []).append(lang)
        self._languages_of = {w: tuple(langs) for w, langs in merged.items()}

    def sample(self, lines: Iterable[str]) -> str:
        """A bounded sample of the body-like lines (long ones first in document order)."""
        picked: list[str] = []
        append = picked.append
        size = 0
        limit = self.sample_chars
        for line in lines:
            if len(line) > 10 and line.count(" ") >= 5:  # five spaces need eleven characters
                append(line)
                size += len(line)
                if size >= limit:
                    break
        return " ".join(picked)[:limit]

    def detect(self, lines: Sequence[str]) -> str | None:
        text = self.sample(lines)
        if not text:
            return None
        guess = self.by_function_words(text)
        return guess if guess else _langdetect(text)

    def by_function_words(self, text: str) -> str | None:
        counts = dict.fromkeys(self.stopwords, 0)
        languages_of = self._languages_of
        found = _word_counts(text)
        for word in found.keys() & languages_of.keys():
            n = found[word]
            for lang in languages_of[word]:
                counts[lang] += n
        ranked = sorted(counts.items(), key=lambda kv: kv[1], reverse=True)
        if not ranked or ranked[0][1] < self.min_hits:
            return None
        if len(ranked) > 1 and ranked[0][1] < self.margin * ranked[1][1]:
            return None
        return ranked[0][0]


# ASCII bytes that are not letters separate words (`[^\\W\\d_]+` never spans them).
_ASCII_SEPARATORS = bytes(b if (0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A or b >= 0x80) else 0x20 for b in range(256))


def _word_counts(text: str) -> Counter[str]:
    """How often each word `[^\\W\\d_]+` occurs in `text.casefold()`, in C where possible.

    ASCII separators become spaces in one bytes.translate; the whitespace-separated tokens
    are counted by Counter; a token of letters only is one word as it is (most of them),
    the others (with non-ASCII punctuation, digits, marks) are split by the regex.
    """
    if text.isascii():
        folded = text.encode("ascii").translate(_ASCII_SEPARATORS).decode("ascii").lower()
    else:
        raw = text.encode("utf-8", "surrogatepass").translate(_ASCII_SEPARATORS)
        folded = raw.decode("utf-8", "surrogatepass").casefold()
    tokens = Counter(folded.split())
    odd = list(filterfalse(str.isalpha, tokens))
    if odd:
        for token in odd:
            n = tokens.pop(token)
            for word in _WORD.findall(token):
                tokens[word] += n
    return tokens


def _words(text: str) -> list[str]:
    """The words `[^\\W\\d_]+` finds, without running the regex over plain words.

    Whitespace is never part of a word, so each whitespace-separated token can be split on
    its own; a token of letters only is one word as it is. The other tokens (with
    punctuation or digits) are split by the regex in one call.
    """
    tokens = text.split()
    words = [t for t in tokens if t.isalpha()]
    rest = [t for t in tokens if not t.isalpha()]
    if rest:
        words.extend(_WORD.findall(" ".join(rest)))
    return words


def _langdetect(text: str) -> str | None:
    try:
        from langdetect import DetectorFactory, detect
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:  # pragma: no cover - langdetect is a dependency
        return None
    DetectorFactory.seed = 0  # langdetect is random unless seeded
    try:
        return detect(text).split("-")[0]
    except LangDetectException:
        return None
