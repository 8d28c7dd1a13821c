"""`cpne validate` speaks the register's language: French with `language: fr`, English with `language: en`.

The codes (``schema``, ``unknown-ref``…) stay identifiers; the messages, the summary's counts
(« 1 erreur », « 2 erreurs », « aucune erreur ») and the GitHub annotations' text are translated.
The command runs in a process of its own, as a secretary runs it (the language is chosen there).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from cpne import i18n
from cpne.repo import DataRepo
from cpne.validation import cache as result_cache
from cpne.validation.cross import CrossIndex, _unknown
from cpne.validation.runner import Report, validate
from cpne.validation.schemas import digest_of
from tests.conftest import git
from tests.factories import adopted_opinion, opinion, write_record


def cpne(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CPNE_I18N_MARK"}
    return subprocess.run(
        [sys.executable, "-m", "cpne", "--repo", str(root), *args],
        env=env,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )


def messages(done: subprocess.CompletedProcess[str]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(p["path"], p["pointer"]): p for p in json.loads(done.stdout)}


OP = "data/opinions/OP-2026-001.yaml"
OP2 = "data/opinions/OP-2026-002.yaml"


def test_a_valid_french_register_has_no_error(french_repo: Path) -> None:
    done = cpne(french_repo, "validate")
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().endswith(": aucune erreur, aucun avertissement")
    assert "fichiers vérifiés : aucune erreur" in done.stderr


def test_schema_and_reference_errors_are_french_with_stable_codes(french_repo: Path) -> None:
    write_record(french_repo, "opinion", opinion(kind="avis", status="fini", themes=["usages", "Mauvais Thème"]))
    write_record(french_repo, "opinion", opinion(id="OP-2026-002", rapporteurs=["amf", "xyz"]))
    record = opinion(id="OP-2026-003")
    del record["title"]
    write_record(french_repo, "opinion", record)
    done = cpne(french_repo, "validate", "--format", "json")
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    found = messages(done)
    kind = found[(OP, "/kind")]
    assert kind["code"] == "schema"
    assert kind["message"] == "« kind » s'écrit « opinion », pas « avis » : les fiches gardent l'identifiant"
    status = found[(OP, "/status")]["message"]
    assert status.startswith("« status » doit valoir l'une de ces valeurs : draft (en préparation), consultation")
    assert "adopted (adopté)" in status and "withdrawn (retiré)" in status
    assert status.endswith("(trouvé : du texte (« fini »))")
    theme = found[(OP, "/themes/1")]["message"]
    assert theme.startswith("l'élément 2 de « themes » : « Mauvais Thème » n'est pas un identifiant fait de minuscules")
    missing = found[("data/opinions/OP-2026-003.yaml", "")]
    assert (missing["code"], missing["message"]) == ("schema", "champ obligatoire « title » absent")
    reference = found[(OP2, "/rapporteurs/1")]
    assert reference["code"] == "unknown-ref"
    assert reference["message"].startswith("partenaire inconnu « xyz »")
    assert done.stderr.strip().endswith("fichiers vérifiés : 5 erreurs, aucun avertissement")


def test_one_error_is_singular_in_french(french_repo: Path) -> None:
    write_record(french_repo, "opinion", opinion(themes=["usage"]))
    done = cpne(french_repo, "validate")
    assert done.returncode == 1
    assert f"{OP}:" in done.stdout
    assert "unknown-ref thème inconnu « usage » (vouliez-vous dire « usages » ?)" in done.stdout
    assert done.stderr.strip().endswith(": 1 erreur, aucun avertissement")


def test_warnings_and_github_annotations_are_french(french_repo: Path) -> None:
    path = write_record(french_repo, "opinion", opinion())
    path.write_text(path.read_text(encoding="utf-8").replace("id: OP-2026-001", "id:   OP-2026-001"), "utf-8")
    (french_repo / "data/notes.txt").write_text("x", encoding="utf-8")
    done = cpne(french_repo, "validate")
    assert done.returncode == 0
    assert "non-canonical (avertissement) fiche hors de la forme canonique ; lancez `cpne fmt`" in done.stdout
    assert done.stderr.strip().endswith("aucune erreur, 2 avertissements")
    github = cpne(french_repo, "validate", "--format", "github")
    line = next(line for line in github.stdout.splitlines() if "non-canonical" in line)
    assert line.startswith(f"::warning file={OP},line=1,col=1,title=non-canonical::fiche hors de la forme canonique")


def test_a_skipped_step_and_a_deleted_partner_are_french(french_repo: Path) -> None:
    """``--base``: the statuses' labels agree with the text (a recommendation is « publiée »)."""
    write_record(french_repo, "opinion", opinion(kind="recommendation"))
    git(french_repo, "add", "-A")
    git(french_repo, "commit", "-q", "-m", "brouillon")
    git(french_repo, "switch", "-q", "-c", "pr")
    published = adopted_opinion(kind="recommendation", status="published")
    published["dates"] = {**published["dates"], "published": "2026-04-01"}
    write_record(french_repo, "opinion", published)
    git(french_repo, "rm", "-q", "data/partners/adf.yaml")
    git(french_repo, "commit", "-q", "-am", "publiée à la main")
    done = cpne(french_repo, "validate", "--base", "main", "--format", "json")
    assert done.returncode == 1, done.stderr
    found = messages(done)
    transition = found[(OP, "/status")]
    assert transition["code"] == "transition"
    assert transition["message"] == (
        "statut passé de « draft » (en préparation) à « published » (publiée) depuis main, en sautant des étapes"
        " du cycle de vie ; le cycle de vie passe par draft -> consultation -> adopted -> published"
    )
    deleted = found[(OP, "/rapporteurs/1")]
    assert (deleted["code"], deleted["message"]) == ("deleted-ref", "partenaire inconnu « adf » : supprimé depuis main")
    assert done.stderr.strip().endswith("1 fichier vérifié : 3 erreurs, aucun avertissement")
    nowhere = cpne(french_repo, "validate", "--base", "nulle-part")
    assert nowhere.returncode != 0
    assert "--base nulle-part : aucun commit, aucune branche ni aucune étiquette de ce nom dans ce dépôt" in (
        nowhere.stderr
    )


def test_an_english_register_stays_english(data_repo: Path) -> None:
    write_record(data_repo, "opinion", opinion(kind="Opinion"))
    write_record(data_repo, "opinion", opinion(id="OP-2026-002", kind="avis", themes=["usage"]))
    done = cpne(data_repo, "validate")
    assert done.returncode == 1
    assert "schema 'kind' is written 'opinion', not 'Opinion': files keep the identifier" in done.stdout
    assert "schema 'kind' must be one of: opinion, recommendation, contribution (found text ('avis'))" in done.stdout
    write_record(data_repo, "opinion", opinion(id="OP-2026-003", themes=["usage"]))
    assert "unknown-ref unknown theme 'usage' (did you mean 'usages'?)" in cpne(data_repo, "validate").stdout
    assert done.stderr.strip().endswith("files checked: 2 errors, 0 warnings")


def test_the_summary_counts_as_french_does(french: None) -> None:
    assert Report([], 1).summary() == "1 fichier vérifié : aucune erreur, aucun avertissement"
    report = Report([], 25)
    report.problems = [_problem("error")] * 2 + [_problem("warning")]
    assert report.summary() == "25 fichiers vérifiés : 2 erreurs, 1 avertissement"
    report.problems = [_problem("error")]
    assert report.summary() == "25 fichiers vérifiés : 1 erreur, aucun avertissement"


def _problem(severity: str) -> Any:
    from cpne.validation.problems import Problem

    return Problem("data/x.yaml", 1, 1, "schema", "x", severity)


def test_unknown_references_agree_with_their_noun(french: None) -> None:
    register = CrossIndex(ids={"theme": {"usages"}, "recommendation": set()})
    assert _unknown("usage", ("theme",), register) == (
        "unknown-ref",
        "thème inconnu « usage » (vouliez-vous dire « usages » ?)",
    )
    assert _unknown("x", ("recommendation",), register) == (
        "unknown-ref",
        "recommandation inconnue « x » (il n'en existe encore aucune)",
    )
    deleted = CrossIndex(ids={"theme": set()}, deleted={"usages": "main"})
    assert _unknown("usages", ("theme",), deleted) == ("deleted-ref", "thème inconnu « usages » : supprimé depuis main")


def test_cached_results_are_kept_per_language(data_repo: Path) -> None:
    """The cache stores messages: a French run never shows an English one, nor the reverse."""
    write_record(data_repo, "opinion", opinion(title=""))
    git(data_repo, "add", "-A")
    repo = DataRepo(data_repo)

    def title_message() -> str:
        report = validate(repo, cache=True, workers=1)
        return next(p.message for p in report.problems if p.pointer == "/title")

    assert title_message() == "'title' must not be empty"
    i18n.use("fr")
    try:
        assert title_message() == "« title » ne doit pas être vide"
        assert title_message() == "« title » ne doit pas être vide"  # from the cache, in French
        french_key = result_cache.ResultCache.open(data_repo, digest_of({})).key  # type: ignore[union-attr]
    finally:
        i18n.use("en")
    assert title_message() == "'title' must not be empty"
    english_key = result_cache.ResultCache.open(data_repo, digest_of({})).key  # type: ignore[union-attr]
    assert french_key != english_key


def test_worker_processes_speak_the_language_of_the_run(
    data_repo: Path, monkeypatch: pytest.MonkeyPatch, french: None
) -> None:
    """Workers are told the language (a spawned one would otherwise start in French whatever the run's)."""
    from cpne.records import bulk

    write_record(data_repo, "opinion", opinion(title=""))
    monkeypatch.setattr(bulk, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(bulk, "POOL_BATCH", 3)
    report = validate(DataRepo(data_repo), cache=False, workers=2)
    assert [p.message for p in report.problems] == ["« title » ne doit pas être vide"]
