"""HTML input, second half: the article found without a site pack, metadata, and the API."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import cleaner as cleaner_module
from cleaner import InputError, apply_removals
from cleaner.html.extract import HtmlResult
from cleaner.html.metadata import clean_author, iso_date
from conftest import SHARED

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
ARTICLE = (FIXTURES / "article_page.html").read_text(encoding="utf-8")
SOUP = (FIXTURES / "div_soup.html").read_text(encoding="utf-8")
BENCHMARK = SHARED / "data" / "scrapinghub"

TEASERS = """<html><body><div class="page">
<div class="col">
<h1>Bridge reopens after two years of repairs</h1>
<p>The old river bridge reopened to traffic on Friday morning, two years after engineers found cracks in its pillars during a routine inspection.</p>
<p>The repairs cost 40 million euros, twice the first estimate, because the damage turned out to be worse than expected once work had begun.</p>
<p>Commuters welcomed the reopening, which cuts the drive between the two halves of the city by up to twenty minutes at rush hour.</p>
</div>
<div class="col">
<div class="grid">
<div class="item"><h3><a href="/1">Tram strike called off at the last minute</a></h3><div>Unions and the city reached an agreement late on Thursday night, ending a dispute over pay.</div></div>
<div class="item"><h3><a href="/2">New stadium plans unveiled by the club</a></h3><div>The club wants to build a stadium for forty thousand fans on the site of the old freight station.</div></div>
<div class="item"><h3><a href="/3">Museum night draws record crowds again</a></h3><div>More than sixty thousand visitors went to the city's museums, which stayed open until two in the morning.</div></div>
<div class="item"><h3><a href="/4">Heat wave expected for the weekend</a></h3><div>Temperatures could reach thirty-five degrees on Sunday, and the city has opened public cooling centres.</div></div>
</div></div></div></body></html>"""


@pytest.fixture(scope="module")
def article(cleaner):
    return cleaner.clean_and_explain(ARTICLE, url="https://www.gazette.example/parks")


# -- generic main content --------------------------------------------------------------
def test_generic_main_content_keeps_the_story_in_order(article):
    paragraphs = article.paragraphs()
    assert paragraphs[0] == "Council approves new budget for city parks"
    assert paragraphs[1].startswith("The city council approved a budget of 12 million euros")
    assert "What happens next" in paragraphs
    assert paragraphs[-1] == "Central Park: new playground and lighting\nRiver Park: two hundred new trees"


@pytest.mark.parametrize("cruft", [
    "Sport", "Facebook", "The central park in spring", "School roof repairs", "Great news for families",
    "Weather warning", "Imprint", "Your email", "By Jane Doe",
])
def test_generic_main_content_drops_nav_sidebar_comments_and_teasers(article, cruft):
    assert cruft not in article.text


def test_div_soup_without_semantic_markup(cleaner):
    result = cleaner.clean_and_explain(SOUP)
    assert result.paragraphs()[0] == "Storm closes schools across the region"
    assert "Heavy storms forced" in result.text and "calmer conditions from Tuesday night" in result.text
    for cruft in ("Home | Local", "Ten places to visit", "parent123", "All rights reserved"):
        assert cruft not in result.text
    assert {r.rule_id for r in result.removals} == {"HTML-MAIN-001"}
    assert apply_removals(result.source, result.removals) == result.text


def test_teaser_cards_with_excerpts_are_not_the_article(cleaner):
    result = cleaner.clean_and_explain(TEASERS)
    assert "Commuters welcomed the reopening" in result.text
    for cruft in ("Tram strike", "Unions and the city", "forty thousand fans", "cooling centres"):
        assert cruft not in result.text


def test_a_list_of_linked_items_that_is_the_article_stays(cleaner):
    items = "".join(f"<li><a href='/{i}'>Item {i} of the digest</a> explains, in one long sentence, what happened "
                    f"to story number {i} today and why readers should care about it.</li>" for i in range(8))
    html = f"<html><body><nav><a href='/'>Home</a></nav><article><h1>Ten things to know today</h1>" \
           f"<p>Good morning! This is what you need to know.</p><ol>{items}</ol></article></body></html>"
    result = cleaner.clean_and_explain(html)
    assert all(f"story number {i} today" in result.text for i in range(8))


def test_page_without_prose_gives_no_article(cleaner):
    html = "<html><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav><div><a href='/c'>Next</a></div></body></html>"
    result = cleaner.clean_and_explain(html)
    assert result.text == ""
    assert apply_removals(result.source, result.removals) == ""


# -- metadata ------------------------------------------------------------------------
def test_metadata_from_markup(article):
    assert isinstance(article, HtmlResult)
    assert article.title == "Council approves new budget for city parks"
    assert article.date == "2024-03-05"
    assert article.author == "Jane Doe"
    assert article.lang == "en"
    assert article.site == "www.gazette.example"
    assert article.metadata_rules == {"title": "HTML-TITLE-001", "date": "HTML-DATE-001",
                                      "author": "HTML-AUTHOR-META-001"}


def test_title_prefers_h1_and_strips_site_names(cleaner):
    html = "<html><head><title>Storm hits the coast hard | Daily Example</title></head><body><p>x</p></body></html>"
    assert cleaner.clean_and_explain(html).title == "Storm hits the coast hard"
    html = ("<html><head><meta property='og:title' content='Storm hits the coast hard - Daily Example'></head>"
            "<body><h1>Storm hits the coast hard</h1><p>Text.</p></body></html>")
    assert cleaner.clean_and_explain(html).title == "Storm hits the coast hard"


def test_date_from_json_ld_and_time_element(cleaner):
    ld = ('<html><head><script type="application/ld+json">{"@graph": [{"@type": "WebPage"}, '
          '{"@type": "NewsArticle", "datePublished": "2019-11-19T08:57:00Z"}]}</script></head><body><p>x</p></body></html>')
    assert cleaner.clean_and_explain(ld).date == "2019-11-19"
    tm = '<html><body><time datetime="2021-02-03T10:00">3 Feb</time><p>x</p></body></html>'
    assert cleaner.clean_and_explain(tm).date == "2021-02-03"


@pytest.mark.parametrize("value,expected", [
    ("2019-11-19T08:57:00+01:00", "2019-11-19"), ("2019/1/5", "2019-01-05"), ("05.03.2024", "2024-03-05"),
    ("November 19, 2019", "2019-11-19"), ("19 novembre 2019", "2019-11-19"), ("20191119", "2019-11-19"),
    ("yesterday", None), ("2019-13-45", None),
])
def test_iso_date(value, expected):
    assert iso_date(value) == expected


@pytest.mark.parametrize("value,expected", [
    ("By Jane Doe", "Jane Doe"), ("by Bryan DeArdo @BryanDeArdo Nov 18, 2019 at 9:24 pm", "Bryan DeArdo"),
    ("https://www.example.com/people/jane", None), ("Jane Doe | Staff writer", "Jane Doe"), ("   ", None),
])
def test_author_is_a_name_not_a_byline(value, expected):
    assert clean_author(value) == expected


# -- API --------------------------------------------------------------------------------
def test_auto_detects_html_and_text(cleaner):
    assert isinstance(cleaner.clean_and_explain(ARTICLE), HtmlResult)
    text = "Council approves budget\n\nThe council approved the budget on Tuesday."
    result = cleaner.clean_and_explain(text)
    assert not isinstance(result, HtmlResult)
    assert result.text == text


def test_input_format_forces_the_reading(cleaner):
    snippet = "<p>Shown literally</p>"
    assert cleaner.clean(snippet, input_format="text") == snippet
    assert cleaner.clean(snippet, input_format="html") == "Shown literally"
    with pytest.raises(InputError):
        cleaner.clean(snippet, input_format="xml")


def test_bytes_are_html_with_charset_detection(cleaner):
    html = '<html><head><meta charset="windows-1252"></head><body><p>Caf\xe9 owners say the city\'s new rules ' \
           'are unfair, and they want the council to listen.</p></body></html>'
    result = cleaner.clean_and_explain(html.encode("cp1252"), input_format="html")
    assert "Café owners" in result.text
    assert result.encoding == "cp1252"
    auto = cleaner.clean_and_explain(html.encode("cp1252"))
    assert auto.text == result.text


def test_module_level_functions_take_input_format():
    assert cleaner_module.clean("<p>Hello there.</p>", input_format="html") == "Hello there."
    result = cleaner_module.clean_and_explain("<p>Hello there.</p>", input_format="html", url="https://a.example/x")
    assert result.site == "a.example"


def test_published_date_is_used_when_the_page_has_none(cleaner):
    from datetime import date

    result = cleaner.clean_and_explain("<p>Text without a date.</p>", input_format="html", published=date(2020, 1, 2))
    assert result.date == "2020-01-02"


def test_text_input_is_not_parsed_as_html(cleaner, monkeypatch):
    import cleaner.html.extract as extract

    def boom(*args, **kwargs):
        raise AssertionError("HTML path used for text")

    monkeypatch.setattr(extract.HtmlExtractor, "clean", boom)
    cleaner.clean_and_explain("Just text.\n\nMore text < with a bracket.")


# -- the benchmark pages (only where the shared data is present) ----------------------
@pytest.mark.skipif(not (BENCHMARK / "ground-truth.json").is_file(), reason="shared benchmark data not present")
def test_benchmark_pages_clean_and_replay(cleaner):
    truth = json.loads((BENCHMARK / "ground-truth.json").read_text(encoding="utf-8"))
    for key in sorted(truth)[:12]:
        data = gzip.decompress((BENCHMARK / "html" / f"{key}.html.gz").read_bytes())
        result = cleaner.clean_and_explain(data, url=truth[key]["url"], input_format="html")
        assert apply_removals(result.source, result.removals) == result.text
        gold_words = set(truth[key]["articleBody"].split()[:40])
        assert len(gold_words & set(result.text.split())) >= 0.7 * len(gold_words), key
