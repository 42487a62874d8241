"""End-of-article detectors and the article's own closing lines (fresh round-15 probes):
STRUCT-TAIL-TAGS leaves a list that a longer line ending with a colon announces, even when
its items repeat the headline's words; STRUCT-AUTHOR-BOX leaves a name line that is the
headline's subject (an obituary's closing name and "… is survived by …")."""

from __future__ import annotations

from replay import clean_replayed as _clean

_FEST = ("Lokales\nStadtfest in Hagen: Konzerte, Lesungen und Flohmarkt am Wochenende\nVon Miriam Kessler\n"
         "18.01.2027, 12:00 Uhr\n"
         "Die Hagener Innenstadt wird am kommenden Wochenende zur Festmeile. Der Stadtmarketingverein erwartet bis zu 40.000 Besucher.\n"
         "Gefeiert wird von Freitagabend bis Sonntag auf dem Friedrich-Ebert-Platz und in der Elberfelder Straße.\n"
         "Anzeige\nDie Stadt sperrt dafür mehrere Straßen, Busse werden umgeleitet.\n")


def test_a_list_announced_by_a_colon_line_stays_though_it_echoes_the_headline():
    out = _clean(_FEST + "Das Programm im Überblick:\nKonzerte\nLesungen\nFlohmarkt", "de")
    for item in ("Konzerte", "Lesungen", "Flohmarkt"):
        assert f"\n{item}" in out


def test_headline_tags_without_an_announcing_line_still_go():
    out = _clean(_FEST + "Die Veranstalter rechnen mit gutem Wetter und vollen Straßen am Samstag.\nKonzerte\nLesungen\nFlohmarkt", "de")
    assert "\nKonzerte" not in out and "\nFlohmarkt" not in out


_OBIT = ("Local News\nFormer Watertown mayor Jeffrey Graham dies at 71\nBy Ellen Marsh\nJan 18, 2027\n"
         "Jeffrey M. Graham, who served four terms as Watertown's mayor and was known for his radio show, died Sunday at his home. He was 71.\n"
         "Mr. Graham was first elected in 1993 and led the city through the closure of two paper mills.\n"
         "He later hosted a morning talk show on WATN radio for more than a decade.\n"
         "\"He never stopped caring about this city,\" said Mayor Sarah Compo Pierce.\n"
         "Before politics he taught history at Watertown High School for eighteen years and coached its debate team.\n"
         "Council members observed a moment of silence for him at their meeting on Monday night at City Hall.\n"
         "Flags at city buildings will fly at half-staff until the funeral, the city manager's office said on Monday.\n"
         "Funeral arrangements are being handled by Cummings Funeral Service.\n")


def test_the_headlines_subject_with_a_closing_line_about_him_stays():
    closing = "Jeffrey Graham is survived by his wife, Maryjean, two daughters and five grandchildren."
    out = _clean(_OBIT + "Jeffrey Graham\n" + closing + "\nSign up for our newsletter", "en")
    assert "\nJeffrey Graham\n" in out and closing in out


def test_an_author_box_under_the_same_story_still_goes():
    bio = "Ellen Marsh has covered city hall and the courts for the Times since 2015 and lives in Sackets Harbor."
    out = _clean(_OBIT + "Ellen Marsh\n" + bio + "\nSign up for our newsletter", "en")
    assert bio not in out and "\nEllen Marsh" not in out


_WEG = ("Region\nSeeuferweg in Rapperswil-Jona: Gemeinderat legt neues Projekt vor\nAnna Keller\nPubliziert: 18.01.2027, 17:02\n"
        "Der Gemeinderat hat am Montag ein überarbeitetes Projekt für den Seeuferweg zwischen Kempraten und Feldbach vorgestellt.\n"
        "Auf rund 800 Metern soll der Weg auf Stegen über dem Wasser geführt werden, die Anwohner werden im März informiert.\n"
        "Das alte Projekt war vor zwei Jahren am Widerstand der Anwohner am oberen Seeufer gescheitert.\n"
        "Der Kanton übernimmt 60 Prozent der Kosten von 14 Millionen Franken, den Rest trägt die Stadt.\n")


def test_a_name_subhead_over_a_paragraph_quoting_that_person_stays():
    quote = "Peter Meier, Präsident des Vereins Seeuferweg, zeigte sich erleichtert: \"Endlich geht es weiter.\""
    out = _clean(_WEG + "Peter Meier\n" + quote + "\nDie Auflage beginnt im März.\nFehler gefunden? Jetzt melden.", "de")
    assert "\nPeter Meier\n" in out and quote in out


def test_a_name_and_bio_at_the_end_still_go():
    bio = "Peter Meier ist Redaktor im Ressort Region und schreibt seit 2015 über Verkehr und Raumplanung am Zürichsee."
    out = _clean(_WEG + "Peter Meier\n" + bio + "\nFehler gefunden? Jetzt melden.", "de")
    assert bio not in out and "\nPeter Meier" not in out
