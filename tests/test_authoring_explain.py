"""`cleaner explain` and `cleaner clean --diff`: the input with every removal marked."""

from __future__ import annotations

import io
import json

import pytest

from cleaner import Cleaner, Config
from cleaner.authoring.explain import explain_data, is_blank, line_views, render_explain
from cleaner.authoring.palette import ANSI, use_color
from cleaner.cli import main
from cleaner.normalize import normalize_lines

URL = "https://www.example.test/news/1"
PACK = """\
pack: sites/example.test
hosts: [example.test]
rules:
  - id: T-ADS-001
    name: ad-label
    category: ads
    match: {exact: [Anzeige]}
    action: drop-line
    doc: {what: An ad label., why: Not text.}
    examples: {drop: [Anzeige], keep: [Anzeige erstattet]}
  - id: T-CRED-001
    name: photo-credit
    category: credit
    match: {regex: 'Foto: \\w+$'}
    action: drop-span
    doc: {what: A trailing photo credit., why: Not text.}
    examples: {drop: ["Ein Bild. Foto: dpa"], keep: [Fotos zeigen es]}
  - id: T-COM-001
    name: comment-heading
    category: comments
    match: {exact: [Kommentare]}
    action: drop-block
    doc: {what: Comments., why: Not text.}
    examples: {drop: [Kommentare], keep: [Kommentare gab es viele.]}
"""

TEXT = """Anzeige

Die Stadt baut eine neue Brücke über den Fluss.

Der Bürgermeister zeigte sich zufrieden. Foto: dpa

Kommentare
Hans: toll
Eva: na ja"""


@pytest.fixture(scope="module")
def cleaner(tmp_path_factory):
    path = tmp_path_factory.mktemp("packs") / "explain.yaml"
    path.write_text(PACK, encoding="utf-8")
    return Cleaner(Config(rules=(str(path),), shipped=False)), str(path)


def test_every_line_marked_with_rule_and_category(cleaner):
    c, _ = cleaner
    result = c.clean_and_explain(TEXT, url=URL)
    views = line_views(TEXT, result)
    status = {v.number: v.status for v in views}
    assert status[1] == "removed" and status[3] == "kept" and status[5] == "cut" and status[7] == "removed"
    assert status[2] == "blank"
    assert [v.removal.rule_id for v in views if v.status == "removed"] == ["T-ADS-001"] + ["T-COM-001"] * 3
    text = render_explain(TEXT, result, color=False)
    assert "\x1b[" not in text
    assert "- Anzeige" in text and "[T-ADS-001 ads]" in text
    assert "~ Der Bürgermeister zeigte sich zufrieden. Foto: dpa" in text and "T-CRED-001 credit: cut 'Foto: dpa'" in text
    assert "[T-COM-001 comments]" in text
    assert text.splitlines()[-1].startswith("# removed 4 of 6 lines")


def test_colour_by_category_on_a_terminal(cleaner):
    c, _ = cleaner
    text = render_explain(TEXT, c.clean_and_explain(TEXT, url=URL), color=True)
    assert f"\x1b[{ANSI['ads']}mAnzeige" in text
    assert f"\x1b[{ANSI['comments']}mKommentare" in text
    assert f"\x1b[{ANSI['credit']};9mFoto: dpa\x1b[0m" in text  # the cut span struck through


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_colour_only_on_a_tty_and_never_with_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm-256color")
    assert use_color(_Tty()) and not use_color(io.StringIO())
    assert use_color(io.StringIO(), "always") and not use_color(_Tty(), "never")
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(_Tty())
    monkeypatch.setenv("NO_COLOR", "")  # empty: no effect (no-color.org)
    assert use_color(_Tty())


def test_context_shows_only_removals_and_their_neighbours(cleaner):
    c, _ = cleaner
    long_text = "Anzeige\n\n" + "\n\n".join(f"Absatz {n} mit Text." for n in range(20)) + "\n\nKommentare\nx"
    text = render_explain(long_text, c.clean_and_explain(long_text, url=URL), context=1)
    assert "Absatz 10" not in text and "    …" in text and "Anzeige" in text and "Kommentare" in text


def test_json_has_lines_summary_and_the_result(cleaner):
    c, _ = cleaner
    result = c.clean_and_explain(TEXT, url=URL)
    data = explain_data(TEXT, result, source="x.txt", packs=["sites/example.test"])
    assert data["text"] == result.text and data["packs"] == ["sites/example.test"]
    assert data["lines"][0] == {"n": 1, "text": "Anzeige", "status": "removed", "rule_id": "T-ADS-001",
                                "category": "ads"}
    at = TEXT.split("\n")[4].index("Foto")
    assert data["lines"][4]["cuts"] == [{"start": at, "end": at + 9, "rule_id": "T-CRED-001", "category": "credit",
                                         "text": "Foto: dpa"}]
    assert data["summary"]["lines"] == 6 and data["summary"]["lines_removed"] == 4
    assert data["summary"]["categories"] == {"comments": 3, "ads": 1, "credit": 1}


def test_is_blank_agrees_with_normalization():
    for line in ["", "  ", "\u200b", "\u00a0\u200b ", "\ufeff", "a", " \u00ad ", "\x1c", "\u3000", "x\u200b"]:
        assert is_blank(line) == (not normalize_lines([line])[0]), repr(line)


def test_cli_explain_plain_in_a_pipe_and_json(cleaner, tmp_path, capsys, monkeypatch):
    _, pack = cleaner
    page = tmp_path / "page.txt"
    page.write_text(TEXT, encoding="utf-8")
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert main(["explain", str(page), "--rules", pack, "--url", URL]) == 0
    out = capsys.readouterr().out
    assert "\x1b[" not in out and "[T-ADS-001 ads]" in out and "# packs:" in out
    assert main(["explain", str(page), "--rules", pack, "--url", URL, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"] == str(page) and data["lines"][0]["rule_id"] == "T-ADS-001"
    assert data["packs"][0] == "sites/example.test"


def test_cli_clean_diff_marks_every_input_and_writes_nothing(cleaner, tmp_path, capsys):
    _, pack = cleaner
    for name in ("a.txt", "b.txt"):
        (tmp_path / "in" / name).parent.mkdir(exist_ok=True)
        (tmp_path / "in" / name).write_text(TEXT.replace("Brücke", f"Brücke {name}"), encoding="utf-8")
    out_dir = tmp_path / "out"
    assert main(["clean", str(tmp_path / "in"), "--diff", "--rules", pack, "--url", URL, "--color", "always", "-o",
                 str(out_dir)]) == 0
    shown = capsys.readouterr().out
    assert shown.count("# ") >= 4 and "a.txt" in shown and "b.txt" in shown
    assert "\x1b[" in shown and "T-COM-001" in shown
    assert not out_dir.exists()
    assert main(["clean", str(tmp_path / "in"), "--diff", "--rules", pack, "--url", URL, "--format", "jsonl"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["source"].rsplit("/", 1)[-1] for r in records] == ["a.txt", "b.txt"]
    assert all(r["summary"]["lines_removed"] >= 4 for r in records)


def test_cli_clean_dry_run_prints_stats(cleaner, tmp_path, capsys):
    _, pack = cleaner
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    assert main(["clean", str(tmp_path / "a.txt"), "--dry-run", "--rules", pack, "--url", URL]) == 0
    shown = capsys.readouterr().out
    assert "T-COM-001" in shown and "never fired" in shown and "documents that lost the most" in shown
