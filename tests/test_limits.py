"""Limits: oversized documents fail alone, long lines are bounded, budgets and regex timeouts stop work."""

from __future__ import annotations

import pytest

from cleaner import Cleaner, Config, LimitError
from cleaner.limits import Deadline, Limits, TimedPattern, cap_lines

import regex


def test_oversized_document_is_a_limit_error():
    cleaner = Cleaner(Config(limits=Limits(max_document_chars=100)))
    with pytest.raises(LimitError, match="max_document_chars"):
        cleaner.clean("word " * 50, lang="en")
    assert cleaner.clean("Short body line.", lang="en") == "Short body line."


def test_long_lines_are_capped_for_rules_but_kept_whole():
    lines = ["a" * 50, "short"]
    cap_lines(lines, 10)
    assert lines == ["a" * 10, "short"]
    cleaner = Cleaner(Config(limits=Limits(max_line_chars=100)))
    body = "word " * 1000
    assert cleaner.clean(body.strip(), lang="en") == body.strip()


def test_expired_deadline_raises():
    deadline = Deadline(0.000001)
    with pytest.raises(LimitError, match="time budget"):
        while True:
            deadline.check("loop")


def test_paused_time_does_not_count():
    deadline = Deadline(5.0)
    end = deadline.end
    with deadline.paused():
        pass
    assert deadline.end >= end


def test_timed_pattern_names_the_rule():
    pattern = TimedPattern(regex.compile(r"(a|aa)+$"), 0.05, "pack.yaml:3: rule X-1")
    with pytest.raises(LimitError, match="X-1"):
        pattern.search("a" * 40 + "b")
    assert pattern.pattern == r"(a|aa)+$"


def test_invalid_limits_are_refused():
    with pytest.raises(ValueError):
        Limits(max_line_chars=0)
    with pytest.raises(ValueError):
        Limits(time_budget=-1)
