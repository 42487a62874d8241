"""The strip-rule guard (cleaner/html/guard.py): a strip rule never removes the element
holding the page's article, but still removes comment sections and teaser rails that
are made of many small <article>s."""

from __future__ import annotations

from lxml import html as lxml_html

from cleaner import apply_removals
from cleaner.html.guard import holds_page_article

STORY = [
    "The city council voted on Tuesday evening to close the old harbour bridge to cars from next spring.",
    "Engineers had warned for years that the steel beams were rusting faster than the council could pay to repair them.",
    "Cyclists and pedestrians will still be able to cross, and a ferry will run every twenty minutes at rush hour.",
    "The mayor said a new bridge would be built within five years if the regional government pays half of its cost.",
]
STORY_HTML = "".join(f"<p>{s}</p>" for s in STORY)

# The whole content column built as an <aside> around the article (seen on a real site),
# beside a real sidebar that must still go.
ASIDE_COLUMN = f"""<html><body>
<nav><a href="/">Home</a> <a href="/city">City</a></nav>
<aside class="content-column"><article><h1>Harbour bridge to close to cars</h1>{STORY_HTML}
<figure><img src="b.jpg"><figcaption>The harbour bridge at dusk. Photo: City archive</figcaption></figure>
</article></aside>
<aside class="sidebar"><h3>Most read</h3><p>Zoo welcomes two baby elephants born in the same week.</p></aside>
</body></html>"""

COMMENT = ("I cross this bridge every single day on my way to work and I really think the council waited "
           "far too long before doing anything about it, number {i}.")
COMMENTS = f"""<html><body>
<article><h1>Harbour bridge to close to cars</h1>{STORY_HTML}</article>
<section id="comments"><h2>Comments</h2>
{''.join(f'<article class="c"><p>{COMMENT.format(i=i)}</p></article>' for i in range(8))}
</section></body></html>"""

CARD = ("<article class='card'><h3><a href='/s{i}'>Another story from the city, number {i}</a></h3>"
        "<p>A short excerpt of another story that this newspaper published today, about something "
        "else entirely, number {i}.</p></article>")
RAIL = f"""<html><body>
<article><h1>Harbour bridge to close to cars</h1>{STORY_HTML}</article>
<aside class="rail"><h2>More news</h2>{''.join(CARD.format(i=i) for i in range(6))}</aside>
</body></html>"""


def _element(page: str, xpath: str):
    return lxml_html.fromstring(page).xpath(xpath)[0]


def test_an_aside_around_the_article_holds_it():
    assert holds_page_article(_element(ASIDE_COLUMN, "//aside[@class='content-column']"))
    assert not holds_page_article(_element(ASIDE_COLUMN, "//aside[@class='sidebar']"))


def test_an_aside_wrapping_the_article_keeps_its_text(cleaner):
    result = cleaner.clean_and_explain(ASIDE_COLUMN)
    for sentence in STORY:
        assert sentence in result.text
    # Inside the kept column the strip rules still apply, and the real sidebar still goes.
    assert "Photo: City archive" not in result.text
    assert "baby elephants" not in result.text
    assert "HTML-ASIDE-001" in {r.rule_id for r in result.removals}
    assert apply_removals(result.source, result.removals) == result.text


def test_a_comment_section_of_small_articles_is_still_stripped(cleaner):
    # The comments hold most of the page's paragraph text, but no one <article> in them much.
    section = _element(COMMENTS, "//section[@id='comments']")
    assert not holds_page_article(section)
    result = cleaner.clean_and_explain(COMMENTS)
    assert STORY[0] in result.text and STORY[-1] in result.text
    assert "I cross this bridge" not in result.text
    assert "HTML-COM-001" in {r.rule_id for r in result.removals}


def test_a_teaser_rail_of_article_cards_is_still_stripped(cleaner):
    rail = _element(RAIL, "//aside")
    assert not holds_page_article(rail)
    result = cleaner.clean_and_explain(RAIL)
    assert STORY[1] in result.text
    assert "Another story from the city" not in result.text and "short excerpt" not in result.text
    assert "HTML-ASIDE-001" in {r.rule_id for r in result.removals}


def test_a_page_with_little_text_protects_nothing():
    page = "<html><body><aside><article><p>Short note.</p></article></aside></body></html>"
    assert not holds_page_article(_element(page, "//aside"))


def test_the_page_is_counted_once_however_many_asides_hold_articles(cleaner, monkeypatch):
    # Counted again for every match, a comment widget of 2,000 <aside><article>s took
    # longer than a page's time budget.
    import cleaner.html.guard as guard

    roots: list[str] = []
    count = guard._paragraph_chars

    def counting(el):
        if el.getparent() is None:
            roots.append(el.tag)
        return count(el)

    monkeypatch.setattr(guard, "_paragraph_chars", counting)
    widget = "".join(f"<aside><article><p>{COMMENT.format(i=i)}</p></article></aside>" for i in range(50))
    page = f"<html><body><article><h1>Harbour bridge</h1>{STORY_HTML}</article>{widget}</body></html>"
    result = cleaner.clean_and_explain(page)
    assert roots == ["html"]
    assert STORY[0] in result.text and "I cross this bridge" not in result.text
