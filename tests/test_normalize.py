"""Normalization for matching: invisible characters, odd spaces, look-alike letters; output keeps the article's characters."""

from __future__ import annotations

from cleaner.normalize import align_to_raw, normalize_lines, split_lines


def test_invisible_and_space_variants_are_normalized():
    lines = normalize_lines(["An\u00adzeige\u00a0", "Wer\u200bbung", "Lesen\u202fSie\tauch", "  a   b  "])
    assert lines == ["Anzeige", "Werbung", "Lesen Sie auch", "a b"]


def test_lookalike_letters_are_mapped_only_in_mixed_script_words():
    assert normalize_lines(["\u0410nzeige"]) == ["Anzeige"]  # Cyrillic А in a Latin word
    assert normalize_lines(["Реклама и новости"]) == ["Реклама и новости"]  # Russian text untouched


def test_nfc_composition():
    assert normalize_lines(["Cafe\u0301"]) == ["Café"]


def test_line_breaks_of_every_kind_split_one_for_one():
    assert split_lines("a\r\nb\rc\nd") == ["a", "b", "c", "d"]
    raw = ["x\u00ady", "", "z"]
    assert len(normalize_lines(raw)) == len(raw)


def test_spans_map_back_to_raw_characters():
    raw = "Kim im\u00a0Fernsehen  (Bild:\u00a0AP)"
    norm = normalize_lines([raw])[0]
    start = norm.index("(Bild")
    span = align_to_raw(raw, norm, (start, len(norm)))
    assert span is not None and raw[span[0]:span[1]] == "(Bild:\u00a0AP)"
