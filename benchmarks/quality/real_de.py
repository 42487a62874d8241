#!/usr/bin/env python3
"""Real German news pages, as a new user would try them: cleaner (HTML mode, shipped
generic packs only, no site packs) against trafilatura. See real_de.md.

    python benchmarks/quality/real_de.py prepare DIR   # pages + gold texts into DIR
    python benchmarks/quality/real_de.py score DIR [--save FILE]
    python benchmarks/quality/real_de.py blocks PAGE.html   # the numbered text blocks of a page

The pages are not in this repository (they are copyrighted): `prepare` takes them from
trafilatura 0.9.3's source distribution on PyPI, whose tests/cache/ holds real pages
(downloaded with pip, or give --sdist), checks each against its SHA-256, and writes the
gold text next to it in the simple gold format of run.py (`NAME.html` + `NAME.txt` with a
first line `URL: ...`).

The gold is the article text as a reader sees it, chosen by reading the page, not by
any extractor: `real_de_gold.json` lists, per page, the ranges of text blocks (by the
opening words of the first and last block, as `blocks` prints them) that are the
article: standfirst/lead, paragraphs and in-text subheadings. Not in it: headline
(cleaner reports it apart; run.py strips it from cleaner's text), bylines, dates,
captions, pull quotes, teasers, ads, subscription and newsletter boxes, comments, and
the "read the full piece in the magazine" promo.

Scores are run.py's (the ScrapingHub benchmark's shingle metric, imported from it).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import SYSTEMS, load_pairs, page_counts, score  # noqa: E402  (the benchmark's metric)

SPEC = Path(__file__).with_name("real_de_gold.json")
# Written after the first result, before any fix, to check the fixes on pages they were not made on.
HELDOUT = Path(__file__).with_name("real_de_heldout_gold.json")
SDIST = "trafilatura==0.9.3"
BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "td", "dt", "dd", "pre",
          "div", "section", "article", "header", "footer", "aside", "ul", "ol", "table", "tr", "figure", "main",
          "nav", "form", "body"}
INLINE = {"a", "b", "i", "em", "strong", "br", "sup", "sub", "abbr", "q", "u", "small", "mark", "time", "cite",
          "code", "span", "font", "meta", "img"}


# -- gold -----------------------------------------------------------------------------

def blocks(html: str) -> tuple[str, list[tuple[str, str]]]:
    """(canonical URL, [(tag, text)]): every element's own text with its inline children,
    in document order; scripts, styles and noscript left out."""
    from lxml import html as lxml_html

    root = lxml_html.fromstring(html.encode("utf-8"))
    for bad in root.xpath("//script|//style|//noscript|//template"):
        bad.drop_tree()
    url = (root.xpath("string(//link[@rel='canonical']/@href)")
           or root.xpath("string(//meta[@property='og:url']/@content)"))
    out = []
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag not in INLINE:
            text = _own_text(el)
            if text:
                out.append((el.tag, text))
    return url, out


def _own_text(el: object) -> str:
    parts = [el.text or ""]  # type: ignore[attr-defined]
    for child in el:  # type: ignore[attr-defined]
        if isinstance(child.tag, str) and child.tag in INLINE:
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


def gold_text(html: str, ranges: list[list[str]], skip: list[str]) -> str:
    """The blocks from each range's first to its last (matched by their opening words)."""
    _, found = blocks(html)
    texts = [t for _, t in found]
    chosen: list[str] = []
    for first, last in ranges:
        start = next(i for i, t in enumerate(texts) if t.startswith(first))
        end = next(i for i in range(start, len(texts)) if texts[i].startswith(last))
        chosen.extend(t for t in texts[start:end + 1] if t not in skip)
    return "\n\n".join(chosen)


def prepare(out: Path, sdist: Path | None, gold: Path = SPEC) -> None:
    spec = json.loads(gold.read_text(encoding="utf-8"))
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        if sdist is None:
            subprocess.run([sys.executable, "-m", "pip", "download", SDIST, "--no-binary", ":all:", "--no-deps",
                            "-q", "-d", tmp], check=True)
            sdist = next(Path(tmp).glob("trafilatura-*.tar.gz"))
        with tarfile.open(sdist) as tar:
            members = {Path(m.name).name: m for m in tar.getmembers() if "/tests/cache/" in m.name}
            for name, page in spec.items():
                data = tar.extractfile(members[f"{name}.html"]).read()  # type: ignore[union-attr]
                digest = hashlib.sha256(data).hexdigest()
                if digest != page["sha256"]:
                    raise SystemExit(f"{name}.html: SHA-256 {digest} is not the one the gold was written for")
                html = data.decode("utf-8", errors="replace")
                (out / f"{name}.html").write_text(html, encoding="utf-8")
                gold = gold_text(html, page["ranges"], page.get("skip", []))
                (out / f"{name}.txt").write_text(f"URL: {page['url']}\n{gold}\n", encoding="utf-8")
                print(f"{name}: {len(gold.split()):,} gold words")


# -- scoring -----------------------------------------------------------------------------

def _trafilatura_precision():  # type: ignore[no-untyped-def]
    import trafilatura

    return lambda html, url: trafilatura.extract(html, include_comments=False, favor_precision=True) or ""


SYSTEMS_HERE = {"cleaner": SYSTEMS["cleaner"], "trafilatura": SYSTEMS["trafilatura"],
                "trafilatura-precision": _trafilatura_precision}


def run_scores(data: Path, systems: list[str], save: Path | None) -> None:
    pages = load_pairs(data, None)
    results: dict[str, dict[str, tuple[float, float, float]]] = {}
    outputs: dict[str, dict[str, str]] = {}
    for name in systems:
        extract = SYSTEMS_HERE[name]()
        outputs[name] = {key: extract(html, url) or "" for key, html, url, _ in pages}
        results[name] = {key: page_counts(gold, outputs[name][key]) for key, _, _, gold in pages}
    head = f"{'page':<28}" + "".join(f"  {n[:21]:>21}" for n in systems)
    print(head + "\n" + f"{'':<28}" + "".join(f"  {'P':>6} {'R':>6} {'F1':>6}" for _ in systems))
    for key, _, _, _ in pages:
        print(f"{key:<28}" + "".join(_prf(score([results[n][key]])) for n in systems))
    print(f"{'all pages (mean P, mean R)':<28}" + "".join(_prf(score(list(results[n].values()))) for n in systems))
    if save:
        save.write_text(json.dumps({"outputs": outputs, "per_page": results}, ensure_ascii=False, indent=1),
                        encoding="utf-8")


def _prf(s: dict[str, float]) -> str:
    return f"  {s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare", help="write the pages and their gold texts into DIR")
    p.add_argument("dir", type=Path)
    p.add_argument("--sdist", type=Path, help=f"a local {SDIST} .tar.gz instead of downloading it with pip")
    p.add_argument("--heldout", action="store_true",
                   help=f"the held-out pages ({HELDOUT.name}) instead of the first eight ({SPEC.name})")
    s = sub.add_parser("score", help="precision/recall/F1 per page and overall")
    s.add_argument("dir", type=Path)
    s.add_argument("--systems", default=",".join(SYSTEMS_HERE), help="comma-separated: " + ", ".join(SYSTEMS_HERE))
    s.add_argument("--save", type=Path, help="write every output and per-page counts as JSON here")
    b = sub.add_parser("blocks", help="print a page's numbered text blocks (to write a gold range)")
    b.add_argument("page", type=Path)
    args = parser.parse_args(argv)
    if args.command == "prepare":
        prepare(args.dir, args.sdist, HELDOUT if args.heldout else SPEC)
    elif args.command == "score":
        run_scores(args.dir, args.systems.split(","), args.save)
    else:
        url, found = blocks(args.page.read_text(encoding="utf-8", errors="replace"))
        print("URL:", url)
        for i, (tag, text) in enumerate(found):
            print(f"[{i}] <{tag}> {text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
