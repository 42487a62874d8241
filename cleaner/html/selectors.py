"""Selectors of HTML rules: CSS (matched natively where simple) or XPath.

Evaluating one XPath per rule over every page costs about 0.4 ms a rule, so 40 strip rules
would cost more than parsing the page. Most selectors are simple (`nav`, `.comments`,
`#sidebar`, `[role=navigation]`, `figure figcaption`), so they are compiled to a small
native form and matched while the page is walked once, through an index by id, class and
tag. Anything cssselect parses but the native form does not cover (pseudo-classes,
sibling combinators) and every `xpath:` rule is evaluated as a compiled XPath instead.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

__all__ = ["Compound", "NativeSelector", "CompiledSelector", "PageTags", "SelectorError", "TextValue",
           "compile_selector", "SelectorIndex"]


class SelectorError(ValueError):
    """A selector that does not parse or compile."""


@dataclass(frozen=True)
class Compound:
    """tag#id.class[attr op value] — one step of a selector."""

    tag: str | None = None
    id: str | None = None
    classes: tuple[str, ...] = ()
    attrs: tuple[tuple[str, str, str | None], ...] = ()

    def matches(self, el: Any, tag: str, classes: frozenset[str] | set[str] | tuple[str, ...], el_id: str | None) -> bool:
        if self.tag is not None and self.tag != tag:
            return False
        if self.id is not None and self.id != el_id:
            return False
        for c in self.classes:
            if c not in classes:
                return False
        for name, op, value in self.attrs:
            have = el.get(name)
            if have is None:
                return False
            if op == "exists":
                continue
            assert value is not None
            if not _ATTRIBUTE_OPS[op](have, value):  # other operators are rejected at compile time
                return False
        return True


# What each attribute operator asks of the value an element has (`have`) and the selector's.
_ATTRIBUTE_OPS: dict[str, Callable[[str, str], bool]] = {
    "=": lambda have, value: have == value,
    "~=": lambda have, value: value in have.split(),
    "^=": lambda have, value: have.startswith(value),
    "$=": lambda have, value: have.endswith(value),
    "*=": lambda have, value: value in have,
    "|=": lambda have, value: have == value or have.startswith(value + "-"),
}


def _facts(el: Any) -> tuple[str, tuple[str, ...], str | None]:
    tag = el.tag if isinstance(el.tag, str) else ""
    cls = el.get("class")
    return tag.lower(), tuple(cls.split()) if cls else (), el.get("id")


@dataclass(frozen=True)
class NativeSelector:
    """Compounds right to left, with the combinator (' ' or '>') that joins each to the next."""

    steps: tuple[Compound, ...]
    combinators: tuple[str, ...]

    @property
    def key(self) -> Compound:
        return self.steps[0]

    def matches(self, el: Any, tag: str, classes: Any, el_id: str | None) -> bool:
        if not self.steps[0].matches(el, tag, classes, el_id):
            return False
        if len(self.steps) == 1:
            return True
        return self._ancestors_match(el, 1)

    def _ancestors_match(self, el: Any, step: int) -> bool:
        if step == len(self.steps):
            return True
        compound, combinator = self.steps[step], self.combinators[step - 1]
        parent = el.getparent()
        while parent is not None:
            if compound.matches(parent, *_facts(parent)) and self._ancestors_match(parent, step + 1):
                return True
            if combinator == ">":
                return False
            parent = parent.getparent()
        return False


@dataclass
class CompiledSelector:
    """A rule's selector: native parts where possible, one XPath for the rest."""

    source: str
    kind: str  # css | xpath | set (classes/ids)
    native: tuple[NativeSelector, ...] = ()
    xpath: Any = None  # lxml.etree.XPath or None
    xpath_source: str | None = None
    _translated: Any = field(default=None, repr=False)

    @functools.cached_property
    def tag_keyed(self) -> tuple[str, ...]:
        """The tags (sorted) when every part is one compound with a tag (`meta[name=x]`,
        `title`): then a page's elements of those tags are all it needs to look at.
        Asked for every metadata rule on every page: computed once."""
        if self.native and not self.xpath and all(len(s.steps) == 1 and s.key.tag is not None for s in self.native):
            return tuple(sorted({s.key.tag for s in self.native}))  # type: ignore[type-var]
        return ()

    def select(self, root: Any, cache: PageTags | None = None) -> list[Any]:
        """Every element under `root` the selector matches, in document order.

        `cache` (one per page) keeps the elements of each tag, so that many rules on the
        same tags (meta, script) find them without walking the page again."""
        if cache is not None and self.tag_keyed:
            tags = self.tag_keyed
            elements = cache.elements(tags)
            hits: set[int] = set()
            for native in self.native:
                compound = native.steps[0]
                eq = next(((name, value) for name, op, value in compound.attrs if op == "="), None)
                candidates = cache.having(tags, *eq) if eq is not None else range(len(elements))
                for n in candidates:
                    if n in hits:
                        continue
                    el = elements[n]
                    cls = el.get("class")
                    if compound.matches(el, el.tag, tuple(cls.split()) if cls else (), el.get("id")):
                        hits.add(n)
            return [elements[n] for n in sorted(hits)]
        found: list[Any] = []
        if self.native and self.kind != "set" and any(s.key.tag is None for s in self.native):
            # No tag to filter on: one XPath (C) beats visiting every element in Python.
            if self._translated is None:
                from lxml import etree

                fast = None if self.xpath is not None else _attribute_xpath(self.native)
                self._translated = etree.XPath(fast or _css_to_xpath(self.source))
            try:
                return [e for e in self._translated(root) if hasattr(e, "tag")]
            except Exception:  # noqa: BLE001 - a page must never make a rule crash
                return []
        if self.native:
            tags = {s.key.tag for s in self.native}
            if None in tags:
                candidates: Iterable[Any] = root.iter()
            else:
                candidates = root.iter(*tags)
            for el in candidates:
                if not isinstance(el.tag, str):
                    continue
                tag, classes, el_id = _facts(el)
                if any(s.matches(el, tag, classes, el_id) for s in self.native):
                    found.append(el)
        if self.xpath is not None:
            try:
                extra = _nodes(self.xpath(root), self.kind == "xpath" and not found)
            except Exception:  # noqa: BLE001 - a page must never make a rule crash
                extra = []
            if found:
                seen = set(found)
                found.extend(e for e in extra if e not in seen)
                found = _document_order(root, found)
            else:
                found = extra
        return found

    def matches_natively(self, el: Any, tag: str, classes: Any, el_id: str | None) -> bool:
        return any(s.matches(el, tag, classes, el_id) for s in self.native)


class PageTags:
    """One page's elements of some tags, for selectors keyed on tags (`meta[...]`, `script[...]`,
    `title`, `time`). The tags named up front (those of a page's metadata rules) are
    gathered in one pass over the page: each pass costs about 0.1 ms on a news page,
    whatever the tags, and a page's metadata rules name five of them."""

    def __init__(self, root: Any, tags: Iterable[str] = ()) -> None:
        self.root = root
        self.wanted = frozenset(tags)
        self._by_tag: dict[str, list[tuple[int, Any]]] | None = None
        self._sets: dict[tuple[str, ...], list[Any]] = {}
        self._values: dict[tuple[tuple[str, ...], str], dict[str, list[int]]] = {}

    def elements(self, tags: tuple[str, ...]) -> list[Any]:
        """The page's elements of these tags, in document order."""
        found = self._sets.get(tags)
        if found is None:
            by_tag = self._by_tag
            if by_tag is None:
                by_tag = self._by_tag = {}
                for n, el in enumerate(self.root.iter(*(self.wanted | set(tags)))):
                    by_tag.setdefault(el.tag, []).append((n, el))
                self.wanted |= frozenset(tags)
            if not self.wanted.issuperset(tags):  # a tag not gathered: a pass of its own
                found = list(self.root.iter(*tags))
            elif len(tags) == 1:
                found = [el for _, el in by_tag.get(tags[0], ())]
            else:
                found = [el for _, el in sorted((p for t in tags for p in by_tag.get(t, ())), key=lambda p: p[0])]
            self._sets[tags] = found
        return found

    def having(self, tags: tuple[str, ...], name: str, value: str) -> Sequence[int]:
        """Positions in `elements(tags)` of the elements whose attribute `name` is `value`."""
        index = self._values.get((tags, name))
        if index is None:
            index = self._values[(tags, name)] = {}
            for n, el in enumerate(self.elements(tags)):
                have = el.get(name)
                if have is not None:
                    index.setdefault(have, []).append(n)
        return index.get(value, ())


class TextValue:
    """A string an XPath gave instead of an element (`//meta/@content`, `//h1/text()`,
    `substring-before(//title, ' | ')`): metadata rules read it like an element's text."""

    tag = "#value"

    def __init__(self, text: str) -> None:
        self.text = text

    def itertext(self) -> Iterable[str]:
        return iter((self.text,))

    def get(self, name: str, default: Any = None) -> Any:
        return default

    def getparent(self) -> Any:
        return None


def _nodes(found: Any, values: bool) -> list[Any]:
    """The elements of an XPath result; with `values`, its strings as TextValues too."""
    if isinstance(found, str):
        return [TextValue(str(found))] if values and found.strip() else []
    if not isinstance(found, list):  # a number or boolean selects nothing
        return []
    return [e if hasattr(e, "tag") else TextValue(str(e)) for e in found
            if hasattr(e, "tag") or (values and isinstance(e, str) and e.strip())]


_XPATH_NAME = regex.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def _attribute_xpath(natives: Sequence[NativeSelector]) -> str | None:
    """`[rel="author"], [itemprop]` as an XPath over attribute nodes, `descendant-or-self::*/@rel[. = 'author']/..`:
    libxml2 then reads each element's attribute list, rather than evaluating a predicate
    per element as cssselect's translation makes it (less than half the time on news
    pages, where the author-markup rule is evaluated whenever the meta tags give no name).
    None unless every part is one attribute test (`=` or presence) and nothing else."""
    parts: list[str] = []
    for native in natives:
        if len(native.steps) != 1:
            return None
        step = native.steps[0]
        if step.tag is not None or step.id is not None or step.classes or len(step.attrs) != 1:
            return None
        name, op, value = step.attrs[0]
        if not _XPATH_NAME.fullmatch(name):
            return None
        if op == "exists":
            parts.append(f"descendant-or-self::*/@{name}/..")
        elif op == "=" and value is not None and "'" not in value:
            parts.append(f"descendant-or-self::*/@{name}[. = '{value}']/..")
        else:
            return None
    return " | ".join(parts) or None


def _css_to_xpath(css: str) -> str:
    from cssselect import HTMLTranslator

    return HTMLTranslator().css_to_xpath(css, prefix="descendant-or-self::")


def _document_order(root: Any, elements: list[Any]) -> list[Any]:
    wanted = set(elements)
    return [e for e in root.iter() if e in wanted]


def compile_selector(*, css: str | None = None, xpath: str | None = None,
                     classes: Sequence[str] = (), ids: Sequence[str] = ()) -> CompiledSelector:
    """Compile one rule's selector; raises SelectorError with the reason if it is invalid.

    `classes`/`ids` (imported generic lists) become one native step per name, so the
    SelectorIndex finds them with one dict lookup per class token of an element."""
    from lxml import etree

    if classes or ids:
        bad = [n for n in (*classes, *ids) if not n or any(ch.isspace() for ch in n)]
        if bad:
            raise SelectorError(f"class and id names are single tokens without spaces: {bad[0]!r}")
        native = tuple(NativeSelector((Compound(classes=(c,)),), ()) for c in dict.fromkeys(classes))
        native += tuple(NativeSelector((Compound(id=i),), ()) for i in dict.fromkeys(ids))
        source = ", ".join([*(f".{c}" for c in classes), *(f"#{i}" for i in ids)])
        return CompiledSelector(source=source, kind="set", native=native)
    if xpath is not None:
        try:
            compiled = etree.XPath(xpath)
        except etree.XPathSyntaxError as exc:
            raise SelectorError(f"invalid XPath: {exc}") from exc
        except etree.XPathError as exc:  # e.g. an undefined namespace prefix
            raise SelectorError(f"XPath does not compile: {exc}") from exc
        return CompiledSelector(source=xpath, kind="xpath", xpath=compiled, xpath_source=xpath)
    if css is None:
        raise SelectorError("needs 'css' or 'xpath'")
    import cssselect
    from cssselect import HTMLTranslator

    _check_has(css)
    try:
        parsed = cssselect.parse(css)
    except cssselect.SelectorError as exc:
        raise SelectorError(f"invalid CSS selector: {exc}") from exc
    if not parsed:
        raise SelectorError("empty CSS selector")
    native: list[NativeSelector] = []
    rest: list[str] = []
    translator = HTMLTranslator()
    for selector in parsed:
        if selector.pseudo_element:
            raise SelectorError(f"pseudo-elements select no element: ::{selector.pseudo_element}")
        steps = _native(selector.parsed_tree)
        if steps is not None:
            native.append(steps)
            continue
        try:
            rest.append(translator.selector_to_xpath(selector))
        except cssselect.SelectorError as exc:
            raise SelectorError(f"unsupported CSS selector: {exc}") from exc
    compiled = None
    source = None
    if rest:
        source = " | ".join(rest)
        try:
            compiled = etree.XPath(source)
        except etree.XPathSyntaxError as exc:  # pragma: no cover - cssselect emits valid XPath
            raise SelectorError(f"CSS selector translates to invalid XPath: {exc}") from exc
    return CompiledSelector(source=css, kind="css", native=tuple(native), xpath=compiled, xpath_source=source)


def _check_has(css: str) -> None:
    """cssselect reads `:has(> a.x)` as `:has(> a)` plus `.x` on the outer element, and
    rejects `:has(a b)`: only a compound argument (no combinator) means what it says."""
    start = css.find(":has(")
    while start >= 0:
        depth, quote, i = 0, "", start + 4
        for i in range(start + 4, len(css)):
            ch = css[i]
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "'\"":
                quote = ch
            elif ch in "([":
                depth += 1
            elif ch in ")]":
                depth -= 1
                if depth == 0:
                    break
            elif depth == 1 and (ch in ">+~" or (ch == " " and css[start + 5:i].strip())):
                if ch != " " or css[i + 1:].lstrip()[:1] not in (")", ""):
                    raise SelectorError(f"unsupported CSS selector: {css[start:]!r}: :has() takes one compound "
                                        "selector here (no combinator inside)")
        start = css.find(":has(", i)


_OPS = {"exists", "=", "~=", "^=", "$=", "*=", "|="}


def _native(tree: Any) -> NativeSelector | None:
    """The native form of a parsed cssselect tree, or None when it needs XPath."""
    from cssselect import parser as p

    steps: list[Compound] = []
    combinators: list[str] = []
    node = tree
    while isinstance(node, p.CombinedSelector):
        if node.combinator not in (" ", ">"):
            return None
        right = _compound(node.subselector)
        if right is None:
            return None
        steps.append(right)
        combinators.append(node.combinator)
        node = node.selector
    last = _compound(node)
    if last is None:
        return None
    steps.append(last)
    return NativeSelector(tuple(steps), tuple(combinators))


def _compound(node: Any) -> Compound | None:
    from cssselect import parser as p

    tag = None
    el_id = None
    classes: list[str] = []
    attrs: list[tuple[str, str, str | None]] = []
    while True:
        if isinstance(node, p.Element):
            if node.namespace:
                return None
            tag = None if node.element in (None, "*") else node.element.lower()
            break
        if isinstance(node, p.Class):
            classes.append(node.class_name)
            node = node.selector
        elif isinstance(node, p.Hash):
            if el_id is not None and el_id != node.id:
                return None
            el_id = node.id
            node = node.selector
        elif isinstance(node, p.Attrib):
            if node.namespace or node.operator not in _OPS:
                return None
            value = None if node.value is None else node.value.value
            attrs.append((node.attrib.lower(), node.operator, value))
            node = node.selector
        else:
            return None
    return Compound(tag=tag, id=el_id, classes=tuple(reversed(classes)), attrs=tuple(reversed(attrs)))


_Test = Callable[[Any, str, Any, "str | None"], bool]  # (element, tag, classes, id) -> matches


def _element_test(native: NativeSelector) -> _Test | None:
    """`native.matches` for an element the index found under the selector's key, made
    cheap: None when that key is the whole selector (`.ad`, `#footer`, `nav`,
    `[data-ad-slot]`), a test of the one attribute for `[class^="ad-"]`, the generic
    match otherwise. A page's elements that miss the index memo (about a tenth of
    them: their class lists are the page's own) are each tested against a few of these."""
    key = native.key
    if len(native.steps) > 1:
        return native.matches
    parts = (key.tag is not None) + (key.id is not None) + len(key.classes) + len(key.attrs)
    if parts == 1 and not key.attrs:
        return None
    if parts == 1:
        name, op, value = key.attrs[0]
        return None if op == "exists" else _attribute_test(name, op, value) or native.matches
    return native.matches


def _attribute_test(name: str, op: str, value: str | None) -> _Test | None:
    """The test of one attribute, as Compound.matches makes it (None for an odd operator)."""
    check = _ATTRIBUTE_OPS.get(op)
    if value is None or check is None:
        return None
    if op == "=":
        return lambda el, tag, classes, el_id: el.get(name) == value
    if op == "^=":  # the common one (`[class^="ad-"]`, `[id^="taboola"]`): no second call
        def starts(el: Any, tag: str, classes: Any, el_id: str | None) -> bool:
            have = el.get(name)
            return have is not None and have.startswith(value)
        return starts

    def test(el: Any, tag: str, classes: Any, el_id: str | None) -> bool:
        have = el.get(name)
        return have is not None and check(have, value)
    return test


UNCACHEABLE = -2  # in SelectorIndex.memo: the answer depends on more than the signature (the walk reads the memo too)


class SelectorIndex:
    """Many rules' selectors, matched per element during one walk of the page.

    `match(el, tag, classes, id)` returns the payload of the first rule (in the order
    given) whose selector matches, or None. XPath parts are evaluated once per page by
    `prepare(root)` and looked up by element identity.
    """

    def __init__(self, entries: Sequence[tuple[CompiledSelector, Any]]) -> None:
        self.entries = list(entries)
        # (entry number, test of the element) by the key step's id, first class, tag or
        # first attribute name; the test is None when being found under that key is the match.
        self.by_id: dict[str, list[tuple[int, _Test | None]]] = {}
        self.by_class: dict[str, list[tuple[int, _Test | None]]] = {}
        self.by_tag: dict[str, list[tuple[int, _Test | None]]] = {}
        self.by_attr: dict[str, list[tuple[int, _Test | None]]] = {}  # attribute-only: by its first attribute
        self.universal: list[tuple[int, _Test | None]] = []
        self.xpaths: list[tuple[int, Any]] = []
        for n, (selector, _payload) in enumerate(self.entries):
            for native in selector.native:
                key = native.key
                entry = (n, _element_test(native))
                if key.id is not None:
                    self.by_id.setdefault(key.id, []).append(entry)
                elif key.classes:
                    self.by_class.setdefault(key.classes[0], []).append(entry)
                elif key.tag is not None:
                    self.by_tag.setdefault(key.tag, []).append(entry)
                elif key.attrs:
                    self.by_attr.setdefault(key.attrs[0][0], []).append(entry)
                else:
                    self.universal.append(entry)
            if selector.xpath is not None:
                self.xpaths.append((n, selector.xpath))
        self.empty = not self.entries
        # Memo of results by (tag, class, id): valid for elements that carry no other
        # attribute a selector tests, and that no multi-step selector keys on (those
        # depend on ancestors). Most elements of a page repeat a few such signatures.
        natives = [native for selector, _ in self.entries for native in selector.native]
        self.extra_attrs = frozenset(name for native in natives for step in native.steps
                                     for name, _, _ in step.attrs) - {"class", "id"}
        multi = [native.key for native in natives if len(native.steps) > 1]
        self.multi_tags = frozenset(k.tag for k in multi if k.tag)
        self.multi_classes = frozenset(c for k in multi for c in k.classes)
        self.multi_ids = frozenset(k.id for k in multi if k.id)
        self.memo: dict[tuple[str | None, ...], int] = {}

    def lookup(self, el: Any, tag: str, cls: str | None, el_id: str | None, keys: Sequence[str],
               xpath_hits: dict[Any, int] | None = None) -> Any:
        """`match` for the page walk: the same answer, memoised where that is safe.

        The memo is keyed by tag, class, id and the attribute names, which decide both
        whether the answer can be memoised and (when it can) the answer: one dict lookup
        for most elements of a page, which repeat a few such signatures."""
        sig = (tag, cls, el_id, *keys)
        best = self.memo.get(sig)
        if best is None:
            best = self.remember(sig, el, tag, cls, el_id, keys)
        if best == UNCACHEABLE:
            return self.match(el, tag, cls.split() if cls else (), el_id, xpath_hits, keys)
        if xpath_hits:
            n = xpath_hits.get(el)
            if n is not None and (best < 0 or n < best):
                best = n
        return None if best < 0 else self.entries[best][1]

    def remember(self, sig: tuple[str | None, ...], el: Any, tag: str, cls: str | None, el_id: str | None,
                 keys: Sequence[str]) -> int:
        """The memo's entry for `sig` (= (tag, cls, el_id, *keys)), which it lacks: made and kept."""
        best = self._memo_entry(el, tag, cls, el_id, keys)
        if len(self.memo) > 50_000:
            self.memo.clear()
        self.memo[sig] = best
        return best

    def _memo_entry(self, el: Any, tag: str, cls: str | None, el_id: str | None, keys: Sequence[str]) -> int:
        """The first matching entry's number (-1: none), or UNCACHEABLE when the answer
        depends on more than the signature: an attribute's value a selector tests, or
        the ancestors a multi-step selector keyed on this tag, class or id looks at.
        A page's elements that miss the memo (a tenth of them) each come here: the
        set tests run in C, and the entry is found without a payload to map back."""
        if tag in self.multi_tags or el_id in self.multi_ids or not self.extra_attrs.isdisjoint(keys):
            return UNCACHEABLE
        classes = cls.split() if cls else ()
        if classes and not self.multi_classes.isdisjoint(classes):
            return UNCACHEABLE
        best = self._first(el, tag, classes, el_id, keys)
        return best if best < 0 else self._canonical[best]

    @property
    def _canonical(self) -> list[int]:
        """Per entry, the first entry with the same payload (the memo's number for it)."""
        canonical = self.__dict__.get("_canonicals")
        if canonical is None:
            first: dict[int, int] = {}
            canonical = [first.setdefault(id(payload), n) for n, (_, payload) in enumerate(self.entries)]
            self.__dict__["_canonicals"] = canonical
        return canonical

    def prepare(self, root: Any) -> dict[Any, int]:
        """Elements matched by XPath parts: element -> first entry number."""
        hits: dict[Any, int] = {}
        for n, xpath in self.xpaths:
            try:
                found = xpath(root)
            except Exception:  # noqa: BLE001 - a page must never make a rule crash
                continue
            for el in found:
                if hasattr(el, "tag") and (el not in hits or hits[el] > n):
                    hits[el] = n
        return hits

    def match(self, el: Any, tag: str, classes: Sequence[str], el_id: str | None,
              xpath_hits: dict[Any, int] | None = None, attrib: Any = None) -> Any:
        """`attrib` (the element's attributes, if the caller has them) saves a lookup."""
        best = self._first(el, tag, classes, el_id, attrib)
        if xpath_hits:
            n = xpath_hits.get(el)
            if n is not None and (best < 0 or n < best):
                best = n
        return None if best < 0 else self.entries[best][1]

    def _first(self, el: Any, tag: str, classes: Sequence[str], el_id: str | None, attrib: Any = None) -> int:
        """The number of the first entry whose native selector matches (-1: none)."""
        candidates: list[tuple[int, _Test | None]] = []
        if el_id is not None and el_id in self.by_id:
            candidates.extend(self.by_id[el_id])
        if classes and self.by_class:
            for c in classes:
                found = self.by_class.get(c)
                if found:
                    candidates.extend(found)
        found_tag = self.by_tag.get(tag)
        if found_tag:
            candidates.extend(found_tag)
        if self.by_attr:
            if attrib is None:
                attrib = el.attrib
            if attrib:
                by_attr = self.by_attr
                for name in attrib:
                    found = by_attr.get(name)
                    if found:
                        candidates.extend(found)
        if self.universal:
            candidates.extend(self.universal)
        best = -1
        for n, test in candidates:
            if (best < 0 or n < best) and (test is None or test(el, tag, classes, el_id)):
                best = n
        return best
