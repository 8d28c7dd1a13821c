"""The exports speak through the catalogs: every enum value's label, the exports' words, their errors and help.

The fixture register is French (``language: fr``): its commands run in fresh processes
(the command line is built in the register's language), the other tests read the catalogs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cpne import i18n
from cpne.catalogs import generated
from cpne.export.labels import ALIASES, enums, labels, opinion_status
from cpne.export.render import number
from cpne.kinds import KINDS
from cpne.repo import LANGUAGES
from cpne.words import ENUM_VARIANTS, enum_context, enum_label

MARKS = i18n.MARK_OPEN + i18n.MARK_CLOSE


def _entries(lang: str) -> dict[Any, str]:
    """What the compiled catalog of ``lang`` holds (context and message -> translation)."""
    found: dict[Any, str] = i18n.catalog(lang)._catalog  # type: ignore[attr-defined]
    return found


def _shipped_enums() -> dict[tuple[str, str], tuple[str, ...]]:
    return {key: values for key, values in enums().items() if KINDS[key[0]].schema_dir is None}


# --- enum labels -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_value_of_every_schema_enum_has_a_label_in_the_catalog(lang: str) -> None:
    catalog = _entries(lang)
    missing = []
    for (kind, key), values in _shipped_enums().items():
        for variant in ("", *ENUM_VARIANTS.get(enum_context(kind, key), ())):
            context = enum_context(kind, key, variant)
            missing += [f"[{context}] {value}" for value in values if not catalog.get(f"{context}\x04{value}")]
    assert missing == [], f"{lang}: no label for " + ", ".join(missing)


def test_the_labels_cover_what_the_catalog_lists_from_the_schemas() -> None:
    """The exports' enum tables and the catalog's generated entries read the same schemas."""
    listed = {(context, value) for context, value, _ in generated() if "." in context}
    ours = {
        (enum_context(kind, key, variant), value)
        for (kind, key), values in _shipped_enums().items()
        for variant in ("", *ENUM_VARIANTS.get(enum_context(kind, key), ()))
        for value in values
    }
    assert ours == listed


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_enum_table_of_the_labels_is_the_catalogs(lang: str) -> None:
    L = labels(lang)
    for (kind, key), values in enums().items():
        for variant in ("", *ENUM_VARIANTS.get(enum_context(kind, key), ())):
            table = L[f"{kind}_{key}" + (f"_{variant}" if variant else "")]
            assert list(table) == list(values)
            assert all(table[v] == enum_label(kind, key, v, variant, lang=lang) for v in values)
    for alias, name in ALIASES.items():
        assert L[alias] is L[name]


def test_french_labels_agree_and_english_ones_are_words() -> None:
    fr, en = labels("fr"), labels("en")
    assert (fr["opinion_status"]["adopted"], fr["opinion_status_feminine"]["adopted"]) == ("adopté", "adoptée")
    assert fr["feminine_kinds"] == ["recommendation", "contribution", "meeting", "action", "practice"]
    assert en["feminine_kinds"] == []
    assert opinion_status("fr", "recommendation", "withdrawn") == "retirée"
    assert opinion_status("fr", "opinion", "withdrawn") == "retiré"
    assert opinion_status("en", "contribution", "withdrawn") == "withdrawn"
    assert fr["membership"]["associated"] == "Membre associé"
    assert fr["partner_membership_short"]["associated"] == "Associé"
    assert fr["category"]["public-institution"] == "Établissement public"
    assert en["review_status_column"]["in-progress"] == "In progress"
    assert en["opinion_status"]["draft"] == "in preparation"


def test_the_exports_words_come_from_the_catalog() -> None:
    fr, en = labels("fr"), labels("en")
    assert (fr["edition"], en["edition"]) == ("Édition du {date}.", "Edition of {date}.")
    assert (fr["colon"], en["colon"]) == (" : ", ": ")
    assert fr["date_name"]["adopted"] == "Adoption"
    assert sorted(fr) == sorted(en)


def test_numbers_are_grouped_as_the_language_groups_them() -> None:
    try:
        i18n.use("fr")
        assert number(10_000_000) == "10 000 000"
    finally:
        i18n.use("en")
    assert number(10_000_000) == "10,000,000"


# --- the command line, in a French register --------------------------------------------------


def cpne(repo: Path, *args: str | Path, mark: bool = False) -> subprocess.CompletedProcess[str]:
    """``cpne --repo REPO ARGS`` in a fresh process (the language is chosen before the command line is built)."""
    env = {key: value for key, value in os.environ.items() if key not in ("CPNE_LANG", "CPNE_I18N_MARK")}
    if mark:
        env["CPNE_I18N_MARK"] = "1"
    return subprocess.run(
        [sys.executable, "-m", "cpne", "--repo", str(repo), *(str(a) for a in args)],
        env=env,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )


def test_export_help_is_french(fixture_repo: Path) -> None:
    summary = cpne(fixture_repo, "export", "--help")
    assert summary.returncode == 0, summary.stderr
    text = " ".join(summary.stdout.split())
    assert "Exports du registre en Markdown et en JSON" in text
    assert "Le rapport d'activité : chiffres" in text
    report = " ".join(cpne(fixture_repo, "export", "report", "--help").stdout.split())  # as wrapped, unwrapped
    assert "Rapport d'une année (par défaut : tout le registre)." in report
    assert "Écrire dans FICHIER, de façon atomique" in report
    assert "--year ANNÉE" in report and "--lang fr|en" in report and "-o, --output FICHIER" in report


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (("opinion", "op-24-1"), 2, "« op-24-1 » n'est pas un identifiant d'avis (exemple : OP-2026-001)"),
        (("opinion", "OP-2024-999"), 1, "aucun avis OP-2024-999 dans ce registre"),
        (("opinion", "OP-2024-999"), 1, "`cpne opinion list` affiche les avis"),
        (("agenda", "mtg-24-1"), 2, "« mtg-24-1 » n'est pas un identifiant de réunion (exemple : MTG-2026-001)"),
        (("minutes", "MTG-2024-999", "--lang", "en"), 1, "aucune réunion MTG-2024-999 dans ce registre"),
        (("minutes", "MTG-2024-999"), 1, "`cpne meeting list` affiche les réunions"),
        (("report", "--date", "2024-13-01"), 2, "--date doit être une date écrite AAAA-MM-JJ, et non « 2024-13-01 »"),
        (("report", "--lang", "de"), 2, "langue inconnue « de » (choisir parmi : fr, en)"),
        (("report", "--year", "99"), 2, "--year doit être une année de quatre chiffres, et non 99"),
        (
            ("report", "-o", "a.md", "--check", "b.md"),
            2,
            "-o/--output et --check ne peuvent pas être utilisés ensemble",
        ),
        (("report", "-o", "."), 1, ". est un dossier ; donnez un nom de fichier à -o"),
    ],
)
def test_export_errors_are_french(fixture_repo: Path, args: tuple[str, ...], code: int, words: str) -> None:
    done = cpne(fixture_repo, "export", *args)
    assert (done.returncode, done.stdout) == (code, "")
    assert words in done.stderr
    assert "Traceback" not in done.stderr


def test_an_error_message_comes_from_the_catalog(fixture_repo: Path) -> None:
    done = cpne(fixture_repo, "export", "opinion", "OP-2024-999", mark=True)
    assert f"{i18n.MARK_OPEN}aucun avis OP-2024-999 dans ce registre{i18n.MARK_CLOSE}" in done.stderr


def test_check_and_output_speak_french(fixture_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    stale = cpne(fixture_repo, "export", "report", "--check", target)
    assert stale.returncode == 1
    assert f"{target} n'existe pas" in stale.stdout
    assert f"{target} n'est plus à jour : ce n'est pas ce qu'écrit l'export" in stale.stderr
    assert f"régénérez-le avec la même commande, -o {target} au lieu de --check" in stale.stderr
    wrote = cpne(fixture_repo, "export", "report", "-o", target)
    assert (wrote.returncode, wrote.stderr.strip().strip(MARKS)) == (0, f"{target} écrit")
    fresh = cpne(fixture_repo, "export", "report", "--check", target)
    assert (fresh.returncode, fresh.stderr.strip()) == (0, f"{target} est à jour")
    target.write_text(target.read_text(encoding="utf-8") + "ajout\n", encoding="utf-8")
    diff = cpne(fixture_repo, "export", "report", "--check", target)
    assert diff.returncode == 1 and "+++ export" in diff.stdout


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("{{ no_such_thing }}", "variable non définie dans le modèle : 'no_such_thing'\n"),
        (
            "{{ L.no_such_word }}",
            "variable non définie dans le modèle : 'dict object' n'a pas d'attribut 'no_such_word'",
        ),
        (
            "{{ ''.__class__ }}",
            "refusé par le bac à sable : l'accès à l'attribut '__class__' d'un objet 'str' n'est pas sûr.",
        ),
        (
            "{{ 'a' * 20000000 }}",
            "le modèle a été arrêté : un texte de 20 000 000 caractères, plus qu'un modèle ne peut en construire"
            " (10 000 000)",
        ),
        ("{% include 'missing.j2' %}", "modèle « missing.j2 » introuvable"),
        ("{% if %}", "erreur de syntaxe dans le modèle : "),
    ],
)
def test_template_errors_are_french(fixture_repo: Path, tmp_path: Path, source: str, words: str) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text(source + "\n", encoding="utf-8")
    done = cpne(fixture_repo, "export", "register", "--template", template)
    assert done.returncode == 1
    assert f"{template}:1: " in done.stderr and words in done.stderr


def test_a_missing_template_and_the_hint_are_french(fixture_repo: Path, tmp_path: Path) -> None:
    done = cpne(fixture_repo, "export", "register", "--template", tmp_path / "none.md.j2")
    assert (done.returncode, "modèle introuvable" in done.stderr) == (1, True)
    template = tmp_path / "mine.md.j2"
    template.write_text("{{ nothing }}\n", encoding="utf-8")
    undefined = cpne(fixture_repo, "export", "register", "--template", template)
    assert "les variables que reçoit un modèle sont décrites dans docs/templates.md" in undefined.stderr


def test_a_record_of_the_wrong_shape_is_named_in_french(fixture_repo: Path) -> None:
    record = fixture_repo / "data" / "themes" / "usages.yaml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("title:", "title: [a, b]\nold_title:", 1), encoding="utf-8")
    done = cpne(fixture_repo, "export", "register")
    assert done.returncode == 1
    assert "data/themes/usages.yaml:" in done.stderr
    assert "le champ « title » doit être du texte" in done.stderr
    assert "lancez `cpne validate` pour voir tous les problèmes du registre" in done.stderr


def test_an_opinion_in_french_agrees_with_its_type(fixture_repo: Path) -> None:
    done = cpne(fixture_repo, "export", "opinion", "op-2024-002")
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[2].startswith("# Recommandation n° OP-2024-002 : ")
    assert "Statut : adoptée." in done.stdout
