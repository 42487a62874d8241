"""STRUCT-TOC-RUN: a table of contents near the head that repeats the subheads of the text goes;
the subheads stay, and a list whose repeats are out of order or without sections stays."""

from __future__ import annotations

from replay import clean_replayed as _clean

_HEAD = ("Vantro-Fernseher: Fehlerhaftes Update legt Smart-TVs lahm\n"
         "Besitzer von Smart-TVs der Marke Vantro melden seit Dienstag Probleme mit einem automatischen Update.\n")
_ONE = "Was ist passiert?"
_TWO = "Welche Modelle sind betroffen?"
_S1 = "Der Hersteller bestätigte auf Nachfrage, dass ein Firmware-Update für die Modellreihen V55 und V65 fehlerhaft war."
_S2 = "Betroffen sind Geräte der Jahrgänge 2024 und 2025 mit der Softwareversion 8.2.14, ältere Modelle nicht."
_END = "Vantro will das Problem mit einem weiteren Update per USB-Stick beheben, das ab Freitag bereitstehen soll."


def test_list_of_subheads_under_the_lead_goes_and_the_subheads_stay():
    text = _HEAD + f"{_ONE}\n{_TWO}\n{_ONE}\n{_S1}\nAnzeige\n{_TWO}\n{_S2}\n{_END}"
    out = _clean(text, "de")
    assert out.count(_ONE) == 1 and out.count(_TWO) == 1
    assert out.index(_ONE) > out.index("Besitzer")
    assert out.index(_ONE) < out.index(_S1) < out.index(_TWO) < out.index(_S2)


def test_repeats_in_another_order_stay():
    text = _HEAD + f"{_ONE}\n{_TWO}\n{_S1}\n{_TWO}\n{_ONE}\n{_S2}\n{_END}"
    out = _clean(text, "de")
    assert out.count(_ONE) == 2 and out.count(_TWO) == 2


def test_repeats_without_a_section_after_each_stay():
    # a refrain: the lines come back, but not as subheads over paragraphs
    text = _HEAD + f"{_ONE}\n{_TWO}\n{_S1}\n{_S2}\n{_ONE}\n{_TWO}\n{_END}"
    out = _clean(text, "de")
    assert out.count(_ONE) == 2 and out.count(_TWO) == 2


def test_single_repeated_line_is_no_table_of_contents():
    text = _HEAD + f"{_ONE}\n{_S1}\n{_ONE}\n{_S2}\n{_END}"
    out = _clean(text, "de")
    assert out.count(_ONE) == 2
