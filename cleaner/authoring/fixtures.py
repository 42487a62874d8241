"""Per-site regression fixtures: `fixtures:` in a site pack, run offline by `cleaner rules test`.

```yaml
fixtures:
  - name: newsletter box goes, body stays
    url: https://www.example-news.de/politik/artikel-1   # default: https://<first host>/
    date: 2024-03-01                 # publication date (default: the pack version's first day)
    input: |                         # or input_file: pages/artikel-1.txt (next to the pack)
      ...
    output: |                        # the exact cleaned text, or / and:
      ...
    contains: ["a sentence that must survive"]
    not_contains: ["Unser Newsletter"]
  - test_url: https://www.example-news.de/a   # imported configs: no stored page, skipped
    contains: ["..."]
```
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..api import Cleaner
from ..batch import read_text_file
from ..engine.model import Fixture, Pack
from ..errors import CleanerError

__all__ = ["FixtureOutcome", "run_fixtures", "fixture_date"]


@dataclass(frozen=True)
class FixtureOutcome:
    pack: str
    fixture: Fixture
    status: str  # pass | fail | skip
    why: str = ""

    @property
    def label(self) -> str:
        where = f" (line {self.fixture.line})" if self.fixture.line else ""
        return f"{self.pack} fixture {self.fixture.name!r}{where}"


def fixture_date(pack: Pack, fixture: Fixture) -> dt.date | None:
    """The fixture's own date, else a day the pack version covers (so that version applies)."""
    if fixture.published:
        return fixture.published
    if pack.valid_from:
        return pack.valid_from
    if pack.valid_until:
        return pack.valid_until - dt.timedelta(days=1)
    return None


def run_fixtures(cleaner: Cleaner, packs: list[Pack]) -> Iterator[FixtureOutcome]:
    for pack in packs:
        for fixture in pack.fixtures:
            yield _run(cleaner, pack, fixture)


def _run(cleaner: Cleaner, pack: Pack, fixture: Fixture) -> FixtureOutcome:
    if fixture.input is not None:
        text = fixture.input
    elif fixture.input_file:
        path = Path(pack.file).parent / fixture.input_file
        try:
            text = read_text_file(str(path))
        except CleanerError as exc:
            return FixtureOutcome(pack.name, fixture, "fail", f"{exc}; store the page next to the pack")
    else:
        return FixtureOutcome(pack.name, fixture, "skip",
                              f"only a test_url ({fixture.test_url}); offline runs need the page: save it and "
                              "add input_file")
    url = fixture.url or fixture.test_url or (f"https://{pack.hosts[0].lstrip('.')}/" if pack.hosts else None)
    result = cleaner.clean_and_explain(text, url=url, published=fixture_date(pack, fixture))
    problems = []
    if fixture.output is not None and result.text != fixture.output.strip("\n"):
        problems.append(f"output differs: got {result.text!r}, expected {fixture.output.strip(chr(10))!r}")
    for snippet in fixture.contains:
        if " ".join(snippet.split()) not in " ".join(result.text.split()):
            problems.append(f"output lacks {snippet!r}")
    for snippet in fixture.not_contains:
        if " ".join(snippet.split()) in " ".join(result.text.split()):
            removed_by = [r.rule_id for r in result.removals]
            problems.append(f"output still contains {snippet!r} (rules that fired: {', '.join(removed_by) or 'none'})")
    if problems:
        return FixtureOutcome(pack.name, fixture, "fail", "; ".join(problems))
    return FixtureOutcome(pack.name, fixture, "pass")
