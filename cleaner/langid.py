"""Language identification: function-word counts first, langdetect only when unsure.

langdetect costs milliseconds per call and is wrong on short strings; counting the
function words of the languages that have packs is cheap and reliable on article text.
"""

from __future__ import annotations

import threading
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import filterfalse
from typing import Any

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
    """What `langdetect.detect(text)` says (its language code, without a region), from the
    compact store of its profiles below."""
    try:
        from langdetect import DetectorFactory
        from langdetect.lang_detect_exception import LangDetectException
    except ImportError:  # pragma: no cover - langdetect is a dependency
        return None
    DetectorFactory.seed = 0  # langdetect is random unless seeded
    try:
        detector = _factory().create()  # what langdetect.detect does, on our factory
        detector.append(text)
        return str(detector.detect()).split("-")[0]
    except LangDetectException:
        return None


_LOAD_LOCK = threading.Lock()


def _factory() -> Any:
    """langdetect's factory, loaded once per process into the compact store (and installed
    as langdetect's own, so `langdetect.detect` elsewhere shares it). One already loaded
    by langdetect itself is used as it is: the answers are the same."""
    from langdetect import detector_factory

    factory = detector_factory._factory
    if factory is None:
        with _LOAD_LOCK:  # langdetect's own first load is not thread-safe
            factory = detector_factory._factory
            if factory is None:
                factory = _compact_factory(detector_factory)
                detector_factory._factory = factory
                _release_free_heap()
    return factory


def _compact_factory(detector_factory: Any) -> Any:
    class CompactFactory(detector_factory.DetectorFactory):  # type: ignore[misc,name-defined]
        """langdetect's loader (same files, same order, same indexes), storing each n-gram's
        probabilities in `SparseProbabilities` instead of a list of 55 floats."""

        def __init__(self) -> None:
            super().__init__()
            self.word_lang_prob_map = SparseProbabilities()

        def add_profile(self, profile: Any, index: int, langsize: int) -> None:
            store = self.word_lang_prob_map
            self.word_lang_prob_map = _Collector(store, index, langsize)  # what the base class writes to
            try:
                super().add_profile(profile, index, langsize)
            finally:
                self.word_lang_prob_map = store

    factory = CompactFactory()
    factory.load_profile(detector_factory.PROFILES_DIRECTORY)
    factory.word_lang_prob_map.seal()
    return factory


def _release_free_heap() -> None:
    """Give back the heap that parsing the profiles freed (glibc keeps ~8 MB of it)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


class SparseProbabilities(Mapping):  # type: ignore[type-arg]
    """n-gram -> its probability in each language: the list langdetect's detector reads
    (`word in map`, `map[word][i]`), with the same floats, built on demand from the non-zero
    entries. langdetect keeps a list of 55 floats per n-gram: 87,598 n-grams, ~61 MB in
    every process that meets a document the function words cannot place; 184,129 of the
    4.8 million entries are not zero, and stored as arrays they take ~12 MB."""

    def __init__(self) -> None:
        self.size = 0
        self._rows: dict[str, int] = {}
        self._entries: list[tuple[array[int], array[int], array[float]]] = []  # (row, lang, p) while loading
        self._starts = array("l", [0])
        self._langs = array("B")
        self._probs = array("d")
        self._cache: dict[str, list[float]] = {}

    def add_row(self, word: str) -> int:
        return self._rows.setdefault(word, len(self._rows))

    def seal(self) -> None:
        """Order the entries loaded by row (then language, as loaded) into the arrays read."""
        rows, langs, probs = array("l"), array("B"), array("d")
        for r, lang, p in self._entries:
            rows.extend(r)
            langs.extend(lang)
            probs.extend(p)
        self._entries = []
        order = sorted(range(len(rows)), key=rows.__getitem__)
        counts = [0] * (len(self._rows) + 1)
        for r in rows:
            counts[r + 1] += 1
        for i in range(1, len(counts)):
            counts[i] += counts[i - 1]
        self._starts = array("l", counts)
        self._langs = array("B", (langs[i] for i in order))
        self._probs = array("d", (probs[i] for i in order))
        del rows, langs, probs, order, counts
        # The n-grams are the keys of the profiles' parsed JSON, whose other objects are
        # freed now: copied together, they leave those allocator pages empty, to be returned.
        words = [w.encode("utf-8", "surrogatepass").decode("utf-8", "surrogatepass") for w in self._rows]
        self._rows = {}
        self._rows = dict(zip(words, range(len(words))))

    def __contains__(self, word: object) -> bool:
        return word in self._rows

    def __getitem__(self, word: str) -> list[float]:
        dense = self._cache.get(word)
        if dense is None:
            row = self._rows[word]
            dense = [0.0] * self.size
            langs, probs = self._langs, self._probs
            for k in range(self._starts[row], self._starts[row + 1]):
                dense[langs[k]] = probs[k]
            if len(self._cache) >= 4096:  # a document's n-grams are a few thousand at most
                self._cache.clear()
            self._cache[word] = dense
        return dense

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)


class _Collector:
    """What langdetect's `add_profile` writes one language's n-grams into
    (`map[word] = [0.0] * langsize`, then `map[word][index] = p`)."""

    def __init__(self, store: SparseProbabilities, index: int, langsize: int) -> None:
        store.size = langsize
        self.store, self.index = store, index
        self.rows, self.langs, self.probs = array("l"), array("B"), array("d")
        store._entries.append((self.rows, self.langs, self.probs))

    def __contains__(self, word: object) -> bool:
        return word in self.store._rows

    def __setitem__(self, word: str, value: list[float]) -> None:
        self.store.add_row(word)  # a new n-gram: its row of zeros

    def __getitem__(self, word: str) -> _RowWriter:
        return _RowWriter(self, self.store._rows[word])


class _RowWriter:
    __slots__ = ("collector", "row")

    def __init__(self, collector: _Collector, row: int) -> None:
        self.collector, self.row = collector, row

    def __setitem__(self, index: int, p: float) -> None:
        c = self.collector
        c.rows.append(self.row)
        c.langs.append(index)
        c.probs.append(p)
