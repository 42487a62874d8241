"""Lines led by pictographs or symbols are matched a second time without them.

'📍 Pour ne manquer aucune actualité …' is a follow-us line behind a pin; a phrase rule
anchored at the line's start cannot see it. The output keeps the article's characters,
rules that read the symbol itself ('→ ' before a teaser headline) still see it, and a body
line behind a symbol stays unless its words alone are cruft.
"""

from __future__ import annotations

from replay import clean_replayed as _clean
from cleaner.normalize import align_to_raw, normalize_lines, strip_leading_symbols, strip_trailing_symbols, symbol_led


_FR_BODY = ("Le fabricant de vélos électriques Veldra lance un rappel portant sur environ 12 000 exemplaires "
            "de son modèle Trek 2 vendus en France et en Belgique.\n\nLes propriétaires peuvent faire remplacer "
            "gratuitement la batterie chez un revendeur agréé, précise le fabricant dans un communiqué.")


def test_leading_pictographs_and_arrows_are_stripped_before_a_word():
    assert strip_leading_symbols("📍 Pour ne manquer aucune actualité") == "Pour ne manquer aucune actualité"
    assert strip_leading_symbols("👉Lesen Sie auch: Der Streit") == "Lesen Sie auch: Der Streit"
    assert strip_leading_symbols("➡️ 🔴 LIVE") == "LIVE"
    assert strip_leading_symbols("▶ Video") == "Video"
    assert strip_leading_symbols("❝Zitat") == "Zitat"


def test_icons_alone_credits_and_plain_lines_keep_their_characters():
    for line in ["🐦 📧 🔗", "© dpa", "™ Marke", "1️⃣ Eins", "Text 📍 hier", "•Lesen Sie auch", ""]:
        assert strip_leading_symbols(line) == line
    assert symbol_led(["abc", "🐦 📧 🔗", "🔴 LIVE", "", "→ What the budget means"]) == [
        (2, "LIVE"), (4, "What the budget means")]


def test_the_matching_form_of_a_line_keeps_its_symbols():
    # A rule may read the symbol ('→ ' marks a teaser headline): the second form is extra.
    assert normalize_lines(["📍 Pour ne manquer"]) == ["📍 Pour ne manquer"]
    raw = "👉  Lesen Sie auch (Foto:\u00a0AP)"
    norm = normalize_lines([raw])[0]
    span = align_to_raw(raw, norm, (norm.index("(Foto"), len(norm)))
    assert span is not None and raw[span[0]:span[1]] == "(Foto:\u00a0AP)"


def test_follow_us_line_behind_a_pin_goes():
    pin = "📍 Pour ne manquer aucune actualité de Presse-citron, suivez-nous sur Google Actualités et WhatsApp."
    out = _clean(f"Veldra rappelle 12 000 vélos électriques\n\n{_FR_BODY}\n\n{pin}", "fr")
    assert "Pour ne manquer" not in out
    assert _FR_BODY in out


def test_body_line_behind_a_symbol_stays_with_its_symbol():
    point = "✅ Les propriétaires peuvent suivre la procédure indiquée sur le site du fabricant, assure la marque."
    out = _clean(f"Veldra rappelle 12 000 vélos électriques\n\n{_FR_BODY}\n\n{point}", "fr")
    assert point in out


def test_rules_that_read_the_arrow_still_see_it():
    body = ("The city council voted 7-2 on Tuesday to build protected bike lanes on three downtown streets.\n\n"
            "Construction is expected to begin in the spring, officials said, and to last about six months.\n\n"
            "Opponents said the lanes would remove about 120 parking spaces from the area.")
    out = _clean(f"Council approves new bike lanes\n\n{body}\n\n→ What the budget means for you", "en")
    assert "What the budget" not in out
    assert body in out


def test_bullet_and_arrow_marks_before_a_teaser_or_label():
    assert strip_leading_symbols("» Lesen Sie auch: Sparhaushalt in Berlin") == "Lesen Sie auch: Sparhaushalt in Berlin"
    assert strip_leading_symbols("> Related stories") == "Related stories"
    assert strip_leading_symbols("• Jetzt abonnieren") == "Jetzt abonnieren"
    assert strip_leading_symbols("– Teilen") == "Teilen"
    # Without a space the mark is part of the text: a German quotation, a negative number.
    for line in ["»Wir sparen nicht an den Kindern«", "-5 Grad in der Nacht", "#Berlin", "- "]:
        assert strip_leading_symbols(line) == line


def test_bulleted_body_list_stays():
    items = ("- Werbung für Sportwetten soll im Fernsehen vor 21 Uhr verboten werden.\n"
             "• Lesen Sie auch die Kommentare unter dem Gesetzentwurf, rät der Verbraucherschützer.\n"
             "– Von Montag an gilt das neue Tempolimit auf der Stadtautobahn.\n"
             "- 12 Tote und 40 Verletzte zählte die Polizei im vergangenen Jahr")
    body = ("Der Bundestag hat am Donnerstag ein Gesetzespaket zum Glücksspiel beschlossen, das mehrere Änderungen bringt.\n"
            "Die wichtigsten Punkte:\n" + items + "\n\nDie Opposition kritisierte das Paket als zu zaghaft und kündigte Änderungsanträge an.")
    out = _clean("Bundestag beschließt Glücksspielpaket\n\n" + body, "de")
    assert items in out


def test_teaser_behind_a_quote_mark_goes():
    text = "Veldra rappelle 12 000 vélos électriques\n\n" + _FR_BODY + "\n\n» Lire aussi : Vélos électriques, le marché repart\n\n" + _FR_BODY
    out = _clean(text, "fr")
    assert "Lire aussi" not in out


def test_trailing_arrows_and_pictographs_are_stripped_after_a_word():
    assert strip_trailing_symbols("Artikel teilen ▶") == "Artikel teilen"
    assert strip_trailing_symbols("View comments ⬇") == "View comments"
    assert strip_trailing_symbols("Zur Startseite >") == "Zur Startseite"
    # A French quotation closes with »; © is a credit's sign; a comparison is text.
    for line in ["« Je suis un vendeur »", "Alle Rechte vorbehalten ©", "5 > 3", "🐦 📧 🔗"]:
        assert strip_trailing_symbols(line) == line
    assert symbol_led(["👉 Lesen Sie auch ▶"]) == [(0, "Lesen Sie auch")]


def test_share_button_with_a_trailing_arrow_goes_and_a_quote_stays():
    quote = "« Je suis un vendeur, mais un vendeur qui veut faire rire les passants dans la rue »"
    text = ("Veldra rappelle 12 000 vélos électriques\n\n" + _FR_BODY + "\n\n" + quote + "\n\nPartager cet article ▶\n\n"
            + _FR_BODY)
    out = _clean(text, "fr")
    assert "Partager cet article" not in out
    assert quote in out
