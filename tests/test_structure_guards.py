"""Guards that keep structure passes from taking body text: heading in the head, teasers past a break."""

from __future__ import annotations

from cleaner import Cleaner

_CLEANER = Cleaner()

_BODY = [
    "Il a fallu attendre l'heure de jeu et l'entrée de Rayan Fofana pour que Lens se réveille face à des Bretons solides.",
    "Brest avait pourtant fait la meilleure première période et ouvert le score sur un contre rondement mené.",
    "Lens se déplacera à Marseille la semaine prochaine.",
]


def _clean(text: str, lang: str) -> str:
    return _CLEANER.clean(text, lang=lang)


def test_comment_heading_in_head_share_bar_keeps_the_article():
    # Kicker, headline and standfirst give three kept lines and thirty words before the
    # heading; only the standfirst is a long line, so it is the head, not the article's end.
    text = ("Soirée folle à Bollaert\nLens renverse Brest et reste au contact du podium\n"
            "Mené à la pause, le RC Lens s'est imposé 2-1 contre Brest samedi à Bollaert grâce à un doublé.\n"
            "Romain Thomas\npublié le 22 novembre 2025 à 23h02\nDonnez votre avis\nPartager\n\n"
            + "\n\n".join(_BODY))
    out = _clean(text, "fr")
    for line in _BODY:
        assert line in out
    assert "Donnez votre avis" not in out


def test_comment_heading_after_two_paragraphs_still_takes_the_thread():
    text = ("Lens renverse Brest et reste au contact du podium\n\n" + "\n\n".join(_BODY[:2])
            + "\n\nDonnez votre avis\nSuperFan62\nQuel match, bravo aux Sang et Or !\nRépondre")
    out = _clean(text, "fr")
    assert _BODY[1] in out
    assert "SuperFan62" not in out and "Quel match" not in out


_HEAD = ("Senat stoppt geplanten Radweg\n\nDer Streit über Radwege in Berlin hat einen neuen Schauplatz.\n\n"
         "Die Senatsverwaltung hatte bereits im Sommer mehrere Projekte überprüft.\n\nMehr zum Thema\n\n")


def test_teaser_box_heading_does_not_take_a_quoted_paragraph_past_a_break():
    quote = "Die Bezirksbürgermeisterin sagte dazu am Dienstag nur: „Wir lassen uns das nicht gefallen.“"
    out = _clean(_HEAD + quote + "\n\nEine Entscheidung fällt in der kommenden Woche.", "de")
    assert quote in out
    assert "Mehr zum Thema" not in out


def test_teaser_box_heading_does_not_take_a_long_question_past_a_break():
    question = "Doch was bedeutet der Beschluss nun für die vielen Radfahrer auf der Straße?"
    out = _clean(_HEAD + question + "\n\nEine Entscheidung fällt in der kommenden Woche.", "de")
    assert question in out


def test_teaser_box_heading_still_takes_its_teaser_past_a_break():
    teaser = "Radwege in Berlin: Welche Projekte der Senat auf Eis gelegt hat"
    out = _clean(_HEAD + teaser + "\n\nEine Entscheidung will das Bezirksamt in der kommenden Woche treffen.", "de")
    assert teaser not in out
    assert "Eine Entscheidung will das Bezirksamt" in out


_BIKE = ("Council approves new bike lanes\n\nThe city council voted 7-2 on Tuesday to build protected bike lanes "
         "on three downtown streets next year.\n\nConstruction is expected to start in April and last about six "
         "months, officials said.\n\n")


def test_closing_one_line_quote_is_not_box_furniture():
    # A short quotation after the last paragraph ends with its closing quote mark, not a full
    # stop; it is the article's last sentence even with a share bar right under it.
    quote = "Mayor Jane Ortiz said: 'This is a good day.'"
    out = _clean(_BIKE + quote + "\nShare this article", "en")
    assert quote in out
    assert "Share this article" not in out


def test_closing_list_after_a_colon_is_not_box_furniture():
    items = ["Main Street from 1st to 5th Avenue", "Oak Street from the river to the station"]
    out = _clean(_BIKE + "The lanes will run on these streets:\n" + "\n".join(items) + "\nShare this article", "en")
    for item in items:
        assert item in out
