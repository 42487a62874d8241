"""How the compiled matcher finds a rule's candidate lines, in terms a pack author can act on.

The Hyperscan matcher scans each document once for the required literals of all rules
(text that every line the pattern accepts contains) and checks the rule's own pattern only
on lines with a hit. A rule without such a literal, or with only a short common one (" at ",
"Foto"), is found by a translation of its whole pattern instead, in databases scanned over
every document. Measured (benchmarks/README.md, session 12): the translation database of
about 100 rules costs ~57 ms per MB of text, all literals together ~5 ms, and the cost
grows with each translated rule. A rule that names a word of its own is the cheap kind.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..engine.matcher import _dump_literals, _weak
from ..engine.matcher_literals import rule_literals
from ..engine.model import Rule

__all__ = ["Prefilter", "prefilter_of"]

_KINDS = {
    "exact": "exact-line dictionary (no scan)",
    "literal": "literal scan",
    "common-literal": "common literal, so found by a translation of the pattern (costly: a rarer word helps)",
    "translation": "no literal every match contains, so found by a translation of the pattern "
                   "(costly: a required word of 4+ letters helps)",
}


@dataclass(frozen=True)
class Prefilter:
    kind: str                    # one of _KINDS
    literals: tuple[str, ...]    # what the literal scan looks for ("^" is a line start)

    @property
    def costly(self) -> bool:
        return self.kind in ("common-literal", "translation")

    def describe(self) -> str:
        shown = ", ".join(repr(text) for text in self.literals[:8])
        more = f" (+{len(self.literals) - 8} more)" if len(self.literals) > 8 else ""
        return _KINDS[self.kind] + (f": {shown}{more}" if shown else "")


def prefilter_of(rule: Rule) -> Prefilter:
    """How `HyperscanMatcher` finds this rule's candidate lines (the same analysis its plan uses)."""
    if rule.match.kind == "exact":
        return Prefilter("exact", ())
    dumped = _dump_literals(rule_literals(rule.pattern))
    if dumped is None:
        return Prefilter("translation", ())
    common = [lit for lit in dumped if _weak([lit])]
    # The common literals first: they are what an author would make rarer.
    texts = tuple(dict.fromkeys(text.replace("\n", "^") for text, _ in common + sorted(dumped)))
    return Prefilter("common-literal" if common else "literal", texts)
