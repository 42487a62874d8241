"""Generic main-content detection: which blocks of a page are the article.

The method (all weights and keyword lists come from the `main` rule's params in
rules/common/html.yaml):

1. Every block gets a weight: prose (long, punctuated, few links) counts for its text
   length; link-dense blocks, short labels and lines the text rules would remove count
   against (the language packs' cruft knowledge as negative evidence). Class/id names of
   the containers above a block scale it: a block under `.comments` or `.sidebar-widget`
   counts against, one under `.article-body` counts more.
2. Each container's score is the sum of the weights of the blocks below it; the article
   is the container with the highest score (the subtree where prose outweighs cruft the
   most: a maximum-sum subtree). Ties go to the deeper container.
3. Inside it, sub-containers that are cruft-like (negative names, or link-dense with a
   negative sum) are cut out, and so are link lists and the boilerplate strip of short
   lines before the headline.

Nothing here is site-specific; site packs pick the body with a `body` selector instead.
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from .segment import Block, Node

__all__ = ["ContentParams", "block_weight", "find_lead", "find_main_content"]

_SPLIT_NAME = regex.compile(r"[\s_\-:./]+|(?<=[a-z])(?=[A-Z])")
# Without an ASCII capital (no camelCase split) and without \x1c-\x1f (space to str.split,
# not to \s), _SPLIT_NAME splits where str.split does once the separators (_-:./) are spaces.
_SPLIT_NEEDS_REGEX = re.compile("[A-Z\x1c-\x1f]")
_SENTENCE = regex.compile(r"[.!?…]['\"’”»)]?(?:\s|$)|[。！？]")
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


@dataclass(frozen=True)
class ContentParams:
    negative_words: frozenset[str]
    negative_substrings: tuple[str, ...]
    positive_words: frozenset[str]
    positive_substrings: tuple[str, ...]
    negative_factor: float
    positive_factor: float
    max_link_density: float
    link_penalty: float
    short_words: int
    short_penalty: float
    prose_words: int
    rule_hit_penalty: float
    stripped_penalty: float
    wrapper_share: float
    keep_link_density: float
    teaser_max_chars: int
    teaser_min_cards: int
    teaser_min_link: int
    teaser_lead_share: float
    teaser_penalty: float
    teaser_keep_share: float
    evidence_max_chars: int
    fragment_chars: int
    lead_words: frozenset[str]
    lead_substrings: tuple[str, ...]
    lead_reach: int
    name_cache: dict[str, int] = field(default_factory=dict, compare=False, repr=False)
    marks_cache: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    @functools.cached_property
    def has_negative_substring(self) -> Callable[[str], bool]:
        return _contains_any(self.negative_substrings)

    @functools.cached_property
    def has_positive_substring(self) -> Callable[[str], bool]:
        return _contains_any(self.positive_substrings)

    @functools.cached_property
    def has_lead_substring(self) -> Callable[[str], bool]:
        return _contains_any(self.lead_substrings)

    @functools.cached_property
    def name_marks(self) -> Callable[[str], int] | None:
        return _name_marker(self.negative_words, self.negative_substrings, self.positive_words,
                            self.positive_substrings)

    @property
    def negative_pattern(self) -> regex.Pattern[str] | None:
        return _alternation(self.negative_substrings)

    @property
    def positive_pattern(self) -> regex.Pattern[str] | None:
        return _alternation(self.positive_substrings)

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> ContentParams:
        def words(key: str) -> frozenset[str]:
            return frozenset(w.lower() for w in params.get(key, ()))

        return cls(
            negative_words=words("negative_words"),
            negative_substrings=tuple(w.lower() for w in params.get("negative_substrings", ())),
            positive_words=words("positive_words"),
            positive_substrings=tuple(w.lower() for w in params.get("positive_substrings", ())),
            negative_factor=float(params.get("negative_factor", -0.5)),
            positive_factor=float(params.get("positive_factor", 1.5)),
            max_link_density=float(params.get("max_link_density", 0.5)),
            link_penalty=float(params.get("link_penalty", 1.0)),
            short_words=int(params.get("short_words", 5)),
            short_penalty=float(params.get("short_penalty", 20)),
            prose_words=int(params.get("prose_words", 10)),
            rule_hit_penalty=float(params.get("rule_hit_penalty", 1.0)),
            stripped_penalty=float(params.get("stripped_penalty", 0.1)),
            wrapper_share=float(params.get("wrapper_share", 0.6)),
            keep_link_density=float(params.get("keep_link_density", 0.35)),
            teaser_max_chars=int(params.get("teaser_max_chars", 600)),
            teaser_min_cards=int(params.get("teaser_min_cards", 3)),
            teaser_min_link=int(params.get("teaser_min_link", 15)),
            teaser_lead_share=float(params.get("teaser_lead_share", 0.25)),
            teaser_penalty=float(params.get("teaser_penalty", 1.0)),
            teaser_keep_share=float(params.get("teaser_keep_share", 0.15)),
            evidence_max_chars=int(params.get("evidence_max_chars", 300)),
            fragment_chars=int(params.get("fragment_chars", 200)),
            lead_words=words("lead_words"),
            lead_substrings=tuple(w.lower() for w in params.get("lead_substrings", ())),
            lead_reach=int(params.get("lead_reach", 40)),
        )


@functools.lru_cache(maxsize=64)
def _alternation(words: tuple[str, ...]) -> regex.Pattern[str] | None:
    return regex.compile("|".join(regex.escape(w) for w in words)) if words else None


@functools.lru_cache(maxsize=64)
def _contains_any(words: tuple[str, ...]) -> Callable[[str], bool]:
    """A test whether a name contains any of `words`: every distinct class name of a page
    is tested, and one Aho-Corasick pass is several times cheaper than an `in` per word."""
    if not words:
        return lambda name: False
    try:
        import ahocorasick
    except ImportError:  # optional C extension: the plain tests
        return lambda name: any(w in name for w in words)
    automaton = ahocorasick.Automaton()
    for w in words:
        automaton.add_word(w, w)
    automaton.make_automaton()
    return lambda name: next(automaton.iter(name), None) is not None


def _name_evidence(cls: str, p: ContentParams, cache: dict[str, int]) -> int:
    """-1 for a cruft-like class/id, +1 for an article-like one, 0 otherwise."""
    if not cls:
        return 0
    found = cache.get(cls)
    if found is not None:
        return found
    marks = p.name_marks
    if marks is not None and not _SPLIT_NEEDS_REGEX.search(cls) and cls == cls.lower():
        result = marks(cls)
    else:
        words = _name_words(cls)
        result = 0
        if not words.isdisjoint(p.negative_words) or p.has_negative_substring(cls):  # = _negative_marks
            result = -1
        elif words & p.positive_words or p.has_positive_substring(cls):  # = positive_pattern.search
            result = 1
    cache[cls] = result
    return result


_NEG_WORD, _NEG_SUB, _POS_WORD, _POS_SUB = 1, 2, 4, 8
_NAME_SEPARATORS = frozenset("_-:./")


@functools.lru_cache(maxsize=64)
def _name_marker(negative_words: frozenset[str], negative_substrings: tuple[str, ...],
                 positive_words: frozenset[str], positive_substrings: tuple[str, ...]) -> Callable[[str], int] | None:
    """_name_evidence for a lower-case name that _name_words splits the fast way, in one
    Aho-Corasick pass for all four lists (None without pyahocorasick). A listed word
    counts where the name's words hold it: its occurrence starts and ends at the name's
    ends or at a separator (whitespace or _-:./), where the split cuts. A page has
    hundreds of distinct names, and the split, two set tests and two automaton passes
    per name cost three times as much."""
    try:
        import ahocorasick
    except ImportError:  # optional C extension: _name_evidence's own tests
        return None
    flags: dict[str, int] = {}
    for words, flag in ((negative_words, _NEG_WORD), (positive_words, _POS_WORD)):
        for w in words:
            if w and not any(ch.isspace() or ch in _NAME_SEPARATORS for ch in w):  # else never one word
                flags[w] = flags.get(w, 0) | flag
    for subs, flag in ((negative_substrings, _NEG_SUB), (positive_substrings, _POS_SUB)):
        for w in subs:
            if w:
                flags[w] = flags.get(w, 0) | flag
    if not flags:
        return lambda name: 0
    automaton = ahocorasick.Automaton()
    for w, flag in flags.items():
        automaton.add_word(w, (flag, len(w)))
    automaton.make_automaton()
    separators = _NAME_SEPARATORS

    def whole_word(name: str, end: int, size: int) -> bool:
        start = end - size + 1
        if start > 0 and not (name[start - 1] in separators or name[start - 1].isspace()):
            return False
        return end + 1 == len(name) or name[end + 1] in separators or name[end + 1].isspace()

    def marks(name: str) -> int:
        positive = False
        for end, (flag, size) in automaton.iter(name):
            if flag & _NEG_SUB or flag & _NEG_WORD and whole_word(name, end, size):
                return -1  # a negative mark wins over any positive one
            if not positive and (flag & _POS_SUB or flag & _POS_WORD and whole_word(name, end, size)):
                positive = True
        return 1 if positive else 0

    return marks


def _name_words(cls: str) -> set[str]:
    """The words of a class/id, lower-case (split by _SPLIT_NAME; most names take the fast way)."""
    if _SPLIT_NEEDS_REGEX.search(cls):
        return {w.lower() for w in _SPLIT_NAME.split(cls) if w}
    # Five replaces take a fifth of the time of one str.translate (a page has
    # hundreds of distinct names, most of them seen once).
    return set(cls.replace("_", " ").replace("-", " ").replace(":", " ").replace(".", " ").replace("/", " ")
               .lower().split())


def _name_of(node: Node) -> str:
    """The class/id a node is weighed by. A heading's id is an anchor made from its own
    text (`nav_schredder_statt__0` for "Schredder statt Ofen", a table of contents
    target), so it says nothing about the heading: only its class counts."""
    if node.tag in _HEADINGS and node.cls:
        return (node.el.get("class") or "").lower()
    return node.cls


def _words(text: str, chars: int) -> int:
    """Words, or for scripts written without spaces (Chinese, Japanese) characters / 2."""
    spaces = text.count(" ")
    if chars > 16 * (spaces + 1):
        return max(spaces + 1, chars // 2)
    return spaces + 1


def block_weight(b: Block, p: ContentParams) -> float:
    if b.strip is not None:
        return -p.stripped_penalty * b.chars
    if b.hits:
        return -p.rule_hit_penalty * b.chars
    density = b.link_density
    if density > p.max_link_density:
        return -p.link_penalty * b.chars
    text = b.text
    words = _words(text, b.chars)
    if b.kind in _HEADINGS:
        return 0.0
    if words >= p.prose_words and _SENTENCE.search(text):
        return b.chars * (1 - density)
    if words < p.short_words:
        return -p.short_penalty
    return b.chars * (1 - density) * 0.5 - p.short_penalty


class _Tree:
    """The container nodes as arrays. Nodes are numbered in document (pre-)order, so a
    node's subtree is the range [n, end[n]) and sums over subtrees take one backward pass."""

    def __init__(self, nodes: Sequence[Node], blocks: Sequence[Block]) -> None:
        count = len(nodes)
        self.count = count
        self.parent = parent = [n.parent for n in nodes]
        self.depth = [n.depth for n in nodes]
        # (node, parent) from the last node back: the order a subtree sum adds children in.
        self.edges = [(n, up) for n, up in zip(range(count - 1, 0, -1), reversed(parent)) if up >= 0]
        end = list(range(1, count + 1))
        for n, up in self.edges:
            if end[n] > end[up]:
                end[up] = end[n]
        self.end = end
        self.at = [b.anc[-1] for b in blocks]  # each block's own container

    def _own(self, values: Sequence[Any], only: Sequence[bool] | None, zero: Any) -> list[Any]:
        """Per node, the sum of `values` of the blocks whose own container it is."""
        own = [zero] * self.count
        if only is None:
            for n, v in zip(self.at, values):
                if v:
                    own[n] += v
        else:
            for n, v, ok in zip(self.at, values, only):
                if v and ok:
                    own[n] += v
        return own

    def sums(self, values: Sequence[float], only: Sequence[bool] | None = None) -> list[float]:
        """Per node, the sum of `values` of the blocks below it (where `only` allows)."""
        total = self._own(values, only, 0.0)
        for n, up in self.edges:
            total[up] += total[n]
        return total

    def counts(self, values: Sequence[int], only: Sequence[bool] | None = None) -> list[int]:
        """`sums` for whole numbers: in pre-order a subtree is a range of nodes, so each
        node's total is a difference of running totals, computed in C (exact for ints,
        which is why floats go through `sums`, whose adding order decides ties)."""
        own = self._own(values, only, 0)
        running = list(itertools.accumulate(own, initial=0))
        return list(map(operator.sub, map(running.__getitem__, self.end), running))

    def inside(self, node: int, block: int) -> bool:
        return node <= self.at[block] < self.end[node]

    def blocks_under(self, roots: Sequence[int]) -> set[int]:
        """Blocks inside any of these nodes: mark their subtrees' node ranges once, rather
        than testing every block against every node."""
        marked = bytearray(self.count)
        end = self.end
        for n in roots:
            marked[n:end[n]] = b"\x01" * (end[n] - n)
        return {k for k, n in enumerate(self.at) if marked[n]}


def find_main_content(blocks: Sequence[Block], nodes: Sequence[Node], params: ContentParams,
                      memo: dict[str, Any] | None = None) -> tuple[int, set[int]]:
    """(container node, indices of the blocks that are the article).

    `memo`, an empty dict on the first call, lets a second call on the same page (run
    again once text rules have set `hits`) reuse what hits do not change: the tree, the
    name evidence, the teaser cards, and the weights of blocks whose hits are as before.
    """
    if not blocks or not nodes:
        return -1, set()
    if memo and memo["page"] == (id(blocks), id(nodes), id(params)):
        tree, names, old = memo["tree"], memo["names"], memo["weights"]
        weights = [block_weight(b, params) if b.hits != hits else w
                   for b, w, hits in zip(blocks, old, memo["hits"])]
    else:
        tree = _Tree(nodes, blocks)
        names = _names(nodes, tree, params)
        weights = [block_weight(b, params) for b in blocks]
        if memo is not None:
            memo.update(page=(id(blocks), id(nodes), id(params)), tree=tree, names=names, weights=weights,
                        hits=[b.hits for b in blocks])
    evidence = list(names)

    _ignore_wrapper_names(nodes, tree, evidence, weights, params)

    # Top-down: the nearest cruft-named container above each node (it wins), else
    # whether an article-named one is above it.
    negative_at = [-1] * tree.count
    factor_at = [1.0] * tree.count
    for n, up in enumerate(tree.parent):
        if up >= 0 and negative_at[up] >= 0:
            negative_at[n], factor_at[n] = negative_at[up], factor_at[up]
        elif evidence[n] < 0:
            negative_at[n], factor_at[n] = n, params.negative_factor
        elif evidence[n] > 0:
            factor_at[n] = params.positive_factor
        elif up >= 0:
            factor_at[n] = factor_at[up]
    scaled = [w * factor_at[n] if w > 0 else w for w, n in zip(weights, tree.at)]
    best = _best(tree, scaled)
    if best < 0:
        return -1, _small_page(blocks, params)

    # Teaser cards (other stories with excerpts) read like prose. Count them against and
    # look again, unless that would leave too little: then the cards are the article
    # (a "10 things you need to know" list).
    if memo is not None and "teasers" in memo:
        teasers = set(memo["teasers"])
    else:
        teasers = _teaser_blocks(blocks, nodes, tree, params)
        if memo is not None:
            memo["teasers"] = frozenset(teasers)
    if teasers:
        penalised = list(scaled)
        for i in teasers:
            penalised[i] = -params.teaser_penalty * blocks[i].chars
        best_t = _best(tree, penalised)
        before = _sum_inside(tree, best, scaled)
        after = _sum_inside(tree, best_t, penalised) if best_t >= 0 else 0.0
        if after >= params.teaser_keep_share * before:
            best, scaled = best_t, penalised
        else:
            teasers = set()
    keep: set[int] = set()
    best_depth, best_end, depth = tree.depth[best], tree.end[best], tree.depth
    for i, (b, n) in enumerate(zip(blocks, tree.at)):
        if b.strip is not None or i in teasers or not best <= n < best_end:
            continue
        neg = negative_at[n]
        if neg >= 0 and depth[neg] > best_depth:
            continue
        keep.add(i)
    _prune_link_lists(blocks, tree, keep, scaled, best, params, teasers)
    return best, keep


def _names(nodes: Sequence[Node], tree: _Tree, params: ContentParams) -> list[int]:
    """Per node, the evidence of its class/id (see _name_evidence); 0 for a node with no
    block below it. Evidence is read only through the blocks' containers and their
    ancestors (scaling, the nearest cruft-named container above a block, the prose a
    wrapper holds), so an empty node's name cannot change the article picked, and a
    third of a page's names are on empty nodes (icons, ad slots, spacers)."""
    cache = params.name_cache
    if len(cache) > 200_000:
        cache.clear()
    evidence = [0] * tree.count
    holds = tree.counts([1] * len(tree.at))
    for k, n in enumerate(nodes):
        if n.cls and holds[k]:
            name = (n.el.get("class") or "").lower() if n.tag in _HEADINGS else n.cls  # as _name_of
            found = cache.get(name)
            evidence[k] = found if found is not None else _name_evidence(name, params, cache)
    return evidence


def _sum_inside(tree: _Tree, node: int, weights: Sequence[float]) -> float:
    """The positive weights of the blocks inside `node`, added in block order."""
    end = tree.end[node]
    return sum(w for w, n in zip(weights, tree.at) if w > 0 and node <= n < end)


def _negative_marks(cls: str, p: ContentParams, words: set[str] | None = None) -> frozenset[str]:
    """The negative words and substrings a class/id holds (what makes it cruft-named).
    `words`: the name's words (`_name_words`) when the caller has them."""
    parts = (_name_words(cls) if words is None else words) & p.negative_words
    # The substrings as the pattern finds them (leftmost, non-overlapping), but only for
    # a name holding one: most names hold none, and plain `in` tests are far cheaper
    # than running the alternation of all of them over the name.
    if p.has_negative_substring(cls):
        parts |= {m.group() for m in p.negative_pattern.finditer(cls)}  # type: ignore[union-attr]
    return frozenset(parts)


def _cached_negative_marks(cls: str, p: ContentParams) -> frozenset[str]:
    """_negative_marks, remembered per name like _name_evidence (a page's cruft names recur)."""
    cache = p.marks_cache
    found = cache.get(cls)
    if found is None:
        if len(cache) > 200_000:
            cache.clear()
        found = cache[cls] = _negative_marks(cls, p)
    return found


def _ignore_wrapper_names(nodes: Sequence[Node], tree: _Tree, evidence: list[int], weights: Sequence[float],
                          p: ContentParams) -> None:
    """Negative names that hold most of the page's prose name a wrapper, not cruft: set
    their evidence to 0. Either one container ("main-with-sidebar"), or sibling containers
    sharing the same negative marks, as a CMS names every section of an article
    (`testreport__section--ads`, a section that may hold an ad slot): together they hold
    the article, which no sidebar or comment list beside an article does."""
    negatives = [n for n, ev in enumerate(evidence) if ev < 0]
    if not negatives:  # nothing to weigh (the sums below are a pass over every node)
        return
    positive = [w if w > 0 else 0.0 for w in weights]
    under = tree.sums(positive)
    limit = p.wrapper_share * (sum(positive) or 1.0)
    groups: dict[tuple[int, frozenset[str]], list[int]] = {}
    for n in negatives:
        if under[n] > limit:
            evidence[n] = 0
        elif under[n] > 0:
            groups.setdefault((tree.parent[n], _cached_negative_marks(nodes[n].cls, p)), []).append(n)
    for group in groups.values():
        if len(group) > 1 and sum(under[n] for n in group) > limit:
            for n in group:
                evidence[n] = 0


def _small_page(blocks: Sequence[Block], p: ContentParams) -> set[int]:
    """No prose anywhere: a fragment ("<p>Hello there.</p>") is kept whole, anything
    bigger (a listing, a menu page) gives no article (FIELD need 12)."""
    keep = {i for i, b in enumerate(blocks) if b.strip is None and b.link_density <= p.max_link_density}
    if sum(blocks[i].chars for i in keep) <= p.fragment_chars:
        return keep
    return set()


def _best(tree: _Tree, weights: Sequence[float]) -> int:
    """The container whose blocks weigh most (ties: the deeper one), among those holding
    some block that counts for; -1 when no block does."""
    score = tree.sums(weights)
    holds = tree.counts([w > 0 for w in weights])
    best, top, top_depth = -1, 0.0, 0
    depth = tree.depth
    for n, s in enumerate(score):
        if holds[n] and (best < 0 or s > top or s == top and depth[n] > top_depth):
            best, top, top_depth = n, s, depth[n]
    return best


_CARD_TAGS = frozenset({"li", "article", "div", "section", "dd", "tr", "td"})


def _teaser_blocks(blocks: Sequence[Block], nodes: Sequence[Node], tree: _Tree, p: ContentParams) -> set[int]:
    """Blocks of teaser cards: three or more sibling containers, each small and each
    opening with a linked headline (a list of other stories with their excerpts)."""
    lead = [b.strip is None and b.lead_link >= p.teaser_min_link
            and (b.lead_link >= p.teaser_lead_share * b.chars or b.kind in _HEADINGS) for b in blocks]
    if sum(lead) < p.teaser_min_cards:
        return set()
    chars = tree.counts([b.chars for b in blocks])
    leads = tree.counts(lead)
    first = [len(blocks)] * tree.count
    for k in range(len(blocks) - 1, -1, -1):
        first[tree.at[k]] = k
    for n in range(tree.count - 1, 0, -1):
        up = tree.parent[n]
        if up >= 0 and first[n] < first[up]:
            first[up] = first[n]
    cards: dict[int, list[int]] = {}
    for i, is_lead in enumerate(lead):
        if not is_lead:
            continue
        unit = -1
        for n in reversed(blocks[i].anc):
            if chars[n] > p.teaser_max_chars or leads[n] > 1:
                break
            unit = n
        if unit < 0 or first[unit] != i or nodes[unit].tag not in _CARD_TAGS:
            continue
        cards.setdefault(tree.parent[unit], []).append(unit)
    units = [u for group in cards.values() if len(group) >= p.teaser_min_cards for u in group]
    if not units:
        return set()
    return tree.blocks_under(units)


def _prune_link_lists(blocks: Sequence[Block], tree: _Tree, keep: set[int], weights: list[float],
                      best: int, params: ContentParams, teasers: set[int] | None = None) -> None:
    """Drop sub-containers of the article that are mostly links and weigh negative.
    Teaser cards already dropped still count in their box: a promo box of a synopsis and
    a list of linked story titles is a link box, whatever is left of it."""
    dropped = teasers or set()
    kept = [i in keep or i in dropped for i in range(len(blocks))]
    sums = tree.sums(weights, kept)
    end = tree.end[best]
    bad: list[int] = []
    if any(s < 0 for s in sums[best + 1:end]):
        chars = tree.counts([b.chars for b in blocks], kept)
        links = tree.counts([b.link_chars for b in blocks], kept)
        bad = [n for n in range(best + 1, end)
               if sums[n] < 0 and chars[n] and links[n] / chars[n] > params.keep_link_density]
    if bad:
        keep -= tree.blocks_under(bad)
    for i in list(keep):
        b = blocks[i]
        if b.link_density > params.max_link_density and b.chars < 200:
            keep.discard(i)


def find_lead(blocks: Sequence[Block], nodes: Sequence[Node], keep: set[int], p: ContentParams,
              title: str | None = None) -> list[int]:
    """The standfirst between the headline and the article the detector picked: sites put
    it in the article's header (`<p class="article-header__lead">`, `<h2 class="leadText">`),
    outside the body container, so the detector leaves it out with the byline and date.

    A block is the lead when its own element or its parent has a lead name (`lead_words`,
    `lead_substrings`) and it reads as a sentence with few links; only blocks after the
    headline count (an `<h1>`, or an `<h2>` that is the page's title), at most
    `lead_reach` blocks back."""
    if not keep or not (p.lead_words or p.lead_substrings):
        return []
    folded = title.casefold() if title else None

    def headline(b: Block) -> bool:
        return b.kind == "h1" or (b.kind == "h2" and folded is not None and b.text.casefold() == folded)

    body = [i for i in keep if not headline(blocks[i])]  # the headline may be kept already
    if not body:
        return []
    found: list[int] = []
    first = min(body)
    for i in range(first - 1, max(-1, first - 1 - p.lead_reach), -1):
        b = blocks[i]
        if headline(b):
            return found
        if (i not in keep and b.strip is None and b.link_density <= p.max_link_density
                and _words(b.text, b.chars) >= p.short_words and _SENTENCE.search(b.text)
                and _lead_named(b, nodes, p) and not _in_cruft_box(b, blocks[first], nodes, p)):
            found.append(i)
    return []  # no headline before the article: nothing here is known to be its lead


def _in_cruft_box(b: Block, body: Block, nodes: Sequence[Node], p: ContentParams) -> bool:
    """A cruft-named container above `b` that is not above the article too (a "dek" in a
    related-stories box is that story's summary, not this one's lead)."""
    shared = set(body.anc)
    return any(_name_evidence(nodes[n].cls, p, p.name_cache) < 0 for n in b.anc if n not in shared)


def _lead_named(b: Block, nodes: Sequence[Node], p: ContentParams) -> bool:
    for n in b.anc[-2:]:
        cls = nodes[n].cls
        if not cls:
            continue
        if {w.lower() for w in _SPLIT_NAME.split(cls) if w} & p.lead_words:
            return True
        if p.has_lead_substring(cls):
            return True
    return False
