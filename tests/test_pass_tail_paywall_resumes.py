"""STRUCT-TAIL: a paywall's login prompt between two paragraphs (a subscriber's crawl) takes
nothing when the next kept line is a paragraph, even one that shares no word with the story."""

from __future__ import annotations

from replay import clean_replayed as _clean

_HEAD = ("Neue Solarfähre soll ab Mai zwischen Ligerz und Petersinsel pendeln\n"
         "Publiziert: 14.01.2027, 06:00\n"
         "Die Reederei setzt auf der kurzen Strecke zwischen Ligerz und der Petersinsel künftig ein "
         "solarbetriebenes Boot ein. Die Jungfernfahrt ist für Anfang Mai geplant.\n"
         "Die Fähre bietet Platz für 60 Personen und zwölf Velos. Gebaut wird sie von einer Werft in Nidau.\n"
         "Inhaber eines Saisonpasses sollen die neue Verbindung ohne Aufpreis nutzen können, heisst es.\n")
_NEXT = "Bereits im vergangenen Sommer war die alte Dieselfähre mehrmals ausgefallen, was bei Gästen für Ärger sorgte."


def test_a_paragraph_under_a_mid_article_login_prompt_stays():
    text = _HEAD + f"Bereits Abonnent? Hier einloggen\n{_NEXT}\nSchlagwörter: Bielersee, Schifffahrt, Ligerz"
    out = _clean(text, "de")
    assert _NEXT in out
    assert "einloggen" not in out


def test_a_teaser_headline_under_a_login_prompt_goes_with_the_rest():
    # No full stop: a teaser's headline, not the article going on.
    text = _HEAD + ("Bereits Abonnent? Hier einloggen\n"
                    "Bielersee: Pegel so tief wie seit Jahren nicht mehr, Schiffe bleiben im Hafen\n"
                    "Leserkommentare\nKommentar verfassen")
    out = _clean(text, "de")
    assert "Pegel" not in out


# German paragraphs are as long in characters as English ones in fewer, compound words:
# 11 and 10 words here, under the 12-word mark, but 90+ and 80+ characters.
_SHORT_WORDED = ("Inhaber der Brenntal-Anleihe müssen nach Einschätzung von Beobachtern mit Verlusten rechnen.\n"
                 "Geschäftsführer Reinhold Weyand will den Betrieb mit 48 Beschäftigten fortführen.\n")


def test_paragraphs_of_few_long_words_under_a_login_prompt_stay():
    text = _HEAD + "Sie sind bereits Abonnent? Hier anmelden\n" + _SHORT_WORDED + "Artikel drucken"
    out = _clean(text, "de")
    assert "Brenntal-Anleihe" in out and "Reinhold Weyand" in out
    assert "anmelden" not in out


def test_short_lines_under_a_login_prompt_still_go_with_the_rest():
    # Under 80 characters and 12 words: a teaser's headline and a label, not the article.
    text = _HEAD + ("Sie sind bereits Abonnent? Hier anmelden\n"
                    "Fährbetrieb am Bielersee: Das ändert sich im Sommer.\n"
                    "Leserkommentare\nKommentar verfassen")
    out = _clean(text, "de")
    assert "Fährbetrieb" not in out
