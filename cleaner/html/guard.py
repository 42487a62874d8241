"""Strip rules never remove the article itself.

A strip selector names an element by what it usually is (`aside`: a sidebar), but some
sites wrap their whole content column in such an element (a content column built as
`<aside>` around the `<article>`). Stripping it would lose the story, and nothing after
segmentation can bring it back: a stripped element's text is never cut into blocks.

So an element a strip rule picks is kept (walked like any container, its descendants
still matched by the strip rules) when it holds the page's article: most of the page's
paragraph text, with an `<article>`/`<main>` inside it (or itself) holding a large part
of it. Both conditions, because a comment section can hold most of a page's paragraphs
too (every comment a small `<article>`), and a teaser rail can hold several `<article>`
cards, but neither holds one element with much of the page's text.
"""

from __future__ import annotations

import threading
from typing import Any

from .selectors import SelectorIndex

__all__ = ["StripIndex", "holds_page_article"]

PAGE_SHARE = 0.5  # the element holds more than this share of the page's <p> text ...
ARTICLE_SHARE = 1 / 3  # ... and an <article>/<main> in it at least this share
MIN_PAGE_CHARS = 200  # a page with less paragraph text than this has no article to protect


def _paragraph_chars(el: Any) -> int:
    return sum(len(text) for p in el.iter("p") for text in p.itertext())


def holds_page_article(el: Any, page_chars: Any = None, containers: list[Any] | None = None) -> bool:
    """True if `el` holds the page's article (see the module docstring). `page_chars`:
    a function giving the page's paragraph characters (counted once per page);
    `containers`: the `<article>`/`<main>` elements in `el` (itself included), when the
    caller has found them already."""
    if containers is None:
        containers = list(el.iter("article", "main"))
    if not containers:  # the common case, and no page-wide count needed
        return False
    root = el.getroottree().getroot()
    page = page_chars(root) if page_chars is not None else _paragraph_chars(root)
    if page < MIN_PAGE_CHARS or _paragraph_chars(el) <= PAGE_SHARE * page:
        return False
    return any(_paragraph_chars(c) >= ARTICLE_SHARE * page for c in containers)


class StripIndex(SelectorIndex):
    """The strip rules' index: a match on an element that holds the article is no match.

    The page's paragraph count is kept per thread for the page last seen: counted again
    for every match, 2,000 asides each holding an <article> (a comment widget) took
    longer than a page's time budget."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._last = threading.local()  # .page = (root element, its paragraph chars)

    def _page_chars(self, root: Any) -> int:
        last = getattr(self._last, "page", None)
        if last is None or last[0] is not root:  # the root stays alive while its page is walked
            last = (root, _paragraph_chars(root))
            self._last.page = last
        return last[1]

    def lookup(self, el: Any, tag: str, cls: str | None, el_id: str | None, keys: Any,
               xpath_hits: dict[Any, int] | None = None) -> Any:
        rule = super().lookup(el, tag, cls, el_id, keys, xpath_hits)
        if rule is not None and self.vetoes(el):
            return None
        return rule

    def vetoes(self, el: Any, containers: list[Any] | None = None) -> bool:
        """True if a strip rule's match on `el` is no match (it holds the article).
        `containers`: as for holds_page_article."""
        return holds_page_article(el, self._page_chars, containers)
