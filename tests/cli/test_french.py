"""The command line in a French register: help, usage errors, choices typed as labels, ids in any case,
summaries agreeing with the record's noun, prompts and yes/no questions; an English register stays English.

cpne runs in its own process here (help texts are built when the app is, in the register's language).
Expected words that other parts of cpne own (a kind's noun, an enum's label) are read from the catalog,
not written here: the test is about the command line saying them.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from datetime import date
from pathlib import Path

import pexpect
import pytest
import typer

from cpne import i18n, words
from cpne.cli import choices, clickwords, prompts
from cpne.errors import UsageError
from tests.conftest import GIT_ENV

YEAR = date.today().isoformat()[:4]
FR = i18n.catalog("fr")


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CPNE_I18N_MARK", "CPNE_REPO", "CPNE_LANG")}
    return {**env, **GIT_ENV, "NO_COLOR": "1", "COLUMNS": "200", "LANG": "C.UTF-8"}


def cpne(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cpne", "--repo", str(root), *args],
        env=_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        encoding="utf-8",
        check=False,
        timeout=60,
    )


# -- help ----------------------------------------------------------------------------------------


def test_init_takes_the_language_by_its_name(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "cpne", "init", str(tmp_path / "registre"), "--language", "français"],
        env=_env(),
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "language: fr\n" in (tmp_path / "registre" / "cpne.yaml").read_text(encoding="utf-8")


def test_the_help_is_french(french_repo: Path) -> None:
    done = cpne(french_repo, "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Utilisation : cpne [OPTIONS] COMMANDE [ARGUMENTS]...\n")
    assert "\nOptions :\n" in done.stdout and "\nCommandes :\n" in done.stdout
    assert "--repo DOSSIER" in done.stdout and "Afficher la version de cpne et quitter." in done.stdout
    assert "Show this message and exit." not in done.stdout and "Usage:" not in done.stdout

    listed = cpne(french_repo, "opinion", "list", "--help").stdout
    assert listed.startswith("Utilisation : cpne opinion list [OPTIONS]\n")
    assert f"Lister les {words.noun('opinion', plural=True, lang='fr')}, avec les filtres --status" in listed
    assert "--format FORMAT" in listed and "table (tableau), json, csv" in listed
    assert FR.gettext("default: {default}").format(default="table") in " ".join(listed.split())


def test_usage_lines_name_arguments_plainly_in_both_languages(french_repo: Path) -> None:
    status = FR.gettext("STATUS")
    text = cpne(french_repo, "opinion", "set-status", "--help").stdout
    assert text.startswith(f"Utilisation : cpne opinion set-status [OPTIONS] {FR.gettext('ID')} {status}\n")
    assert "\nArguments :\n" in text and "<str>" not in text and "{" not in text.splitlines()[0]
    adopted = words.enum_label("opinion", "status", "adopted", lang="fr")
    assert f"adopted ({adopted})" in text  # the identifier, its label beside it
    english = subprocess.run(
        [sys.executable, "-m", "cpne", "opinion", "set-status", "--help"],
        env={**_env(), "CPNE_LANG": "en"},
        cwd=french_repo.parent,
        capture_output=True,
        encoding="utf-8",
        check=True,
    ).stdout
    assert english.startswith("Usage: cpne opinion set-status [OPTIONS] ID STATUS\n")
    assert "\nArguments:\n  ID " in english and "<str>" not in english


# -- usage errors ---------------------------------------------------------------------------------


def test_usage_errors_are_french(french_repo: Path) -> None:
    done = cpne(french_repo, "opinion", "list", "--nosuch")
    assert done.returncode == 2
    assert done.stderr.startswith("Utilisation : cpne opinion list [OPTIONS]\n")
    assert "\nerreur : " in done.stderr and "--nosuch" in done.stderr
    assert "Error" not in done.stderr and "Try" not in done.stderr

    unknown = cpne(french_repo, "opinion", "lst")
    assert unknown.returncode == 2
    assert "erreur : la commande « lst » n'existe pas. Vouliez-vous dire « list » ?" in unknown.stderr

    missing = cpne(french_repo, "opinion", "show")
    assert missing.returncode == 2
    assert f"« {FR.gettext('ID')} »" in missing.stderr and "Missing" not in missing.stderr

    number = cpne(french_repo, "opinion", "list", "--year", "dernière")
    assert number.returncode == 2
    assert "« --year »" in number.stderr and "« dernière » n'est pas un nombre entier." in number.stderr


def test_a_refused_choice_lists_identifiers_with_their_labels(french_repo: Path) -> None:
    done = cpne(french_repo, "opinion", "list", "--format", "xml")
    assert done.returncode == 2
    assert done.stderr.startswith("erreur : --format : « xml » ")
    assert "table (tableau), json, csv" in done.stderr
    kinds = cpne(french_repo, "renumber", "OP-2026-001", "--kind", "fiche")
    assert kinds.returncode == 2
    assert f"opinion ({words.noun('opinion', lang='fr')})" in kinds.stderr


# -- input: labels and ids in any case; summaries agreeing with the noun -------------------------


def test_labels_and_ids_in_any_case_and_summaries_that_agree(french_repo: Path) -> None:
    recommendation = words.noun("recommendation", lang="fr")
    created = cpne(
        french_repo, "opinion", "new", "--title", "Une recommandation", "--kind", recommendation.upper(),
        "--theme", "USAGES", "--rapporteur", "MEN",
    )  # fmt: skip
    assert created.returncode == 0, created.stderr
    first = f"OP-{YEAR}-001"
    assert created.stdout == f"{first}\n"
    assert f"{recommendation} {first} : créée (commit " in created.stderr
    text = (french_repo / "data" / "opinions" / f"{first}.yaml").read_text(encoding="utf-8")
    assert "kind: recommendation\n" in text and "themes:\n- usages\n" in text and "rapporteurs:\n- men\n" in text

    avis = words.noun("opinion", lang="fr")
    second = cpne(french_repo, "opinion", "new", "--title", "Un avis", "--kind", avis, "--theme", "usages",
                  "--rapporteur", "amf")  # fmt: skip
    assert second.returncode == 0, second.stderr
    assert f"{avis} OP-{YEAR}-002 : créé (commit " in second.stderr

    consultation = words.enum_label("opinion", "status", "consultation", lang="fr")
    moved = cpne(french_repo, "opinion", "set-status", first.lower(), consultation.upper())
    assert moved.returncode == 0, moved.stderr
    adopted = words.fold(words.enum_label("opinion", "status", "adopted", lang="fr"))  # « adopte », no accent
    done = cpne(french_repo, "opinion", "set-status", first.lower(), adopted, "--decision", "consensus")
    assert done.returncode == 0, done.stderr
    feminine = words.enum_label("opinion", "status", "adopted", "feminine", lang="fr")
    assert f"{recommendation} {first} : consultation" in done.stderr and f"adopted ({feminine})" in done.stderr
    assert "status: adopted\n" in (french_repo / "data" / "opinions" / f"{first}.yaml").read_text(encoding="utf-8")

    listed = cpne(french_repo, "opinion", "list", "--status", adopted, "--format", "tableau")
    assert listed.returncode == 0, listed.stderr
    row = next(line for line in listed.stdout.splitlines() if line.startswith(first))
    assert feminine in row  # « adoptée »: the recommendation's status agrees
    assert listed.stderr == f"1 {avis}\n"

    shown = cpne(french_repo, "partner", "show", "MEN")
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.startswith(f"{words.noun('partner', lang='fr')} men — ")

    panel = cpne(french_repo, "opinion", "show", first.lower())
    assert panel.returncode == 0, panel.stderr
    labels = [line.split("  ")[0] for line in panel.stdout.splitlines()[2:] if line and not line.startswith(" ")]
    assert "décision" in labels and "dates des étapes" in labels  # the schema's French titles name the fields
    assert not {"referral", "rounds", "decision", "dates"} & set(labels), labels
    assert "date d'adoption : " in panel.stdout


# -- prompts and yes/no ---------------------------------------------------------------------------


def _spawn(root: Path, *args: str, **env: str) -> pexpect.spawn:
    return pexpect.spawn(
        sys.executable,
        ["-m", "cpne", "--repo", str(root), *args],
        env={**_env(), "TERM": "xterm-256color", **env},
        encoding="utf-8",
        timeout=15,
        dimensions=(50, 200),
    )


def _finish(child: pexpect.spawn) -> tuple[str, int]:
    child.expect(pexpect.EOF)
    child.close()
    return child.before, child.exitstatus


def test_prompts_accept_labels_numbers_and_ids_in_any_case(french_repo: Path) -> None:
    child = _spawn(french_repo, "opinion", "new", "--summary", "Résumé.")
    try:
        child.expect_exact(" : ")  # the title
        child.sendline("Texte posé dans le terminal")
        child.expect_exact(words.enum_label("opinion", "kind", "opinion", lang="fr"))  # the labels are listed
        child.expect_exact("(numéro ou valeur) : ")
        child.sendline("ce n'est pas un type")
        child.expect_exact("« ce n'est pas un type » ne fait pas partie des choix")
        child.expect_exact("(numéro ou valeur) : ")
        child.sendline(words.noun("opinion", lang="fr").upper())
        child.expect_exact("(numéros ou valeurs, séparés par des virgules) : ")
        child.sendline("USAGES, 2")
        child.expect_exact("(numéros ou valeurs, séparés par des virgules) : ")
        child.sendline("MEN")
        rest, status = _finish(child)
    finally:
        child.terminate(force=True)
    assert status == 0, rest
    assert f"{words.noun('opinion', lang='fr')} OP-{YEAR}-001 : créé (commit " in rest
    text = (french_repo / "data" / "opinions" / f"OP-{YEAR}-001.yaml").read_text(encoding="utf-8")
    assert "kind: opinion\n" in text and "- usages\n" in text and "rapporteurs:\n- men\n" in text


def _two_step_editor(tmp_path: Path) -> str:
    """First call: an invalid kind. Second call: a valid title change."""
    counter, script = tmp_path / "calls", tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        f"counter = pathlib.Path({str(counter)!r})\n"
        "calls = int(counter.read_text()) + 1 if counter.exists() else 1\n"
        "counter.write_text(str(calls))\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "text = path.read_text(encoding='utf-8')\n"
        "text = text.replace('kind: opinion', 'kind: avis') if calls == 1 else"
        " text.replace('kind: avis', 'kind: opinion').replace('Un avis', 'Un avis corrigé')\n"
        "path.write_text(text, encoding='utf-8')\n",
        encoding="utf-8",
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def test_yes_is_oui(french_repo: Path, tmp_path: Path) -> None:
    done = cpne(french_repo, "opinion", "new", "--title", "Un avis", "--kind", "opinion", "--theme", "usages",
                "--rapporteur", "amf")  # fmt: skip
    assert done.returncode == 0, done.stderr
    child = _spawn(french_repo, "opinion", "edit", f"OP-{YEAR}-001", EDITOR=_two_step_editor(tmp_path), VISUAL="")
    try:
        child.expect_exact("La fiche n'est pas valide. La modifier à nouveau ? (non : abandonner les modifications)")
        child.expect_exact("[O/n] : ")
        child.sendline("Oui")
        rest, status = _finish(child)
    finally:
        child.terminate(force=True)
    assert status == 0, rest
    assert f"OP-{YEAR}-001 : modifié (commit " in rest
    text = (french_repo / "data" / "opinions" / f"OP-{YEAR}-001.yaml").read_text(encoding="utf-8")
    assert "title: Un avis corrigé\n" in text


@pytest.mark.usefixtures("french")
@pytest.mark.parametrize(
    ("typed", "expected"),
    [("o", True), ("OUI", True), ("y", True), ("yes", True), ("n", False), ("Non", False), ("no", False), ("", True)],
)
def test_confirm_takes_the_language_s_words_and_english_ones(
    monkeypatch: pytest.MonkeyPatch, typed: str, expected: bool
) -> None:
    answers = iter(["peut-être", typed])
    asked: list[str] = []

    def prompt(text: str, **_options: object) -> str:
        asked.append(text)
        return next(answers)

    monkeypatch.setattr(typer, "prompt", prompt)
    assert prompts.confirm("On continue ?", default=True) is expected
    assert asked == ["On continue ? [O/n] : "] * 2


# -- in process: what the command line says, in French ---------------------------------------------


@pytest.mark.usefixtures("french")
def test_choices_take_identifiers_and_labels() -> None:
    assert choices.choose("Tableau", "--format", choices.formats(("table", "json"))) == "table"
    assert choices.choose("JSON", "--format", choices.formats(("table", "json"))) == "json"
    assert choices.choose("français", "--language", choices.languages(("fr", "en"))) == "fr"
    assert choices.choose("English", "--language", choices.languages(("fr", "en"))) == "en"
    assert choices.choose(words.noun("review"), "--kind", choices.kinds(("review",))) == "review"
    with pytest.raises(UsageError) as refused:
        choices.choose("xml", "--format", choices.formats(("table", "json", "csv")))
    assert "« xml »" in refused.value.message and "table (tableau), json, csv" in refused.value.message


@pytest.mark.usefixtures("french")
def test_quotes_and_suggestions_are_french() -> None:
    assert clickwords.quoted("--kind") == "« --kind »"
    assert clickwords.did_you_mean(["list"]) == "Vouliez-vous dire « list » ?"


# -- an English register stays English --------------------------------------------------------------


def test_an_english_register_stays_english(data_repo: Path) -> None:
    done = cpne(data_repo, "--help")
    assert done.stdout.startswith("Usage: cpne [OPTIONS] COMMAND [ARGS]...\n")
    assert "\nOptions:\n" in done.stdout and "Show this message and exit." in done.stdout
    refused = cpne(data_repo, "opinion", "list", "--format", "xml")
    assert refused.returncode == 2
    assert refused.stderr == "error: --format: 'xml' is not one of: table, json, csv\n"
    created = cpne(data_repo, "opinion", "new", "--title", "A text", "--kind", "recommendation", "--theme", "usages",
                   "--rapporteur", "amf")  # fmt: skip
    assert created.returncode == 0, created.stderr
    assert f"recommendation OP-{YEAR}-001: created (commit " in created.stderr
    for text in (done.stdout, refused.stderr, created.stderr):
        assert "«" not in text and " : " not in text
