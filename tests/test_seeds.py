"""Golden tests: each seed article cleans to exactly its expected output."""

from __future__ import annotations

import pytest

from cleaner import apply_removals
from conftest import SEEDS

SEED_FILES = sorted(SEEDS.glob("*.txt"))


def test_there_are_five_seeds():
    assert len(SEED_FILES) == 5


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_seed_cleans_to_expected(cleaner, seed):
    expected = (SEEDS / "expected" / seed.name).read_text(encoding="utf-8").rstrip("\n")
    assert cleaner.clean(seed.read_text(encoding="utf-8")) == expected


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_replaying_removals_gives_output(cleaner, seed):
    text = seed.read_text(encoding="utf-8")
    result = cleaner.clean_and_explain(text)
    assert apply_removals(text, result.removals) == result.text


@pytest.mark.parametrize("seed", SEED_FILES, ids=lambda p: p.stem)
def test_every_body_line_kept_once_in_order(cleaner, seed):
    expected = (SEEDS / "expected" / seed.name).read_text(encoding="utf-8").split("\n")
    got = cleaner.clean(seed.read_text(encoding="utf-8")).split("\n")
    body = [line for line in expected if line]
    kept = [line for line in got if line]
    assert kept == body
