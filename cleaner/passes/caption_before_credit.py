"""A caption line directly above a photo-credit line that a rule removed ("… lors du conseil." / "Photo : AFP")."""

from __future__ import annotations

from typing import Any, NamedTuple

import regex

from ..engine.patterns import compile_pattern
from .metadata import find_title
from .state import PassState

__all__ = ["detect_caption_before_credit", "one_sentence"]

# A sentence ending inside the line: a word of two letters or more (or a number of three
# digits or more: a year) before the stop, a capital after it. "8. April" does not count as
# two sentences, nor does a two-letter word of a capital and a small letter before a full
# stop, an abbreviation of a title or a place ("Dr. Smith", "St. Vith", "Mr. Jones"); an
# acronym ("in the US. The …") or a small word ("… so. Dann …") still ends a sentence.
_SENTENCE_BREAK = regex.compile(r"(?:\p{L}{3}|\d{3}|(?<!\p{L})(?!\p{Lu}\p{Ll}\.)\p{L}{2})[.!?][»\"”’)]?\s+[«„“\"(]?\p{Lu}")


# A quotation that closes the line after its own full stop ('… optimistisch: „Wir sind … am Ziel.“'):
# someone speaking, which a caption reports but rarely quotes whole.
_CLOSING_QUOTATION = regex.compile(r"[:,]\s*[«„“\"‚‘'].{8,}[.!?…]\s*[»“”\"‘’']$")


def one_sentence(line: str) -> bool:
    return _SENTENCE_BREAK.search(line) is None


def detect_caption_before_credit(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """The kept line right above a removed whole-line credit, in the same block, is its caption.

    Three layouts qualify. A caption and credit in a block of their own (blank line above
    the caption, nothing kept after the credit before the next blank line). Scraped text
    often has no blank lines, so also: a short one-sentence line between a removed line
    (byline, player, share bar) and the credit; and a short one-sentence line between two
    paragraphs of a text that goes on after the credit, past the head. A paragraph that runs into a
    credit at the article's end (the agency line) is never taken.
    """
    max_words = params.get("max_words", 30)
    _name_under_caption(state, rule_id, category, params)
    credits_as = _CreditKinds(frozenset(params.get("credit_categories", ["credit"])),
                              frozenset(params.get("borrowed_credit_categories", [])),
                              params.get("borrowed_credit_shape", ""),
                              frozenset(params.get("caption_credit_categories", [])),
                              params.get("caption_credit_shape", ""))
    credits = _credit_lines(state, credits_as)
    if not credits:
        return
    title_at = find_title(state)
    lines = state.doc.lines
    below_words = params.get("below_max_words", 0)
    signature = params.get("signature_shape", "")
    for i in credits:
        if _shaped(signature, lines[i]):
            continue  # an agency's signature ends the article's text; it credits no picture
        if below_words and _is_credit(state, i, credits_as):
            _caption_below(state, rule_id, category, i, title_at, below_words, params.get("short_words", 12))
        above = i - 1
        if above < 0 or not state.removed[i] or state.blank[above] or state.removed[above] or above == title_at:
            continue
        borrowed = not _is_credit(state, i, credits_as)
        if borrowed and not _is_borrowed_credit(state, i, credits_as):
            continue
        text, words = lines[above], state.words(above)
        if words > max_words or text.endswith(":") or (borrowed and not text.rstrip().endswith(".")):
            continue
        if _layout_fits(state, above, i, title_at, params):
            state.drop_line(rule_id, category, above)


def _layout_fits(state: PassState, caption: int, credit: int, title_at: int | None, params: dict[str, Any]) -> bool:
    """The line above a credit sits where captions sit: in a block of its own (with the credit),
    or as a short sentence between removed lines or paragraphs and the credit."""
    after_removed_words = params.get("after_removed_max_words", 20)
    in_text_words = params.get("in_text_max_words", 16)
    short_words = params.get("short_words", 12)
    if _own_block(state, caption, credit):
        return True
    if _own_block_after_removed(state, caption, credit, title_at, after_removed_words, short_words):
        return True
    text, words = state.doc.lines[caption], state.words(caption)
    if not _long_caption_credited(state, caption, credit, params):
        return False
    long_words = params.get("in_text_long_max_words", 0)
    return words <= max(after_removed_words, in_text_words, long_words) and one_sentence(text) \
        and not _CLOSING_QUOTATION.search(text) \
        and _between(state, caption, credit, after_removed_words, in_text_words, title_at, short_words, long_words,
                     params.get("photo_credit_shape", "") if params.get("lead_after_removed") else "")


def _long_caption_credited(state: PassState, caption: int, credit: int, params: dict[str, Any]) -> bool:
    """A line of more than `photo_credit_over_words` words between a removed line and the credit
    is a caption only if the credit names a picture's maker (`photo_credit_shape`: "© AP
    Photo/Hassene Dridi", "20min/Marvin Aubert"). Paragraphs of that length sit between an
    ad label or a teaser and a text's source or a wire stamp too ("Source: Tessaly blog",
    "© dpa-infocom, dpa:261215-930-121877/1")."""
    over = params.get("photo_credit_over_words")
    if over is None or not state.removed[caption - 1] or state.words(caption) <= over:
        return True
    return _shaped(params.get("photo_credit_shape", ""), state.doc.lines[credit])


def _name_under_caption(state: PassState, rule_id: str, category: str, params: dict[str, Any]) -> None:
    """A bare name right under a line a caption rule hit, in the same block, is the photographer's
    credit ("Die U6 stand am Montagfrüh still. (Symbolbild)" / "Sabine Hertl").

    Caption rules that cut a credit from the line's end are span rules, applied after the
    detectors: the hit, not the removal, marks the caption here."""
    shape = params.get("name_credit_shape", "")
    captions = frozenset(params.get("caption_categories", []))
    if not shape or not captions:
        return
    removed, blank, lines = state.removed, state.blank, state.doc.lines
    for c in state.lines_hit_as(captions):
        n = c + 1
        if n < len(lines) and not blank[c] and not blank[n] and not removed[n] and _shaped(shape, lines[n]):
            state.drop_line(rule_id, category, n)


class _CreditKinds(NamedTuple):
    """What takes a caption along: a removed line of a credit category, or a removed line of a
    borrowed category (a byline or breadcrumb rule) shaped like a photographer's credit. A line
    a caption rule hit that is only the credit part of a caption (`caption_shape`: the whole
    line in brackets, a short label and a name) is a credit of its own: a caption rule already
    judged it a picture's credit, and no caption text stands before it on its line."""
    own: frozenset[str]
    borrowed: frozenset[str]
    shape: str
    caption: frozenset[str] = frozenset()
    caption_shape: str = ""

    def credits(self, state: PassState, i: int) -> bool:
        """Line `i` was hit as a credit (removed or not yet)."""
        return state.hit_as(i, self.own) or (
            state.hit_as(i, self.caption) and _shaped(self.caption_shape, state.doc.lines[i]))


def _credit_lines(state: PassState, kinds: _CreditKinds) -> list[int]:
    """The lines _is_credit or _is_borrowed_credit can hold for once removed, in order: only
    these take a caption along (once per document; the loop above does nothing at other lines)."""
    key = ("credit lines", kinds)
    found = state.cache.get(key)
    if found is None:
        lines = state.doc.lines
        found = state.cache[key] = [i for i in sorted(state.hits) if one_sentence(lines[i]) and (
            kinds.credits(state, i) or (state.hit_as(i, kinds.borrowed) and _shaped(kinds.shape, lines[i])))]
    return found  # type: ignore[return-value]


def _is_borrowed_credit(state: PassState, i: int, kinds: _CreditKinds) -> bool:
    """"Fred Lum/The Globe and Mail", "MARCUS DELL / Staff Photographer": byline and breadcrumb
    rules take these as a name with an outlet, but right under a sentence they credit a picture."""
    return state.removed[i] and state.hit_as(i, kinds.borrowed) and _shaped(kinds.shape, state.doc.lines[i])


def _shaped(shape: str, line: str) -> bool:
    return bool(shape) and compile_pattern(shape, 0).search(line) is not None


def _is_credit(state: PassState, i: int, kinds: _CreditKinds) -> bool:
    """A removed whole-line credit of a picture: one sentence ("Foto: dpa", "Jane Smith/AP",
    "(Photograph by Colin Nakamura)").

    A copyright footer ("Copyright The Financial Times Limited 2026. All rights reserved.")
    is a credit too, but of the page: the line above it is the article's last paragraph.
    """
    return state.removed[i] and kinds.credits(state, i) and one_sentence(state.doc.lines[i])


def _caption_below(state: PassState, rule_id: str, category: str, credit: int, title_at: int | None,
                   max_words: int, short_words: int) -> None:
    """In the head, a one-sentence line right under a credit that has removed lines (or a blank)
    above it and a blank line under it, with the article after: the picture's caption.

    A standfirst can sit there too (headline, picture, standfirst), so a caption longer than
    `short_words` is taken only when a long line after the headline (the standfirst) came first.
    """
    c = credit + 1
    if title_at is None or c >= len(state.blank) or c <= title_at or state.blank[c] or state.removed[c]:
        return
    if not (state.blank[credit - 1] or state.removed[credit - 1]) or not state.in_region(c, "head"):
        return
    if state.removed[credit - 1] and state.removed_as(credit - 1) == category:
        return  # the credit's caption stands above it (taken in an earlier round): one picture, one caption
    text, words = state.doc.lines[c].rstrip(), state.words(c)
    if words > max_words or not text.endswith(".") or not one_sentence(text):
        return
    if c + 1 < len(state.blank) and not (state.blank[c + 1] or state.removed[c + 1]):
        return  # the line runs on into kept text: a paragraph, not a caption block
    nxt = next((j for j in range(c + 1, len(state.blank)) if not state.blank[j] and not state.removed[j]), None)
    if nxt is None or state.words(nxt) < short_words:
        return  # the article must go on after it
    standfirst = _paragraphs_between(state, title_at, c, short_words) > 0
    if words <= short_words or standfirst:
        state.drop_line(rule_id, category, c)


def _own_block(state: PassState, caption: int, credit: int) -> bool:
    """Caption and credit make a block of their own: a blank line (or the start) above the
    caption, and nothing kept after the credit up to the next blank line."""
    if caption > 0 and not state.blank[caption - 1]:
        return False
    j = credit + 1
    while j < len(state.blank) and not state.blank[j]:
        if not state.removed[j]:
            return False
        j += 1
    return True


def _own_block_after_removed(state: PassState, caption: int, credit: int, title_at: int | None,
                             max_words: int, paragraph_words: int) -> bool:
    """The caption is the only kept line of its block: removed lines (a share bar, text-size
    buttons) above it, nothing kept after the credit up to the blank line. Then it may hold two
    sentences ("Passengers at the new station. The tunnel opened in late 2025."); in the head a
    paragraph (the standfirst) must come first, since a dek can also sit above a lone credit."""
    if caption == 0 or not state.removed[caption - 1] or state.words(caption) > max_words:
        return False
    j = credit + 1
    if j >= len(state.blank) or not state.blank[j]:
        return False
    return not state.in_region(caption, "head") or _paragraphs_between(state, title_at, caption, paragraph_words) > 0


def _between(state: PassState, caption: int, credit: int, after_removed_words: int, in_text_words: int,
             title_at: int | None, paragraph_words: int, long_words: int = 0, lead_credit_shape: str = "") -> bool:
    """No blank line above the caption: the line above was removed, or the text goes on after the credit."""
    if caption == 0:
        return False
    if state.removed[caption - 1]:
        return state.words(caption) <= after_removed_words
    if state.words(caption) > in_text_words and not _long_caption_under_paragraph(state, caption, long_words,
                                                                                  paragraph_words):
        return False
    # A short standfirst line under the headline can sit above a lone credit; one that starts
    # a block of its own after a paragraph (a blank line above it) is no standfirst's second line.
    needed = 1 if state.blank[caption - 1] else 2
    if state.in_region(caption, "head") and _paragraphs_between(state, title_at, caption, paragraph_words) < needed \
            and not _under_lead_after_removed(state, caption, credit, title_at, paragraph_words, lead_credit_shape):
        return False
    # The article goes on after the credit: a paragraph follows somewhere below. Short kept
    # lines alone do not count, since a related-links heading and its teasers ('Source: 1News'
    # / 'Related' / a headline) are removed later and leave the line above as the last sentence.
    return any(not state.removed[j] and state.words(j) >= paragraph_words for j in range(credit + 1, len(state.blank)))


def _under_lead_after_removed(state: PassState, caption: int, credit: int, title_at: int | None,
                              paragraph_words: int, photo_shape: str) -> bool:
    """The caption sits right under the article's first paragraph, which itself sits right under
    removed lines after the headline (a byline, a date, a player): headline, byline block,
    lead, picture. The credit must name a photo (`photo_credit_shape`): a standfirst's short
    second line can sit there too, above an agency's bare copyright ("© Belga.")."""
    lead = caption - 1
    if not _shaped(photo_shape, state.doc.lines[credit]):
        return False
    if title_at is None or state.removed[lead] or state.words(lead) < paragraph_words:
        return False
    above = lead - 1
    while above > title_at and state.blank[above]:
        above -= 1
    return above > title_at and state.removed[above]


def _long_caption_under_paragraph(state: PassState, caption: int, long_words: int, paragraph_words: int) -> bool:
    """A caption of up to `long_words` words right under a paragraph (a kept line of
    `paragraph_words` or more, same block). A live blog's entry above a picture credit sits
    under its short heading instead ("12.000 foyers privés d'électricité" / "Selon Enedis, …" /
    "Photo …"), and longer lines are paragraphs ('Certains modèles vendus entre mars et août …')."""
    above = caption - 1
    return state.words(caption) <= long_words and not state.blank[above] and not state.removed[above] \
        and state.words(above) >= paragraph_words


def _paragraphs_between(state: PassState, title_at: int | None, line: int, paragraph_words: int) -> int:
    """Kept lines of paragraph length between the headline and `line`: with two of them
    (a standfirst and a paragraph, or two paragraphs), the article has begun."""
    start = -1 if title_at is None else title_at
    return sum(1 for j in range(start + 1, line) if not state.removed[j] and not state.blank[j]
               and state.words(j) >= paragraph_words)
