"""STRUCT-TAIL after a related heading: a long line about the article, under a teaser about
something else, is the article going on; a teaser's dek about its teaser is not."""

from __future__ import annotations

from replay import clean_replayed as _clean

_HEAD = ("Kano residents queue for water as pumping station fails\n\n"
         "Residents of Fagge and Gwale in Kano have been without piped water for ten days, forcing many to buy from vendors.\n"
         "The price of a jerrycan has tripled in some streets, residents told reporters on Monday.\n"
         "The state water board said a burnt transformer at the pumping station would be replaced this week.\n"
         "Vendors who fill their jerrycans at private boreholes say demand has doubled since the pumps stopped.\n"
         "A spokesperson for the board said tankers would serve hospitals and schools until supply resumes.\n"
         "Residents' associations have asked the government to publish a timetable for the repairs.\n")
_TEASER = "Lagos commuters stranded as fuel queues return"


def test_a_paragraph_about_the_article_under_a_related_teaser_stays():
    last = "Similar complaints have come from Tarauni, where residents say the supply has been irregular since October."
    out = _clean(f"{_HEAD}Related\n{_TEASER}\n{last}", "en")
    assert last in out
    assert _TEASER not in out


def test_a_teasers_dek_about_the_teaser_goes_with_the_rest():
    dek = "Commuters in Lagos spent hours at bus stops as fuel queues returned to filling stations on Monday morning."
    out = _clean(f"{_HEAD}Related\n{_TEASER}\n{dek}\nMore teasers here", "en")
    assert dek not in out and _TEASER not in out
    assert "burnt transformer" in out


def test_a_sentence_about_the_article_right_under_a_most_read_box_stays():
    # The box's teaser headlines sit in a widget the crawl left out: the line under the
    # heading is the article's next paragraph, and the comment form after it still goes.
    last = "Residents of Fagge said the tankers had not reached their streets, the water board admitted on Tuesday."
    out = _clean(f"{_HEAD}Most Read\n{last}\nComments\nJoin the conversation", "en")
    assert last in out
    assert "Join the conversation" not in out


def test_a_headline_right_under_a_most_read_box_still_goes_with_the_rest():
    # No full stop: a teaser headline, even one that shares a word with the article.
    teaser = "Kano water board names new chairman as residents demand answers over repairs"
    out = _clean(f"{_HEAD}Most Read\n{teaser}\nJoin the conversation", "en")
    assert teaser not in out
    assert "burnt transformer" in out
