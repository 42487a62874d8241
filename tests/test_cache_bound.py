"""The on-disk cache of compiled rule data stays within CLEANER_CACHE_MAX_MB: a write that
takes it over deletes the least recently used entries (every edited rule set adds entries,
and a cache without a bound grew to 46 GB over a season of rule edits)."""

from __future__ import annotations

import os

import pytest

from cleaner.engine.cache import cache_limit, read_cache, write_cache

_KB = 1024


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("CLEANER_CACHE_MAX_MB", str(10 * _KB / (1024 * 1024)))  # 10 KB
    return tmp_path


def _write_aged(cache, name: str, age: int) -> None:
    write_cache(name, b"x" * (3 * _KB))
    stamp = 1_000_000 + age
    os.utime(cache / name, (stamp, stamp))


def test_a_write_over_the_bound_deletes_the_least_recently_used_entries(cache):
    for age, name in enumerate(["a", "b", "c"]):
        _write_aged(cache, name, age)
    write_cache("d", b"x" * (3 * _KB))  # 12 KB > 10 KB: the oldest goes
    assert sorted(p.name for p in cache.iterdir()) == ["b", "c", "d"]


def test_reading_an_entry_keeps_it(cache):
    for age, name in enumerate(["a", "b", "c"]):
        _write_aged(cache, name, age)
    assert read_cache("a") == b"x" * (3 * _KB)  # now the most recently used
    write_cache("d", b"x" * (3 * _KB))
    assert sorted(p.name for p in cache.iterdir()) == ["a", "c", "d"]


def test_an_entry_larger_than_the_bound_is_still_written(cache):
    _write_aged(cache, "a", 0)
    write_cache("big", b"x" * (20 * _KB))
    assert [p.name for p in cache.iterdir()] == ["big"]
    assert read_cache("big") is not None


def test_the_bound_defaults_to_a_gigabyte_and_ignores_a_value_that_is_no_number(monkeypatch):
    monkeypatch.setenv("CLEANER_CACHE_MAX_MB", "lots")
    assert cache_limit() == 1024 * 1024 * 1024
    monkeypatch.delenv("CLEANER_CACHE_MAX_MB")
    assert cache_limit() == 1024 * 1024 * 1024
