"""`cleaner report`: one self-contained HTML file, checked as data and rendered in headless Chromium.

The browser tests skip (with the reason) when no Chromium is installed; install it with
`apt-get install -y chromium` (Debian) to run them.
"""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import time
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from cleaner.api import shared_cleaner
from cleaner.authoring.corpus import Cleaned, Doc, clean_corpus, iter_documents
from cleaner.authoring.report import ReportBuilder, write_report
from cleaner.cli import main
from conftest import SEEDS

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _browser() -> str | None:
    return next((found for name in BROWSERS if (found := shutil.which(name))), None)


needs_chromium = pytest.mark.skipif(
    _browser() is None, reason="headless Chromium not installed (apt-get install -y chromium) - browser checks skipped")


def _run_browser(tmp_path: Path, page: Path, *extra: str, timeout: int = 180) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / f"profile-{time.monotonic_ns()}"
    command = [_browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
               f"--user-data-dir={profile}", *extra, page.resolve().as_uri()]
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory):
    cleaner = shared_cleaner()
    out = tmp_path_factory.mktemp("report") / "report.html"
    docs = list(iter_documents([str(f) for f in sorted(SEEDS.glob("*.txt"))]))
    builder = write_report(cleaner, clean_corpus(cleaner, docs), out, title="Seeds review")
    return out, builder, cleaner


def _payload(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    assert found, "report data block missing"
    return json.loads(found.group(1))


# -- the file itself ------------------------------------------------------------------

def test_report_is_one_self_contained_file(seed_report):
    out, builder, _ = seed_report
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert not re.search(r"<script[^>]+src=|<link\b|@import|url\(\s*['\"]?(?:https?:)?//", page, re.I)
    assert not re.search(r"<(?:img|iframe|object|embed)\b", page, re.I)
    assert page.count("<svg") >= 2 and 'id="chart-categories"' in page and 'id="chart-rules"' in page
    for table in ("rules-most", "rules-least", "rules-never"):
        assert f'id="{table}"' in page


def test_report_data_has_every_document_and_removal(seed_report):
    out, builder, _ = seed_report
    data = _payload(out.read_text(encoding="utf-8"))
    assert len(data["docs"]) == len(list(SEEDS.glob("*.txt")))
    rule_ids = [r[0] for r in data["rules"]]
    removals = sum(len(d["r"]) for d in data["docs"])
    assert removals == sum(r.hits for r in builder.stats.rules.values())
    assert set(rule_ids) == set(builder.stats.rules)
    for doc in data["docs"]:
        for start, end, rule, *span in doc["r"]:
            assert 0 <= start < end <= len(doc["l"]) and 0 <= rule < len(rule_ids)


def test_document_text_cannot_break_out_of_the_data_block(tmp_path):
    cleaner = shared_cleaner()
    text = "Headline about </script><script>alert(1)</script> things\n\nBody <!-- text --> here.\n\nWerbung"
    out = tmp_path / "r.html"
    write_report(cleaner, clean_corpus(cleaner, [Doc("x", text)]), out)
    page = out.read_text(encoding="utf-8")
    block = re.search(r'id="report-data">(.*?)</script>', page, re.S).group(1)
    assert "<" not in block
    assert json.loads(block)["docs"][0]["l"][0] == "Headline about </script><script>alert(1)</script> things"


def test_cli_report(tmp_path, capsys):
    out = tmp_path / "sub" / "report.html"
    assert main(["report", *map(str, sorted(SEEDS.glob("*.txt"))), "-o", str(out), "--title", "Seeds"]) == 0
    assert out.is_file() and "<title>Seeds</title>" in out.read_text(encoding="utf-8")
    assert "report.html" in capsys.readouterr().err


# -- in the browser ---------------------------------------------------------------------

def _png_pixels(path: Path, max_rows: int = 700) -> tuple[int, int, list[bytes]]:
    """Decode the first rows of an 8-bit RGB/RGBA PNG (no Pillow needed): width, height, rows."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, [], None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        pos += 12 + length
    width, height, depth, color, _, _, interlace = header
    assert depth == 8 and color in (2, 6) and interlace == 0, header
    bpp = 3 if color == 2 else 4
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(min(height, max_rows)):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        rows.append(bytes(line))
        prev = line
    return width, bpp, rows


@needs_chromium
def test_screenshot_is_not_blank(seed_report, tmp_path):
    out, _, _ = seed_report
    shot = tmp_path / "shot.png"
    done = _run_browser(tmp_path, out, f"--screenshot={shot}", "--window-size=1280,2000")
    assert shot.is_file(), done.stderr[-2000:]
    width, bpp, rows = _png_pixels(shot)
    assert width == 1280
    colours, ink = set(), 0
    for row in rows[::2]:
        for x in range(0, width * bpp, bpp * 2):
            pixel = row[x:x + 3]
            colours.add(pixel)
            if min(pixel) < 235:
                ink += 1
    sampled = len(rows[::2]) * (width // 2)
    assert len(colours) > 50, f"only {len(colours)} colours: the page looks blank"
    assert ink / sampled > 0.05, f"only {ink / sampled:.1%} of the pixels are not white"
    # the category palette shows up (bars of the charts)
    assert any(abs(p[0] - 0x1f) < 12 and abs(p[1] - 0x77) < 12 and abs(p[2] - 0xb4) < 12 for p in colours) or \
        any(abs(p[0] - 0xd6) < 12 and abs(p[1] - 0x27) < 12 and abs(p[2] - 0x28) < 12 for p in colours)


@needs_chromium
def test_dom_after_script_has_charts_highlights_and_cleaned_text(seed_report, tmp_path):
    out, builder, cleaner = seed_report
    done = _run_browser(tmp_path, out, "--dump-dom")
    dom = done.stdout
    assert 'data-ready="1"' in dom, done.stderr[-2000:]
    assert dom.count('class="chart"') >= 2 and dom.count('class="bar"') >= 3
    assert dom.count('<article class="doc"') == len(builder.docs)  # 5 seeds, all on page one
    assert re.search(r'<mark class="hl cat-[a-z]+"[^>]*data-rule="[A-Z]', dom)
    assert 'class="tag cat-' in dom
    # the cleaned column equals cleaner's own output (the browser rebuilds it from the removals)
    first = sorted(SEEDS.glob("*.txt"))[0]
    expected = cleaner.clean(first.read_text(encoding="utf-8"))
    found = re.search(r'<article class="doc" data-id="' + re.escape(first.name) + r'">.*?<div class="out">(.*?)</div>',
                      dom, re.S)
    import html as _html
    assert found and _html.unescape(found.group(1)) == expected


@needs_chromium
def test_ten_thousand_documents_open_without_stalling(tmp_path):
    cleaner = shared_cleaner()
    base = list(clean_corpus(cleaner, iter_documents([str(f) for f in sorted(SEEDS.glob("*.txt"))])))
    builder = ReportBuilder(cleaner)
    for n in range(10_000):
        item = base[n % len(base)]
        builder.add(Cleaned(replace(item.doc, id=f"doc-{n:05}"), item.result, item.packs, item.date_source))
    page = tmp_path / "big.html"
    page.write_text(builder.html(), encoding="utf-8")
    assert page.stat().st_size > 10_000_000
    started = time.monotonic()
    done = _run_browser(tmp_path, page, "--dump-dom")
    elapsed = time.monotonic() - started
    dom = done.stdout
    assert 'data-ready="1"' in dom, done.stderr[-2000:]
    assert 'data-matching="10000"' in dom and 'data-shown="20"' in dom
    assert dom.count('<article class="doc"') == 20  # one page rendered, not 10,000 documents
    script_ms = int(re.search(r'data-render-ms="(\d+)"', dom).group(1))
    assert script_ms < 8000, f"parsing and first render took {script_ms} ms"
    assert elapsed < 300, f"the browser needed {elapsed:.0f} s"
