"""HTML input, first half: decoding, parsing whatever comes in, and cutting pages into blocks."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from cleaner.html import looks_like_html
from cleaner.html.charset import decode_html, sniff_encoding
from cleaner.html.parse import parse_html
from cleaner.html.segment import segment
from cleaner.html.selectors import SelectorIndex, compile_selector

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"


def blocks_of(html: str):
    return segment(parse_html(html)).blocks


def texts_of(html: str) -> list[str]:
    return [b.text for b in blocks_of(html)]


# -- segmentation ----------------------------------------------------------------------
def test_blocks_are_headings_paragraphs_items_captions_quotes_rows_and_pre():
    html = """<body><h1>Title here</h1><p>First <b>bold</b> paragraph.</p>
    <ul><li>one</li><li>two <a href="/x">link</a></li></ul>
    <figure><img src="a.jpg"><figcaption>A caption</figcaption></figure>
    <blockquote>A quote</blockquote><table><tr><td>a</td><td>b</td></tr><tr><th>c</th><td>d</td></tr></table>
    <pre>line 1
line 2</pre><div>Loose text in a div</div></body>"""
    got = [(b.kind, b.lines) for b in blocks_of(html)]
    assert got == [
        ("h1", ["Title here"]), ("p", ["First bold paragraph."]), ("li", ["one"]), ("li", ["two link"]),
        ("figcaption", ["A caption"]), ("blockquote", ["A quote"]), ("tr", ["a | b"]), ("tr", ["c | d"]),
        ("pre", ["line 1", "line 2"]), ("div", ["Loose text in a div"]),
    ]


def test_block_context_link_density_and_container_path():
    seg = segment(parse_html('<body><div class="story" id="main"><p>Read <a href="/a">this link</a> now</p></div></body>'))
    (block,) = seg.blocks
    assert block.chars == len("Read this link now")
    assert abs(block.link_chars - len("this link")) <= 1  # measured without whitespace, then scaled
    assert 0.4 < block.link_density < 0.6
    tags = [seg.nodes[n].tag for n in block.anc]
    assert tags == ["body", "div", "p"]
    assert seg.nodes[block.anc[1]].cls == "story main"


def test_br_breaks_lines_and_double_br_breaks_blocks():
    assert [b.lines for b in blocks_of("<p>one<br>two<br><br>three</p>")] == [["one", "two"], ["three"]]


def test_items_of_one_list_share_a_group_and_whitespace_is_collapsed():
    blocks = blocks_of("<ul><li>  a\n  b </li><li>c</li></ul><ul><li>d</li></ul>")
    assert [b.text for b in blocks] == ["a b", "c", "d"]
    assert blocks[0].group == blocks[1].group != blocks[2].group


def test_scripts_styles_templates_and_hidden_elements_leave_no_text():
    text = " ".join(texts_of((FIXTURES / "article_page.html").read_text(encoding="utf-8")))
    for marker in ("SCRIPT TEXT", "NOSCRIPT TEXT", "TEMPLATE TEXT", "HIDDEN ATTRIBUTE", "ARIA HIDDEN",
                   "DISPLAY NONE", "font-family"):
        assert marker not in text
    assert "The city council approved a budget" in text


def test_tail_text_after_a_skipped_element_is_kept():
    assert texts_of("<p>before <script>x()</script>after <span hidden>no</span>end</p>") == ["before after end"]


def test_a_stripped_element_reads_without_its_scripts_and_the_rest_of_the_page_keeps_them_out():
    html = ('<body><aside class="promo">Deal <script>track()</script>of the day<style>p{}</style>!</aside>'
            '<p>Body <noscript>NOSCRIPT</noscript>text<svg><text>SVG</text></svg> goes on.</p></body>')
    seg = segment(parse_html(html), SelectorIndex([(compile_selector(css="aside.promo"), "strip-rule")]))
    assert [(b.text, b.strip) for b in seg.blocks] == [("Deal of the day!", "strip-rule"), ("Body text goes on.", None)]


def test_forms_go_unless_they_hold_the_article():
    assert texts_of('<form><label>Email</label><input></form><p>Body text.</p>') == ["Body text."]
    page = "<form id='aspnetForm'>" + "".join(f"<p>Paragraph {i} of the story.</p>" for i in range(4)) + "</form>"
    assert len(texts_of(page)) == 4


# -- broken markup ---------------------------------------------------------------------
@pytest.mark.parametrize("html", [
    "", "   ", "<!-- only a comment -->", "plain text, no tags", "<p>unclosed <b>bold <i>italic",
    "<div><p>a</div></p>b</span></html>", "<<<>>>", "<p>\x00nul\x00</p>", "<html><body>" * 50,
    '<?xml version="1.0" encoding="iso-8859-1"?><html><body><p>xml declaration</p></body></html>',
    "<p>" + "<div>" * 3000 + "deep" + "</div>" * 3000,
    "<table><tr><td>cell<td>cell<tr><td>row", "<p>caf\udcff surrogate</p>",
])
def test_broken_markup_never_crashes(html):
    blocks = blocks_of(html)
    assert isinstance(blocks, list)


def test_broken_markup_keeps_its_text():
    assert " ".join(texts_of("<p>unclosed <b>bold <i>italic")) == "unclosed bold italic"
    assert texts_of("plain text, no tags") == ["plain text, no tags"]


# -- charset detection -----------------------------------------------------------------
def test_meta_charset_is_honoured():
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Gr\xfc\xdfe aus K\xf6ln</p></body></html>'
    text, codec = decode_html(html.encode("latin-1"))
    assert "Grüße aus Köln" in text
    assert codec == "cp1252"  # browsers read latin1 labels as windows-1252


def test_http_equiv_content_type_is_honoured():
    html = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251"></head>'
            '<body><p>Привет, мир</p></body></html>')
    text, codec = decode_html(html.encode("cp1251"))
    assert "Привет, мир" in text
    assert codec == "cp1251"


@pytest.mark.parametrize("bom_codec", ["utf-8", "utf-16-le", "utf-16-be"])
def test_byte_order_mark_wins_over_the_declaration(bom_codec):
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Ärger über Öl</p></body></html>'
    bom = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}[bom_codec]
    text, codec = decode_html(bom + html.encode(bom_codec))
    assert codec == bom_codec
    assert "Ärger über Öl" in text
    assert not text.startswith("\ufeff")


def test_valid_utf8_beats_a_wrong_single_byte_declaration():
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Grüße</p></body></html>'
    assert sniff_encoding(html.encode("utf-8")) == ("utf-8", "utf-8")


def test_undeclared_legacy_bytes_are_detected():
    body = "Der Bürgermeister äußerte sich über die Straßenbahn und die Öffnungszeiten. " * 5
    text, codec = decode_html(f"<html><body><p>{body}</p></body></html>".encode("cp1252"))
    assert "Bürgermeister äußerte" in text
    assert codec not in ("utf-8",)


def test_undecodable_bytes_never_raise():
    data = b'<html><head><meta charset="utf-8"></head><body><p>ok \xff\xfe\xc3 broken</p></body></html>'
    text, codec = decode_html(data)
    assert codec == "utf-8"
    assert "ok" in text and "\ufffd" in text


def test_unknown_declared_charset_falls_back_to_detection():
    text, _ = decode_html(b'<meta charset="no-such-charset"><p>plain ascii</p>')
    assert "plain ascii" in text


# -- sniffing -------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
    ("<html><p>x</p></html>", True),
    ("<p>First paragraph.</p><p>Second paragraph.</p><p>Third.</p>", True),
    ("A plain article.\n\nWith two paragraphs and no markup.", False),
    ("He wrote that 3 < 4 and 5 > 2, and used <b> once.", False),
    (b"<!doctype html><html><body>bytes</body></html>", True),
])
def test_looks_like_html(text, expected):
    assert looks_like_html(text) is expected
