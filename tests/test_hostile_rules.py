"""Hostile rule packs: backtracking patterns and object-constructing YAML are refused at load,
naming the file and rule; patterns of user packs run under the regex timeout."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, Config, RuleError
from cleaner.limits import TimedPattern

PACK = """pack: user/evil
rules:
  - id: EVIL-001
    name: evil
    category: ads
    match: {regex: '%s'}
    action: drop-line
    doc: {what: Test., why: Test.}
    examples: {drop: ['%s'], keep: [Body text here]}
"""


@pytest.mark.parametrize("pattern", [r"(a|aa)+$", r"^(a+)+$", r"(\w+\s?)+x$"])
def test_backtracking_pack_is_rejected_naming_file_and_rule(tmp_path, pattern):
    path = tmp_path / "evil.yaml"
    path.write_text(PACK % (pattern, "aaa"), encoding="utf-8")
    with pytest.raises(RuleError, match="catastrophic backtracking") as info:
        Cleaner(Config(rules=(str(path),)))
    assert "evil.yaml" in str(info.value) and "EVIL-001" in str(info.value)


def test_yaml_object_tag_is_rejected(tmp_path):
    path = tmp_path / "tag.yaml"
    path.write_text("pack: evil\nrules: !!python/object/apply:os.system ['touch owned']\n", encoding="utf-8")
    with pytest.raises(RuleError, match="YAML tag"):
        Cleaner(Config(rules=(str(path),)))
    assert not (tmp_path / "owned").exists()


def test_user_pack_patterns_run_under_the_timeout_shipped_ones_do_not(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text(PACK % (r"^Sponsored by \w+$", "Sponsored by Acme"), encoding="utf-8")
    cleaner = Cleaner(Config(rules=(str(path),)))
    user = [r for p in cleaner.rulebook.packs if p.name == "user/evil" for r in p.rules]
    shipped = [r for p in cleaner.rulebook.packs if p.name != "user/evil" for r in p.rules]
    assert user and all(isinstance(r.pattern, TimedPattern) for r in user)
    assert shipped and not any(isinstance(r.pattern, TimedPattern) for r in shipped)
    assert cleaner.clean("Sponsored by Acme\n\nThe body of the story.", lang="en") == "The body of the story."


def xpath_pack(rule_id: str, xpath: str, drop: str, keep: str) -> str:
    """A user pack with one HTML strip rule by XPath."""
    return f"""pack: user/xpath
html:
  strip:
    - id: {rule_id}
      name: test-xpath
      category: ads
      xpath: "{xpath}"
      doc: {{what: Test., why: Test.}}
      examples: {{drop: ['{drop}'], keep: ['{keep}']}}
"""


XPATH_PACK = xpath_pack("XP-001", "//p[re:test(., '^Quarter(l|ly)+ figures')]",
                        "<p>Quarterly figures</p>", "<p>Body text</p>")


def test_html_section_of_a_user_pack_cannot_run_a_regex(tmp_path):
    # The regex timeout guards line rules only. An HTML rule must have no way to run a user's
    # regex: EXSLT `re:` is unregistered, so such an XPath is refused at load or never matches.
    path = tmp_path / "xpath.yaml"
    path.write_text(XPATH_PACK, encoding="utf-8")
    try:
        cleaner = Cleaner(Config(rules=(str(path),)))
    except RuleError as exc:
        assert "XP-001" in str(exc)
        return
    target = "Quarterly figures from the mill were published on Monday morning."
    page = f"<html><body><p>{target}</p><p>The body of the story, a sentence long enough to keep.</p></body></html>"
    assert target in cleaner.clean(page, input_format="html", lang="en")


def test_main_content_params_are_literal_substrings_not_patterns():
    from cleaner.html.content import ContentParams

    params = ContentParams.from_params({"negative_substrings": ["(a+)+$"], "positive_substrings": ["art.cle"]})
    assert params.negative_pattern.search("x(a+)+$y") and not params.negative_pattern.search("aaaa")
    assert params.positive_pattern.search("art.cle") and not params.positive_pattern.search("article")


SLOW_XPATH_PACK = xpath_pack("XP-SLOW", "//span[count(preceding::span) > 0]",  # quadratic in the spans
                             "<p><span>a</span><span>b</span></p>", "<p><span>Body text</span></p>")


def test_a_slow_user_xpath_fails_its_document_without_holding_the_run(tmp_path):
    # libxml2 evaluates the XPath in C, where neither the budget checks nor SIGALRM reach:
    # the worker is stopped `kill_grace` s after the budget and the run goes on.
    import json

    from cleaner.cli import main

    pack = tmp_path / "slow.yaml"
    pack.write_text(SLOW_XPATH_PACK, encoding="utf-8")
    body = "<p>The body of the story, a sentence long enough to keep in the output.</p>"
    spans = "".join(f"<p><span>cell {i}</span></p>" for i in range(20_000))  # quadratic: a minute
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_ok.html").write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    (src / "b_slow.html").write_text(f"<html><body>{body}{spans}</body></html>", encoding="utf-8")
    (src / "c_ok.html").write_text(f"<html><body>{body}</body></html>", encoding="utf-8")
    out, errors = tmp_path / "out", tmp_path / "errors.jsonl"
    code = main(["clean", str(src), "-o", str(out), "--rules", str(pack), "-j", "1", "--no-progress",
                 "--time-budget", "0.5", "--kill-grace", "1", "--errors", str(errors), "--lang", "en"])
    assert code == 1
    assert sorted(p.name for p in out.rglob("*.txt")) == ["a_ok.txt", "c_ok.txt"]
    [error] = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    assert error["file"].endswith("b_slow.html")
    assert "time budget of 0.5 s" in error["reason"] and "worker was stopped" in error["reason"]
