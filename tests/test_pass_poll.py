"""STRUCT-POLL: a reader poll's question, options and button go; a question over short
answers or a list of facts in the article stays."""

from __future__ import annotations

from replay import clean_replayed as _clean


_HEAD = "Stromausfall in Schwabing: Wirt verschenkt 80 Gänsebraten\n\n"
_P1 = "Als am Sonntagabend in Teilen Schwabings der Strom ausfiel, standen im Gasthaus gerade 80 Gänse im Ofen."
_P2 = "Umfrage-Ergebnisse seines Branchenverbands zeigen, dass viele Wirte in diesem Jahr weniger Gänse bestellt haben."


def test_poll_with_vote_button_goes():
    poll = "Gehen Sie heuer zum Gansessen?\nJa, mindestens einmal\nNein, das ist mir zu teuer\nWeiß ich noch nicht\nJetzt abstimmen"
    out = _clean(f"{_HEAD}{_P1}\n{poll}\n{_P2}", "de")
    assert out == f"{_HEAD}{_P1}\n{_P2}"


def test_labelled_poll_question_goes_with_options_above_a_removed_counter():
    poll = "Sondage : Partirez-vous en vacances cet hiver ?\nOui, à la montagne\nNon, trop cher\n1 234 votes"
    body = ("La fréquentation des stations de ski devrait progresser de 3 % cet hiver, selon les professionnels.\n"
            "Les réservations restent toutefois tardives, notent les agences de voyage de la région.")
    out = _clean(f"Les stations de ski optimistes\n\n{body}\n{poll}", "fr")
    assert "Partirez-vous" not in out and "Oui, à la montagne" not in out
    assert body in out


def test_interview_short_answers_stay():
    qa = "Haben Sie damit gerechnet?\nNein.\nÜberhaupt nicht.\nAbstimmen"
    out = _clean(f"{_HEAD}{_P1}\n{qa}\n{_P2}", "de")
    assert "Haben Sie damit gerechnet?\nNein.\nÜberhaupt nicht." in out


def test_question_heading_over_a_list_stays_without_button_or_label():
    facts = "Was ändert sich für Wirte?\nHöhere Preise für Gänse\nMehr Bestellungen vor Weihnachten"
    out = _clean(f"{_HEAD}{_P1}\n{facts}\nAnzeige\n{_P2}", "de")
    assert facts in out


def test_one_option_is_no_poll():
    text = f"{_HEAD}{_P1}\nGehen Sie heuer zum Gansessen?\nJa, mindestens einmal\nAbstimmen\n{_P2}"
    assert "Gehen Sie heuer zum Gansessen?" in _clean(text, "de")


def test_poll_over_a_results_link_or_vote_counter_goes():
    for under in ["Ergebnis anzeigen", "1.234 Stimmen", "View results", "2,310 votes", "Voir les résultats"]:
        poll = f"Gehen Sie heuer zum Gansessen?\nJa, mindestens einmal\nNein, das ist mir zu teuer\n{under}"
        out = _clean(f"{_HEAD}{_P1}\n{poll}\n{_P2}", "de")
        assert "Gansessen?" not in out and "mindestens einmal" not in out, under
        assert _P2 in out


def test_labelled_survey_results_with_figures_stay():
    results = "Umfrage: Wie zufrieden sind die Münchner mit ihrer Stadt?\nSehr zufrieden 34 Prozent\nZufrieden 40 Prozent\nUnzufrieden 26 Prozent"
    out = _clean(f"{_HEAD}{_P1}\n{results}\nGrafik: dpa\n{_P2}", "de")
    assert results in out


def test_poll_in_a_scrape_that_sets_every_line_apart_goes_with_its_button_only():
    poll = "Gehen Sie heuer zum Gansessen?\n\nJa, mindestens einmal\n\nNein, das ist mir zu teuer\n\nAbstimmen"
    out = _clean(f"{_HEAD}{_P1}\n\n{poll}\n\n{_P2}", "de")
    assert "Gansessen?" not in out and "mindestens einmal" not in out and _P2 in out
    labelled = "Umfrage: Gehen Sie heuer zum Gansessen?\n\nJa, mindestens einmal\n\nNein, das ist mir zu teuer\n\nAnzeige"
    out = _clean(f"{_HEAD}{_P1}\n\n{labelled}\n\n{_P2}", "de")
    assert "Ja, mindestens einmal" in out
