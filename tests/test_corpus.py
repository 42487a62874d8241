"""Labelled articles in German, English and French (tests/corpus).

The development sets (tests/corpus/<lang>) must keep >= 99.5% of body lines and remove
>= 95% of cruft lines. The held-out sets (holdout/, holdout2/) measure generalization to
unseen sites; `python benchmarks/corpus_eval.py tests/corpus/holdout2/*` reports them.
Every labelled article, held-out ones included, must replay, be detected as its language,
and come out unchanged when it has no cruft.
"""

from __future__ import annotations

import pytest

from cleaner import apply_removals
from cleaner.labelled import Score, expected_text, parse_labelled, score_article
from conftest import CORPUS

LANGS = ("de", "en", "fr")
ARTICLES = sorted(CORPUS.rglob("*.txt"))
MIN_BODY_KEPT = 0.995
MIN_CRUFT_REMOVED = 0.95


def _files(lang: str):
    return [p for p in ARTICLES if p.parent.name == lang and p.parent.parent == CORPUS]


@pytest.mark.parametrize("lang", LANGS)
def test_body_kept_and_cruft_removed(cleaner, lang):
    total = Score()
    for path in _files(lang):
        total.add(score_article(cleaner, parse_labelled(path)))
    assert total.body > 100 and total.cruft > 100
    lost = "\n".join(f"{n}:{i}: {t[:80]}" for n, i, t in total.lost)
    leaked = "\n".join(f"{n}:{i}: {t[:80]}" for n, i, t in total.leaked)
    assert total.body_recall >= MIN_BODY_KEPT, f"body kept {total.body_recall:.3%}; lost:\n{lost}"
    assert total.cruft_recall >= MIN_CRUFT_REMOVED, f"cruft removed {total.cruft_recall:.3%}; leaked:\n{leaked}"


CLEAN_ARTICLES = [p for p in ARTICLES if "cruft" not in parse_labelled(p).labels]


def test_there_are_cruft_free_articles_in_every_language():
    assert {p.parent.name for p in CLEAN_ARTICLES} == set(LANGS)
    assert len(CLEAN_ARTICLES) >= 12


@pytest.mark.parametrize("path", CLEAN_ARTICLES, ids=lambda p: p.stem)
def test_article_without_cruft_is_unchanged(cleaner, path):
    article = parse_labelled(path)
    assert cleaner.clean(article.text) == expected_text(article)


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_replaying_removals_reproduces_output(cleaner, path):
    text = parse_labelled(path).text
    result = cleaner.clean_and_explain(text)
    assert apply_removals(text, result.removals) == result.text


@pytest.mark.parametrize("path", ARTICLES, ids=lambda p: p.stem)
def test_language_is_detected(cleaner, path):
    assert cleaner.clean_and_explain(parse_labelled(path).text).lang == path.parent.name


MIN_TITLES_FOUND = 0.97


def test_title_is_the_labelled_headline(cleaner):
    """Kickers, place labels and bylines around the headline do not become the title."""
    wrong = []
    for path in ARTICLES:
        article = parse_labelled(path)
        headline = article.lines[article.labels.index("title")]
        found = cleaner.clean_and_explain(article.text, lang=path.parent.name).title or ""
        if " ".join(found.split()) != " ".join(headline.split()):
            wrong.append(f"{path.name}: {found!r} (want {headline!r})")
    assert 1 - len(wrong) / len(ARTICLES) >= MIN_TITLES_FOUND, "\n".join(wrong)
