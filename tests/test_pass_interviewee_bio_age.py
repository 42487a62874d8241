"""STRUCT-INTERVIEWEE-BIO: the guest's age may stand in brackets after the name
('Selina Ammann (41) forscht …'); a news report ending on the same shape stays."""

from __future__ import annotations

from replay import clean_replayed as _clean

_BIO = "Selina Ammann (41) forscht an einer Fachhochschule zu Wohnungsmärkten und Bodenpolitik."
_INTERVIEW = ("«Die Genossenschaften können die Lücke nicht allein füllen»\n"
              "Zürich baut so viele gemeinnützige Wohnungen wie nie. Die Stadtforscherin Selina Ammann erklärt, warum die Mieten trotzdem steigen.\n"
              "Frau Ammann, warum entspannt sich der Markt trotz der vielen Neubauten nicht?\n"
              "Weil die Nachfrage schneller wächst als das Angebot, und weil viele Neubauten Ersatzneubauten sind.\n"
              "Was können die Genossenschaften tun?\n"
              "Sie bauen gut und günstig, aber sie sind auf Land angewiesen, das die Stadt im Baurecht abgibt.\n"
              "Unterstützen müssten also die Gemeinden?\n"
              "Ja, auch jene rund um Zürich. Dort liegt das grösste Potenzial.\n")


def test_bio_with_the_age_in_brackets_goes():
    out = _clean(_INTERVIEW + _BIO, "de")
    assert "forscht an einer Fachhochschule" not in out
    assert "Dort liegt das grösste Potenzial." in out


def test_news_report_ending_on_name_with_age_stays():
    text = ("Genossenschaften bauen mehr Wohnungen\n\n"
            "Zürich baut so viele gemeinnützige Wohnungen wie seit Jahrzehnten nicht, wie die Stadt mitteilte.\n"
            "Die Mieten steigen trotzdem weiter, vor allem in den Agglomerationsgemeinden rund um die Stadt.\n"
            "Die Stadtforscherin Selina Ammann sieht die Gemeinden in der Pflicht.\n" + _BIO)
    out = _clean(text, "de")
    assert _BIO in out

