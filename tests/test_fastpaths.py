"""The fast paths of normalization, language identification, rendering and the caption key
give exactly what the plain implementations they replace give."""

from __future__ import annotations

import unicodedata
from collections import Counter

import regex
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import normalize as N
from cleaner.document import render
from cleaner.langid import _WORD, _word_counts
from cleaner.passes.caption_twice import _PUNCT, _SPACE, caption_key

_SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters that exercise every branch: odd spaces and invisibles, separators, Greek and
# Cyrillic look-alikes, combining marks, brackets and punctuation.
_ALPHABET = ("aAbBeEoOsSßẞKkİıﬁ  \t\n\r\x0b\x0c\x1c\x1f\x85\u00a0\u00ad\u1680\u2000\u2001\u200b\u200d\u2028"
             "\u2029\u202f\u205f\u3000\ufeffАаОоΑαΩΩΣς\u0301\u0308\u0345\u1fbe\u037e()[].,;:!?…\"'“”„»«–—’€0123_")
_text = st.text(alphabet=st.sampled_from(_ALPHABET), max_size=80) | st.text(max_size=40)


# -- references: the implementations these fast paths replace ----------------------------

_TRAILING_PARENTHESIS = regex.compile(r"\s*[(\[][^()\[\]]{1,60}[)\]]\s*$")
_TRAILING_PUNCT = regex.compile(r"[\s.,;:!?…\"'“”„»«]+$")


def _caption_key_reference(line: str) -> str:
    line = _TRAILING_PARENTHESIS.sub("", line)
    return _TRAILING_PUNCT.sub("", line).casefold()


def _normalize_text_reference(text: str) -> str:
    text = text.translate(N._TRANSLATE)
    if not text.isascii():
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        text = N._fix_mixed_script(text)
    return text


def _normalize_lines_reference(raw: list[str]) -> list[str]:
    return [" ".join(line.split()) for line in _normalize_text_reference("\n".join(raw)).split("\n")]


def _render_reference(raw, removed, spans=None, blank=None):
    if blank is None:
        blank = [not line.strip() for line in raw]
    blocks, current = [], []
    for i, line in enumerate(raw):
        text = line
        if spans and i in spans and not removed[i]:
            for start, end in sorted(spans[i], reverse=True):
                text = text[:start] + " " + text[end:]
        text = " ".join(text.split())
        if blank[i]:
            if current:
                blocks.append(current)
                current = []
            continue
        if removed[i] or not text:
            continue
        current.append(text)
    if current:
        blocks.append(current)
    return "\n\n".join("\n".join(block) for block in blocks)


# -- caption key ----------------------------------------------------------------------------

@_SETTINGS
@given(_text)
def test_caption_key_equals_the_two_regex_substitutions(line):
    assert caption_key(line) == _caption_key_reference(line)


def test_caption_key_examples():
    for line in ["Der Kanzler in Berlin (Foto: dpa)", "Der Kanzler in Berlin.", "a (b) (c)", "a [" + "x" * 60 + "]",
                 "a [" + "x" * 61 + "]", "(Foto)", "a ()", "a (b]  \n", "x)", "", " ", "Text (a(b)c)", "Wort …»"]:
        assert caption_key(line) == _caption_key_reference(line), line


def test_space_set_is_what_regex_calls_whitespace():
    space = regex.compile(r"\s")
    assert set(_SPACE) == {chr(c) for c in range(0x110000) if space.match(chr(c))}
    assert set(_PUNCT) - set(_SPACE) == set(".,;:!?…\"'“”„»«")


# -- normalization ----------------------------------------------------------------------------

@_SETTINGS
@given(st.lists(_text, max_size=6))
def test_normalize_lines_equals_the_plain_implementation(raw):
    assert N.normalize_lines(raw) == _normalize_lines_reference(raw)
    assert N.normalize_text("\n".join(raw)) == _normalize_text_reference("\n".join(raw))


def test_normalize_lines_without_hyperscan(monkeypatch):
    monkeypatch.setattr(N, "_prescan_database", lambda: None)
    raw = ["An\u00adzeige\u00a0", "Wer\u200bbung", "\u0410nzeige", "Cafe\u0301", "  a   b  ", "x\u2028y"]
    assert N.normalize_lines(raw) == _normalize_lines_reference(raw)


def _in_ranges(cp: int, ranges) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def test_script_ranges_cover_greek_and_cyrillic():
    # (What NFC composes is covered by the NFC flag: the look-alike step runs when it is raised.)
    script = regex.compile(r"[\p{Cyrillic}\p{Greek}]")
    for cp in range(0x110000):
        if not 0xD800 <= cp < 0xE000 and script.match(chr(cp)):
            assert _in_ranges(cp, N._SCRIPT_RANGES), hex(cp)


def test_nfc_stable_ranges_need_no_normalization():
    second_of_pair = set()
    for cp in range(0x110000):
        decomposed = unicodedata.decomposition(chr(cp))
        if decomposed and not decomposed.startswith("<") and len(decomposed.split()) == 2:
            second_of_pair.add(int(decomposed.split()[1], 16))
    special = {ord(c) for c in N._INVISIBLE + N._SPACES}
    for lo, hi in N._NFC_STABLE_RANGES:
        for cp in range(lo, hi + 1):
            if cp in special or 0xD800 <= cp < 0xE000:
                continue
            ch = chr(cp)
            assert unicodedata.combining(ch) == 0, hex(cp)
            assert unicodedata.normalize("NFC", ch) == ch, hex(cp)
            assert cp not in second_of_pair, hex(cp)


def test_prescan_flags_follow_utf8_of_the_ranges():
    for lo, hi in N._SCRIPT_RANGES:
        for cp in {lo, hi, (lo + hi) // 2}:
            assert N._prescan("x" + chr(cp) + "y\u00e9") & N._SCRIPT
    assert not N._prescan("Straße, „Zitat“ – 5 € …") & (N._SCRIPT | N._NFC | N._SPECIAL)
    assert N._prescan("Cafe\u0301") & N._NFC


# -- language identification --------------------------------------------------------------------

@_SETTINGS
@given(_text)
def test_word_counts_equal_regex_words_of_the_casefolded_text(text):
    assert _word_counts(text) == Counter(_WORD.findall(text.casefold()))


# -- rendering ---------------------------------------------------------------------------------

@_SETTINGS
@given(st.lists(st.tuples(_text.map(lambda t: t.replace("\n", " ")), st.booleans()), max_size=8))
def test_render_equals_the_plain_implementation(rows):
    raw = [r for r, _ in rows]
    removed = [d for _, d in rows]
    assert render(raw, removed) == _render_reference(raw, removed)
    blank = [not line for line in N.normalize_lines(raw)]
    assert render(raw, removed, None, blank) == _render_reference(raw, removed, None, blank)
    odd_blank = [False] * len(raw)  # a caller may call an empty line not blank
    assert render(raw, removed, None, odd_blank) == _render_reference(raw, removed, None, odd_blank)
