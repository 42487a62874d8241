"""Hostile HTML: deep nesting, element bombs and huge attributes end with the page's text
or a clear LimitError, never with a silently empty result (issue #7).

Speed is measured in benchmarks, not here: these tests run without a time budget (so a
loaded machine cannot fail them) and check what comes out; that the walk consults the
budget is checked with a deadline that has already passed.
"""

from __future__ import annotations

import time

import pytest

pytest.importorskip("lxml")

from cleaner import Cleaner, Config, Limits  # noqa: E402
from cleaner.errors import CleanerError, LimitError  # noqa: E402
from cleaner.html import parse as parse_mod  # noqa: E402
from cleaner.html import segment as segment_mod  # noqa: E402
from cleaner.html.parse import flatten_nesting, parse_html  # noqa: E402
from cleaner.html.segment import segment  # noqa: E402
from cleaner.limits import Deadline  # noqa: E402

BODY = "The council voted on Monday to approve the budget, and the mayor said it was a good day."
AFTER = "After the markup, the opposition said it would challenge the vote in court next week."
DEEP = 100_000


@pytest.fixture(scope="module")
def cleaner() -> Cleaner:
    return Cleaner(Config(limits=Limits(time_budget=None)))


def clean(cleaner: Cleaner, html: str) -> str:
    return cleaner.clean_and_explain(html, input_format="html").text


def depth_of(root) -> int:
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


# -- deep nesting ----------------------------------------------------------------------

@pytest.mark.parametrize("html", [
    "<html><body>" + "<div>" * DEEP + f"<p>{BODY}</p>" + "</div>" * DEEP + f"<p>{AFTER}</p></body></html>",
    "<html><body><p>" + "<span>" * DEEP + BODY + "</span>" * DEEP + f"</p><p>{AFTER}</p></body></html>",
    "<html><body>" + "<div><section><p><b>" * (DEEP // 4) + BODY
    + "</b></p></section></div>" * (DEEP // 4) + f"<p>{AFTER}</p></body></html>",
], ids=["divs", "spans", "mixed"])
def test_text_inside_100000_levels_of_nesting_is_kept(cleaner, html):
    text = clean(cleaner, html)
    assert BODY in text
    assert AFTER in text  # libxml2 alone drops everything after its 2,048-level limit


def test_unclosed_nesting_keeps_the_text(cleaner):
    html = "<html><body>" + "<div>" * DEEP + f"<p>{BODY}</p><p>{AFTER}</p></body></html>"
    text = clean(cleaner, html)
    assert BODY in text and AFTER in text


def test_deep_page_is_parsed_below_libxml2s_limit_with_all_text():
    root = parse_html("<html><body>" + "<div>" * 5000 + f"<p>{BODY}</p>" + "</div>" * 5000 + "</body></html>")
    assert depth_of(root) <= parse_mod.MAX_NESTING + 3  # html, body and the p
    assert BODY in "".join(root.itertext())


def test_nesting_within_the_limit_is_left_as_it_is():
    html = "<div>" * 300 + "<p>x</p>" + "</div>" * 300
    assert flatten_nesting(html) == html


def test_flattening_drops_only_the_tags_below_the_limit():
    html = '<div id="a"><section><p>one <b>two</b> three</p></section></div><p>four</p>'
    flat = flatten_nesting(html, limit=2)
    assert flat.startswith('<div id="a"><section>') and flat.endswith("</section></div><p>four</p>")
    assert "<p>" not in flat[:flat.index("</section>")] and "<b>" not in flat
    assert "one two three" in flat  # inline tags vanish, words stay apart


def test_flattening_is_linear_when_tags_never_close():
    # '<a ' a million times with no '>' after it: one scan, no search per '<' to the end.
    html = "<div>" * 3000 + "<a " * 1_000_000
    assert flatten_nesting(html).endswith("<a <a ")


def test_void_and_self_closing_elements_do_not_deepen():
    html = "<div>" + "<br><img src=x><hr/>" * 5000 + "<p>x</p></div>"
    assert flatten_nesting(html, limit=2) == html


# -- element bombs -----------------------------------------------------------------------

def test_millions_of_tags_are_refused_before_parsing(cleaner):
    html = f"<html><body><p>{BODY}</p>" + "<i></i>" * 2_000_000 + "</body></html>"
    with pytest.raises(LimitError, match=r"4,000,00\d tags"):
        clean(cleaner, html)


def test_refusal_is_a_cleaner_error_in_a_batch_record(cleaner):
    html = "<html><body>" + "<p>" * (parse_mod.MAX_TAGS + 1) + "</body></html>"
    with pytest.raises(CleanerError, match="HTML bomb"):
        clean(cleaner, html)


def test_many_formatting_elements_are_dropped_and_the_text_kept(cleaner, monkeypatch):
    monkeypatch.setattr(segment_mod, "MANY_ELEMENTS", 1_000)
    monkeypatch.setattr(segment_mod, "MAX_ELEMENTS", 2_000)
    html = f"<html><body><p>{BODY}</p>" + "<i></i><b> </b>" * 5_000 + f"<p>{AFTER}</p></body></html>"
    text = clean(cleaner, html)
    assert BODY in text and AFTER in text


def test_too_many_block_elements_is_a_limit_error(cleaner, monkeypatch):
    monkeypatch.setattr(segment_mod, "MANY_ELEMENTS", 1_000)
    monkeypatch.setattr(segment_mod, "MAX_ELEMENTS", 2_000)
    html = f"<html><body><p>{BODY}</p>" + "<div></div>" * 5_000 + "</body></html>"
    with pytest.raises(LimitError, match=r"5,00\d elements"):
        clean(cleaner, html)


def test_at_the_default_limits_300000_empty_divs_end_in_a_limit_error(cleaner):
    html = f"<html><body><p>{BODY}</p>" + "<div></div>" * 300_000 + "</body></html>"
    with pytest.raises(LimitError, match="elements"):
        clean(cleaner, html)


def test_the_walk_checks_the_deadline():
    root = parse_html("<html><body>" + "<p>x</p>" * 40_000 + "</body></html>")
    deadline = Deadline(0.001)
    time.sleep(0.01)
    with pytest.raises(LimitError, match="time budget"):
        segment(root, None, deadline)


# -- huge attributes ---------------------------------------------------------------------

def test_a_15_mb_class_attribute_keeps_the_text(cleaner):
    html = f'<html><body><p>{BODY}</p><div class="{"a" * 15_000_000}"><p>{AFTER}</p></div></body></html>'
    text = clean(cleaner, html)
    assert BODY in text and AFTER in text


def test_a_50_mb_attribute_is_over_the_default_size_limit(cleaner):
    html = f'<html><body><p>{BODY}</p><div title="{"a " * 25_000_000}"><p>{AFTER}</p></div></body></html>'
    with pytest.raises(LimitError, match="max_document_chars"):
        clean(cleaner, html)


def test_a_50_mb_attribute_with_the_size_limit_raised_keeps_the_text():
    big = Cleaner(Config(limits=Limits(time_budget=None, max_document_chars=60_000_000)))
    html = f'<html><body><p>{BODY}</p><div style="{"color:red;" * 5_000_000}"><p>{AFTER}</p></div></body></html>'
    text = big.clean_and_explain(html, input_format="html").text
    assert BODY in text and AFTER in text
