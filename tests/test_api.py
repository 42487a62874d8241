"""The public API: small, typed, no import-time work, one error tree, replayable explanations."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import cleaner
from cleaner import CleanerError, InputError, apply_removals


def test_public_names():
    assert set(cleaner.__all__) >= {"clean", "clean_and_explain", "Cleaner", "Config", "Result", "Removal",
                                    "CleanerError", "RuleError", "InputError", "apply_removals"}
    assert (Path(cleaner.__file__).parent / "py.typed").exists()


def test_import_does_no_work_and_pulls_no_heavy_modules():
    code = ("import sys, cleaner; heavy = [m for m in ('langdetect', 'bs4', 'pyspark', 'datatrove', 'pandas', "
            "'hyperscan') if m in sys.modules]; print(heavy); print(cleaner.api._default)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split("\n")[:2] == ["[]", "None"]


def test_errors_form_one_tree():
    for name in ("RuleError", "InputError", "LimitError"):
        assert issubclass(getattr(cleaner, name), CleanerError)


def test_non_text_input_is_a_cleaner_error():
    with pytest.raises(InputError):
        cleaner.clean(12345)  # type: ignore[arg-type]


def test_clean_and_explain_reports_removals_and_metadata():
    text = ("Anzeige\n\nStadtrat beschließt neuen Radweg an der Hauptstraße\n\n"
            "Der Stadtrat hat am Dienstagabend mit großer Mehrheit einen neuen Radweg beschlossen. "
            "Die Arbeiten sollen im Frühjahr beginnen und bis zum Herbst dauern.\n\n"
            "Die Kosten trägt zum größten Teil das Land, sagte der Bürgermeister.\n\nFoto: dpa")
    result = cleaner.clean_and_explain(text)
    assert result.lang == "de"
    assert result.title == "Stadtrat beschließt neuen Radweg an der Hauptstraße"
    assert {r.category for r in result.removals} == {"ads", "credit"}
    assert all(r.rule_id for r in result.removals)
    assert apply_removals(text, result.removals) == result.text
    assert result.text.startswith("Stadtrat beschließt")
    assert cleaner.clean(text) == result.text


def test_article_without_cruft_is_unchanged_apart_from_whitespace():
    text = ("Neue Brücke über den Neckar eröffnet\n\n"
            "Nach drei Jahren Bauzeit ist die neue Brücke am Samstag für den Verkehr freigegeben worden.  \n"
            "Rund 2000 Menschen kamen zur Eröffnung.\n\n\n"
            "Die Stadt rechnet mit 15.000 Fahrzeugen am Tag.")
    expected = ("Neue Brücke über den Neckar eröffnet\n\n"
                "Nach drei Jahren Bauzeit ist die neue Brücke am Samstag für den Verkehr freigegeben worden.\n"
                "Rund 2000 Menschen kamen zur Eröffnung.\n\n"
                "Die Stadt rechnet mit 15.000 Fahrzeugen am Tag.")
    assert cleaner.clean(text) == expected


def test_output_keeps_the_articles_own_characters():
    text = "Ein Titel mit Straße\n\nDer Text hat weiche Trenn\u00adstriche und „Anführungszeichen“ im Satz."
    assert "Trenn\u00adstriche" in cleaner.clean(text) and "„Anführungszeichen“" in cleaner.clean(text)


def test_empty_and_blank_input():
    assert cleaner.clean("") == ""
    assert cleaner.clean("\n\n  \n") == ""


def test_prepare_compiles_the_languages_before_their_first_document():
    ready = cleaner.Cleaner()
    ready.prepare(["de"])
    prepared = dict(ready._pipelines)
    assert [key[0] for key in prepared] == ["de"]
    text = "Der Stadtrat hat am Montag den Haushalt beschlossen.\nFoto: dpa\n"
    assert ready.clean(text, lang="de") == cleaner.Cleaner().clean(text, lang="de")
    assert ready._pipelines == prepared  # the document used the prepared pipeline, not a new one
    ready.prepare()
    assert {key[0] for key in ready._pipelines} == {*ready.rulebook.languages, None}
