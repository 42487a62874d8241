"""Generic main-content detection on page shapes seen on real news sites (no site pack)."""

from __future__ import annotations

from cleaner import apply_removals

PARAGRAPHS = [
    "The grill reaches eight hundred degrees within five minutes, which is twice as hot as an ordinary gas grill.",
    "Its ceramic burner sits at the top, so fat cannot drip onto the flame and the meat never tastes of smoke.",
    "In our test the steak came out medium inside with a dark crust, after a minute and a half on each side.",
    "Only three pieces of meat fit on the rack at once, so the grill is best used next to an ordinary one.",
    "The box also holds a pizza stone, a fat tray and a gas hose; only the gas bottle has to be bought apart.",
    "At its price of 149 euros it costs a fifth of the original it copies, and it sold out within minutes.",
]


def _sections(cls: str) -> str:
    return "".join(f'<section class="{cls} part-{i}"><h2>Part {i}</h2><p>{p}</p></section>'
                   for i, p in enumerate(PARAGRAPHS))


def test_sections_sharing_a_cruft_sounding_name_are_the_article(cleaner):
    # A CMS names every section of the article "...--ads" (a section that may hold an ad
    # slot): together they hold the article, so the name is a naming scheme, not cruft.
    page = f"""<html><body><nav><a href="/">Home</a></nav>
    <main><article class="testreport"><h1>Discount grill tested</h1>
    {_sections("report__section report__section--ads")}</article>
    <div class="sidebar"><p>Our newsletter brings you the best deals of the week, every Friday morning, for free.</p></div>
    </main></body></html>"""
    result = cleaner.clean_and_explain(page)
    for p in PARAGRAPHS:
        assert p in result.text
    assert "best deals of the week" not in result.text
    assert apply_removals(result.source, result.removals) == result.text


def test_one_cruft_named_box_beside_the_article_still_counts_against(cleaner):
    # Only sibling containers sharing a name, holding most of the prose together, are let off:
    # a single promo box with prose of its own still goes.
    promo = ("Subscribe now and read every test report of our magazine for three months at half the "
             "usual price, cancel at any time.")
    page = f"""<html><body><article><h1>Discount grill tested</h1>
    {"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}
    <div class="promo-box"><p>{promo}</p></div></article></body></html>"""
    result = cleaner.clean_and_explain(page)
    assert PARAGRAPHS[0] in result.text and PARAGRAPHS[-1] in result.text
    assert "Subscribe now" not in result.text


BODY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def test_an_author_bio_box_in_the_article_goes(cleaner):
    # Class names written in camelCase reach the detector lower-cased ("authorcontainer"):
    # "author" counts wherever it occurs in a name.
    page = f"""<html><body><article><h1>Discount grill tested</h1>
    <section class="body article-body">
    <section class="authors"><div class="authorContainer"><div class="authorPopup">
    <div class="info"><div>Jane Roe</div><p>Jane Roe joined the paper in 2001 after journalism school and has
    written about consumer goods, food and household technology ever since.</p></div></div></div></section>
    {BODY}</section></article></body></html>"""
    result = cleaner.clean_and_explain(page)
    assert PARAGRAPHS[0] in result.text and PARAGRAPHS[-1] in result.text
    assert "joined the paper" not in result.text


def test_a_subheading_whose_id_sounds_like_cruft_stays(cleaner):
    # A heading's id is an anchor made from its text for a table of contents.
    page = f"""<html><body><article><h1>Discount grill tested</h1><div class="article-content">
    {BODY[:len(BODY) // 2]}<h3 class="subheading" id="nav_shredder_not_oven__0">Shredder instead of oven</h3>
    {BODY[len(BODY) // 2:]}</div></article></body></html>"""
    result = cleaner.clean_and_explain(page)
    assert "Shredder instead of oven" in result.text


def test_a_promo_box_of_a_synopsis_and_linked_titles_goes(cleaner):
    # The linked titles are teaser cards (dropped on their own); the synopsis beside them
    # is the rest of a link box, and goes with it.
    titles = ["The refrigerant thriller", "Electric cars on the way to a green battery",
              "Exoskeletons: much strength, much strain?", "Focus on machine learning: drop by drop",
              "A visit to the body factory", "Work life: flow on demand", "Machine learning in the wild"]
    box = ('<div class="inline-box"><div class="inline-box__content"><p class="synopsis">This piece comes from '
           'issue 7/2019 of our magazine, on sale from June 20 at newsagents and in our shop. Highlights:</p><ul>'
           + "".join(f'<li class="item"><a href="/m{i}">{t}</a></li>' for i, t in enumerate(titles))
           + "</ul></div></div>")
    page = f"""<html><body><article><h1>Discount grill tested</h1><div class="article-content">
    {box}{BODY}</div></article></body></html>"""
    result = cleaner.clean_and_explain(page)
    assert PARAGRAPHS[0] in result.text and PARAGRAPHS[-1] in result.text
    assert "This piece comes from" not in result.text and "refrigerant" not in result.text


LEAD = "A discount grill for 149 euros promises steaks as good as those from a grill five times its price."


def _header_page(lead_cls: str, lead_tag: str = "h2", before_title: bool = False) -> str:
    lead = f'<{lead_tag} class="{lead_cls}">{LEAD}</{lead_tag}>'
    header = (f'{lead}<h1>Discount grill tested</h1>' if before_title else f'<h1>Discount grill tested</h1>{lead}')
    return f"""<html><body><article><header class="article-header">{header}
    <div class="article-header-date">05/08/2019</div><div class="byline">By Jane Roe</div></header>
    <div class="article-body">{BODY}</div></article>
    <div class="sidebar"><p>The newsletter brings you the best deals of the week, every Friday morning.</p></div>
    </body></html>"""


def test_the_lead_in_the_article_header_is_kept(cleaner):
    for cls, tag in (("article-header-leadText", "h2"), ("a-article-header__lead", "p")):
        result = cleaner.clean_and_explain(_header_page(cls, tag))
        assert LEAD in result.text, cls
        assert result.text.index(LEAD) < result.text.index(PARAGRAPHS[0])
        assert "05/08/2019" not in result.text and "best deals" not in result.text


def test_only_a_lead_named_block_after_the_headline_is_a_lead(cleaner):
    assert LEAD not in cleaner.clean_and_explain(_header_page("article-header-kicker")).text
    assert LEAD not in cleaner.clean_and_explain(_header_page("article-header-leadText", before_title=True)).text


def test_a_dek_in_a_related_box_is_not_the_lead(cleaner):
    page = _header_page("article-header-leadText").replace(
        '<div class="article-header-date">',
        f'<div class="related-content"><p class="dek">{LEAD.replace("grill", "oven")}</p></div>'
        '<div class="article-header-date">')
    result = cleaner.clean_and_explain(page)
    assert LEAD in result.text and LEAD.replace("grill", "oven") not in result.text
