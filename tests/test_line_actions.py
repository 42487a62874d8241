"""Line-rule actions on whole documents: what a heading rule takes along, and where it stops."""

from __future__ import annotations

import textwrap

import pytest

from cleaner import Cleaner, Config
from cleaner.engine.loader import load_pack_text

PACK = textwrap.dedent("""\
    pack: test-actions
    lang: en
    rules:
      - id: T-REL-001
        name: related-heading
        category: related
        match: {regex: '^Read more(?: from [A-Za-z ]+)?:?$'}
        action: drop-next
        doc: {what: a related heading and its teasers, why: test, safety: test}
        examples: {drop: ["Read more:"], keep: ["Read more books."]}
    """)

PARA = ("The council said the new rules would take effect in spring, after a consultation "
        "with residents and businesses in the affected streets.")


@pytest.fixture(scope="module")
def cleaner(tmp_path_factory):
    path = tmp_path_factory.mktemp("pack") / "actions.yaml"
    path.write_text(PACK, encoding="utf-8")
    load_pack_text(PACK, str(path))  # the pack itself is valid
    return Cleaner(Config(rules=(str(path),), shipped=False))


def _removed(cleaner, lines):
    result = cleaner.clean_and_explain("\n".join(lines), lang="en")
    return {line for r in result.removals for line in r.text.split("\n")}


def test_teasers_after_the_heading_go(cleaner):
    lines = ["Headline of the day", "", PARA, "", "Read more:", "Astronomers spot new planet",
             "Budget to be cut by a fifth", "", PARA]
    assert _removed(cleaner, lines) == {"Read more:", "Astronomers spot new planet", "Budget to be cut by a fifth"}


def test_a_subheading_past_a_paragraph_break_that_leads_into_prose_stays(cleaner):
    lines = ["Headline of the day", "", PARA, "", "Read more:", "Astronomers spot new planet",
             "", "Why does this matter?", "", PARA, "", PARA]
    removed = _removed(cleaner, lines)
    assert "Astronomers spot new planet" in removed
    assert "Why does this matter?" not in removed


def test_teasers_separated_by_blank_lines_still_go(cleaner):
    lines = ["Headline of the day", "", PARA, "", "Read more:", "", "Astronomers spot new planet", "",
             "Budget to be cut by a fifth", "", "Ministers split over rail plan", "", PARA]
    removed = _removed(cleaner, lines)
    assert {"Astronomers spot new planet", "Budget to be cut by a fifth"} <= removed


def test_a_line_ending_in_a_colon_introduces_text_and_is_not_a_teaser(cleaner):
    lines = ["Headline of the day", "", PARA, "", "Read more:", "Astronomers spot new planet", "",
             "What the draft Bill proposes:", "A national cap of 2 per cent on rent increases.", "", PARA]
    removed = _removed(cleaner, lines)
    assert "What the draft Bill proposes:" not in removed


def test_a_question_answered_on_the_next_line_is_the_interview_going_on(cleaner):
    # No paragraph breaks in the scrape: the teaser box ends where a line leads into prose.
    lines = ["Headline of the day", "", PARA, "Read more:", "Astronomers spot new planet",
             "What would you tell other farmers?", PARA, "", PARA]
    removed = _removed(cleaner, lines)
    assert "Astronomers spot new planet" in removed
    assert "What would you tell other farmers?" not in removed


def test_a_quotation_closing_on_a_full_stop_is_no_teaser(cleaner):
    quote = "'We've always said we'd stick together,' said the syndicate leader. 'Ask me again.'"
    lines = ["Headline of the day", "", PARA, "Read more:", "Astronomers spot new planet", quote, "", PARA]
    removed = _removed(cleaner, lines)
    assert "Astronomers spot new planet" in removed
    assert quote not in removed


FR_PARAS = ["Le Sénat a adopté mardi soir un amendement qui rétablit le plafond des redevances "
            "perçues par les agences de l'eau, contre l'avis du gouvernement.",
            "Les sénateurs de gauche comme de droite ont dénoncé un prélèvement de l'Etat sur la "
            "trésorerie des agences, qui financent l'assainissement des communes.",
            "Le texte doit maintenant être examiné en commission mixte paritaire, où députés et "
            "sénateurs tenteront de s'accorder sur une version commune du budget."]


@pytest.fixture(scope="module")
def shipped():
    return Cleaner()


def test_prose_after_a_paywall_notice_stays(shipped):
    # A subscriber's crawl goes on past the notice: the article text after it is kept.
    later = ["La ministre a promis de « retravailler le sujet » en commission mixte paritaire, "
             "selon son entourage, qui juge les réserves des agences encore confortables.",
             "A l'Assemblée nationale, un amendement similaire avait été rejeté à trois voix près "
             "en octobre, après un long débat sur le financement du plan eau."]
    text = "\n\n".join(["Les agences de l'eau sauvées au Sénat", *FR_PARAS,
                        "Il vous reste 58% de cet article à lire. La suite est réservée aux abonnés.", *later])
    out = shipped.clean(text, lang="fr")
    assert "Il vous reste" not in out
    assert all(p in out for p in later)


def test_the_subscription_box_after_a_paywall_notice_goes(shipped):
    text = "\n\n".join(["Les agences de l'eau sauvées au Sénat", *FR_PARAS,
                        "Il vous reste 58% de cet article à lire. La suite est réservée aux abonnés.",
                        "Offre spéciale", "1 € le premier mois", "Sans engagement"])
    out = shipped.clean(text, lang="fr")
    assert "Offre spéciale" not in out and "Sans engagement" not in out
    assert all(p in out for p in FR_PARAS)
