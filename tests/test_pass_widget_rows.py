"""drop-next (line_rules.drop_teasers_after): the rows of a list a widget heading announced go
with it even when the article's paragraph follows the last row directly. holdout16 (Ligaportal:
'Tabelle Regionalliga Ost' / '1. SV Stripfing 16 35' / '2. Wiener Viktoria 16 31' / paragraph)
and holdout17 (DirectVelo's agenda, City A.M.'s numbered 'most read' list) kept the last row,
read as the subheading of the paragraph under it. A row opens with a figure of the same form as
the row above it (a rank, a date); a subheading does not copy that form."""

from __future__ import annotations

from replay import clean_replayed as _clean

_DE_HEAD = ("Stripfing holt Stürmer aus Amstetten\n\n"
            "Der SV Stripfing hat sich in der Winterpause mit Stürmer Mathias Kolb verstärkt, der vom Zweitligisten kommt.\n"
            "Kolb erzielte in der Hinrunde vier Tore, kam zuletzt aber nur noch selten zum Einsatz.\n"
            "Der Vertrag des 27-Jährigen läuft bis zum Sommer 2028, über die Ablöse vereinbarten beide Klubs Stillschweigen.\n"
            "Stripfing hatte schon im Herbst um den Stürmer geworben, Amstetten wollte ihn damals aber nicht abgeben.\n")
_EN_HEAD = ("Fintech lender Brakewell lists in London\n\n"
            "Shares in the fintech lender Brakewell rose nine per cent on their first day of trading in London on Thursday.\n"
            "The company raised 240 million pounds, valuing it at just over one billion pounds.\n"
            "It is the largest listing of a British fintech firm in London since the start of last year.\n"
            "Bankers had warned that the market for new shares was still fragile after a weak autumn.\n"
            "Brakewell lends to small businesses and has grown its loan book by a third in each of the past two years.\n"
            "Its founders, who started the company in a Manchester flat in 2019, kept a fifth of the shares between them.\n"
            "Trading was brisk in the first hour, with more than four million shares changing hands before ten o'clock.\n")


def test_the_last_ranked_row_right_above_a_paragraph_goes():
    body = "Tabellenführer bleiben will Stripfing auch nach der Winterpause, Trainer Ernst Haiderer spricht von einem klaren Ziel."
    out = _clean(_DE_HEAD + "Tabelle Regionalliga Ost\n1. SV Stripfing 16 35\n2. Wiener Viktoria 16 31\n" + body, "de")
    assert body in out
    assert "Wiener Viktoria" not in out and "SV Stripfing 16" not in out


def test_a_numbered_teaser_list_goes_to_its_last_item():
    body = "Brakewell's chief executive said the listing would pay for an expansion into Ireland and the Netherlands."
    text = _EN_HEAD + "Read more\n1 Bank of England holds rates\n2 Bank of England: what to expect from March\n" + body
    out = _clean(text, "en")
    assert body in out
    assert "what to expect" not in out and "holds rates" not in out


def test_a_subheading_without_the_rows_form_stays():
    # The teaser above opens with a rank; the line under it does not: it heads the paragraph.
    sub, body = "What happens next", "Brakewell's chief executive said the listing would pay for an expansion into Ireland."
    text = _EN_HEAD + "Read more\n1 Bank of England holds rates\n" + sub + "\n" + body
    out = _clean(text, "en")
    assert sub in out and body in out


def test_a_list_the_article_introduces_stays():
    # No heading rule above: the article's own ranked list under its sentence ending with ':'.
    rows = "1. SV Stripfing 16 35\n2. Wiener Viktoria 16 31\n"
    body = "Tabellenführer bleiben will Stripfing auch nach der Winterpause, Trainer Ernst Haiderer spricht von einem klaren Ziel."
    out = _clean(_DE_HEAD + "An der Spitze der Regionalliga Ost sieht es so aus:\n" + rows + body, "de")
    assert rows + body in out


def test_a_numbered_most_read_entry_under_a_related_heading_goes():
    # STRUCT-TEASER-RUN: the related heading's rule takes one teaser; the next, numbered like it,
    # goes even with the article's paragraph right under it (a round-16 probe, Tribune de Lyon).
    text = ("ZFE : la Métropole de Lyon assouplit les règles pour les artisans\n\n"
            "La Métropole de Lyon a annoncé lundi un assouplissement de sa zone à faibles émissions pour les artisans.\n"
            "Les associations de défense de l'environnement ont dénoncé un recul de la collectivité.\n"
            "Les commerçants du centre-ville réclamaient depuis un an des règles plus souples pour leurs livraisons.\n"
            "Les plus lus\n1 Lyon : un incendie ravage un entrepôt à Vaise\n"
            "2 Villeurbanne : la piscine du Tonkin fermée jusqu'à l'été\n")
    body = "Le vice-président chargé des mobilités a défendu des mesures « temporaires et ciblées »."
    out = _clean(text + body, "fr")
    assert body in out
    assert "Villeurbanne" not in out and "Vaise" not in out
