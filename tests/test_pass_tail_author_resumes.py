"""STRUCT-TAIL: an author box between the article's last two paragraphs ("Über den Autor" /
bio / last paragraph) takes nothing when the article resumes under it; a bio that names the
byline's writer, which no rule removed, still goes with the rest. Found on a fresh probe
(round 15): the interview's last paragraph went with DE-AUTH-005's drop-rest."""

from __future__ import annotations

from replay import clean_replayed as _clean

_HEAD = ("Nürnberg\n"
         "\"Um vier Uhr ist die Stadt still\": Ein Bäcker über sein Handwerk\n"
         "Interview von Tobias Lange\n"
         "17.01.2027 06:00 Uhr\n"
         "Seit 31 Jahren steht Markus Ziegler in der Backstube seiner Bäckerei in Gostenhof. Im Frühjahr gibt er den Betrieb ab.\n"
         "Herr Ziegler, warum hören Sie auf?\n"
         "Der Rücken. Und irgendwann muss man loslassen können, auch wenn es sehr schwerfällt, nach so vielen Jahren.\n"
         "Wie schwer war es, jemanden zu finden?\n"
         "Sehr schwer. Zwei Jahre habe ich gesucht. Junge Leute wollen nicht um zwei Uhr nachts anfangen.\n"
         "Was wird Ihnen fehlen?\n"
         "Die Ruhe. Um vier Uhr morgens ist die Stadt ganz still, das ist die schönste Zeit des ganzen Tages.\n"
         "Über den Autor\n")
_LAST = "Die Bäckerei Ziegler bleibt unter dem neuen Namen \"Backwerk Gostenhof\" an gleicher Stelle geöffnet."


def test_the_last_paragraph_under_an_author_box_stays():
    text = _HEAD + "Tobias Lange ist Redakteur im Lokalressort und schreibt über Handwerk und Stadtteile.\n" + _LAST + "\nZur Startseite"
    out = _clean(text, "de")
    assert _LAST in out
    assert "Über den Autor" not in out and "Redakteur im Lokalressort" not in out and "Zur Startseite" not in out


def test_a_bio_naming_the_writer_still_goes_with_the_rest():
    # Not opening with the name (STRUCT-AUTHOR-BIO's shape): the byline's "Lange" tells it.
    bio = "Als Redakteur im Lokalressort schreibt Tobias Lange über Handwerk, Märkte und die Nürnberger Stadtteile."
    out = _clean(_HEAD + bio + "\nZur Startseite", "de")
    assert bio not in out
    assert "schönste Zeit" in out
