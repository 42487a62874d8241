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
