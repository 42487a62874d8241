"""Properties of cleaning that hold for every input (hypothesis).

- cleaner only removes: output lines are a subsequence of the input's lines (whitespace-collapsed);
- replaying the explanation reproduces the output;
- cleaning is idempotent;
- nothing but CleanerError escapes, whatever the Unicode content or line structure.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cleaner import Cleaner, CleanerError, apply_removals
from cleaner.normalize import split_lines

_CLEANER = Cleaner()
_EXAMPLE_LINES = sorted({t for r in _CLEANER.rulebook.all_rules() for t in (*r.examples.drop, *r.examples.keep)
                         if "\n" not in t})
_BODY = [
    "Der Stadtrat hat am Dienstag mit großer Mehrheit einen neuen Haushalt beschlossen.",
    "The council approved the budget on Tuesday after a long debate about school funding.",
    "Le conseil municipal a adopté mardi soir le budget après un long débat.",
    "„Wir machen weiter“, sagte die Ministerin am Abend in Berlin.",
    "Kim Jong Un reist mit dem Zug nach Russland",
]
_odd_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60)
_line = st.one_of(st.sampled_from(_EXAMPLE_LINES), st.sampled_from(_BODY), _odd_text, st.just(""),
                  st.sampled_from(["\u00a0", "\u200b", " \t ", "\r"]))
documents = st.lists(_line, max_size=40).map("\n".join)
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _collapsed_lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in split_lines(text)]


def _is_subsequence(small: list[str], big: list[str]) -> bool:
    it = iter(big)
    return all(any(line == candidate for candidate in it) for line in small)


@_SETTINGS
@given(documents)
def test_output_lines_are_a_subsequence_of_input_lines(text):
    result = _CLEANER.clean_and_explain(text)
    out = [line for line in result.text.split("\n") if line]
    spans = any(r.span for r in result.removals)
    if not spans:  # span removals shorten a line; checked by replay below
        assert _is_subsequence(out, _collapsed_lines(text))


@_SETTINGS
@given(documents)
def test_replaying_the_explanation_reproduces_the_output(text):
    result = _CLEANER.clean_and_explain(text)
    assert apply_removals(text, result.removals) == result.text


@_SETTINGS
@given(documents, st.sampled_from(["de", "en", "fr"]))
def test_cleaning_is_idempotent(text, lang):
    # The language is fixed: the generated documents mix languages on purpose, and which
    # language such a mix "is" may change once cruft in one of them is gone.
    once = _CLEANER.clean(text, lang=lang)
    assert _CLEANER.clean(once, lang=lang) == once


@_SETTINGS
@given(st.one_of(documents, st.text(max_size=300), st.binary(max_size=100).map(lambda b: b.decode("latin-1"))))
def test_only_cleaner_errors_escape(text):
    try:
        _CLEANER.clean_and_explain(text)
    except CleanerError:
        pass
