"""STRUCT-BOX-NAME and STRUCT-SCORE-HEADER (with COM-QUOTE-001): a quote or product box's
name next to its price row, a scoreboard above the headline; body lines that look alike stay."""

from __future__ import annotations

import pytest
from replay import clean_replayed as _clean

_DE_HEAD = "Altrava senkt die Prognose – die Aktie bricht ein\n\n"
_DE_P1 = "Der Zuger Antriebshersteller Altrava rechnet für 2026 nur noch mit einem Umsatz von 1,35 Mrd. Franken."
_DE_P2 = "Mehr Aufträge aus der Halbleiterindustrie konnten den Rückgang in den übrigen Sparten nicht ausgleichen."
_EN_HEAD = "Orimi Foods' nine-month profit falls 38% as naira costs bite\n\n"
_EN_P1 = "Orimi Foods Plc, the Lagos-based maker of noodles and biscuits, reported a 38 percent drop in pre-tax profit."
_EN_P2 = "Analysts at a Lagos brokerage said the plan to source more sorghum locally could ease the pressure."
_FR_HEAD = "Lémavia s'attend à un recul des commandes en 2027\n\n"
_FR_P1 = "Le fabricant vaudois de systèmes de mesure Lémavia s'attend à une baisse de 8 à 10 % de ses entrées de commandes."
_FR_P2 = "Les plus gros contrats signés cette année proviennent de la pharma et des semi-conducteurs."


# -- quote boxes --------------------------------------------------------------------------

def test_quote_box_name_and_row_go_in_every_language():
    assert _clean(f"{_DE_HEAD}{_DE_P1}\nAltrava N\nCHF 84.20 | −9.30%\n{_DE_P2}", "de") == f"{_DE_HEAD}{_DE_P1}\n{_DE_P2}"
    assert _clean(f"{_FR_HEAD}{_FR_P1}\nLémavia N\n48,10 CHF | -6,2 %\n{_FR_P2}", "fr") == f"{_FR_HEAD}{_FR_P1}\n{_FR_P2}"
    assert _clean(f"{_EN_HEAD}{_EN_P1}\nORIMI | ₦41.20 | -3.51%\n{_EN_P2}", "en") == f"{_EN_HEAD}{_EN_P1}\n{_EN_P2}"


def test_quote_box_name_goes_over_a_removed_identifier_line():
    box = "Velmar Energie\nWKN: A40VLM\nAkt. Kurs: 18,32 € | -11,4 %"
    out = _clean(f"{_DE_HEAD}{_DE_P1}\n{box}\n{_DE_P2}", "de")
    assert "Velmar" not in out and "18,32" not in out
    assert _DE_P1 in out and _DE_P2 in out


def test_sentence_quoting_a_price_stays():
    body = "Die Aktie schloss bei 84,20 Franken, ein Minus von 9,3 Prozent."
    out = _clean(f"{_DE_HEAD}{_DE_P1}\n{body}\n{_DE_P2}", "de")
    assert body in out
    body = "Shares closed at ₦41.20 on Monday, down 3.51%."
    assert body in _clean(f"{_EN_HEAD}{_EN_P1}\n{body}\n{_EN_P2}", "en")


def test_results_table_in_the_article_stays():
    table = "Kennzahlen\nUmsatz | 1,35 Mrd. CHF | −6,9 %\nEBIT-Marge | 9,8 % | −2,1 Pp."
    out = _clean(f"{_DE_HEAD}{_DE_P1}\n\n{table}\n\n{_DE_P2}", "de")
    assert table in out


def test_subheading_with_a_lower_case_word_above_a_deal_row_stays():
    text = f"{_DE_HEAD}{_DE_P1}\nPreise und Verfügbarkeit\nPreis: 199,00 €\n{_DE_P2}"
    assert "Preise und Verfügbarkeit" in _clean(text, "de")


def test_a_list_of_names_above_a_price_row_is_not_a_box_name():
    names = "Nestlé\nNovartis\nRoche"
    out = _clean(f"{_DE_HEAD}{_DE_P1}\n{names}\nCHF 84.20 | −9.30%\n{_DE_P2}", "de")
    assert names in out


def test_name_in_its_own_block_is_not_taken():
    out = _clean(f"{_DE_HEAD}{_DE_P1}\n\nAltrava N\n\nCHF 84.20 | −9.30%\n\n{_DE_P2}", "de")
    assert "Altrava N" in out and "84.20" not in out


@pytest.mark.parametrize("head, p1, box, last", [
    ("Solvane S9 update breaks Wi-Fi calling for some users",
     "Solvane's November update for the S9 has broken Wi-Fi calling for a number of users in the UK.",
     "Solvane S9\n$699 at Amazon\nSave $100",  # name and badge around the shop row
     "Got an S9 that is still on the October build? Hold off for now."),
    ("Apple cuts the price of the iPhone 16 Pro ahead of the holidays",
     "Apple has cut the price of its iPhone 16 Pro by $100 in the US, the company said on Monday.",
     "iPhone 16 Pro (256GB)\n$999 $899\nSee at Amazon",  # a camel-case name over a bare price
     "The cut follows similar moves by Samsung and Google earlier this month, analysts said."),
])
def test_product_box_goes_and_the_paragraphs_around_it_stay(head, p1, box, last):
    out = _clean(f"{head}\n\n{p1}\n{box}\n{last}", "en")
    assert out == f"{head}\n\n{p1}\n{last}"


def test_fact_list_and_interview_answers_next_to_a_price_stay():
    facts = "Die Eckdaten:\nUmsatz 2026: 1,35 Mrd. Franken\nMitarbeiter: 4200"
    qa = "Was kostet das Gerät?\nRund 199 €.\nUnd im Abo?\nIm Abo sind es 9,99 € im Monat."
    out = _clean(f"{_DE_HEAD}{_DE_P1}\n\n{facts}\n\n{qa}\n\n{_DE_P2}", "de")
    assert facts in out and qa in out


# -- score headers ------------------------------------------------------------------------

_RUGBY_HEAD = "Leinster come from behind to beat Sharks and go top of URC\n\n"
_RUGBY_P1 = "Leinster came from behind to beat the Sharks 31-17 at the RDS on Saturday and move to the top of the table."


def test_score_header_and_competition_go_and_the_headline_is_found():
    from cleaner import Cleaner
    text = f"United Rugby Championship\nLeinster 31-17 Sharks\n{_RUGBY_HEAD}{_RUGBY_P1}"
    assert _clean(text, "en") == f"{_RUGBY_HEAD}{_RUGBY_P1}"
    title = Cleaner().clean_and_explain(text, lang="en").title
    assert title == _RUGBY_HEAD.strip()


def test_score_header_shapes():
    for score in ("VfL Wolfsburg – Werder Bremen 2:1", "Remparts 4 - Océanic 3 (Prol.)", "Stade de Reims 2-0 Paris FC",
                  "Bayern München 3:1 (1:0) Borussia Dortmund", "EHC Biel – SC Bern 4:3 (1:0, 2:2, 1:1)", "HC Davos - ZSC Lions 3:2 n.V."):
        out = _clean(f"{score}\n{_RUGBY_HEAD}{_RUGBY_P1}", "en")
        assert score not in out and _RUGBY_P1 in out


def test_results_list_in_the_body_stays():
    results = "Die Ergebnisse:\nRapid – Sturm Graz 2:1 (0:1)\nLASK – Austria Wien 1:1\nWAC 0-2 Salzburg"
    text = ("Rapid dreht Schlagerspiel in der Nachspielzeit\n\n"
            "Rapid hat das Schlagerspiel gegen Sturm Graz in der Nachspielzeit gedreht und ist nun Zweiter.\n"
            f"{results}\nAm Sonntag spielt Rapid in Linz.")
    assert results in _clean(text, "de")


def test_score_sentence_and_a_score_as_only_title_stay():
    text = "Leinster 31-17 Sharks\n\nLeinster won 31-17.\n\n" + _RUGBY_P1
    assert _clean(text, "en") == text


def test_fact_list_with_prices_next_to_an_ad_marker_stays():
    facts = "Eintritt: 12 €\nKinder: 6 €"
    out = _clean(f"{_DE_HEAD}{_DE_P1}\n{facts}\nAnzeige\n{_DE_P2}", "de")
    assert facts in out


def test_quote_box_with_identifier_lines_goes_whole_in_french():
    box = "Lémavia N\nISIN: CH0012345678 | Valor: 1234567\n48,10 CHF | -6,2 %"
    assert _clean(f"{_FR_HEAD}{_FR_P1}\n{box}\n{_FR_P2}", "fr") == f"{_FR_HEAD}{_FR_P1}\n{_FR_P2}"


def test_score_header_takes_its_status_line():
    text = f"Premier League\nArsenal 2-1 Chelsea\nFT\n{_RUGBY_HEAD}{_RUGBY_P1}"
    assert _clean(text, "en") == f"{_RUGBY_HEAD}{_RUGBY_P1}"


def test_score_above_a_lone_short_line_and_a_paragraph_stays():
    text = f"Arsenal 2-1 Chelsea\nFT\n\n{_RUGBY_P1}"
    assert "Arsenal 2-1 Chelsea" in _clean(text, "en")
