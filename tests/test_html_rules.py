"""HTML rules in packs: schema and loader errors, selectors, strip/body/title rules, explanations."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from cleaner import Cleaner, Config, RuleError, apply_removals
from cleaner.engine.loader import load_pack_text
from cleaner.html.examples import iter_html_checks, run_html_check
from cleaner.html.parse import parse_html
from cleaner.html.selectors import SelectorIndex, compile_selector

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "html"
_SHIPPED = Cleaner()
_CHECKS = list(iter_html_checks(r for p in _SHIPPED.rulebook.packs for r in p.html))

SITE_PACK = """\
pack: sites/gazette.example
hosts: [gazette.example]
lang: en
rules:
  - id: SITE-GAZETTE-001
    name: newsletter-teaser
    category: newsletter
    match: {exact: ["Get the Gazette every morning"]}
    action: drop-line
    doc: {what: The newsletter teaser line., why: A call to action.}
    examples: {drop: ["Get the Gazette every morning"], keep: ["The Gazette reported it first."]}
html:
  body:
    - id: SITE-GAZETTE-HTML-001
      name: article-body
      category: navigation
      css: 'div.article-body'
      doc: {what: The article body container., why: Everything else is the site around it.}
  strip:
    - id: SITE-GAZETTE-HTML-002
      name: inline-fact-box
      category: related
      css: '.fact-box'
      doc: {what: Fact boxes inside the body., why: They repeat figures from other stories.}
      examples:
        drop: ['<div class="fact-box">Fact: parks cover 12% of the city.</div>']
        keep: ['<p>Fact boxes are rare.</p>']
  title:
    - id: SITE-GAZETTE-HTML-003
      name: kicker-free-title
      xpath: '//h1[@class="headline"]'
      doc: {what: The headline element., why: The og:title carries a kicker.}
"""

SITE_PAGE = """<!DOCTYPE html><html><head><meta property="og:title" content="PARKS: Council approves budget">
</head><body><nav><a href="/">Home</a></nav>
<h1 class="headline">Council approves budget</h1>
<div class="teaser">Also today: traffic, weather and sport in a long teaser paragraph that reads like prose, really.</div>
<div class="article-body">
<p>The city council approved a budget of 12 million euros for public parks on Tuesday evening.</p>
<div class="fact-box">Fact: parks cover 12% of the city.</div>
<p>Get the Gazette every morning</p>
<p>Work on the first park is to begin in May, the mayor said after the vote.</p>
</div></body></html>"""


def write(tmp_path: Path, text: str, name: str = "pack.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# -- shipped html rules carry working examples ----------------------------------------
def _param(check):
    marks = [pytest.mark.xfail(strict=True, reason="known miss")] if check.known_miss else []
    return pytest.param(check, id=check.label, marks=marks)


@pytest.mark.parametrize("check", [_param(c) for c in _CHECKS])
def test_html_rule_example(check):
    ok, why = run_html_check(check)
    assert ok, why


def test_shipped_html_pack_has_strip_metadata_and_main_rules():
    roles = {r.role for p in _SHIPPED.rulebook.packs for r in p.html}
    assert {"strip", "title", "date", "author", "main"} <= roles
    assert len(_CHECKS) >= 20


# -- loading and errors ---------------------------------------------------------------
def test_site_pack_with_text_and_html_rules_loads(tmp_path):
    pack = load_pack_text(SITE_PACK, "gazette.yaml")
    assert [r.id for r in pack.rules] == ["SITE-GAZETTE-001"]
    assert [(r.role, r.id) for r in pack.html] == [
        ("body", "SITE-GAZETTE-HTML-001"), ("strip", "SITE-GAZETTE-HTML-002"), ("title", "SITE-GAZETTE-HTML-003")]
    assert pack.html[2].selector.kind == "xpath"


@pytest.mark.parametrize("selector,field", [
    ("css: 'div[[['", "css"), ("css: 'p::before'", "css"), ("xpath: '//div[@class='", "xpath"),
])
def test_invalid_selector_is_a_rule_error_naming_file_rule_and_field(selector, field):
    text = f"""\
pack: sites/bad.example
hosts: [bad.example]
html:
  strip:
    - id: SITE-BAD-HTML-001
      name: broken
      category: ads
      {selector}
      doc: {{what: x, why: y}}
      examples: {{drop: ['<p>x</p>'], keep: ['<p>y</p>']}}
"""
    with pytest.raises(RuleError) as info:
        load_pack_text(text, "bad.yaml")
    err = info.value
    assert err.file == "bad.yaml" and err.rule_id == "SITE-BAD-HTML-001" and err.field == field
    assert "bad.yaml" in str(err) and "SITE-BAD-HTML-001" in str(err)
    assert err.line == 5


@pytest.mark.parametrize("body,field", [
    ("css: 'aside'\n      doc: {what: x, why: y}\n      examples: {drop: ['<aside>a</aside>'], keep: ['<p>b</p>']}",
     "category"),
    ("category: ads\n      doc: {what: x, why: y}\n      examples: {drop: ['<p>a</p>'], keep: ['<p>b</p>']}", "css"),
    ("category: ads\n      css: 'aside'\n      doc: {what: x, why: y}\n      examples: {keep: ['<p>b</p>']}",
     "examples.drop"),
    ("category: ads\n      css: 'aside'\n      xpath: '//aside'\n      doc: {what: x, why: y}\n"
     "      examples: {drop: ['<aside>a</aside>'], keep: ['<p>b</p>']}", "xpath"),
    ("category: nonsense\n      css: 'aside'\n      doc: {what: x, why: y}", "category"),
    ("category: ads\n      css: 'aside'\n      selector: 'aside'\n      doc: {what: x, why: y}", None),
])
def test_html_rule_shape_errors_are_located(body, field):
    text = f"pack: sites/bad.example\nhosts: [bad.example]\nhtml:\n  strip:\n    - id: SITE-BAD-HTML-002\n      name: x\n      {body}\n"
    with pytest.raises(RuleError) as info:
        load_pack_text(text, "bad.yaml")
    assert info.value.rule_id == "SITE-BAD-HTML-002"
    if field:
        assert info.value.field == field


def test_unknown_html_role_is_rejected():
    with pytest.raises(RuleError, match="footer"):
        load_pack_text("pack: x/y\nhtml:\n  footer: []\n", "bad.yaml")


def test_html_rule_ids_must_be_unique_across_packs(tmp_path):
    write(tmp_path, SITE_PACK, "a.yaml")
    write(tmp_path, SITE_PACK.replace("pack: sites/gazette.example", "pack: sites/other.example")
          .replace("SITE-GAZETTE-001", "SITE-OTHER-001"), "b.yaml")
    with pytest.raises(RuleError, match="SITE-GAZETTE-HTML-001"):
        Cleaner(Config(shipped=False, rules=(str(tmp_path),)))


# -- selectors -------------------------------------------------------------------------
@pytest.mark.parametrize("css,native", [
    ("nav", True), (".comments", True), ("#sidebar", True), ('[role="navigation"]', True),
    ("figure figcaption", True), ("div.a > p.b", True), ("div p:first-child", False), ("h2 + p", False),
])
def test_simple_css_is_matched_natively_the_rest_by_xpath(css, native):
    selector = compile_selector(css=css)
    assert bool(selector.native) is native
    assert bool(selector.xpath) is not native


@pytest.mark.parametrize("css,expected", [
    ("figure figcaption", ["in figure"]), ("div.a > p.b", ["child", "not child"]), ('[data-x^="ad"]', ["ad-slot"]),
    (".x.y", ["both"]), ("div p:first-child", ["in figure", "child", "grandchild"]), ("p + p", ["not child"]),
])
def test_native_and_xpath_selection_agree_with_css(css, expected):
    root = parse_html("""<body><div><figure><figcaption><p>in figure</p></figcaption></figure></div>
        <figcaption>outside</figcaption><div class="a"><p class="b">child</p><p class="b">not child</p></div>
        <div class="a"><span><p class="b">grandchild</p></span></div><i data-x="ad-slot">ad-slot</i>
        <b class="x y">both</b><b class="x">one</b></body>""")
    selector = compile_selector(css=css)
    got = ["".join(e.itertext()).strip() for e in selector.select(root)]
    assert got == expected
    index = SelectorIndex([(selector, "hit")])
    hits = index.prepare(root)
    walked = [e for e in root.iter() if isinstance(e.tag, str) and index.match(
        e, e.tag, (e.get("class") or "").split(), e.get("id"), hits) == "hit"]
    assert ["".join(e.itertext()).strip() for e in walked] == expected



@pytest.mark.parametrize("css,expected", [
    ('[rel="author"], [itemprop="author"]', ["html", "a", "span", "i"]), ("[itemprop]", ["span", "b", "i"]),
    ('[itemprop="author"], p', ["span", "i", "p"]),  # a part with a tag: cssselect's XPath
])
def test_attribute_only_selectors_pick_what_cssselect_picks(css, expected):
    from lxml import etree

    from cleaner.html.selectors import _css_to_xpath

    root = parse_html("""<html rel="author"><body><a rel="author">A</a><span itemprop="author">B</span>
        <a rel="nofollow">C</a><b itemprop>D</b><i itemprop="author" rel="author">E</i><p>F</p></body></html>""")
    got = compile_selector(css=css).select(root)
    assert [e.tag for e in got] == expected
    assert got == etree.XPath(_css_to_xpath(css))(root)

# -- strip / body / title rules in action ---------------------------------------------
@pytest.fixture(scope="module")
def site_cleaner(tmp_path_factory):
    path = write(tmp_path_factory.mktemp("packs"), SITE_PACK)
    return Cleaner(Config(rules=(str(path),)))


def test_site_body_strip_and_title_rules(site_cleaner):
    result = site_cleaner.clean_and_explain(SITE_PAGE, url="https://www.gazette.example/news/1")
    assert result.text == ("The city council approved a budget of 12 million euros for public parks on Tuesday "
                           "evening.\n\nWork on the first park is to begin in May, the mayor said after the vote.")
    assert result.title == "Council approves budget"
    assert result.metadata_rules["title"] == "SITE-GAZETTE-HTML-003"
    by_rule = {r.rule_id: r.text for r in result.removals}
    assert by_rule["SITE-GAZETTE-HTML-002"] == "Fact: parks cover 12% of the city."
    assert "Also today" in by_rule["SITE-GAZETTE-HTML-001"]  # outside the body the site picks
    assert by_rule["SITE-GAZETTE-001"] == "Get the Gazette every morning"  # its text rule, same pack
    assert by_rule["HTML-NAV-001"] == "Home"  # the shipped generic rules still apply


def test_site_rules_apply_only_to_their_host(site_cleaner):
    result = site_cleaner.clean_and_explain(SITE_PAGE, url="https://other.example/news/1")
    assert not any(r.rule_id.startswith("SITE-GAZETTE") for r in result.removals)
    assert result.title == "Council approves budget"  # the h1, contained in og:title


def test_same_site_pack_cleans_already_extracted_text(site_cleaner):
    text = "Council approves budget\n\nThe council approved it.\n\nGet the Gazette every morning\n"
    result = site_cleaner.clean_and_explain(text, url="https://gazette.example/a", input_format="text")
    assert result.text == "Council approves budget\n\nThe council approved it."
    assert [r.rule_id for r in result.removals] == ["SITE-GAZETTE-001"]


def test_explanations_name_selector_rules_and_replay(cleaner):
    html = (FIXTURES / "article_page.html").read_bytes()
    result = cleaner.clean_and_explain(html)
    ids = {r.rule_id for r in result.removals}
    assert {"HTML-NAV-003", "HTML-SHARE-001", "HTML-CAP-001", "HTML-COM-001", "HTML-ASIDE-001"} <= ids
    categories = {r.rule_id: r.category for r in result.removals}
    assert categories["HTML-COM-001"] == "comments" and categories["HTML-CAP-001"] == "caption"
    caption = next(r for r in result.removals if r.rule_id == "HTML-CAP-001")
    assert caption.text == "The central park in spring. Photo: Example Gazette"
    source_lines = result.source.split("\n")
    for r in result.removals:
        assert "\n".join(source_lines[r.start:r.end]) == r.text or r.span is not None
    assert apply_removals(result.source, result.removals) == result.text
    assert result.counts["HTML-CAP-001"] == 1


def test_text_rule_removals_inside_html_are_mapped_to_source_lines(cleaner):
    html = ("<html><body><article><h1>Budget passes after a long debate</h1>"
            + "".join(f"<p>Paragraph {i} of the article tells what the council decided and why it matters.</p>"
                      for i in range(6))
            + "<p>Leave a Reply</p><p>Great article, thanks for writing it up so clearly and in detail.</p>"
            + "</article></body></html>")
    result = cleaner.clean_and_explain(html)
    assert "Leave a Reply" not in result.text and "Great article" not in result.text
    heading = next(r for r in result.removals if r.text == "Leave a Reply")
    assert result.source.split("\n")[heading.start] == "Leave a Reply"
    assert apply_removals(result.source, result.removals) == result.text


def test_symbol_led_lines_of_a_page_are_matched_like_text_and_other_hits_stay_on_their_lines(cleaner):
    # A page with a hit before a pin-led prompt: the prompt's second match (without the
    # pin) must land on its own line, not shift the page's other hits (it once raised).
    html = ('<html lang="fr"><body><article><h1>Le budget voté à Melun</h1><p>Publicité</p>'
            + "".join(f"<p>Le conseil municipal a voté le budget après un long débat numéro {i} sur les écoles.</p>"
                      for i in range(6))
            + "<p>📍 Pour ne manquer aucune actualité, suivez-nous sur Google Actualités et WhatsApp.</p>"
            + "<p>Lire aussi le compte rendu complet publié par la mairie la semaine dernière.</p>"
            + "</article></body></html>")
    result = cleaner.clean_and_explain(html)
    removed = {r.text for r in result.removals}
    assert "Publicité" in removed
    assert any(text.startswith("📍 Pour ne manquer") for text in removed)
    assert "débat numéro 0" in result.text and "Lire aussi le compte rendu complet" in result.text
    assert apply_removals(result.source, result.removals) == result.text
