"""The input with every removal marked: for `cleaner explain` and `cleaner clean --diff`.

Each input line is shown once, with a mark and, for removals, the rule id and category:

        1 - Werbung                                   [DE-ADS-001 ads]
        3   Nordkoreas Machthaber Kim trifft sich mit Putin
       40 ~ Kim reiste an. Foto: dpa                  [DE-CRED-004 credit: cut 'Foto: dpa']

On a terminal the removed text is coloured by category (and a cut span struck through);
in a pipe, or with NO_COLOR set, it is plain. `explain_data` gives the same as data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..document import Removal, Result
from ..normalize import _INVISIBLE, split_lines
from .palette import paint

__all__ = ["LineView", "line_views", "explain_data", "render_explain", "summary", "is_blank"]

# A line is blank for cleaning when nothing but spaces and invisible characters remain once
# normalized (cleaner.normalize); stripping these characters decides it without normalizing.
_BLANK_CHARS = "".join(chr(c) for c in range(0x3001) if chr(c).isspace()) + _INVISIBLE


def is_blank(line: str) -> bool:
    return not line.strip(_BLANK_CHARS)


@dataclass
class LineView:
    number: int  # 1-based input line
    text: str  # the input line as given
    status: str  # kept | removed | cut | blank
    removal: Removal | None = None  # for removed lines
    cuts: list[Removal] = field(default_factory=list)  # for cut lines

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"n": self.number, "text": self.text, "status": self.status}
        if self.removal is not None:
            data["rule_id"] = self.removal.rule_id
            data["category"] = self.removal.category
        if self.cuts:
            data["cuts"] = [{"start": c.span[0], "end": c.span[1], "rule_id": c.rule_id, "category": c.category,
                             "text": c.text} for c in self.cuts if c.span]
        return data


def line_views(text: str, result: Result) -> list[LineView]:
    """Every input line with what happened to it (first removal wins, as in cleaning)."""
    raw = split_lines(text)
    blank = [is_blank(line) for line in raw]
    removed: dict[int, Removal] = {}
    cuts: dict[int, list[Removal]] = {}
    for r in result.removals:
        if r.span is not None:
            cuts.setdefault(r.start, []).append(r)
        else:
            for i in range(r.start, min(r.end, len(raw))):
                removed.setdefault(i, r)
    views = []
    for i, line in enumerate(raw):
        if blank[i]:
            views.append(LineView(i + 1, line, "blank"))
        elif i in removed:
            views.append(LineView(i + 1, line, "removed", removal=removed[i]))
        elif i in cuts:
            views.append(LineView(i + 1, line, "cut", cuts=sorted(cuts[i], key=lambda c: c.span or (0, 0))))
        else:
            views.append(LineView(i + 1, line, "kept"))
    return views


def summary(views: list[LineView]) -> dict[str, Any]:
    """Counts of lines and characters, and the share removed."""
    lines = [v for v in views if v.status != "blank"]
    removed = [v for v in lines if v.status == "removed"]
    chars = sum(len(v.text.strip()) for v in lines)
    chars_removed = sum(len(v.text.strip()) for v in removed) + sum(
        (c.span[1] - c.span[0]) for v in lines for c in v.cuts if c.span)
    categories: dict[str, int] = {}
    for v in removed:
        assert v.removal is not None
        categories[v.removal.category] = categories.get(v.removal.category, 0) + 1
    for v in lines:
        for c in v.cuts:
            categories[c.category] = categories.get(c.category, 0) + 1
    return {
        "lines": len(lines), "lines_removed": len(removed), "lines_cut": sum(1 for v in lines if v.cuts),
        "chars": chars, "chars_removed": chars_removed,
        "line_share": round(len(removed) / len(lines), 4) if lines else 0.0,
        "char_share": round(chars_removed / chars, 4) if chars else 0.0,
        "categories": dict(sorted(categories.items(), key=lambda kv: (-kv[1], kv[0]))),
    }


def explain_data(text: str, result: Result, *, source: str | None = None, url: str | None = None,
                 packs: list[str] | None = None, date_source: str | None = None) -> dict[str, Any]:
    """What `cleaner explain --format json` prints: the result, every line, and a summary."""
    views = line_views(text, result)
    data: dict[str, Any] = {"source": source, "url": url}
    data.update(result.to_dict())
    data["category_counts"] = result.category_counts
    if packs is not None:
        data["packs"] = packs
    if date_source is not None:
        data["date_source"] = date_source
    data["summary"] = summary(views)
    data["lines"] = [v.to_dict() for v in views]
    return data


def render_explain(text: str, result: Result, *, color: bool = False, context: int | None = None,
                   source: str | None = None, packs: list[str] | None = None, header: bool = True) -> str:
    """The annotated input as text; `context=N` shows only removals and N lines around them."""
    views = line_views(text, result)
    width = max((len(v.text) for v in views if v.status in ("removed", "cut")), default=0)
    width = min(max(width, 20), 60)
    out: list[str] = []
    if header:
        head = f"# {source}  " if source else "# "
        head += f"lang={result.lang} site={result.site} title={result.title!r} date={result.date}"
        out.append(head)
        if packs is not None:
            out.append(f"# packs: {', '.join(packs) if packs else '(none)'}")
    shown = _visible(views, context)
    last = -1
    for i, view in enumerate(views):
        if i not in shown:
            continue
        if last != -1 and i != last + 1:
            out.append("    …")
        last = i
        out.append(_render_line(view, width, color))
    s = summary(views)
    cats = ", ".join(f"{c} {n}" for c, n in s["categories"].items())
    out.append(f"# removed {s['lines_removed']} of {s['lines']} lines ({s['line_share']:.0%}), "
               f"{s['chars_removed']:,} of {s['chars']:,} characters ({s['char_share']:.0%})"
               + (f": {cats}" if cats else ""))
    return "\n".join(out)


def _visible(views: list[LineView], context: int | None) -> set[int]:
    if context is None:
        return set(range(len(views)))
    marked = [i for i, v in enumerate(views) if v.status in ("removed", "cut")]
    shown: set[int] = set()
    for i in marked:
        shown.update(range(max(0, i - context), min(len(views), i + context + 1)))
    return shown


def _render_line(view: LineView, width: int, color: bool) -> str:
    number = f"{view.number:5}"
    if view.status == "blank":
        return number
    if view.status == "kept":
        return f"{number}   {view.text}"
    if view.status == "removed":
        r = view.removal
        assert r is not None
        tag = f"[{r.rule_id} {r.category}]"
        if color:
            return f"{number} {paint('-', r.category, bold=True)} {paint(view.text.ljust(width), r.category)}  " \
                   f"{paint(tag, r.category, bold=True)}"
        return f"{number} - {view.text.ljust(width)}  {tag}"
    tags = " ".join(f"[{c.rule_id} {c.category}: cut {c.text!r}]" for c in view.cuts)
    line = view.text
    if color:
        pieces, at = [], 0
        for c in view.cuts:
            assert c.span is not None
            start, end = c.span
            if start < at:
                continue
            pieces.append(line[at:start])
            pieces.append(paint(line[start:end], c.category, strike=True))
            at = end
        pieces.append(line[at:])
        painted = "".join(pieces) + " " * max(0, width - len(line))
        first = view.cuts[0].category
        return f"{number} {paint('~', first, bold=True)} {painted}  {paint(tags, first, bold=True)}"
    return f"{number} ~ {line.ljust(width)}  {tags}"
