"""STRUCT-TAIL-TAGS, headline reading: short labels straight under the last paragraph are the
topic tags when at least two of them name the headline's own words; a closing list, a one-word
last answer and a sign-off stay."""

from __future__ import annotations

from replay import clean_replayed as _clean

_EN = ("Chennai rains: Velachery residents move cars to flyovers again as water rises\n\n"
       "Residents of Velachery in Chennai once again parked their cars on the flyover on Tuesday night.\n\n"
       "By morning, dozens of cars were lined up along the flyover, with traffic police allowing them to stay.\n\n"
       "Support from the corporation came late, residents said, with pumps arriving only on Wednesday afternoon.")
_DE = ("Gemeindebauten in Favoriten bekommen Solardächer\n\n"
       "Auf 40 Gemeindebauten im zehnten Bezirk sollen bis Ende 2027 Photovoltaikanlagen entstehen.\n\n"
       "Der Strom soll zuerst in die Allgemeinflächen fließen, Überschüsse werden ins Netz eingespeist.\n\n"
       "Kritik kommt vom Verein Sonnenstadt Wien: Das Tempo sei zu gering, sagt Obmann Florian Hasenöhrl.")


def test_tags_naming_the_headline_go():
    assert _clean(_EN + "\nChennai rains\nVelachery\nNortheast monsoon", "en") == _EN
    assert _clean(_DE + "\nFavoriten\nPhotovoltaik\nGemeindebau", "de") == _DE


def test_closing_list_echoing_the_headline_once_stays():
    tail = "\nPumps requested\nVelachery\nPallikaranai\nMadipakkam"
    assert tail.strip() in _clean(_EN + tail, "en")
    tail = "\nAnsprechpartner\nWiener Wohnen\nBezirksvorstehung\nSonnenstadt Wien"
    assert tail.strip() in _clean(_DE + tail, "de")


def test_one_short_last_line_stays():
    for last in ["Velachery", "Chennai rains"]:
        assert _clean(_EN + "\n" + last, "en").endswith(last)
    answer = _DE + "\n\nUnd in Favoriten?\nFavoriten"
    assert _clean(answer, "de").endswith("Und in Favoriten?\nFavoriten")


def test_words_only_inside_other_words_do_not_count():
    # "rains" and "water" stand in the headline, "ains" and "ater" only inside its words.
    tail = "\nains\nater\nNortheast monsoon"
    assert "Northeast monsoon" in _clean(_EN + tail, "en")
