"""Charset detection on page files (BOM, meta, XML declaration, detection, fallback) and
pages with broken markup or bytes going through the whole HTML cleaner without a crash."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner import Cleaner
from cleaner.html.charset import decode_html, sniff_encoding

CHARSET = Path(__file__).resolve().parent / "fixtures" / "html" / "charset"
GERMAN = "Grüße aus Köln: Bürger streiten über Straßennamen."


@pytest.mark.parametrize("name, how, codec", [
    ("meta_latin1.html", "declared", "cp1252"),           # latin-1 label read as windows-1252, as browsers do
    ("http_equiv_cp1251.html", "declared", "cp1251"),
    ("xml_decl_latin1.html", "declared", "cp1252"),
    ("bom_utf16le.html", "bom", "utf-16-le"),             # the BOM beats the meta declaration
    ("bom_utf8.html", "bom", "utf-8"),
    ("wrong_decl_utf8.html", "utf-8", "utf-8"),           # valid non-ASCII UTF-8 beats a single-byte label
])
def test_fixture_encodings_are_found(name, how, codec):
    assert sniff_encoding((CHARSET / name).read_bytes()) == (codec, how)


@pytest.mark.parametrize("name", ["meta_latin1.html", "xml_decl_latin1.html", "bom_utf16le.html",
                                  "bom_utf8.html", "wrong_decl_utf8.html"])
def test_fixture_text_decodes_without_mojibake(name):
    text, _ = decode_html((CHARSET / name).read_bytes())
    assert GERMAN in text
    assert "\ufeff" not in text and "Ã" not in text


def test_undeclared_legacy_page_is_detected_not_replaced():
    data = (CHARSET / "undeclared_cp1252.html").read_bytes()
    codec, how = sniff_encoding(data)
    assert how in ("detected", "fallback")
    text, _ = decode_html(data)
    assert "Bürgermeister" in text and "\ufffd" not in text


def test_cyrillic_page_decodes():
    text, _ = decode_html((CHARSET / "http_equiv_cp1251.html").read_bytes())
    assert "Привет, мир" in text


@pytest.fixture(scope="module")
def cleaner():
    return Cleaner()


@pytest.mark.parametrize("name", sorted(p.name for p in CHARSET.glob("*.html")))
def test_every_fixture_cleans_as_bytes_without_crashing(cleaner, name):
    result = cleaner.clean_and_explain((CHARSET / name).read_bytes(), input_format="html")
    assert isinstance(result.text, str)
    assert result.encoding


def test_broken_bytes_and_markup_keep_the_readable_text(cleaner):
    result = cleaner.clean_and_explain((CHARSET / "broken_bytes.html").read_bytes(), input_format="html")
    assert result.encoding == "utf-8"
    assert "broken unclosed tags" in result.source
