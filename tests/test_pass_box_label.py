"""STRUCT-BOX-LABEL: a short name right above a box that rules removed goes; a subheading over an
ad label and its paragraph stays."""

from __future__ import annotations

from replay import clean_replayed as _clean

_HEAD = ("Kalvo streicht Datenvolumen in zwei Tarifen zusammen\n\n"
         "Der Discounter Kalvo stellt zum Jahreswechsel seine Tarife um, Bestandskunden erhalten weniger Datenvolumen als bisher.\n\n"
         "Bei der Netztechnik ändert sich nichts: 5G bleibt weiterhin dem teuersten Tarif für 19,99 Euro vorbehalten.\n")
_AFTER = "\nVergleichen lohnt sich trotzdem: Andere Discounter im gleichen Netz bieten für 9,99 Euro bereits 30 Gigabyte."


def test_a_widget_title_over_its_removed_pitch_and_button_goes():
    text = _HEAD + "Tarifvergleich\nFinden Sie den günstigsten Handytarif für Ihren Bedarf\nJetzt vergleichen\n" + _AFTER
    out = _clean(text, "de")
    assert "Tarifvergleich" not in out
    assert "Vergleichen lohnt sich trotzdem" in out


def test_a_subheading_over_a_lone_ad_label_stays():
    text = _HEAD + "\nDie Folgen\nAnzeige\n" + _AFTER
    assert "Die Folgen" in _clean(text, "de")

