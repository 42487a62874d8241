"""`cleaner report`: one self-contained HTML file to review what the rules did to a corpus.

Everything is inline (CSS, JS, SVG; no network, no CDN). The summary (counts, charts of
removals per category and per rule, rules that fired most, least and never) is rendered
here as static HTML and SVG. The documents travel as one JSON block and are rendered by
the inline script a page at a time, so a report of 10,000 documents opens at once:

- each document shows its input with removed lines and cut spans highlighted in the
  colour of their category (hover: rule id), next to the cleaned result;
- filters: category, rule, text in id/URL/title, only documents with removals; sort by
  input order or by share removed; clicking a bar of a chart filters by it.

The cleaned result is rebuilt in the browser from the input lines and the removals with
the same rule as `cleaner.document.render` (blank lines separate blocks, whitespace
collapsed), so the file carries each article once.
"""

from __future__ import annotations

import datetime as dt
import html
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import __version__
from ..api import Cleaner
from ..engine.model import CATEGORIES
from .corpus import Cleaned
from .palette import HEX
from .stats import CorpusStats, RuleStats

__all__ = ["ReportBuilder", "write_report"]


class ReportBuilder:
    def __init__(self, cleaner: Cleaner, *, title: str | None = None) -> None:
        self.stats = CorpusStats(cleaner, samples=3, top=20)
        self.title = title or "cleaner review report"
        self.docs: list[dict[str, Any]] = []
        self.rule_index: dict[str, int] = {}
        self.rule_rows: list[str] = []

    def add(self, cleaned: Cleaned) -> None:
        self.stats.add(cleaned)
        doc, result = cleaned.doc, cleaned.result
        lines = [v.text if v.status != "blank" else "" for v in self.stats.last_views]
        removals = []
        for r in result.removals:
            index = self.rule_index.get(r.rule_id)
            if index is None:
                index = self.rule_index[r.rule_id] = len(self.rule_rows)
                self.rule_rows.append(r.rule_id)
            entry = [r.start, r.end, index]
            if r.span is not None:
                entry.extend(r.span)
            removals.append(entry)
        last = self.stats.docs[-1]
        item: dict[str, Any] = {"i": doc.id, "l": lines, "r": removals,
                                "x": [last.char_share, last.line_share]}
        if doc.url:
            item["u"] = doc.url
        if result.title:
            item["t"] = result.title
        if result.lang:
            item["g"] = result.lang
        if result.date:
            item["d"] = result.date
        self.docs.append(item)

    # -- output -------------------------------------------------------------------------
    def data(self) -> dict[str, Any]:
        by_id = {r.rule_id: r for r in self.stats.rules.values()}
        cats = list(CATEGORIES)
        rules = []
        for rule_id in self.rule_rows:
            r = by_id[rule_id]
            rules.append([r.rule_id, cats.index(r.category) if r.category in cats else cats.index("other"),
                          r.pack, r.hits, r.docs, r.lines, r.chars])
        return {"categories": cats, "colors": [HEX[c] for c in cats], "rules": rules, "docs": self.docs}

    def html(self) -> str:
        payload = json.dumps(self.data(), ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
        s = self.stats
        share = s.chars_removed / s.chars if s.chars else 0.0
        generated = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
        ranked = s.ranked()
        fired_least = sorted(ranked, key=lambda r: (r.hits, r.rule_id))[:20]
        never = s.never_fired()
        suspects = [r for r in ranked if r.suspect]
        parts = [
            "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
            f"<title>{_e(self.title)}</title>\n<style>\n{_css()}\n</style>\n</head>\n<body>\n",
            f"<header><h1>{_e(self.title)}</h1><p class=\"meta\">cleaner {_e(__version__)} · generated {generated}"
            f" · packs applied: {_e(', '.join(sorted(s.active_packs)) or '(none)')}</p></header>\n",
            "<section id=\"summary\">\n<div class=\"cards\">",
            _card("documents", f"{s.documents:,}"),
            _card("with removals", f"{s.documents_touched:,}"),
            _card("lines removed", f"{s.lines_removed:,} / {s.lines:,}"),
            _card("characters removed", f"{share:.1%}"),
            _card("rules fired", f"{len(s.rules)}"),
            _card("never fired", f"{len(never)}"),
            "</div>\n<div class=\"charts\">\n",
            "<figure><figcaption>Removed lines per category (click a bar to filter)</figcaption>",
            _bar_chart("chart-categories",
                       [(c, n, HEX.get(c, "#888"), {"category": c}) for c, n in s.categories.most_common()]),
            "</figure>\n<figure><figcaption>Removals per rule, top 30 (click a bar to filter)</figcaption>",
            _bar_chart("chart-rules", [(r.rule_id, r.hits, HEX.get(r.category, "#888"), {"rule": r.rule_id})
                                       for r in ranked[:30]]),
            "</figure>\n</div>\n<div class=\"tables\">\n",
            _rule_table("rules-most", "Fired most", ranked[:20]),
            _rule_table("rules-least", "Fired least", fired_least),
            _never_table(never),
            "</div>\n",
        ]
        if suspects:
            parts.append("<p class=\"suspects\">Check these rules, they removed lines that read like sentences: "
                         + ", ".join(f"<a href=\"#\" data-rule=\"{_e(r.rule_id)}\">{_e(r.rule_id)}</a> "
                                     f"({r.sentence_lines})" for r in suspects) + "</p>\n")
        parts += [
            "<div class=\"legend\">" + "".join(
                f"<span class=\"chip\" style=\"--c:{HEX[c]}\" data-category=\"{c}\">{c}</span>" for c in CATEGORIES)
            + "</div>\n</section>\n",
            "<section id=\"documents\">\n<h2>Documents</h2>\n<div class=\"filters\">",
            "<label>category <select id=\"f-category\"><option value=\"\">all</option></select></label>",
            "<label>rule <select id=\"f-rule\"><option value=\"\">all</option></select></label>",
            "<label>search <input id=\"f-search\" type=\"search\" placeholder=\"id, URL or title\"></label>",
            "<label><input id=\"f-only\" type=\"checkbox\"> only with removals</label>",
            "<label>sort <select id=\"f-sort\"><option value=\"input\">input order</option>"
            "<option value=\"chars\">share of characters removed</option>"
            "<option value=\"lines\">share of lines removed</option></select></label>",
            "<label>per page <select id=\"f-size\"><option>10</option><option selected>20</option>"
            "<option>50</option><option>100</option></select></label>",
            "<button id=\"f-reset\" type=\"button\">reset</button></div>\n",
            "<div class=\"pager\" id=\"pager-top\"></div>\n<div id=\"doc-list\"></div>\n"
            "<div class=\"pager\" id=\"pager-bottom\"></div>\n</section>\n",
            f"<script type=\"application/json\" id=\"report-data\">{payload}</script>\n",
            f"<script>\n{_JS}\n</script>\n</body>\n</html>\n",
        ]
        return "".join(parts)


def write_report(cleaner: Cleaner, cleaned: Iterable[Cleaned], path: str | Path, *,
                 title: str | None = None) -> ReportBuilder:
    builder = ReportBuilder(cleaner, title=title)
    for item in cleaned:
        builder.add(item)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.tmp")
    tmp.write_text(builder.html(), encoding="utf-8")
    tmp.replace(target)
    return builder


# -- static pieces -----------------------------------------------------------------------

def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _card(label: str, value: str) -> str:
    return f"<div class=\"card\"><div class=\"value\">{_e(value)}</div><div class=\"label\">{_e(label)}</div></div>"


def _bar_chart(chart_id: str, rows: list[tuple[str, int, str, dict[str, str]]]) -> str:
    """A horizontal bar chart as inline SVG: label, bar, count; bars carry data-* for filtering."""
    if not rows:
        return f"<svg id=\"{chart_id}\" class=\"chart\" width=\"480\" height=\"40\" role=\"img\">" \
               "<text x=\"8\" y=\"24\" class=\"empty\">nothing removed</text></svg>"
    label_w, bar_w, row_h = 170, 290, 22
    top = max(n for _, n, _, _ in rows) or 1
    height = row_h * len(rows) + 8
    out = [f"<svg id=\"{chart_id}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{label_w + bar_w + 70}\" "
           f"height=\"{height}\" viewBox=\"0 0 {label_w + bar_w + 70} {height}\" role=\"img\">"]
    for k, (label, count, color, data) in enumerate(rows):
        y = 4 + k * row_h
        width = max(2, round(bar_w * count / top))
        attrs = " ".join(f"data-{key}=\"{_e(value)}\"" for key, value in data.items())
        out.append(f"<g class=\"bar\" {attrs}><title>{_e(label)}: {count}</title>"
                   f"<text x=\"{label_w - 6}\" y=\"{y + 15}\" text-anchor=\"end\" class=\"label\">{_e(label[:28])}</text>"
                   f"<rect x=\"{label_w}\" y=\"{y + 2}\" width=\"{width}\" height=\"{row_h - 6}\" rx=\"2\" "
                   f"fill=\"{color}\"></rect>"
                   f"<text x=\"{label_w + width + 6}\" y=\"{y + 15}\" class=\"count\">{count:,}</text></g>")
    out.append("</svg>")
    return "".join(out)


def _rule_table(table_id: str, caption: str, rules: list[RuleStats]) -> str:
    rows = "".join(
        f"<tr><td><a href=\"#\" data-rule=\"{_e(r.rule_id)}\">{_e(r.rule_id)}</a></td>"
        f"<td><span class=\"chip\" style=\"--c:{HEX.get(r.category, '#888')}\">{_e(r.category)}</span></td>"
        f"<td class=\"n\">{r.hits:,}</td><td class=\"n\">{r.docs:,}</td><td class=\"n\">{r.lines:,}</td>"
        f"<td class=\"sample\">{_e(r.samples[0]['text'][:80]) if r.samples else ''}</td></tr>"
        for r in rules)
    return (f"<table id=\"{table_id}\"><caption>{_e(caption)}</caption><thead><tr><th>rule</th><th>category</th>"
            f"<th>hits</th><th>docs</th><th>lines</th><th>sample</th></tr></thead><tbody>{rows}</tbody></table>")


def _never_table(never: list[dict[str, str]]) -> str:
    rows = "".join(
        f"<tr><td>{_e(n['rule_id'])}</td><td><span class=\"chip\" style=\"--c:{HEX.get(n['category'], '#888')}\">"
        f"{_e(n['category'])}</span></td><td>{_e(n['pack'])}</td></tr>" for n in never)
    return (f"<table id=\"rules-never\"><caption>Never fired ({len(never)})</caption><thead><tr><th>rule</th>"
            f"<th>category</th><th>pack</th></tr></thead><tbody>{rows}</tbody></table>")


def _css() -> str:
    cats = "\n".join(f".cat-{c}{{--c:{HEX[c]}}}" for c in CATEGORIES)
    return _CSS + "\n" + cats


_CSS = """
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2125;background:#f6f7f9}
header{background:#1d2b3a;color:#fff;padding:14px 24px}
header h1{margin:0;font-size:20px}
header .meta{margin:4px 0 0;color:#c9d3dd;font-size:12px}
section{padding:16px 24px}
h2{font-size:17px;margin:0 0 10px}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin-bottom:14px}
.card{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:8px 14px;min-width:130px}
.card .value{font-size:20px;font-weight:600}
.card .label{color:#5c6670;font-size:12px}
.charts{display:flex;flex-wrap:wrap;gap:16px}
figure{margin:0;background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:10px}
figcaption{font-weight:600;margin-bottom:6px}
svg.chart text{font-size:12px;fill:#1d2125}
svg.chart .bar{cursor:pointer}
svg.chart .bar:hover rect{opacity:.75}
.tables{display:flex;flex-wrap:wrap;gap:16px;margin-top:16px;align-items:flex-start}
table{border-collapse:collapse;background:#fff;border:1px solid #dde1e6;font-size:12px}
caption{text-align:left;font-weight:600;padding:4px 0}
th,td{padding:3px 8px;border-bottom:1px solid #eef0f3;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
td.sample{max-width:260px;color:#5c6670;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
.chip{display:inline-block;border-radius:9px;padding:0 7px;font-size:11px;color:#fff;background:var(--c)}
.legend{margin-top:12px;display:flex;flex-wrap:wrap;gap:4px}
.legend .chip{cursor:pointer}
.suspects{background:#fff4e6;border:1px solid #ffc078;padding:6px 10px;border-radius:6px}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:center;background:#fff;border:1px solid #dde1e6;
 border-radius:6px;padding:8px 12px;position:sticky;top:0;z-index:2}
.pager{margin:10px 0;display:flex;gap:6px;align-items:center;flex-wrap:wrap}
.pager button{min-width:32px}
.pager .current{font-weight:700}
.doc{background:#fff;border:1px solid #dde1e6;border-radius:6px;margin:12px 0}
.doc-head{padding:6px 12px;border-bottom:1px solid #eef0f3;display:flex;gap:10px;flex-wrap:wrap;align-items:baseline}
.doc-head .id{font-weight:600}
.doc-head .url{color:#5c6670;font-size:12px;word-break:break-all}
.doc-head .share{margin-left:auto;font-variant-numeric:tabular-nums}
.doc-body{display:grid;grid-template-columns:1fr 1fr}
.col{padding:8px 12px;min-width:0}
.col+.col{border-left:1px solid #eef0f3}
.col h3{font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#5c6670;margin:0 0 4px}
.ln{white-space:pre-wrap;word-break:break-word;min-height:1.2em;font-size:13px}
.ln .no{display:inline-block;width:3.2em;color:#adb5bd;font-size:11px;user-select:none}
mark.hl{background:color-mix(in srgb,var(--c) 22%,white);border-left:3px solid var(--c);color:#1d2125;
 padding:0 2px;text-decoration:line-through;text-decoration-color:color-mix(in srgb,var(--c) 60%,white)}
mark.hl.dim{background:#f1f3f5;border-left-color:#ced4da;color:#868e96}
.tag{font-size:10px;color:#fff;background:var(--c);border-radius:3px;padding:0 4px;margin-left:6px;
 text-decoration:none;display:inline-block}
.out{white-space:pre-wrap;word-break:break-word;font-size:13px}
.none{color:#868e96;padding:20px}
"""

_JS = r"""
(function () {
  "use strict";
  var t0 = performance.now();
  var D = JSON.parse(document.getElementById("report-data").textContent);
  var CATS = D.categories, COLORS = D.colors, RULES = D.rules, DOCS = D.docs;
  var WS = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;
  var state = {cat: "", rule: "", q: "", only: false, sort: "input", size: 20, page: 0};
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function index(d) {  // rule and category sets of a document, computed once
    if (d._r) return;
    d._r = {}; d._c = {};
    for (var k = 0; k < d.r.length; k++) { var ri = d.r[k][2]; d._r[ri] = 1; d._c[RULES[ri][1]] = 1; }
  }
  function collapse(s) { return s.split(WS).filter(function (w) { return w.length; }).join(" "); }
  function cleaned(d) {  // the same rule as cleaner.document.render
    var removed = {}, cuts = {};
    d.r.forEach(function (r) {
      if (r.length > 3) { (cuts[r[0]] = cuts[r[0]] || []).push([r[3], r[4]]); }
      else { for (var i = r[0]; i < r[1]; i++) removed[i] = 1; }
    });
    var blocks = [], cur = [];
    for (var i = 0; i < d.l.length; i++) {
      var line = d.l[i];
      if (line === "") { if (cur.length) { blocks.push(cur); cur = []; } continue; }
      if (removed[i]) continue;
      if (cuts[i]) {
        cuts[i].slice().sort(function (a, b) { return b[0] - a[0]; }).forEach(function (c) {
          line = line.slice(0, c[0]) + " " + line.slice(c[1]);
        });
      }
      line = collapse(line);
      if (line) cur.push(line);
    }
    if (cur.length) blocks.push(cur);
    return blocks.map(function (b) { return b.join("\n"); }).join("\n\n");
  }
  function mark(text, ri) {
    var rule = RULES[ri], cat = CATS[rule[1]];
    var m = el("mark", "hl cat-" + cat, text);
    m.title = rule[0] + " (" + cat + ")";
    m.dataset.rule = rule[0]; m.dataset.category = cat;
    if ((state.rule && state.rule !== rule[0]) || (state.cat && state.cat !== cat)) m.classList.add("dim");
    return m;
  }
  function renderInput(d) {
    var byLine = {}, cuts = {};
    d.r.forEach(function (r) {
      if (r.length > 3) { (cuts[r[0]] = cuts[r[0]] || []).push(r); }
      else { for (var i = r[0]; i < r[1]; i++) if (!(i in byLine)) byLine[i] = r; }
    });
    var frag = document.createDocumentFragment();
    for (var i = 0; i < d.l.length; i++) {
      var row = el("div", "ln"), line = d.l[i];
      row.appendChild(el("span", "no", String(i + 1)));
      if (line !== "" && byLine[i]) {
        var r = byLine[i];
        row.appendChild(mark(line, r[2]));
        if (i === r[0]) {
          var rule = RULES[r[2]];
          var tag = el("span", "tag cat-" + CATS[rule[1]], rule[0]);
          row.appendChild(tag);
        }
      } else if (line !== "" && cuts[i]) {
        var at = 0;
        cuts[i].slice().sort(function (a, b) { return a[3] - b[3]; }).forEach(function (c) {
          if (c[3] < at) return;
          row.appendChild(document.createTextNode(line.slice(at, c[3])));
          row.appendChild(mark(line.slice(c[3], c[4]), c[2]));
          at = c[4];
        });
        row.appendChild(document.createTextNode(line.slice(at)));
      } else {
        row.appendChild(document.createTextNode(line));
      }
      frag.appendChild(row);
    }
    return frag;
  }
  function renderDoc(d) {
    var box = el("article", "doc");
    box.dataset.id = d.i;
    var head = el("div", "doc-head");
    head.appendChild(el("span", "id", d.i));
    if (d.t) head.appendChild(el("span", "title", d.t));
    if (d.u) head.appendChild(el("span", "url", d.u));
    var cats = {};
    d.r.forEach(function (r) { cats[CATS[RULES[r[2]][1]]] = 1; });
    Object.keys(cats).forEach(function (c) {
      var chip = el("span", "chip cat-" + c, c); chip.style.setProperty("--c", COLORS[CATS.indexOf(c)]);
      head.appendChild(chip);
    });
    head.appendChild(el("span", "share", (d.x[0] * 100).toFixed(1) + "% of characters, " +
                        (d.x[1] * 100).toFixed(1) + "% of lines removed"));
    box.appendChild(head);
    var body = el("div", "doc-body");
    var left = el("div", "col input"); left.appendChild(el("h3", "", "input, removals highlighted"));
    left.appendChild(renderInput(d));
    var right = el("div", "col output"); right.appendChild(el("h3", "", "cleaned"));
    right.appendChild(el("div", "out", cleaned(d)));
    body.appendChild(left); body.appendChild(right);
    box.appendChild(body);
    return box;
  }
  function selected() {
    var ri = -1;
    if (state.rule) for (var k = 0; k < RULES.length; k++) if (RULES[k][0] === state.rule) ri = k;
    var ci = state.cat ? CATS.indexOf(state.cat) : -1, q = state.q.toLowerCase();
    var out = [];
    for (var i = 0; i < DOCS.length; i++) {
      var d = DOCS[i];
      if (state.only && !d.r.length) continue;
      if (ri >= 0 || ci >= 0) { index(d); if (ri >= 0 && !d._r[ri]) continue; if (ci >= 0 && !d._c[ci]) continue; }
      if (q && (d.i + " " + (d.u || "") + " " + (d.t || "")).toLowerCase().indexOf(q) < 0) continue;
      out.push(d);
    }
    if (state.sort === "chars") out.sort(function (a, b) { return b.x[0] - a.x[0] || b.x[1] - a.x[1]; });
    if (state.sort === "lines") out.sort(function (a, b) { return b.x[1] - a.x[1] || b.x[0] - a.x[0]; });
    return out;
  }
  function pager(node, total, pages) {
    node.textContent = "";
    var info = el("span", "", total + " documents · page " + (pages ? state.page + 1 : 0) + " of " + pages);
    node.appendChild(info);
    function btn(label, page, disabled) {
      var b = el("button", page === state.page ? "current" : "", label);
      b.type = "button"; b.disabled = disabled;
      b.addEventListener("click", function () { state.page = page; render(); });
      node.appendChild(b);
    }
    btn("‹", Math.max(0, state.page - 1), state.page === 0);
    var from = Math.max(0, state.page - 3), to = Math.min(pages, from + 7);
    for (var p = from; p < to; p++) btn(String(p + 1), p, false);
    btn("›", Math.min(pages - 1, state.page + 1), state.page >= pages - 1);
  }
  function render() {
    var docs = selected(), pages = Math.ceil(docs.length / state.size);
    if (state.page >= pages) state.page = Math.max(0, pages - 1);
    var list = $("doc-list");
    list.textContent = "";
    var slice = docs.slice(state.page * state.size, (state.page + 1) * state.size);
    if (!slice.length) list.appendChild(el("p", "none", "No document matches these filters."));
    slice.forEach(function (d) { list.appendChild(renderDoc(d)); });
    pager($("pager-top"), docs.length, pages);
    pager($("pager-bottom"), docs.length, pages);
    document.body.dataset.shown = String(slice.length);
    document.body.dataset.matching = String(docs.length);
  }
  function setFilter(kind, value) {
    state[kind] = value; state.page = 0;
    $("f-category").value = state.cat; $("f-rule").value = state.rule;
    render();
    $("documents").scrollIntoView();
  }
  // filter controls
  var catSel = $("f-category"), ruleSel = $("f-rule");
  CATS.forEach(function (c) { var o = el("option", "", c); o.value = c; catSel.appendChild(o); });
  RULES.map(function (r) { return r; }).sort(function (a, b) { return b[3] - a[3]; }).forEach(function (r) {
    var o = el("option", "", r[0] + " (" + CATS[r[1]] + ", " + r[3] + ")"); o.value = r[0]; ruleSel.appendChild(o);
  });
  catSel.addEventListener("change", function () { setFilter("cat", catSel.value); });
  ruleSel.addEventListener("change", function () { setFilter("rule", ruleSel.value); });
  $("f-search").addEventListener("input", function (e) { state.q = e.target.value; state.page = 0; render(); });
  $("f-only").addEventListener("change", function (e) { state.only = e.target.checked; state.page = 0; render(); });
  $("f-sort").addEventListener("change", function (e) { state.sort = e.target.value; state.page = 0; render(); });
  $("f-size").addEventListener("change", function (e) { state.size = +e.target.value; state.page = 0; render(); });
  $("f-reset").addEventListener("click", function () {
    state = {cat: "", rule: "", q: "", only: false, sort: "input", size: 20, page: 0};
    $("f-search").value = ""; $("f-only").checked = false; $("f-sort").value = "input"; $("f-size").value = "20";
    setFilter("cat", "");
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-category]"), function (n) {
    if (n.closest("#doc-list")) return;
    n.addEventListener("click", function (e) { e.preventDefault(); setFilter("cat", n.dataset.category); });
  });
  Array.prototype.forEach.call(document.querySelectorAll("[data-rule]"), function (n) {
    if (n.closest("#doc-list")) return;
    n.addEventListener("click", function (e) { e.preventDefault(); setFilter("rule", n.dataset.rule); });
  });
  render();
  document.body.dataset.ready = "1";
  document.body.dataset.renderMs = String(Math.round(performance.now() - t0));
})();
"""
