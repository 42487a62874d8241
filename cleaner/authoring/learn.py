"""`cleaner rules learn`: propose a site pack from the lines a site repeats on its pages.

A site's template (navigation, bylines, datelines, share bars, "read also" teasers,
newsletter boxes, footers) repeats on every page, usually in the same place; article text
does not. From a set of pages of one site this module finds

- **exact lines** that repeat on many pages (`exact` rules);
- **shapes**: lines equal up to their numbers ("Kommentare (12)", "Veröffentlicht am
  12.03.2024, 14:05 Uhr") (`regex` rules);
- **prefixes**: short lines that start alike and vary after it ("Von Anna Schmidt",
  "Foto: dpa/Max Muster", "Startseite › Politik › Inland") (`prefix` rules bounded by
  `max_words`);
- **teasers**: a learned line that is always followed by a few short, varying
  headline-like lines ("Mehr zum Thema" + three links) gets `action: drop-next`.

What it must not do is learn article text that merely repeats: a quote or an agency
sentence shared by a few articles. So a line needs *support* on many pages
(default: at least max(3, 20% of the pages)) and *evidence* that it is template:

- sentence-like lines (5+ words ending in . ! ?) need a consistent position (from the
  start or the end of the page) on 90% of their pages and support on half the pages;
- other long lines need a consistent position;
- short lines need a consistent position, or else support on 1.5x the minimum;
- prefixes always need a consistent position, short lines (<= 12 words) that do not end
  like sentences, and at least 3 different lines.

The result is a proposal for a person: every rule carries its support count and position
in its doc, real example lines from the pages, and is checked (schema, patterns, its own
examples) before it is written.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from ..engine.loader import load_pack_text
from ..engine.model import Pack
from ..engine.rulebook import host_of
from ..normalize import normalize_lines, split_lines

__all__ = ["LearnOptions", "LearnedRule", "LearnResult", "learn_site"]

HEAD_MAX_RANK = 7  # the cleaner's head region is the first 8 surviving lines
_SENTENCE_END = (".", "!", "?", ".“", ".\"", "!“", "?“", ".”", "!”", "?”", ".»", ".«")
_DIGITS = re.compile(r"\d+")
_TEASER_MAX_WORDS = 16


@dataclass(frozen=True)
class LearnOptions:
    min_support: int | None = None  # default: max(3, ceil(min_share * pages))
    min_share: float = 0.2
    window: int = 4  # "same place": within this many lines of the usual position
    consistent_share: float = 0.9  # ... on this share of the pages
    max_prefix_words: int = 12
    max_examples: int = 3
    exclusive_share: float = 0.6  # a prefix's lines in its usual place / all lines starting so


@dataclass
class _Page:
    name: str
    raw: list[str]
    lines: list[str]  # normalized
    nonblank: list[int]
    rank: dict[int, int]

    @property
    def total(self) -> int:
        return len(self.nonblank)


@dataclass
class _Occ:
    page: int
    index: int  # line index in the page
    rank: int
    from_end: int
    total: int


@dataclass
class LearnedRule:
    kind: str  # exact | shape | prefix
    key: str  # the line, the regex, or the prefix
    support: int
    pages: int
    occurrences: list[_Occ] = field(repr=False, default_factory=list)
    examples: list[str] = field(default_factory=list)
    keep: list[str] = field(default_factory=list)
    region: str = "anywhere"
    max_words: int | None = None
    action: str = "drop-line"
    next_max_lines: int = 0
    next_max_words: int = 0
    category: str = "other"
    position: str = ""
    id: str = ""
    name: str = ""
    shapes: list[str] = field(default_factory=list)  # prefix rules: word shapes of what follows

    @property
    def regex_source(self) -> str | None:
        """A prefix rule whose continuations have few word shapes is a case-sensitive regex."""
        if self.kind != "prefix" or not self.shapes:
            return None
        return rf"^{regex.escape(self.key, literal_spaces=True)} (?:{'|'.join(self.shapes)})$"

    def pattern(self) -> regex.Pattern[str]:
        compiled = self.__dict__.get("_pattern")
        if compiled is None:
            flags = regex.IGNORECASE | regex.FULLCASE
            if self.kind == "exact":
                compiled = regex.compile(rf"^{regex.escape(self.key, literal_spaces=True)}$", flags)
            elif self.regex_source:
                compiled = regex.compile(self.regex_source)
            elif self.kind == "prefix":
                compiled = regex.compile(rf"^{regex.escape(self.key, literal_spaces=True)}(?!\w)", flags)
            else:
                compiled = regex.compile(self.key, flags)
            self.__dict__["_pattern"] = compiled
        return compiled

    def accepts(self, line: str) -> bool:
        if self.max_words is not None and len(line.split()) > self.max_words:
            return False
        return self.pattern().search(line) is not None


@dataclass
class LearnResult:
    host: str
    pages: int
    min_support: int
    rules: list[LearnedRule]
    yaml: str
    pack: Pack | None
    rejected: list[tuple[str, str]]  # (line or key, why) of frequent lines not proposed


def learn_site(pages: Sequence[tuple[str, str]], host: str, *, lang: str | None = None,
               options: LearnOptions | None = None) -> LearnResult:
    """Propose a site pack for `host` from `pages` [(name, text)]."""
    options = options or LearnOptions()
    host = (host_of(host) or host).lower()
    host = host[4:] if host.startswith("www.") else host
    parsed = [_page(name, text) for name, text in pages]
    n = len(parsed)
    min_support = options.min_support or max(3, math.ceil(options.min_share * n))
    rejected: list[tuple[str, str]] = []

    exact_occ = _occurrences(parsed, lambda line: line)
    accepted: list[LearnedRule] = []
    covered: set[tuple[int, int]] = set()  # (page, line index) taken by an accepted rule
    for line, occs in _by_support(exact_occ, min_support):
        why = _reject_exact(line, occs, n, min_support, options)
        if why:
            rejected.append((line, why))
            continue
        accepted.append(_rule("exact", line, occs, options))
        covered.update((o.page, o.index) for o in occs)

    shape_occ = _occurrences(parsed, _shape, skip=covered)
    for shape, occs in _by_support(shape_occ, min_support):
        variants = {parsed[o.page].lines[o.index] for o in occs}
        if len(variants) < 2:
            continue
        why = _reject_exact(next(iter(variants)), occs, n, min_support, options)
        if why:
            rejected.append((shape, why))
            continue
        accepted.append(_rule("shape", shape, occs, options))
        covered.update((o.page, o.index) for o in occs)

    # Teaser lists after a learned line ("Mehr zum Thema" + headlines) are judged before
    # prefixes, so that their headlines are not mistaken for a template of their own.
    for rule in accepted:
        _place(rule, options)
    for rule in _teasers(accepted, parsed):
        covered.update(rule)

    for key, occs in _prefix_candidates(parsed, covered, min_support, options):
        why = _reject_prefix(key, occs, parsed, options)
        if why:
            rejected.append((key + " …", why))
            continue
        rule = _rule("prefix", key, occs, options)
        consistent = _consistent(occs, options)
        rule.max_words = max(len(parsed[o.page].lines[o.index].split()) for o in consistent) + 1
        rule.shapes = _continuation_shapes(key, [parsed[o.page].lines[o.index] for o in consistent])
        accepted.append(rule)
        covered.update((o.page, o.index) for o in occs)

    for rule in accepted:
        if not rule.position:
            _place(rule, options)
        rule.category = _category(rule)
        rule.examples = _examples(rule, parsed, options)
        rule.keep = _keep_examples(rule, parsed)
    accepted.sort(key=_order)
    _name(accepted, host)
    text = _yaml(accepted, host, n, min_support, lang)
    pack = load_pack_text(text, f"<learned sites/{host}>") if accepted else None
    return LearnResult(host, n, min_support, accepted, text, pack, rejected)


# -- pages and occurrences ---------------------------------------------------------------

def _page(name: str, text: str) -> _Page:
    raw = split_lines(text)
    lines = [" ".join(line.split()) for line in normalize_lines(raw)]
    nonblank = [i for i, line in enumerate(lines) if line]
    return _Page(name, raw, lines, nonblank, {i: r for r, i in enumerate(nonblank)})


def _occurrences(pages: list[_Page], key_of: Any, skip: set[tuple[int, int]] | None = None
                 ) -> dict[str, list[_Occ]]:
    found: dict[str, list[_Occ]] = defaultdict(list)
    for p, page in enumerate(pages):
        seen: set[str] = set()
        for i in page.nonblank:
            if skip and (p, i) in skip:
                continue
            key = key_of(page.lines[i])
            if key is None or key in seen:
                continue
            seen.add(key)
            rank = page.rank[i]
            found[key].append(_Occ(p, i, rank, page.total - 1 - rank, page.total))
    return found


def _by_support(found: dict[str, list[_Occ]], min_support: int) -> list[tuple[str, list[_Occ]]]:
    return sorted(((k, v) for k, v in found.items() if len(v) >= min_support), key=lambda kv: (-len(kv[1]), kv[0]))


def _shape(line: str) -> str | None:
    if not _DIGITS.search(line):
        return None
    parts = _DIGITS.split(line)
    return "^" + r"\d+".join(regex.escape(p, literal_spaces=True) for p in parts) + "$"


def _prefix_candidates(pages: list[_Page], covered: set[tuple[int, int]], min_support: int,
                       options: LearnOptions) -> list[tuple[str, list[_Occ]]]:
    """Prefixes (1-3 words) of short lines, longest first; a shorter prefix is dropped when
    a longer one it starts keeps nearly all of its lines."""
    found: dict[str, list[_Occ]] = defaultdict(list)
    for p, page in enumerate(pages):
        seen: set[str] = set()
        for i in page.nonblank:
            if (p, i) in covered:
                continue
            words = page.lines[i].split()
            if len(words) < 2 or len(words) > options.max_prefix_words:
                continue
            rank = page.rank[i]
            for k in range(1, min(3, len(words) - 1) + 1):
                key = " ".join(words[:k])
                if not regex.search(r"\w", key) or key in seen:
                    continue
                seen.add(key)
                found[key].append(_Occ(p, i, rank, page.total - 1 - rank, page.total))
    candidates = _by_support(found, min_support)
    chosen: list[tuple[str, list[_Occ]]] = []
    by_key = dict(candidates)
    for key, occs in sorted(candidates, key=lambda kv: (-len(kv[0].split()), -len(kv[1]), kv[0])):
        longer = [c for c, _ in chosen if c.startswith(key + " ")]
        if longer:
            taken = {(o.page, o.index) for c in longer for o in by_key[c]}
            if sum((o.page, o.index) in taken for o in occs) >= 0.9 * len(occs):
                continue
        shorter = [c for c in by_key if key.startswith(c + " ")]
        if any(len(by_key[c]) > 1.1 * len(occs) for c in shorter) and len(key.split()) > 1:
            # the shorter prefix gathers clearly more lines: judge that one instead
            continue
        chosen.append((key, occs))
    return chosen


# -- evidence ----------------------------------------------------------------------------

def _sentence_like(line: str) -> bool:
    """Five words or more ending like a sentence: article text unless proven otherwise
    ("Mit Material von dpa und AFP." in a few articles is theirs, not the site's)."""
    return len(line.split()) >= 5 and line.endswith(_SENTENCE_END)


def _consistent(occs: list[_Occ], options: LearnOptions) -> list[_Occ]:
    """The occurrences in the usual place: in the head, or near the median position from
    the start or from the end, whichever holds the most."""
    head = [o for o in occs if o.rank <= HEAD_MAX_RANK]
    mid_start = statistics.median(o.rank for o in occs)
    mid_end = statistics.median(o.from_end for o in occs)
    from_start = [o for o in occs if abs(o.rank - mid_start) <= options.window]
    from_end = [o for o in occs if abs(o.from_end - mid_end) <= options.window]
    return max((head, from_start, from_end), key=len)


def _positioned(occs: list[_Occ], options: LearnOptions) -> bool:
    return len(_consistent(occs, options)) >= options.consistent_share * len(occs)


def _reject_exact(line: str, occs: list[_Occ], pages: int, min_support: int, options: LearnOptions) -> str | None:
    placed = _positioned(occs, options)
    if _sentence_like(line):
        if not placed:
            return "reads like a sentence and has no fixed place on the page"
        if len(occs) < max(min_support, 0.5 * pages):
            return "reads like a sentence and is on fewer than half of the pages"
        return None
    if len(line.split()) > options.max_prefix_words and not placed:
        return "long line without a fixed place on the page"
    if not placed and len(occs) < 1.5 * min_support:
        return "no fixed place on the page and not frequent enough to be template anyway"
    return None


def _reject_prefix(key: str, occs: list[_Occ], pages: list[_Page], options: LearnOptions) -> str | None:
    lines = [pages[o.page].lines[o.index] for o in occs]
    if len(set(lines)) < 3:
        return "fewer than three different lines start this way"
    if sum(1 for line in lines if line.endswith(_SENTENCE_END)) > 0.1 * len(lines):
        return "lines starting this way end like sentences"
    if not _positioned(occs, options):
        return "lines starting this way have no fixed place on the page"
    # A line start that the article text also uses freely ("Die", "The") is no template
    # marker, even if many headlines happen to start with it.
    starts = regex.compile(rf"^{regex.escape(key, literal_spaces=True)}(?!\w)", regex.IGNORECASE)
    everywhere = sum(1 for page in pages for i in page.nonblank if starts.search(page.lines[i]))
    if len(occs) < options.exclusive_share * everywhere:
        return (f"the article text starts lines this way too ({everywhere} lines in all, {len(occs)} in the "
                "usual place)")
    return None


_UPPER_WORD = r"\p{Lu}[\w-]*"
_LOWER_WORD = r"\p{Ll}[\w-]*"
_PIECES = regex.compile(r"\p{Lu}[^\W\d_]*(?:-[^\W\d_]+)*|\p{Ll}[^\W\d_]*(?:-[^\W\d_]+)*|\d+|\S")


def _continuation_shapes(key: str, lines: list[str], max_shapes: int = 6, cover: float = 0.95) -> list[str]:
    """Word shapes of what follows a prefix ("Anna Schmidt" -> capitalised word twice), as
    regex alternatives; empty when they vary too much to be worth it (a headline)."""
    rests = [line[len(key):].strip() for line in lines if len(line) > len(key)]
    if not rests:
        return []
    counts = Counter(token for rest in rests for token in set(rest.split()))
    literal = {t for t, n in counts.items() if n >= 0.3 * len(rests) and not regex.search(r"\d", t)}
    shapes = Counter(" ".join(_token_shape(t, literal) for t in rest.split()) for rest in rests)
    chosen, covered = [], 0
    for shape, n in shapes.most_common(max_shapes):
        chosen.append(shape)
        covered += n
        if covered >= cover * len(rests):
            return sorted(chosen, key=lambda s: (-len(s), s))
    return []


def _token_shape(token: str, literal: set[str]) -> str:
    if token in literal:
        return regex.escape(token)
    out = []
    for piece in _PIECES.findall(token):
        if piece[0].isdigit():
            out.append(r"\d+")
        elif regex.match(r"\p{Lu}", piece):
            out.append(_UPPER_WORD)
        elif regex.match(r"\p{Ll}", piece):
            out.append(_LOWER_WORD)
        else:
            out.append(regex.escape(piece))
    return "".join(out)


def _rule(kind: str, key: str, occs: list[_Occ], options: LearnOptions) -> LearnedRule:
    return LearnedRule(kind=kind, key=key, support=len(occs), pages=0, occurrences=occs)


def _place(rule: LearnedRule, options: LearnOptions) -> None:
    """Region and a sentence on where the line sits."""
    occs = rule.occurrences
    ranks = sorted(o.rank for o in occs)
    ends = sorted(o.from_end for o in occs)
    rule.region = "anywhere"
    if ranks[-1] <= HEAD_MAX_RANK:
        rule.position = f"always among the first lines (line {_span(ranks, 1)} of the text)"
        if rule.kind != "exact" or ranks[-1] <= HEAD_MAX_RANK - 2:
            rule.region = "head"
    elif not _positioned(occs, options):
        rule.position = f"at varying places (line {_span(ranks, 1)})"
    elif statistics.pstdev(ranks) <= statistics.pstdev(ends):
        rule.position = f"at a fixed place from the start (line {_span(ranks, 1)})"
    else:
        rule.position = f"at a fixed place from the end ({_span(ends, 0)} lines before the last)"
        if rule.kind != "exact" and min(o.rank / max(1, o.total) for o in occs) >= 0.5:
            rule.region = "tail"


def _span(values: list[int], offset: int) -> str:
    low, high = values[0] + offset, values[-1] + offset
    return str(low) if low == high else f"{low}-{high}"


def _teasers(rules: list[LearnedRule], pages: list[_Page]) -> list[set[tuple[int, int]]]:
    """A learned line always followed by short, varying, headline-like lines: drop those too.

    Lines at the top are never given drop-next: what follows them is the headline.
    Returns the (page, line) positions of the teaser lines found, per rule that got them.
    """
    learned = list(rules)
    taken: list[set[tuple[int, int]]] = []
    for rule in rules:
        if rule.kind != "exact" or rule.region == "head":
            continue
        if statistics.median(o.rank for o in rule.occurrences) <= HEAD_MAX_RANK:
            continue
        runs, words, followers, where = [], [], [], set()
        for o in rule.occurrences:
            page = pages[o.page]
            title = _first_free_line(page, learned)
            run = 0
            for j in page.nonblank[o.rank + 1:]:
                line = page.lines[j]
                if j == title or any(r.accepts(line) for r in learned) or run >= 5:
                    break
                if len(line.split()) > _TEASER_MAX_WORDS or line.endswith((".", "!", ";", "?", ":")):
                    break
                run += 1
                words.append(len(line.split()))
                followers.append(line)
                where.add((o.page, j))
            runs.append(run)
        with_run = [r for r in runs if r > 0]
        # Followers vary (a fixed line would have been learned and would stop the run);
        # popular teasers may well repeat across pages.
        if len(with_run) < 0.7 * len(runs) or len(set(followers)) < min(5, len(followers)):
            continue
        rule.action = "drop-next"
        rule.next_max_lines = Counter(with_run).most_common(1)[0][0]
        rule.next_max_words = min(_TEASER_MAX_WORDS, max(words) + 2)
        taken.append(where)
    return taken


def _first_free_line(page: _Page, rules: list[LearnedRule]) -> int | None:
    """The first line no learned rule takes: the headline, never a teaser."""
    for i in page.nonblank:
        if not any(r.accepts(page.lines[i]) for r in rules):
            return i
    return None


# -- examples, categories, names ---------------------------------------------------------

def _examples(rule: LearnedRule, pages: list[_Page], options: LearnOptions) -> list[str]:
    found: list[str] = []
    for o in rule.occurrences:
        line = " ".join(pages[o.page].raw[o.index].split())
        if line not in found and rule.accepts(pages[o.page].lines[o.index]):
            found.append(line)
        if len(found) >= options.max_examples:
            break
    return found


def _keep_examples(rule: LearnedRule, pages: list[_Page]) -> list[str]:
    """A real sentence from the site the rule must leave alone: preferably one that starts
    the same way (it shows the boundary), else one from a page the rule fired on."""
    first_word = rule.key.split()[0].lower() if rule.kind != "shape" and rule.key.split() else ""
    fallback = None
    for o in rule.occurrences[:50]:
        page = pages[o.page]
        for i in page.nonblank:
            if rule.accepts(page.lines[i]):
                continue
            for sentence in _sentences(page.lines[i]):
                if rule.accepts(sentence) or len(sentence.split()) < 6:
                    continue
                if first_word and sentence.lower().startswith(first_word):
                    return [sentence]
                if fallback is None and _sentence_like(sentence):
                    fallback = sentence
    if fallback:
        return [fallback]
    return [f"{rule.key if rule.kind != 'shape' else 'Der Text'} ist ein ganz gewöhnlicher Satz im Artikel, "
            "der bleiben muss."]


def _sentences(line: str) -> list[str]:
    parts = regex.split(r"(?<=[.!?][“”\"»«]?)\s+(?=[\p{Lu}„“\"])", line)
    return [_shorten(p.strip()) for p in parts if p.strip()]


def _shorten(line: str, limit: int = 240) -> str:
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0]


_CATEGORY_WORDS: list[tuple[str, str]] = [
    ("newsletter", r"newsletter|abonnieren sie|sign up|subscribe to our"),
    ("paywall", r"\babo\b|abonnement|plus-artikel|subscribe|subscription|weiterlesen mit|jetzt testen|anmelden|log ?in"),
    ("consent", r"cookie|datenschutzeinstellungen|privacy settings|consent"),
    ("share", r"teilen|twitter|twittern|facebook|whatsapp|share|mailen|drucken|print|e-mail|pinterest|linkedin"),
    ("comments", r"kommentar|comment|leserbrief|diskutieren"),
    ("related", r"lesen sie auch|mehr zum thema|auch interessant|weitere artikel|read more|related|more on this|"
                r"das könnte sie|empfehlungen|top-artikel|meistgelesen|most read"),
    ("ads", r"^anzeige$|^werbung$|advertisement|sponsored|^ad$"),
    ("caption", r"^(foto|bild|photo|image|picture|grafik)\b"),
    ("credit", r"^(quelle|source|©|\(c\)|copyright)|rechte vorbehalten|rights reserved"),
    ("dateline", r"\b(veröffentlicht|aktualisiert|published|updated|stand)\b|\d{1,2}\.\d{1,2}\.\d{2,4}|\d{1,2}:\d{2}"),
    ("author", r"^(von|by|autor|author)\b"),
    ("navigation", r"startseite|home|›|»|>|\||zum inhalt|skip to|navigation|menü|menu|impressum|kontakt|agb|"
                   r"sitemap|nach oben|back to top|suche|search"),
]


def _category(rule: LearnedRule) -> str:
    text = rule.examples[0] if rule.examples else rule.key
    text = text.lower()
    for category, words in _CATEGORY_WORDS:
        if regex.search(words, text):
            return category
    return "navigation" if rule.region == "head" else "other"


def _order(rule: LearnedRule) -> tuple[int, float, str]:
    ranks = [o.rank for o in rule.occurrences]
    ends = [o.from_end for o in rule.occurrences]
    if rule.region == "head" or max(ranks) <= HEAD_MAX_RANK:
        return (0, statistics.median(ranks), rule.key)
    if "from the end" in rule.position:
        return (2, -statistics.median(ends), rule.key)
    return (1, statistics.median(ranks), rule.key)


def _slug(text: str, limit: int = 4) -> str:
    folded = text.replace("ß", "ss").replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    folded = folded.replace("Ä", "Ae").replace("Ö", "Oe").replace("Ü", "Ue")
    folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", folded)
    return "-".join(words[:limit])


def site_slug(host: str) -> str:
    """SITE-<SLUG> id prefix of a host: example-news.de -> EXAMPLENEWS."""
    parts = host.split(".")
    core = parts[-2] if len(parts) >= 2 else parts[0]
    slug = re.sub(r"[^A-Z0-9]", "", core.upper()) or "SITE"
    return slug if slug[0].isalpha() else "S" + slug


def _name(rules: list[LearnedRule], host: str) -> None:
    prefix = f"SITE-{site_slug(host)}"
    used: set[str] = set()
    for n, rule in enumerate(rules, 1):
        rule.id = f"{prefix}-{n:03d}"
        base = _slug(rule.examples[0] if rule.examples else rule.key) if rule.kind != "shape" else \
            _slug(rule.examples[0] if rule.examples else "", 3)
        base = f"{base or 'template'}-{'line' if rule.kind == 'exact' else rule.kind}"
        name, k = base, 2
        while name in used:
            name, k = f"{base}-{k}", k + 1
        used.add(name)
        rule.name = name


# -- YAML --------------------------------------------------------------------------------

def _q(text: str) -> str:
    """A single-quoted YAML scalar (backslashes stay literal)."""
    return "'" + text.replace("'", "''") + "'"


def _list(items: list[str]) -> str:
    return "[" + ", ".join(_q(i) for i in items) + "]"


def _yaml(rules: list[LearnedRule], host: str, pages: int, min_support: int, lang: str | None) -> str:
    today = dt.date.today().isoformat()
    out = [
        f"# Proposed by `cleaner rules learn` on {today} from {pages} pages of {host}.",
        f"# Each rule repeats on at least {min_support} pages; its doc says on how many and where.",
        "# Review every rule before use: check, then `cleaner rules test` and `cleaner rules stats`.",
        f"pack: sites/{host}",
        f"hosts: [{host}]",
    ]
    if lang:
        out.append(f"lang: {lang}")
    out.append(_q_line("description", f"Site template of {host}, learned from {pages} pages ({today}); review "
                                      "before use."))
    if not rules:
        out.append("rules: []")
        return "\n".join(out) + "\n"
    out.append("rules:")
    for rule in rules:
        share = rule.support / pages if pages else 0
        out.append(f"  # support: {rule.support}/{pages} pages ({share:.0%}), {rule.position}")
        out.append(f"  - id: {rule.id}")
        out.append(f"    name: {rule.name}")
        out.append(f"    category: {rule.category}")
        if rule.kind == "exact":
            out.append(f"    match: {{exact: [{_q(rule.key)}]}}")
        elif rule.regex_source:
            out.append(f"    match: {{regex: {_q(rule.regex_source)}, case: sensitive}}")
        elif rule.kind == "prefix":
            out.append(f"    match: {{prefix: [{_q(rule.key)}]}}")
        else:
            out.append(f"    match: {{regex: {_q(rule.key)}}}")
        where = [f"region: {rule.region}"]
        if rule.max_words:
            where.append(f"max_words: {rule.max_words}")
        out.append(f"    where: {{{', '.join(where)}}}")
        out.append(f"    action: {rule.action}")
        if rule.action == "drop-next":
            out.append(f"    next: {{max_lines: {rule.next_max_lines}, max_words: {rule.next_max_words}}}")
        what = (f"Template line of {host}, seen on {rule.support} of {pages} pages ({share:.0%}), "
                f"{rule.position}.")
        if rule.action == "drop-next":
            what += f" Followed by up to {rule.next_max_lines} short teaser line(s), dropped with it."
        kind = {"exact": "Whole-line match", "shape": "Whole-line match up to its numbers",
                "prefix": f"Line start, at most {rule.max_words} words"}[rule.kind]
        if rule.regex_source:
            kind = (f"Line start followed by one of {len(rule.shapes)} word shape(s) seen on the site, at most "
                    f"{rule.max_words} words")
        region = {"head": ", head only", "tail": ", tail only", "anywhere": ""}[rule.region]
        out.append("    doc:")
        out.append(_q_line("what", what, 6))
        out.append(_q_line("why", "It repeats across the site's pages in the same place: site template, not "
                                  "article text.", 6))
        out.append(_q_line("safety", f"Learned automatically, review before use. {kind}{region}, only on {host}.", 6))
        out.append("    examples:")
        out.append(f"      drop: {_list(rule.examples)}")
        out.append(f"      keep: {_list(rule.keep)}")
    return "\n".join(out) + "\n"


def _q_line(key: str, value: str, indent: int = 0) -> str:
    return f"{' ' * indent}{key}: {_q(value)}"
