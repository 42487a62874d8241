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
