"""Everything after a comments or end-of-article heading (rules with action drop-rest)."""

from __future__ import annotations

from typing import Any

from ..engine.model import Rule
from .caption_before_credit import one_sentence
from .line_rules import WORD_PUNCT, drop_teasers_after, reports_speech, speech_words, without_sign_off
from .metadata import find_title
from .state import PassState

__all__ = ["detect_tail_after_heading"]

_CLOSED = (".", "!", "?", "…", "»", '"', "”")  # how a sentence ends (a label ends with ":")


def detect_tail_after_heading(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """Drop the rest after the first drop-rest heading that has enough article before it.

    Two guards keep body text: a heading needs enough article before it - lines, words and
    paragraphs, the headline not counted (so a teaser box or a share bar with a "comment"
    button above the article cannot take it along; a standfirst alone is not article) - and a *related-links* heading must not be
    followed by article paragraphs (themes insert "Check Also" boxes mid-article). A
    related heading that fails the second guard takes only the teaser headlines after it.
    Removals are attributed to the heading's rule.
    """
    min_lines_before = params.get("min_lines_before", 3)
    min_words_before = params.get("min_words_before", 30)
    long_words = params.get("long_line_words", 12)
    # A paragraph after a guarded heading is long by words or by characters: German
    # sentences are as long in characters with fewer, compound words ("Abonnenten der
    # Brenntal-Anleihe müssen … mit Verlusten rechnen." is 11 words, 96 characters).
    after_long = _AfterLong(long_words, params.get("long_line_chars_after", 0))
    max_long_after = params.get("related_max_long_lines_after", 1)
    # Short paragraphs count too when there are enough of them: a teaser box holds headlines
    # (no full stop), and the article goes on under it in sentences of any length.
    sentences = _SentencesAfter(params.get("sentence_words_after", 8), params.get("min_sentences_after", 0))
    min_long_before = params.get("min_long_lines_before", 2)
    # Headings after which article paragraphs may go on (a teaser box, a paywall notice in a
    # subscriber's crawl): with prose after them they take nothing but their teasers along.
    guarded = frozenset(params.get("guarded_categories", ("related",)))
    # Headings of a widget that may sit between two paragraphs ("Join the conversation"
    # above a comment count, mid-article): with the article resuming under the widget they
    # take nothing; the next heading decides about the rest.
    resumable = frozenset(params.get("resumable_categories", ()))
    # Of those, boxes about the writer ("Über den Autor"): a line naming the byline's writer is the bio.
    bio_boxes = frozenset(params.get("bio_categories", ()))
    # Words that report speech ("said", "sagte", "a-t-il"): a sentence under a teaser box that
    # carries one is the article quoting its sources, not a teaser's dek.
    speech = speech_words(params)
    headings, state.tail_headings = sorted(state.tail_headings, key=lambda h: h[0]), []
    for i, heading in headings:
        if state.removed_by_tail:
            return
        before = [j for j in state.nonblank[:state.rank[i]] if not state.removed[j]]
        if len(before) < min_lines_before or sum(state.words(j) for j in before) < min_words_before:
            continue
        if _long_lines_before(state, before, long_words) < min_long_before:
            continue
        if heading.category in guarded and (_long_lines_after(state, i, after_long) > max_long_after
                                            or sentences.enough(state, i)
                                            or _prose_after(state, i, after_long)
                                            or _article_goes_on(state, i, before, after_long, speech)):
            if heading.category == "related":
                drop_teasers_after(state, i, heading)
            continue
        if heading.category in resumable and _article_resumes(state, i, heading.category, long_words):
            if heading.category not in bio_boxes or not _names_the_author(state, i, heading.category):
                continue
        _drop_rest(state, i, heading)


def _long_lines_before(state: PassState, before: list[int], long_words: int) -> int:
    title_at = find_title(state)
    return sum(1 for j in before if j != title_at and state.words(j) >= long_words)


class _AfterLong:
    """Whether a kept line after a guarded heading is paragraph-long: `words` words or
    more, or (when `chars` is set) `chars` characters or more."""

    def __init__(self, words: int, chars: int) -> None:
        self.words, self.chars = words, chars

    def __call__(self, state: PassState, j: int) -> bool:
        return state.words(j) >= self.words or (self.chars > 0 and len(state.doc.lines[j].strip()) >= self.chars)


class _SentencesAfter:
    """Whether `least` kept lines of `words` words or more that end as sentences stand after a
    guarded heading: the article going on in short paragraphs ("Related" / two teasers /
    "Motorists have faced lane closures on the stretch for almost two years." / "The
    department now expects all six lanes to open in December." / …), which the long-line
    count misses. Off when `least` is 0."""

    def __init__(self, words: int, least: int) -> None:
        self.words, self.least = words, least

    def enough(self, state: PassState, i: int) -> bool:
        if self.least <= 0:
            return False
        found = 0
        for j in state.nonblank[state.rank[i] + 1:]:
            if not state.removed[j] and state.words(j) >= self.words \
                    and without_sign_off(state.doc.lines[j]).endswith(_CLOSED):
                found += 1
                if found >= self.least:
                    return True
        return False


def _long_lines_after(state: PassState, i: int, is_long: _AfterLong) -> int:
    return sum(1 for j in state.nonblank[state.rank[i] + 1:] if not state.removed[j] and is_long(state, j))


def _prose_after(state: PassState, i: int, is_long: _AfterLong) -> bool:
    """A kept line of two sentences after the heading: article prose, not a teaser's dek
    (a teaser is a headline and at most one sentence under it)."""
    lines = state.doc.lines
    return any(not state.removed[j] and is_long(state, j) and not one_sentence(lines[j])
               for j in state.nonblank[state.rank[i] + 1:])


def _article_goes_on(state: PassState, i: int, before: list[int], is_long: _AfterLong,
                     speech: frozenset[str] = frozenset()) -> bool:
    """A long kept line after the heading that talks about the article, not about the teasers
    above it: it shares a word of six letters or more with the article before the heading and
    none with the lines between ("RELATED" / "Lagos commuters stranded as fuel queues return" /
    "Related complaints have come from Gwarinpa, where residents say …" under a story about
    Abuja's residents). A teaser's dek is about its teaser.

    A long line that is the first kept line under the heading has no teaser to be the dek
    of: it goes on the article if it ends as a sentence does (a page's "most read" box or a
    subscriber's paywall notice between two paragraphs; a teaser headline has no full
    stop). It need not share a word with the article: a story's next paragraph often turns
    to a new point ("Bereits im vergangenen Sommer war die alte Dieselfähre …" under a
    login prompt in a story about the new ferry). So does such a line right under a line
    a rule removed (a box that took its own teasers: "Related Stories" / its teaser /
    "Related works, including new escalators …, will begin in February."), and one that
    reports speech ("…, a spokesperson said."): a teaser's dek comes right under its
    headline and rarely quotes anyone. So does such a line with nothing kept after it that
    shares no word with the teasers above: the page's text ends on it, as an article ends
    on its last paragraph ("Editors' Recommendations" / two teasers / "Editors at several
    forums had flagged the problem …"), while a box's dek restates its teaser
    ("Berufungsgericht hebt Weinsteins Verurteilung auf" / "Die … Haftstrafe … wurde vom
    Berufungsgericht … aufgehoben.", above a comment form) or is followed by the next teaser
    or the box's own pitch (holdout4's "In a time of … misinformation …" / "By subscribing,
    you can help us …"). A wire
    sign-off after the last sentence ("… Lim said. — Bernama") does not hide how the line
    ends."""
    lines = state.doc.lines
    article = set().union(*(_long_words(lines[j]) for j in before))
    last_kept = next((k for k in reversed(state.nonblank) if not state.removed[k]), -1)
    between: set[str] = set()
    previous = i
    for j in state.nonblank[state.rank[i] + 1:]:
        if state.removed[j]:
            previous = j
            continue
        words = _long_words(lines[j])
        if is_long(state, j):
            sentence = without_sign_off(lines[j]).endswith(_CLOSED)
            if sentence and (not between or state.removed[previous] or reports_speech(lines[j], speech)
                             or (j == last_kept and not words & between)):
                return True  # no kept teaser right above it to be the dek of, the article quoting, or the text's end
            if between and words & article and not words & between:
                return True
        between |= words
        previous = j
    return False


def _article_resumes(state: PassState, i: int, heading_category: str, long_words: int) -> bool:
    """The first kept line under a widget heading is the article's next paragraph, not a
    reader's comment: only the widget's own lines (removed in the heading's category: a
    count, a prompt) stand between, so no handle, no time and no reply label announces a
    comment; the line is long and ends as a sentence does; and the line after it is
    neither kept thread text nor thread furniture (a reply label, the next commenter's
    time): the page goes on with its own boxes or its article."""
    following = state.nonblank[state.rank[i] + 1:]
    for k, j in enumerate(following):
        if state.removed[j]:
            if state.removed_as(j) != heading_category:
                return False
            continue
        line = state.doc.lines[j]
        if state.words(j) < long_words or not line.rstrip().endswith(_CLOSED):
            return False
        return k + 1 < len(following) and _goes_on_after(state, following[k + 1], heading_category, long_words)
    return False


def _names_the_author(state: PassState, i: int, category: str) -> bool:
    """The first kept line under an author heading holds a capitalised word of a byline the
    rules removed above the heading: the writer's bio ("Tobias Lange ist Redakteur …"), not
    the article's last paragraph."""
    byline: set[str] = set()
    for j in state.nonblank[:state.rank[i]]:
        if state.removed[j] and state.removed_as(j) == category:
            byline |= {w for w in (t.strip(WORD_PUNCT) for t in state.doc.lines[j].split()) if len(w) > 2 and w[0].isupper()}
    for j in state.nonblank[state.rank[i] + 1:]:
        if not state.removed[j]:
            return any(t.strip(WORD_PUNCT) in byline for t in state.doc.lines[j].split())
    return False


def _goes_on_after(state: PassState, j: int, thread_category: str, long_words: int) -> bool:
    """Line j, after the resumed paragraph, is not part of a comment thread."""
    if state.removed[j]:
        return state.removed_as(j) not in (thread_category, "dateline")
    return state.words(j) >= long_words


def _long_words(line: str) -> set[str]:
    return {w for w in (t.strip(".,;:!?()[]\"'«»„“”‘’").casefold() for t in line.split()) if len(w) >= 6}


def _drop_rest(state: PassState, i: int, heading: Rule) -> None:
    state.drop(heading.id, heading.category, i + 1, len(state.removed))
    state.removed_by_tail = True
