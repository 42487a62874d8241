"""Matchers find, for every line of a document, the rules whose pattern accepts it.

All matchers share one contract: `match(lines)` returns (line index, rule) pairs ordered
by line and, within a line, by rule priority (the order rules were given in). Region
checks are the line pass's business, not the matcher's.

`build_matcher(rules)` picks the fastest backend available:

- `HyperscanMatcher`: one Hyperscan scan of the whole document (its lines joined by "\\n")
  for every rule's required literals (see `matcher_literals`), or, for a rule that has
  none, for a translation of its pattern that matches at least what the pattern matches.
  Only the lines with a hit are checked with the rule's own `regex` pattern
  (`Rule.accepts`), so results equal `ReferenceMatcher`'s. The compiled database is cached
  on disk by the rule set's hash (`CLEANER_CACHE_DIR`, else `$XDG_CACHE_HOME/cleaner`,
  else `~/.cache/cleaner`).
- `PythonMatcher`: the same literals found with an Aho-Corasick automaton (pyahocorasick,
  or a `regex` alternation if that is missing) over a case-folded copy of the document;
  rules without literals are checked on every line. Used when hyperscan is not importable.
- `ReferenceMatcher`: every rule on every line; the semantics the others must equal.

Both fast matchers look up the rules of kind `exact` (a line equal to one of a list of
strings) in a dictionary of case-folded lines instead: a line is a candidate for such a rule
only if its folded form equals a folded pattern, which every matching line's is.

`regex_timeout` (seconds) bounds each `regex` check of a rule that does not come from the
shipped `rules/` directory; a check that runs longer raises `LimitError` naming the rule
and its file. Shipped patterns are reviewed and tested; user packs may hold a pattern
that backtracks catastrophically.

`CLEANER_MATCHER=hyperscan|python|reference` forces a backend.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import regex

from ..errors import LimitError
from ..normalize import count_words
from ..normalize import word_count as _word_count  # noqa: F401 - the name the matcher tests use
from .cache import cache_dir, read_cache as _read_cache, write_cache as _write_cache
from .matcher_literals import (TRANSLATION_BUDGET, Literal, case_variants, literal_scan_expression, pattern_flags,
                               rule_literals, text_key, translate_parts)
from .model import Rule

__all__ = ["Matcher", "ReferenceMatcher", "HyperscanMatcher", "PythonMatcher", "build_matcher",
           "cache_dir", "hyperscan_available"]

_PLAN_VERSION = "13"   # bump when what a plan holds changes: cached plans and databases are keyed by it
_LAYOUT_VERSION = "8"   # how a segment's databases are made from a plan (cached databases)
# Word-count tiers: a translation of a rule with max_words scans only the lines of at most
# the next tier's word count (body paragraphs are long, so these documents are small), and
# a hit of a rule with a smaller bound on a longer line is dropped by word count
# (`HyperscanMatcher._scan`). Scan time is per byte per database, and the rules bounded at
# 35 to 120 words (sentence-long appeals, credits, notes) would otherwise scan every body
# paragraph: with tiers 64 and 128 the English translations scan ~10% less time on the
# ScrapingHub pages (16 splits the button labels from the one-sentence rules). Finer tiers
# (8, 48, 96) cost more than they save: each database has its own per-byte cost.
_WORD_TIERS = (16, 32, 64, 128)


class Matcher(Protocol):
    rules: tuple[Rule, ...]

    def match(self, lines: Sequence[str]) -> list[tuple[int, Rule]]: ...


class ReferenceMatcher:
    """Every rule on every line: the plain semantics that faster matchers must equal."""

    def __init__(self, rules: Sequence[Rule], regex_timeout: float | None = None) -> None:
        self.rules = tuple(rules)
        self.regex_timeout = regex_timeout
        self._checks = _checks(self.rules, regex_timeout)

    def match(self, lines: Sequence[str], word_counts: Sequence[int] | None = None) -> list[tuple[int, Rule]]:
        hits: list[tuple[int, Rule]] = []
        pairs = tuple(zip(self.rules, self._checks))
        for i, line in enumerate(lines):
            if line:
                hits.extend((i, rule) for rule, accepts in pairs if accepts(line))
        return hits


# -- shared machinery --------------------------------------------------------------------

def _shipped(file: str, memo: dict[str, bool] = {}) -> bool:  # noqa: B006 - a per-process cache
    """Whether a pack file lies in the shipped rules/ directory."""
    found = memo.get(file)
    if found is None:
        from .loader import shipped_rules_dir

        try:
            Path(file).resolve().relative_to(shipped_rules_dir())
            found = True
        except Exception:  # noqa: BLE001 - not under rules/, or no rules/ at all
            found = False
        memo[file] = found
    return found


def _timed_accepts(rule: Rule, timeout: float) -> Any:
    """`rule.accepts` with a time budget on its regex search (LimitError past it)."""
    max_chars, min_words, max_words, search = rule.max_chars, rule.min_words, rule.max_words, rule.pattern.search

    def accepts(line: str) -> bool:
        if max_chars is not None and len(line) > max_chars:
            return False
        if min_words is not None or max_words is not None:
            words = len(line.split())
            if (min_words is not None and words < min_words) or (max_words is not None and words > max_words):
                return False
        try:
            return search(line, timeout=timeout) is not None
        except TimeoutError:
            raise LimitError(f"{rule.source}: rule {rule.id}: pattern took longer than {timeout:g} s "
                             f"(regex_timeout) on a line of {len(line)} characters") from None

    return accepts


def _checks(rules: Sequence[Rule], timeout: float | None) -> tuple[Any, ...]:
    """Per rule, the function that checks a line: `Rule.accepts`, with the time budget for
    rules from outside the shipped packs."""
    if timeout is None:
        return tuple(rule.accepts for rule in rules)
    return tuple(rule.accepts if _shipped(rule.source.file) else _timed_accepts(rule, timeout) for rule in rules)


def _check_ids(rules: Sequence[Rule]) -> tuple[int, ...]:
    """Per rule, the first rule with the same pattern and bounds: their results are equal,
    so one is remembered for both (a head and a tail rule often share a pattern)."""
    first: dict[tuple[Any, ...], int] = {}
    return tuple(first.setdefault((r.pattern.pattern, r.pattern.flags, r.max_chars, r.min_words, r.max_words), k)
                 for k, r in enumerate(rules))


class _ExactLines:
    """The rules of kind `exact`, found by a dictionary of case-folded lines.

    `^(?:A|B)$` accepts a line only if the line is A or B up to `regex`'s case folding, and
    `fold` maps strings that `regex` matches caselessly to equal keys: the folded line must
    be a key. The lookup only proposes candidates; `regex` still checks them.
    """

    def __init__(self, rules: Sequence[Rule]) -> None:
        table: dict[str, set[int]] = {}
        for r, rule in enumerate(rules):
            if rule.match.kind != "exact" or rule.pattern.pattern != rule.match.source_pattern():
                continue
            for text in rule.match.patterns:
                table.setdefault(fold(" ".join(text.split())), set()).add(r)
        self.rules = frozenset(r for rs in table.values() for r in rs)
        self.table = {k: frozenset(v) for k, v in table.items()}
        self.longest = max(map(len, table), default=0)

    def add_candidates(self, lines: Sequence[str], candidates: dict[int, set[int]]) -> None:
        """Candidates among `lines` (none holds a line break).

        Only lines that can fold to a key's length are folded: `fold` turns every character
        into at least one, except U+0307 (dropped), so a longer line without U+0307 has a
        longer folded form than any key. Body lines are mostly longer than button labels,
        and folding the whole document cost more than the rest of the lookup.
        """
        if not self.table:
            return
        longest = self.longest
        short = [i for i, line in enumerate(lines) if len(line) <= longest or "\u0307" in line]
        if not short:
            return
        table = self.table
        folded = fold("\n".join([lines[i] for i in short])).split("\n")
        if not table.keys() & folded:
            return
        for i, key in zip(short, folded):
            found = table.get(key)
            if found:
                have = candidates.get(i)
                if have is None:
                    candidates[i] = set(found)
                else:
                    have.update(found)


def _ruleset_key(rules: Sequence[Rule], backend: str, skip: frozenset[int] = frozenset()) -> str:
    h = hashlib.sha256()
    h.update(f"{backend}\0{_PLAN_VERSION}\0{_MAX_TRANSLATION_BYTES}\0{regex.__version__}\0{sorted(skip)}\0".encode())
    for rule in rules:
        h.update(rule.pattern.pattern.encode("utf-8", "surrogatepass"))
        h.update(f"\0{rule.pattern.flags}\0".encode())
    return h.hexdigest()[:32]


def _dump_literals(lits: frozenset[Literal] | None) -> Any:
    if lits is None:
        return None
    return sorted(["".join(c for c, _ in lit), "".join("1" if ci else "0" for _, ci in lit)] for lit in lits)


def _load_literals(data: Any) -> frozenset[Literal] | None:
    if data is None:
        return None
    return frozenset(tuple(zip(text, (m == "1" for m in mask))) for text, mask in data)


def _plan(rules: Sequence[Rule], backend: str, skip: frozenset[int] = frozenset()) -> list[Any]:
    """Per rule: its required literals (or None); cached on disk with the rule set's hash.
    Rules in `skip` (found another way) are not analysed."""
    name = f"plan-{_ruleset_key(rules, backend, skip)}.json"
    cached = _read_cache(name)
    if cached is not None:
        try:
            data = json.loads(cached)
            if len(data) == len(rules):
                return data
        except ValueError:
            pass
    memo: dict[tuple[str, int], Any] = {}
    data = []
    for r, rule in enumerate(rules):
        if r in skip:
            data.append({"lits": None})
            continue
        key = (rule.pattern.pattern, rule.pattern.flags)
        if key not in memo:
            entry: dict[str, Any] = {"lits": _dump_literals(rule_literals(rule.pattern))}
            if backend == "hyperscan":
                if entry["lits"] is None:
                    entry["exprs"] = _hyperscan_translations(rule)
                elif _weak(entry["lits"]):
                    entry["confirm"] = _hyperscan_translations(rule)
            memo[key] = entry
        data.append(memo[key])
    _write_cache(name, json.dumps(data).encode())
    return data


def _weak(lits: list[list[str]]) -> bool:
    """Whether a literal set is common in body text (" at ", "Foto"): short, not at a line end."""
    for text, _ in lits:
        if len(text.replace("\n", "")) + (3 if "\n" in text else 0) < 6:
            return True
    return False


def _TRANSLATION_FLAGS(hs: Any) -> int:  # noqa: N802
    """Translations are written for caseless compilation (`literal_expression(fold_ascii=True)`),
    with `^`/`$` at every line boundary (the scanned document is its lines joined by "\n").

    Not HS_FLAG_PREFILTER: a translation uses only what Hyperscan builds exactly, and in
    prefilter mode an expression too large to build is silently widened, as far as
    matching every line. Refused instead, it is made smaller (`translate_parts`).
    """
    return hs.HS_FLAG_CASELESS | hs.HS_FLAG_MULTILINE


def _hyperscan_translations(rule: Rule) -> list[str] | None:
    """Hyperscan expressions that together match at least the lines the rule's pattern
    accepts, each one checked to compile; cached on disk by pattern."""
    import hyperscan as hs

    source, flags = rule.pattern.pattern, pattern_flags(rule.pattern)
    h = hashlib.sha256(f"{_PLAN_VERSION}\0{_MAX_TRANSLATION_BYTES}\0{regex.__version__}\0{getattr(hs, '__version__', '')}"
                       f"\0{flags}\0".encode())
    h.update(source.encode("utf-8", "surrogatepass"))
    name = f"tr-{h.hexdigest()[:32]}.json"
    cached = _read_cache(name)
    if cached is not None:
        try:
            data = json.loads(cached)
            if data is None or (isinstance(data, list) and all(isinstance(e, str) for e in data)):
                return data
        except ValueError:
            pass

    compiled: dict[str, Any] = {}   # the check's databases, reused to test the drop examples

    def compiles(expr: str) -> bool:
        try:
            db = hs.Database(mode=hs.HS_MODE_BLOCK)
            db.compile(expressions=[expr.encode("ascii")], ids=[0], elements=1, flags=_TRANSLATION_FLAGS(hs))
        except (hs.error, UnicodeEncodeError):
            return False
        compiled[expr] = db
        return True

    found = translate_parts(source, flags, accept=compiles)
    if found:
        found = _within_size(found, lambda **how: translate_parts(source, flags, accept=compiles, **how), hs)
    if found and not _finds_drop_examples([compiled[e] for e in found], rule):
        found = None  # a translation that misses the rule's own examples is not a superset: verify with regex
    _write_cache(name, json.dumps(found).encode())
    return found


# Most bytes a rule's translations may compile to. The compiled databases are the largest
# objects of a process (~90 MB for the three languages at 142da78, shared by forked
# workers but resident in each), and a few cue-pair rules made most of it: DE-PAY-023's 30
# expressions "call word .{0,80}? product word" (and the reverse) compiled to 12 MB, as
# much as German's other 20 largest rules together. A rule over the limit is translated
# more coarsely (a smaller budget, then each part cut after its first word list), which
# still matches every line the pattern does; its regex then checks more candidate lines.
_MAX_TRANSLATION_BYTES = 1 << 20
# Coarser translations, tried in turn: smaller budgets first (they keep each part's words
# and widen only its largest pieces; cutting FR-CRED-002's parts instead made its slow
# pattern check 1452 lines of the benchmark sample instead of 20), then cut parts.
_COARSER = ({"budget": TRANSLATION_BUDGET // 2}, {"budget": TRANSLATION_BUDGET // 4},
            {"budget": TRANSLATION_BUDGET // 8}, {"coarse": True}, {"coarse": True, "budget": TRANSLATION_BUDGET // 4})


def _compiled_size(exprs: Sequence[str], hs: Any) -> int:
    """Bytes of the serialized database of these expressions (as the tier databases hold them)."""
    db = hs.Database(mode=hs.HS_MODE_BLOCK)
    db.compile(expressions=[e.encode("ascii") for e in exprs], ids=[0] * len(exprs), elements=len(exprs),
               flags=[_TRANSLATION_FLAGS(hs)] * len(exprs))
    return len(hs.dumpb(db))


def _within_size(found: list[str], translate: Any, hs: Any) -> list[str]:
    """`found`, or if it compiles to more than _MAX_TRANSLATION_BYTES the smallest of the
    coarser translations `translate(**how)` makes (the first one within the limit)."""
    try:
        best, size = found, _compiled_size(found, hs)
        for how in _COARSER:
            if size <= _MAX_TRANSLATION_BYTES:
                break
            other = translate(**how)
            if other:
                other_size = _compiled_size(other, hs)
                if other_size < size:
                    best, size = other, other_size
        return best
    except hs.error:
        return found  # each expression compiles alone (translate_parts checked): keep them


def _finds_drop_examples(databases: list[Any], rule: Rule) -> bool:
    """Whether the translated expressions (one compiled database each) match every line the
    rule's pattern matches among its drop examples (a cheap check of the translation, which
    must never lose a match)."""
    lines = [line for line in rule.examples.drop if rule.pattern.search(line)]
    for line in lines:
        data = line.encode("utf-8", "surrogatepass")
        hit: list[bool] = []
        for db in databases:
            db.scan(data, match_event_handler=lambda *a: hit.append(True))
            if hit:
                break
        if not hit:
            return False
    return True


def _document(lines: Sequence[str]) -> str | None:
    """The lines joined as the scanners see them; None if a line holds a line break."""
    text = "\n" + "\n".join(lines) + "\n"
    if text.count("\n") != len(lines) + 1:
        return None
    return text


_MEMO_LINES = 50_000   # lines whose results a matcher remembers (then it starts afresh)
_MEMO_MAX_CHARS = 2_000


def _verify(rules: tuple[Rule, ...], lines: Sequence[str], candidates: dict[int, set[int]],
            always: tuple[int, ...], memo: dict[str, dict[int, bool]], checks: tuple[Any, ...],
            ids: tuple[int, ...]) -> list[tuple[int, Rule]]:
    """Check candidate (line, rule) pairs (and the always-checked rules) with `regex`.

    `Rule.accepts` depends on the line's text only, and boilerplate lines repeat across
    documents ("Foto: dpa", a site's share bar): each (line, rule) result is remembered.
    """
    out: list[tuple[int, Rule]] = []
    append = out.append
    n = len(lines)
    if always:
        everywhere = set(always)
        order: Any = ((i, sorted(everywhere | candidates[i]) if i in candidates else always) for i in range(n))
    else:
        order = ((i, candidates[i]) for i in sorted(candidates) if 0 <= i < n)
    for i, idxs in order:
        line = lines[i]
        if not line or not idxs:
            continue
        known = memo.get(line)
        if known is None:
            if len(memo) >= _MEMO_LINES:
                memo.clear()
            known = {} if len(line) > _MEMO_MAX_CHARS else memo.setdefault(line, {})
        for r in (sorted(idxs) if len(idxs) > 1 and not always else idxs):
            key = ids[r]
            ok = known.get(key)
            if ok is None:
                ok = known[key] = checks[r](line)
            if ok:
                append((i, rules[r]))
    return out


# -- Hyperscan ---------------------------------------------------------------------------

def hyperscan_available() -> bool:
    try:
        import hyperscan  # noqa: F401
    except ImportError:
        return False
    return True


class HyperscanMatcher:
    """One Hyperscan scan per document for all rules, then exact checks of candidate lines.

    Rules are compiled in segments (`_segment_spans`): a language's packs and the common
    packs together, as every selection of the language holds them, and each site family on
    its own, so a new host compiles only its site rules. A segment has a literal database
    and one translation database per word tier (plus one for the unbounded rules): the
    whole document is scanned twice, and each tier's shorter lines once more (it was
    eleven whole scans with a segment per family and five tiers, for the same hits).
    """

    def __init__(self, rules: Sequence[Rule], regex_timeout: float | None = None) -> None:
        import hyperscan

        self._hs = hyperscan
        self.rules = tuple(rules)
        self.regex_timeout = regex_timeout
        self._checks = _checks(self.rules, regex_timeout)
        self._ids = _check_ids(self.rules)
        self.exact = _ExactLines(self.rules)
        self._local = threading.local()
        self.segments: list[_Segment] = []
        for start, end, runs in _segment_spans(self.rules):
            skip = frozenset(r - start for r in self.exact.rules if start <= r < end)
            self.segments.append(_Segment(hyperscan, self.rules[start:end], start, skip, runs))
        # A hit of a rule with a word bound on a longer line is no candidate (its check would
        # refuse the line): a tier's database also holds the rules of the smaller bounds.
        self._most = tuple(_most_words(rule) for rule in self.rules)
        self.always = tuple(seg.offset + r for seg in self.segments for r in seg.always)
        # Rules with a common literal ("prev", " at ") are found by their translation, which
        # may have been generalised to fit its budget ("^r[^\n]*"): a line it hits is
        # checked for one of the rule's literals before the rule's own pattern runs.
        gates = {seg.offset + r: keys for seg in self.segments for r, keys in seg.gates.items()}
        self._checks = tuple(_gated(check, gates[r]) if r in gates else check
                             for r, check in enumerate(self._checks))
        self._memo: dict[str, dict[int, bool]] = {}

    def _scratch(self, db: Any) -> Any:
        scratches = getattr(self._local, "scratches", None)
        if scratches is None:
            scratches = self._local.scratches = {}
        scratch = scratches.get(id(db))
        if scratch is None:
            scratch = scratches[id(db)] = self._hs.Scratch(db)
        return scratch

    def match(self, lines: Sequence[str], word_counts: Sequence[int] | None = None) -> list[tuple[int, Rule]]:
        """`word_counts`: `count_words(lines)` if the caller has it (saves counting again)."""
        text = _document(lines)
        if text is None:
            return ReferenceMatcher(self.rules, self.regex_timeout).match(lines)
        candidates: dict[int, set[int]] = {}
        docs = _TierDocs(lines, text, word_counts)
        keyed = None
        for seg in self.segments:
            if seg.lit_db is not None:
                if keyed is None:
                    keyed = text_key(text).encode("utf-8", "surrogatepass")
                self._scan(seg.lit_db, keyed, candidates, seg.offset, docs)
            for tier, db in seg.raw_dbs:
                data, index = docs.get(tier)
                if not data:
                    continue  # no line is short enough for this tier's rules
                self._scan(db, data, candidates, seg.offset, docs, both_sides=True, index=index)
        self.exact.add_candidates(lines, candidates)
        return _verify(self.rules, lines, candidates, self.always, self._memo, self._checks, self._ids)

    def _scan(self, db: Any, data: bytes, candidates: dict[int, set[int]], offset: int, docs: _TierDocs,
              both_sides: bool = False, index: list[int] | None = None) -> None:
        """Record (line, rule) candidates; a hit belongs to the line of its last byte.

        A literal never ends on the "\\n" that starts a line, but a translation's empty hit
        (`^` then parts that can be empty) ends where a line starts, so its last byte is
        the "\\n" before: with `both_sides`, a hit ending on a "\\n" is a candidate for the
        lines on both sides of it. `data` may hold only some of the lines: `index` maps its
        line numbers to the document's (`_TierDocs`). A line with more words than the rule
        accepts (`_most_words`) is no candidate: its check would refuse it.
        """
        ends: list[tuple[int, int]] = []
        add = ends.append

        def on_match(rule: int, start: int, end: int, flags: int, context: Any) -> None:
            add((end, rule))

        db.scan(data, match_event_handler=on_match, scratch=self._scratch(db))
        if not ends:
            return
        ends.sort()
        count = data.count
        most = self._most
        n = len(docs.lines)
        counts: Sequence[int] | None = None   # counted when a hit of a bounded rule needs them
        line, pos = -1, 0
        for end, rule in ends:
            if end == 0:
                continue  # an empty hit before the document's first "\n": no line of it
            line += count(b"\n", pos, end - 1)
            pos = end - 1
            rule += offset
            bound = most[rule]
            if bound is not None and counts is None:
                counts = docs.words()
            at = line if index is None else index[line]
            if 0 <= at < n and (bound is None or counts[at] <= bound):  # type: ignore[index]
                found = candidates.get(at)
                if found is None:
                    candidates[at] = {rule}
                else:
                    found.add(rule)
            if both_sides and data[end - 1] == 10:
                at = line + 1 if index is None else index[line + 1]
                if at < n and (bound is None or counts[at] <= bound):  # type: ignore[index]
                    candidates.setdefault(at, set()).add(rule)


def _literal_exprs(lits: frozenset[Literal], rule: int, hs: Any) -> list[tuple[bytes, int, int]] | None:
    """The literal scan's expressions for one rule's literals; None if one cannot be written."""
    out = []
    for lit in lits:
        try:
            found = literal_scan_expression(lit)
        except Exception:  # noqa: BLE001 - anything odd: the caller checks the rule everywhere
            return None
        if found is None:
            return None
        expr, is_caseless = found
        out.append((expr.encode("ascii"), rule, hs.HS_FLAG_CASELESS if is_caseless else 0))
    return out


def _folded_literals(lits: frozenset[Literal]) -> list[str] | None:
    """A rule's literals as `fold`ed text, as PythonMatcher finds them in a folded document
    ("\\n" for a line boundary); None if one is nothing but line boundaries."""
    keys = sorted({fold("".join(c for c, _ in lit)) for lit in lits})
    if not all(key.strip("\n") for key in keys):
        return None
    return keys


def _gated(check: Any, keys: Sequence[str]) -> Any:
    """`check`, run only on a line that holds one of the rule's (folded) literals.

    Every line the rule accepts holds one (`matcher_literals`), so the answers are the
    check's own; the literal test is one automaton pass over the folded line, where the
    pattern may be a full-case search of tens of microseconds.
    """
    searcher = PythonMatcher._automaton({key: (0,) for key in keys})

    def gated(line: str) -> bool:
        for _ in searcher.iter(_padded_fold(line)):
            return bool(check(line))
        return False

    return gated


_LINE_ABOVE = "\n" + "A line of body text above the example, as in any scanned document. " * 2 + "\n"


def _reported(db: Any, scratch: Any, text: str) -> set[int]:
    found: set[int] = set()
    db.scan(text.encode("utf-8", "surrogatepass"), match_event_handler=lambda i, *a: found.add(i), scratch=scratch)
    return found


def _family(rule: Rule) -> str:
    return rule.pack.split("/", 1)[0]


# Pack families whose rules differ from one selection to the next (a host's site packs):
# they keep databases of their own, so a new host compiles only its site rules. The other
# families (a language's packs, the common packs) recur in every selection of a language
# and are compiled into one set of databases, which a document is scanned with once per
# tier rather than once per family and tier.
_OWN_DATABASES = frozenset({"sites"})


def _segment_spans(rules: Sequence[Rule]) -> list[tuple[int, int, list[tuple[int, int]]]]:
    """The (start, end) of each segment of `rules`, with its runs of one family (relative
    to start: the unit whose plan is cached, shared by the selections that hold it)."""
    runs: list[tuple[int, int]] = []
    start = 0
    for end in range(1, len(rules) + 1):
        if end == len(rules) or _family(rules[end]) != _family(rules[start]):
            runs.append((start, end))
            start = end
    spans: list[tuple[int, int, list[tuple[int, int]]]] = []
    for start, end in runs:
        alone = _family(rules[start]) in _OWN_DATABASES
        if spans and not alone and _family(rules[spans[-1][0]]) not in _OWN_DATABASES:
            first = spans[-1][0]
            spans[-1] = (first, end, [*spans[-1][2], (start - first, end - first)])
        else:
            spans.append((start, end, [(0, end - start)]))
    return spans


def _most_words(rule: Rule) -> int | None:
    """The most words a line the rule accepts can have (None: no bound). A line of at most
    max_chars characters has at most (max_chars + 1) // 2 words."""
    most = rule.max_words
    if rule.max_chars is not None:
        most = min(most if most is not None else 1 << 30, (rule.max_chars + 1) // 2)
    return most


def _word_tier(rule: Rule) -> int | None:
    """The smallest word-count tier that holds every line the rule can accept (None: all lines)."""
    most = _most_words(rule)
    if most is None:
        return None
    return next((t for t in _WORD_TIERS if most <= t), None)


class _TierDocs:
    """Per word-count tier, the document of the lines with at most that many words, as
    bytes, and the index of each of its lines in the whole document (then a sentinel past
    the last line, where a hit on the final or the first "\\n" lands: no line of it); an
    empty document if no line is in the tier. Each is made when first asked for, and so
    are the lines' word counts."""

    def __init__(self, lines: Sequence[str], text: str, counts: Sequence[int] | None = None) -> None:
        self.lines = lines
        self.text = text
        self.counts = counts
        self.docs: dict[int | None, tuple[bytes, list[int] | None]] = {}

    def words(self) -> Sequence[int]:
        if self.counts is None:
            self.counts = count_words(self.lines)  # type: ignore[arg-type]
        return self.counts

    def get(self, tier: int | None) -> tuple[bytes, list[int] | None]:
        found = self.docs.get(tier)
        if found is None:
            lines = self.lines
            keep = None if tier is None else [i for i, w in enumerate(self.words()) if w <= tier]
            if keep is None or len(keep) == len(lines):
                found = self.docs.get(None) or (self.text.encode("utf-8", "surrogatepass"), None)
            elif not keep:
                found = (b"", [])  # nothing to scan ("\n\n" would read as one empty line)
            else:
                text = "\n" + "\n".join([lines[i] for i in keep]) + "\n"
                keep.append(len(lines))
                found = (text.encode("utf-8", "surrogatepass"), keep)
            self.docs[tier] = found
        return found


def _segment_expressions(hyperscan: Any, rules: Sequence[Rule], skip: frozenset[int] = frozenset(),
                         runs: Sequence[tuple[int, int]] | None = None) -> tuple[
        list[tuple[bytes, int, int]], list[tuple[bytes, int, int]], list[int], dict[int, frozenset[Literal]]]:
    """A segment's expressions before compiling: the literal scan's, the translations
    (id = rule), the rules checked on every line, and the rules with literals whose
    translation is their prefilter (`benchmarks/translation_costs.py` times them one by one)."""
    # Plans are made (and cached) per run of one family: a run recurs in many segments.
    plan = [entry for start, end in (runs or [(0, len(rules))])
            for entry in _plan(rules[start:end], "hyperscan",
                               frozenset(r - start for r in skip if start <= r < end))]
    lit_exprs: list[tuple[bytes, int, int]] = []   # scanned over text_key(document)
    raw_exprs: list[tuple[bytes, int, int]] = []   # scanned over the document itself
    always: list[int] = []
    by_translation: dict[int, frozenset[Literal]] = {}   # rules with literals, prefiltered by translation
    for r, entry in enumerate(plan):
        if r in skip:
            continue  # found by the exact-line dictionary
        lits = _load_literals(entry["lits"])
        if lits is not None and entry.get("confirm"):
            # A common literal (" at ", "Foto") hits many body lines, each hit a
            # Python callback; the rule's translation alone (which keeps the rule's
            # anchors, so it reports few hits) is the sharper and cheaper prefilter.
            raw_exprs.extend((e.encode("ascii"), r, _TRANSLATION_FLAGS(hyperscan)) for e in entry["confirm"])
            by_translation[r] = lits
            continue
        if lits is not None:
            found = _literal_exprs(lits, r, hyperscan)
            if found is not None:
                lit_exprs.extend(found)
                continue
        if entry.get("exprs"):
            raw_exprs.extend((e.encode("ascii"), r, _TRANSLATION_FLAGS(hyperscan)) for e in entry["exprs"])
        else:
            always.append(r)
    return lit_exprs, raw_exprs, always, by_translation


class _Segment:
    """The compiled databases for a run of rules: the families that recur in selections
    together, or one family of `_OWN_DATABASES` (see `_segment_spans`)."""

    def __init__(self, hyperscan: Any, rules: Sequence[Rule], offset: int, skip: frozenset[int] = frozenset(),
                 runs: Sequence[tuple[int, int]] | None = None) -> None:
        self._hs = hyperscan
        self.rules = tuple(rules)
        self.offset = offset
        self.gates: dict[int, list[str]] = {}   # rule -> folded literals (see HyperscanMatcher)
        self.raw_dbs: list[tuple[int | None, Any]] = []   # (word tier, database) for the translations
        # The layout depends on each rule's word tier, which its pattern does not determine.
        tiers = [_word_tier(rule) for rule in self.rules]
        key = _ruleset_key(self.rules, f"hyperscan-{getattr(hyperscan, '__version__', '')}-{_LAYOUT_VERSION}"
                                       f"-{tiers}", skip)
        if self._load(f"hsdb-{key}.bin"):
            return
        lit_exprs, raw_exprs, always, by_translation = _segment_expressions(hyperscan, self.rules, skip, runs)
        width = len(self.rules)
        by_tier: dict[int | None, list[tuple[bytes, int, int]]] = {}
        for e in raw_exprs:
            by_tier.setdefault(_word_tier(self.rules[e[1] % width]), []).append(e)
        bad_raw: list[int] = []
        for tier in sorted(by_tier, key=lambda t: t or 1 << 30):
            db, refused = self._database(by_tier[tier])
            bad_raw.extend(refused)
            if db is not None:
                bad_raw.extend(self._unreported({i for _, i, _ in by_tier[tier]} - set(refused), db))
                self.raw_dbs.append((tier, db))
        # A rule with literals whose translation Hyperscan refuses or misses (the bug in
        # _unreported) is found by its literals instead: a wider prefilter than the
        # translation, but far narrower than checking the rule on every line.
        for r in sorted(set(bad_raw) & set(by_translation)):
            found = _literal_exprs(by_translation[r], r, hyperscan)
            if found is not None:
                lit_exprs.extend(found)
                bad_raw = [i for i in bad_raw if i != r]
                del by_translation[r]
        self.lit_db, bad_lit = self._database(lit_exprs)
        # A rule whose expressions Hyperscan refuses is checked on every line.
        bad = set(bad_lit) | {i for i in bad_raw if i < width}
        # The other rules' translation hits are checked for one of the rule's literals first.
        self.gates = {r: keys for r, lits in by_translation.items() if r not in bad
                      for keys in [_folded_literals(lits)] if keys is not None}
        self.always = tuple(sorted(set(always) | bad))
        self._save(f"hsdb-{key}.bin")

    def _unreported(self, ids: set[int], db: Any) -> list[int]:
        """Ids the compiled database fails to report on one of their rule's drop examples,
        scanned alone or below another line.

        Hyperscan 5.4.12 (in python-hyperscan 0.9.1) misses `^(?:[^\\n]+\\?)?(?:\\xc5\\xbf|s)ub…`
        (an optional prefix, then an alternation) on a line that follows one of 23 or more
        bytes, and what it misses also depends on the other expressions in the database;
        so the database as built is checked, and a rule it fails is found by its literals
        if it has any, else checked on every line. The
        earlier check of each translation alone (_finds_drop_examples) stays: it keeps
        translations that are wrong in themselves out of the database, and with them in,
        the database missed more (DE-PAY-001 as well, when tried)."""
        width = len(self.rules)
        scratch = self._hs.Scratch(db)
        failed = []
        for i in sorted(ids):
            rule = self.rules[i % width]
            for line in rule.examples.drop:
                if rule.accepts(line) and not all(i in _reported(db, scratch, text) for text in
                                                  ("\n" + line + "\n", _LINE_ABOVE + line + "\n")):
                    failed.append(i)
                    break
        return failed

    def _load(self, name: str) -> bool:
        blob = _read_cache(name)
        if blob is None:
            return False
        try:
            # Offsets into the blob, one slice per database: copies of the whole rest (tens
            # of MB) would stay behind as fragmented heap in every process that loads it.
            cut = blob.index(b"\n")
            meta = json.loads(blob[:cut])
            pos = cut + 1
            lit, pos = blob[pos:pos + meta["lit"]], pos + meta["lit"]
            raw_dbs = []
            for tier, size in meta["raw"]:
                raw_dbs.append((tier, self._hs.loadb(blob[pos:pos + size], self._hs.HS_MODE_BLOCK)))
                pos += size
            if pos != len(blob):
                return False
            gates = {int(r): list(keys) for r, keys in meta["gates"].items()}
            self.lit_db = self._hs.loadb(lit, self._hs.HS_MODE_BLOCK) if lit else None
            self.raw_dbs, self.always, self.gates = raw_dbs, tuple(meta["always"]), gates
            return True
        except Exception:  # noqa: BLE001 - stale or foreign cache: rebuild
            return False

    def _save(self, name: str) -> None:
        try:
            lit = bytes(self._hs.dumpb(self.lit_db)) if self.lit_db is not None else b""
            raws = [(tier, bytes(self._hs.dumpb(db))) for tier, db in self.raw_dbs]
            head = json.dumps({"always": list(self.always), "gates": self.gates, "lit": len(lit),
                               "raw": [[tier, len(blob)] for tier, blob in raws]}).encode()
            _write_cache(name, head + b"\n" + lit + b"".join(blob for _, blob in raws))
        except Exception:  # noqa: BLE001
            pass

    def _database(self, exprs: list[tuple[bytes, int, int]]) -> tuple[Any, list[int]]:
        """The compiled database (None if nothing compiles) and the ids Hyperscan refused."""
        if not exprs:
            return None, []
        hs = self._hs
        h = hashlib.sha256(hs.__version__.encode() if hasattr(hs, "__version__") else b"")
        for e, i, f in exprs:
            h.update(e + f"\0{i}\0{f}\0".encode())
        name = f"hs-{h.hexdigest()[:32]}.db"
        blob = _read_cache(name)
        if blob is not None:
            try:
                head, _, body = blob.partition(b"\n")
                bad = json.loads(head)
                return (hs.loadb(bytes(body), hs.HS_MODE_BLOCK) if body else None), bad
            except Exception:  # noqa: BLE001 - stale or foreign cache: recompile
                pass
        db, bad = self._compile(exprs)
        try:
            _write_cache(name, json.dumps(bad).encode() + b"\n" + (bytes(hs.dumpb(db)) if db is not None else b""))
        except Exception:  # noqa: BLE001
            pass
        return db, bad

    def _compile(self, exprs: list[tuple[bytes, int, int]]) -> tuple[Any, list[int]]:
        hs = self._hs
        try:
            return self._compile_all(exprs), []
        except hs.error:
            pass
        # Some expression is refused: keep the ids whose expressions all compile.
        bad = set()
        for e, i, f in exprs:
            try:
                self._compile_all([(e, i, f)])
            except hs.error:
                bad.add(i)
        keep = [x for x in exprs if x[1] not in bad]
        return (self._compile_all(keep) if keep else None), sorted(bad)

    def _compile_all(self, exprs: list[tuple[bytes, int, int]]) -> Any:
        hs = self._hs
        db = hs.Database(mode=hs.HS_MODE_BLOCK)
        db.compile(expressions=[e for e, _, _ in exprs], ids=[i for _, i, _ in exprs],
                   elements=len(exprs), flags=[f for _, _, f in exprs])
        return db


# -- pure Python -------------------------------------------------------------------------

_fold_table: dict[int, str] | None = None
_fold_check: Any = None
_fold_lock = threading.Lock()


def _fold_fixups() -> tuple[dict[int, str], Any]:
    """Characters that `regex` treats as case variants but str.casefold() does not fold alike.

    Python's Unicode tables can be older than `regex`'s, and `regex` matches dotless and
    dotted i with I and i. Each such group is mapped to one representative.
    """
    global _fold_table, _fold_check
    if _fold_table is not None:
        return _fold_table, _fold_check  # built once; the lock only guards building
    with _fold_lock:
        if _fold_table is None:
            from regex import _regex

            name = f"fold-{regex.__version__}-{sys.version_info[:2]}.json"
            cached = _read_cache(name)
            table: dict[int, str] | None = None
            if cached is not None:
                try:
                    table = {int(k): v for k, v in json.loads(cached).items()}
                except ValueError:
                    table = None
            if table is None:
                table = {}
                flags = regex.IGNORECASE | regex.FULLCASE | regex.UNICODE
                for cp in range(0x110000):
                    if 0xD800 <= cp < 0xE000:
                        continue
                    cases = _regex.get_all_cases(flags, cp)
                    if len(cases) < 2:
                        continue
                    group = {chr(c) for c in cases if c is not None} | set(case_variants(chr(cp)))
                    folds = {g.casefold() for g in group}
                    if len(folds) > 1:
                        target = min(folds, key=lambda f: (len(f), f))
                        for g in group:
                            if len(g) == 1 and g.casefold() != target:
                                table[ord(g)] = target
                _write_cache(name, json.dumps({str(k): v for k, v in table.items()}).encode())
            # Applied after casefold(): map the folded forms of the odd characters.
            after: dict[int, str] = {}
            for cp, target in table.items():
                folded = chr(cp).casefold()
                if len(folded) == 1 and folded != target:
                    after[ord(folded)] = target
            after[0x131] = "i"      # dotless i, which regex matches with I
            after[0x307] = ""       # combining dot above, left by casefold("İ") = "i̇"
            _fold_table = after
            _fold_check = regex.compile("[" + "".join(regex.escape(chr(c)) for c in sorted(after)) + "]")
    return _fold_table, _fold_check


@functools.lru_cache(maxsize=1024)
def _padded_fold(line: str) -> str:
    """`fold(line)` between line breaks, as the gates search it: a candidate line is checked
    by several gated rules in turn, so it is folded once."""
    return "\n" + fold(line) + "\n"


def fold(text: str) -> str:
    """A case-folded key in which every pair of characters `regex` matches caselessly is equal."""
    table, check = _fold_fixups()
    text = text.casefold()
    if not text.isascii() and check.search(text):
        text = text.translate(table)
    return text


class _RegexSearcher:
    """Literal search with one `regex` alternation, when pyahocorasick is not installed."""

    def __init__(self, words: dict[str, tuple[int, ...]]) -> None:
        # The alternation reports only the longest word starting at a position; every
        # shorter word found there is a prefix of it, so it carries their rules too.
        self.words = {w: tuple(sorted({r for k in range(1, len(w) + 1) for r in words.get(w[:k], ())}))
                      for w in words}
        ordered = sorted(words, key=len, reverse=True)
        self.pattern = regex.compile("|".join(f"(?=({regex.escape(w)}))" for w in ordered))

    def iter(self, text: str):  # noqa: ANN201
        words = self.words
        for m in self.pattern.finditer(text, overlapped=True):
            start = m.start()
            for w in m.groups():
                if w is not None:
                    yield start + len(w) - 1, words[w]


class PythonMatcher:
    """Aho-Corasick over a case-folded document for the required literals, then exact checks."""

    def __init__(self, rules: Sequence[Rule], regex_timeout: float | None = None) -> None:
        self.rules = tuple(rules)
        self.regex_timeout = regex_timeout
        self._checks = _checks(self.rules, regex_timeout)
        self._ids = _check_ids(self.rules)
        self.exact = _ExactLines(self.rules)
        skip = self.exact.rules
        plan = _plan(self.rules, "python", skip)
        words: dict[str, list[int]] = {}
        always: list[int] = []
        for r, entry in enumerate(plan):
            if r in skip:
                continue  # found by the exact-line dictionary
            lits = _load_literals(entry["lits"])
            if lits is None:
                always.append(r)
                continue
            for lit in lits:
                key = fold("".join(c for c, _ in lit))
                if not key.strip("\n"):
                    always.append(r)
                    break
                words.setdefault(key, []).append(r)
        self.always = tuple(sorted(set(always)))
        self._memo: dict[str, dict[int, bool]] = {}
        final = {w: tuple(sorted(set(rs) - set(self.always))) for w, rs in words.items()}
        final = {w: rs for w, rs in final.items() if rs}
        self._searcher = self._automaton(final) if final else None

    @staticmethod
    def _automaton(words: dict[str, tuple[int, ...]]) -> Any:
        try:
            import ahocorasick
        except ImportError:
            return _RegexSearcher(words)
        auto = ahocorasick.Automaton()
        for w, rs in words.items():
            auto.add_word(w, rs)
        auto.make_automaton()
        return auto

    def match(self, lines: Sequence[str], word_counts: Sequence[int] | None = None) -> list[tuple[int, Rule]]:
        text = _document(lines)
        if text is None:
            return ReferenceMatcher(self.rules, self.regex_timeout).match(lines)
        candidates: dict[int, set[int]] = {}
        if self._searcher is not None:
            folded = fold(text)  # may be longer (ß -> ss) but has the same line breaks
            count = folded.count
            line, pos = -1, 0
            for end, rs in sorted(self._searcher.iter(folded)):
                line += count("\n", pos, end)
                pos = end
                found = candidates.get(line)
                if found is None:
                    candidates[line] = set(rs)
                else:
                    found.update(rs)
        self.exact.add_candidates(lines, candidates)
        return _verify(self.rules, lines, candidates, self.always, self._memo, self._checks, self._ids)


# -- choosing ----------------------------------------------------------------------------

_notice_lock = threading.Lock()
_noticed = False


def _notice_fallback() -> None:
    global _noticed
    with _notice_lock:
        if not _noticed:
            _noticed = True
            print("cleaner: hyperscan is not installed; using the slower pure-Python matcher",
                  file=sys.stderr)


def build_matcher(rules: Sequence[Rule], backend: str | None = None,
                  regex_timeout: float | None = None) -> Matcher:
    """The fastest matcher available for `rules` (or the one `backend` names).

    regex_timeout: seconds each `regex` check of a rule from outside the shipped packs may
    take (LimitError past it); None for no limit.
    """
    backend = backend or os.environ.get("CLEANER_MATCHER") or "auto"
    if backend == "reference":
        return ReferenceMatcher(rules, regex_timeout)
    if backend in ("auto", "hyperscan"):
        if hyperscan_available():
            return HyperscanMatcher(rules, regex_timeout)
        if backend == "hyperscan":
            raise ImportError("hyperscan is not installed")
        _notice_fallback()
    return PythonMatcher(rules, regex_timeout)
