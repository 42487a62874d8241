"""`cleaner rules learn`: a site's template is learned from its pages, article text is not.

The corpus is generated here: one synthetic news site (German template) whose 250
articles are German or English, built from sentence parts so that no two bodies are
alike, with quotes and agency sentences shared by a few articles, subheadings, and body
lines that start like template lines ("Von den ...", "Foto- und Videoaufnahmen ...").
Every generated line is labelled template or body. 200 pages are learned from; 50
held-out pages are cleaned with the learned pack alone.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from cleaner import Cleaner, Config
from cleaner.authoring.learn import LearnOptions, learn_site
from cleaner.cli import main
from cleaner.engine.loader import load_pack_text

HOST = "www.rheinblick-zeitung.de"
URL = f"https://{HOST}/region/artikel"

# -- the site's template ---------------------------------------------------------------------

SECTIONS = {"Politik": ["Inland", "Ausland", "Landtag"], "Wirtschaft": ["Unternehmen", "Finanzen", "Arbeit"],
            "Region": ["Bonn", "Köln", "Koblenz"], "Sport": ["Fußball", "Handball", "Radsport"],
            "Kultur": ["Bühne", "Musik", "Kino"], "Wissen": ["Klima", "Gesundheit", "Technik"]}
FIRST = ["Anna", "Jonas", "Miriam", "Tobias", "Leonie", "Felix", "Sabine", "Murat", "Katrin", "Paul", "Elif",
         "Stefan", "Clara", "Moritz", "Julia", "Hannes", "Nina", "Dominik", "Aylin", "Georg"]
LAST = ["Schmidt", "Becker", "Wagner", "Hoffmann", "Yilmaz", "Krüger", "Lehmann", "Neumann", "Brandt", "Vogel",
        "Kaiser", "Fuchs", "Berger", "Winter", "Roth", "Haas", "Schulte", "Peters", "Arnold", "Lorenz"]
MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember"]
AGENCIES = ["dpa", "AFP", "Reuters", "epd", "KNA", "imago", "picture alliance"]
PLACES = ["Bonn", "Köln", "Koblenz", "Siegburg", "Andernach", "Neuwied", "Königswinter", "Brühl", "Euskirchen"]
TEASER_EVENTS = ["Neue Radwege sollen bis {y} fertig sein", "Stadt prüft Verbot für Laubbläser",
                 "Zoff um Parkgebühren in der Innenstadt", "Wie sicher sind die Rheinbrücken",
                 "Kita-Plätze werden knapp", "Sommerfest fällt wegen Unwetter aus",
                 "Polizei sucht Zeugen nach Brand in Lagerhalle", "Mieten steigen schneller als erwartet",
                 "Fähre nach {p} fährt wieder", "Schulen bekommen schnelleres Internet",
                 "Streit um Windräder auf dem Höhenrücken", "Freibad öffnet früher als geplant"]


def teaser(rng: random.Random) -> str:
    event = rng.choice(TEASER_EVENTS).format(y=rng.randint(2025, 2030), p=rng.choice(PLACES))
    return f"{rng.choice(PLACES)}: {event}"


# -- article bodies ----------------------------------------------------------------------------

DE_SUBJECTS = ["Der Stadtrat", "Die Landesregierung", "Das Gesundheitsamt", "Die Polizei", "Ein Sprecher der Stadtwerke",
               "Die Bürgermeisterin", "Der Verband", "Die Feuerwehr", "Das Unternehmen", "Die Gewerkschaft",
               "Der Trainer", "Die Schulleitung", "Der Kreisvorsitzende", "Eine Sprecherin des Ministeriums"]
DE_VERBS = ["kündigte am Montag an", "teilte am Dienstag mit", "erklärte am Abend", "betonte", "kritisierte scharf",
            "bestätigte auf Nachfrage", "warnte eindringlich", "räumte ein"]
DE_CLAUSES = ["dass die Bauarbeiten an der Brücke bis zum Herbst dauern werden",
              "dass die Kosten deutlich höher ausfallen als ursprünglich geplant",
              "dass weitere Gespräche mit allen Beteiligten nötig seien",
              "dass die Zahl der Einsätze im Vergleich zum Vorjahr um {n} Prozent gestiegen sei",
              "dass die neuen Regeln ab dem kommenden Monat gelten sollen",
              "dass man die Sorgen der Anwohner sehr ernst nehme",
              "dass für das Projekt zusätzliche {n} Millionen Euro bereitstehen",
              "dass die Entscheidung erst nach der Sommerpause fallen werde",
              "dass sich die Lage in den vergangenen Tagen spürbar entspannt habe",
              "dass mehrere Verfahren noch nicht abgeschlossen seien"]
DE_EVENTS = ["kam es in der Innenstadt zu erheblichen Verkehrsbehinderungen",
             "versammelten sich rund {n} Menschen vor dem Rathaus",
             "stellten die Ermittler umfangreiches Beweismaterial sicher",
             "wurde der Antrag mit knapper Mehrheit angenommen",
             "musste die Veranstaltung nach einem Stromausfall abgebrochen werden",
             "legten die Beschäftigten für mehrere Stunden die Arbeit nieder",
             "stieg der Pegel des Rheins auf über {n} Zentimeter"]
DE_TIMES = ["Am Mittwochabend", "Bereits am frühen Morgen", "Nach Angaben der Behörden", "Im vergangenen Jahr",
            "Am Wochenende", "Kurz nach Mitternacht", "Zuletzt"]
DE_TRICKY = ["Von den {n} Beschäftigten im Werk sind nach Angaben des Betriebsrats viele in Kurzarbeit.",
             "Foto- und Videoaufnahmen aus der Nacht zeigen, wie schnell sich das Feuer ausbreitete.",
             "Teilen wollten die Verantwortlichen ihre Pläne bisher nicht mit der Öffentlichkeit.",
             "Mehr zum Thema Mieten will der Stadtrat im Herbst in einer Sondersitzung beraten."]
EN_SUBJECTS = ["The city council", "The state government", "A spokesperson for the utility", "The police",
               "The mayor", "The union", "The company", "Local residents", "The coach", "The school board"]
EN_VERBS = ["said on Monday", "announced on Tuesday", "warned", "confirmed", "argued", "acknowledged"]
EN_CLAUSES = ["that construction on the bridge would last until the autumn",
              "that costs would be considerably higher than planned",
              "that further talks with everyone involved were needed",
              "that the number of call-outs had risen by {n} percent compared with last year",
              "that the new rules would take effect next month",
              "that an additional {n} million euros had been set aside for the project",
              "that several investigations had not yet been concluded"]
EN_EVENTS = ["traffic in the city centre came to a standstill", "about {n} people gathered outside the town hall",
             "investigators seized a large amount of evidence", "the motion passed by a narrow majority",
             "workers walked off the job for several hours", "the river rose to more than {n} centimetres"]
EN_TIMES = ["On Wednesday evening", "Early in the morning", "According to the authorities", "Last year",
            "Over the weekend", "Shortly after midnight"]
SUBHEADINGS_DE = ["Kritik aus der Opposition", "Wie es jetzt weitergeht", "Ein Blick zurück", "Offene Fragen",
                  "Hohe Kosten für die Stadt", "Anwohner sind skeptisch", "Was die Experten sagen",
                  "Ein langer Streit", "Die nächsten Schritte", "Reaktionen aus der Region", "Zahlen und Fakten",
                  "Teilen statt besitzen", "Von der Idee zum Projekt"]
SUBHEADINGS_EN = ["What happens next", "A long dispute", "Questions remain", "Reactions from the region",
                  "The numbers behind it", "Critics are not convinced", "Looking back"]
# Shared by a few articles each: the learner must not take them.
QUOTES = ["„Wir werden die Lage weiter sehr genau beobachten“, sagte ein Sprecher des Ministeriums.",
          "„Das ist ein wichtiger Tag für die ganze Region“, sagte die Bürgermeisterin.",
          "Die Angaben ließen sich zunächst nicht unabhängig überprüfen.",
          "\"We will continue to monitor the situation closely,\" a spokesperson said.",
          "The company did not immediately respond to a request for comment.",
          "Mit Material von dpa und AFP."]
TITLES_DE = ["{p}: {e}", "Die Stadt {p} und der Streit um {t}", "Der lange Weg zu {t}", "Neue Pläne für {t} in {p}",
             "Warum {p} beim Thema {t} zögert", "Die Sorge um {t} wächst"]
TITLES_EN = ["{p}: plans for {t} face delays", "The fight over {t} in {p}", "Why {p} is rethinking {t}",
             "New rules for {t} spark debate"]
TOPICS_DE = ["Radwege", "Parkgebühren", "Kita-Plätze", "Windräder", "das Freibad", "die Rheinbrücke", "Mieten",
             "den Nahverkehr", "die Müllabfuhr", "das Hallenbad"]
TOPICS_EN = ["cycle lanes", "parking fees", "childcare places", "wind turbines", "the bridge", "rents", "buses"]


def sentence(rng: random.Random, english: bool) -> str:
    n = rng.randint(3, 950)
    if english:
        if rng.random() < 0.5:
            s = f"{rng.choice(EN_SUBJECTS)} {rng.choice(EN_VERBS)} {rng.choice(EN_CLAUSES)}."
        else:
            s = f"{rng.choice(EN_TIMES)}, {rng.choice(EN_EVENTS)}."
    else:
        roll = rng.random()
        if roll < 0.45:
            s = f"{rng.choice(DE_SUBJECTS)} {rng.choice(DE_VERBS)}, {rng.choice(DE_CLAUSES)}."
        elif roll < 0.9:
            s = f"{rng.choice(DE_TIMES)} {rng.choice(DE_EVENTS)}."
        else:
            s = rng.choice(DE_TRICKY)
    return s.format(n=n)


def paragraph(rng: random.Random, english: bool) -> str:
    return " ".join(sentence(rng, english) for _ in range(rng.randint(2, 4)))


def make_page(rng: random.Random, quotes_for: list[int], index: int) -> list[tuple[str, str | None]]:
    """One page as (line, label) pairs: label 'T' template, 'B' body, None blank."""
    english = rng.random() < 0.3
    lines: list[tuple[str, str | None]] = []

    def block(*items: tuple[str, str]) -> None:
        lines.extend(items)
        lines.append(("", None))

    section = rng.choice(list(SECTIONS))
    block(("Zum Inhalt springen", "T"), ("Rheinblick Zeitung", "T"))
    block((f"Startseite › {section} › {rng.choice(SECTIONS[section])}", "T"), ("Abo testen | Anmelden", "T"))
    if english:
        title = rng.choice(TITLES_EN).format(p=rng.choice(PLACES), t=rng.choice(TOPICS_EN))
    else:
        title = rng.choice(TITLES_DE).format(p=rng.choice(PLACES), t=rng.choice(TOPICS_DE), e=teaser(rng).split(": ")[1])
    block((title, "B"))
    block((paragraph(rng, english), "B"))
    authors = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
    if rng.random() < 0.15:
        authors += f" und {rng.choice(FIRST)} {rng.choice(LAST)}"
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.choice([2023, 2024])
    head = [(f"Von {authors}", "T"), (f"Veröffentlicht am {day}. {MONTHS[month - 1]} {year}, "
                                      f"{rng.randint(6, 22)}:{rng.randint(0, 59):02d} Uhr", "T")]
    if rng.random() < 0.4:
        head.append((f"Aktualisiert am {day:02d}.{month:02d}.{year}, {rng.randint(6, 22)}:{rng.randint(0, 59):02d} Uhr",
                     "T"))
    block(*head)
    block(("Teilen", "T"), ("Twittern", "T"), ("Mailen", "T"))
    body: list[list[tuple[str, str]]] = [[(paragraph(rng, english), "B")] for _ in range(rng.randint(4, 8))]
    for _ in range(rng.randint(0, 2)):
        heading = rng.choice(SUBHEADINGS_EN if english else SUBHEADINGS_DE)
        body.insert(rng.randint(1, len(body)), [(heading, "B")])
    for q, quote in enumerate(QUOTES):
        if index in quotes_for[q]:
            body.insert(rng.randint(1, len(body)), [(quote, "B")])
    if rng.random() < 0.8:
        body.insert(1, [(f"Foto: {rng.choice(AGENCIES)}/{rng.choice(FIRST)} {rng.choice(LAST)}", "T")])
    if rng.random() < 0.7:
        body.insert(min(3, len(body)), [(f"Lesen Sie auch: {teaser(rng)}", "T")])
    if rng.random() < 0.6:
        body.insert(rng.randint(2, len(body)), [("Anzeige", "T")])
    for item in body:
        block(*item)
    block(("Mehr zum Thema", "T"), *[(teaser(rng), "T") for _ in range(3)])
    block((f"Kommentare ({rng.randint(0, 240)})", "T"))
    block(("Newsletter: Jeden Morgen die wichtigsten Nachrichten aus dem Rheinland direkt in Ihr Postfach.", "T"))
    block((f"© {rng.choice([2023, 2024])} Rheinblick Medien GmbH", "T"), ("Impressum | Datenschutz | AGB | Kontakt", "T"),
          ("Cookie-Einstellungen", "T"))
    return lines


def make_site(count: int, seed: int) -> list[list[tuple[str, str | None]]]:
    rng = random.Random(seed)
    # each shared quote appears in 2-6 articles
    quotes_for = [set(rng.sample(range(count), rng.randint(2, 6))) for _ in QUOTES]
    return [make_page(rng, quotes_for, i) for i in range(count)]


def text_of(page: list[tuple[str, str | None]]) -> str:
    return "\n".join(line for line, _ in page)


@pytest.fixture(scope="module")
def learned():
    train = make_site(200, seed=7)
    result = learn_site([(f"page-{i:03}.txt", text_of(p)) for i, p in enumerate(train)], HOST, lang="de")
    return train, result


# -- acceptance -------------------------------------------------------------------------------

def test_learned_pack_is_valid_and_names_the_host(learned, tmp_path):
    _, result = learned
    pack = load_pack_text(result.yaml, "learned.yaml")  # schema, patterns, examples present
    assert pack.hosts == ("rheinblick-zeitung.de",) and pack.name == "sites/rheinblick-zeitung.de"
    assert len(pack.rules) >= 10
    for rule in pack.rules:
        assert "seen on" in rule.doc.what and "of 200 pages" in rule.doc.what  # support count in the doc
        assert rule.examples.drop and rule.examples.keep
        assert all(rule.accepts(" ".join(e.split())) for e in rule.examples.drop)
        assert not any(rule.accepts(" ".join(e.split())) for e in rule.examples.keep)
    assert "# support:" in result.yaml


def test_held_out_pages_lose_their_template_and_keep_every_body_line(learned, tmp_path):
    _, result = learned
    path = tmp_path / "rheinblick.yaml"
    path.write_text(result.yaml, encoding="utf-8")
    cleaner = Cleaner(Config(rules=(str(path),), shipped=False))
    held_out = make_site(50, seed=4242)
    template = removed_template = 0
    lost: list[str] = []
    for page in held_out:
        out = cleaner.clean_and_explain(text_of(page), url=URL)
        removed = set()
        for r in out.removals:
            removed.update(range(r.start, r.end))
        for i, (line, label) in enumerate(page):
            if label == "T":
                template += 1
                removed_template += i in removed
            elif label == "B" and i in removed:
                lost.append(line)
    assert not lost, f"body lines removed: {lost[:5]}"
    assert removed_template / template >= 0.95, f"only {removed_template}/{template} template lines removed"


def test_with_shipped_packs_the_learned_rules_take_no_body_line(learned, tmp_path):
    _, result = learned
    path = tmp_path / "rheinblick.yaml"
    path.write_text(result.yaml, encoding="utf-8")
    cleaner = Cleaner(Config(rules=(str(path),)))
    for page in make_site(20, seed=99):
        out = cleaner.clean_and_explain(text_of(page), url=URL)
        for r in out.removals:
            if r.rule_id.startswith("SITE-"):
                assert all(page[i][1] != "B" for i in range(r.start, r.end)), (r, page[r.start])


def test_shared_quotes_and_agency_lines_are_not_learned(learned):
    _, result = learned
    keys = {rule.key for rule in result.rules}
    assert not keys & set(QUOTES)
    pack = load_pack_text(result.yaml, "learned.yaml")
    for quote in QUOTES + DE_TRICKY + SUBHEADINGS_DE + SUBHEADINGS_EN:
        assert not any(rule.accepts(" ".join(quote.split())) for rule in pack.rules), quote


def test_rules_only_for_lines_repeated_on_many_pages():
    """A sentence shared by 3 of 10 pages, in varying places, is not template; a footer on all is."""
    rng = random.Random(3)
    pages = []
    for i in range(10):
        body = [paragraph(rng, False) for _ in range(5)]
        if i < 3:
            body.insert(rng.randint(0, 4), QUOTES[0])
        pages.append((f"p{i}", "\n\n".join([sentence(rng, False).rstrip("."), *body,
                                            "Impressum | Kontakt"])))
    result = learn_site(pages, "example.org", options=LearnOptions(min_share=0.2))
    assert [r.key for r in result.rules] == ["Impressum | Kontakt"]
    assert any(QUOTES[0] == line for line, _ in result.rejected)


def test_cli_learn_writes_a_pack_that_applies_to_the_host(tmp_path, capsys):
    site = make_site(40, seed=11)
    pages = []
    for i, page in enumerate(site):
        path = tmp_path / "pages" / f"p{i:02}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text_of(page), encoding="utf-8")
        pages.append(str(path))
    out = tmp_path / "site.yaml"
    assert main(["rules", "learn", "--site", HOST, "-o", str(out), *pages]) == 0
    assert "rules proposed" in capsys.readouterr().err
    assert main(["rules", "check", str(out)]) == 0
    capsys.readouterr()
    assert main(["explain", pages[0], "--url", URL, "--rules", str(out), "--color", "never"]) == 0
    shown = capsys.readouterr().out
    assert "SITE-RHEINBLICKZEITUNG-" in shown and "Zum Inhalt springen" in shown
    # another host: the learned pack does not apply
    assert main(["explain", pages[0], "--url", "https://other.example/x", "--rules", str(out),
                 "--format", "json"]) == 0
    assert "SITE-RHEINBLICKZEITUNG-" not in capsys.readouterr().out


def test_a_sentence_on_a_fifth_of_a_small_site_is_not_learned():
    site = make_site(30, seed=5)
    for page in site[:6]:  # an agency line closing 6 of 30 articles: exactly the minimum support
        at = next(i for i, (line, _) in enumerate(page) if line == "Mehr zum Thema")
        page[at:at] = [("Mit Material von dpa und AFP.", "B"), ("", None)]
    result = learn_site([(f"p{i}", text_of(p)) for i, p in enumerate(site)], HOST)
    assert result.min_support == 6
    assert "Mit Material von dpa und AFP." not in {r.key for r in result.rules}
    assert any(line == "Mit Material von dpa und AFP." for line, _ in result.rejected)


def test_html_pages_are_learned_as_the_lines_the_text_rules_see(tmp_path, capsys):
    pytest.importorskip("cleaner.html.extract", reason="HTML support (cleaner.html) not available")
    import html

    paths = []
    for i, page in enumerate(make_site(30, seed=21)):
        body = "".join(f"<p>{html.escape(line)}</p>\n" for line, _ in page if line)
        path = tmp_path / f"p{i:02}.html"
        path.write_text(f"<!doctype html><html><head><title>t{i}</title></head><body>{body}</body></html>",
                        encoding="utf-8")
        paths.append(str(path))
    out = tmp_path / "site.yaml"
    assert main(["rules", "learn", "--site", HOST, "-o", str(out), *paths]) == 0
    capsys.readouterr()
    pack = load_pack_text(out.read_text(encoding="utf-8"), str(out))
    assert any(rule.accepts("Zum Inhalt springen") for rule in pack.rules)
    assert not any("<" in rule.match.patterns[0] for rule in pack.rules)
