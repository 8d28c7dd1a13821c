"""The core's messages in French (the catalog's words, gender and number agreeing) and ids typed in any case.

In-process: the use cases of cpne.ops are called directly, the process's language set to
French for the French tests (and put back to English, the suite's language, after them).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from cpne.errors import GitError, InvalidRecord, LockedError, RecordError, UsageError
from cpne.git import GitRepo
from cpne.kinds import KINDS
from cpne.ops import records
from cpne.ops.edit import EditSession
from cpne.ops.history import history
from cpne.ops.lock import RepoLock, describe_age
from cpne.ops.query import check_filters
from cpne.ops.renumber import renumber
from cpne.ops.workspace import Outcome, Workspace, WriteOptions
from cpne.records.loader import LoadError, decode, parse_text
from cpne.repo import DataRepo
from tests.conftest import git, tree_state

OPINION, PARTNER, THEME = KINDS["opinion"], KINDS["partner"], KINDS["theme"]
OPTIONS = WriteOptions()


def _ws(root: Path) -> Workspace:
    return Workspace(DataRepo(root.resolve()))


def _new_text(ws: Workspace, kind: str = "opinion", **extra: Any) -> Outcome:
    values = {"title": "Avis sur les ENT", "kind": kind, "themes": ["usages"], "rapporteurs": ["amf"], **extra}
    return records.create(ws, OPINION, values, OPTIONS)


# -- French ---------------------------------------------------------------------------------


@pytest.mark.usefixtures("french")
def test_summaries_agree_with_the_texts_noun(data_repo: Path) -> None:
    ws = _ws(data_repo)
    recommendation = _new_text(ws, "recommendation")
    assert recommendation.subject == f"recommandation {recommendation.record_id} : créée"
    opinion = _new_text(ws)
    assert opinion.subject == f"avis {opinion.record_id} : créé"
    rid = recommendation.record_id
    moved = records.set_status(ws, OPINION, rid, "consultation", OPTIONS)
    assert moved.subject.startswith(f"recommandation {rid} : draft (") and " -> consultation" in moved.subject
    adopted = records.set_status(ws, OPINION, rid, "adopted", OPTIONS, values={"decision": "consensus"})
    assert adopted.subject.endswith(" -> adopted (adoptée)")  # the label agrees with « recommandation »
    updated = records.update(ws, OPINION, opinion.record_id, {"title": "Avis révisé"}, OPTIONS)
    assert updated.subject == f"avis {opinion.record_id} : mis à jour"
    retired = records.shortcut(ws, PARTNER, "amf", PARTNER.shortcuts[0], OPTIONS, on="2026-01-31")
    assert retired.subject == "partenaire amf : mis à jour (retire)"
    # what git records stays the same in every language
    assert git(data_repo, "log", "-1", "--format=%s").strip() == "partner amf: retire"


@pytest.mark.usefixtures("french")
def test_an_unknown_id_is_said_in_french_with_a_suggestion(data_repo: Path) -> None:
    ws = _ws(data_repo)
    rid = _new_text(ws).record_id
    missing = rid[:-1] + "9"
    with pytest.raises(RecordError) as caught:
        ws.read(OPINION, missing.lower())
    assert caught.value.message == f"aucun avis « {missing} » (data/opinions/{missing}.yaml n'existe pas)"
    assert caught.value.hint == f"vouliez-vous dire « {rid} » ?"
    with pytest.raises(UsageError, match=r"^« OP-26-1 » n'est pas un identifiant valide \(type de fiche : avis ;"):
        ws.read(OPINION, "OP-26-1")


@pytest.mark.usefixtures("french")
def test_a_held_lock_names_its_holder_in_french(tmp_path: Path) -> None:
    with RepoLock(tmp_path, "cpne opinion new"), pytest.raises(LockedError) as caught:
        RepoLock(tmp_path, "cpne opinion update").acquire()
    assert re.fullmatch(
        r"le dépôt est verrouillé par le processus cpne \d+ de .+ sur .+, qui exécute `cpne opinion new` depuis \S+ "
        r"\(verrou pris il y a \d+ s\)",
        caught.value.message,
    ), caught.value.message
    assert caught.value.hint == "réessayez quand il aura fini"
    assert [describe_age(s) for s in (42, 7500, 86400, 3 * 86400)] == ["42 s", "2 h 5 min", "1 jour", "3 jours"]


@pytest.mark.usefixtures("french")
def test_an_invalid_record_is_refused_in_french_and_nothing_changes(data_repo: Path) -> None:
    ws = _ws(data_repo)
    before = tree_state(data_repo)
    with pytest.raises(InvalidRecord) as caught:
        records.update(ws, THEME, "USAGES", {"number": 0}, OPTIONS)
    assert caught.value.message == "thème usages : la fiche ne serait pas valide ; rien n'a été écrit"
    assert tree_state(data_repo) == before


@pytest.mark.usefixtures("french")
def test_refusals_in_french_name_options_and_statuses_as_typed(data_repo: Path) -> None:
    ws = _ws(data_repo)
    with pytest.raises(records.MissingValues) as missing:
        records.create(ws, OPINION, {"title": "Sans thème"}, OPTIONS)
    assert missing.value.message == "options manquantes pour créer un avis : --kind, --theme, --rapporteur"
    assert missing.value.hint == "donnez-les sur la ligne de commande"
    rid = _new_text(ws).record_id
    with pytest.raises(UsageError) as needs:
        records.set_status(ws, OPINION, rid, "retiré", OPTIONS)
    assert needs.value.message.startswith("le statut withdrawn (retiré) demande --reason (")
    with pytest.raises(UsageError) as unknown:
        records.set_status(ws, OPINION, rid, "approuvé", OPTIONS)
    assert unknown.value.message.startswith("« approuvé » n'est pas un statut connu (statuts : draft (")
    assert "withdrawn (retiré)" in unknown.value.message
    with pytest.raises(UsageError, match=r"^rien à mettre à jour : donnez au moins une option"):
        records.update(ws, OPINION, rid, {}, OPTIONS)


@pytest.mark.usefixtures("french")
def test_list_filters_take_labels_and_refuse_in_french() -> None:
    chosen = check_filters(OPINION, {"status": ["adopté", "EN PREPARATION"], "kind": "Recommandation"})
    assert chosen == {"status": ["adopted", "draft"], "kind": "recommendation"}
    assert check_filters(OPINION, {"themes": "USAGES", "rapporteurs": "AMF"}) == {
        "themes": "usages",
        "rapporteurs": "amf",
    }
    with pytest.raises(UsageError) as caught:
        check_filters(OPINION, {"status": ["approuvé"]})
    assert caught.value.message.startswith("--status : « approuvé » ne fait pas partie des valeurs possibles : draft (")
    assert "withdrawn (retiré)" in caught.value.message


@pytest.mark.usefixtures("french")
def test_file_and_git_problems_in_french(tmp_path: Path) -> None:
    with pytest.raises(LoadError) as duplicate:
        parse_text("id: a\nid: b\n")
    assert duplicate.value.message == "champ « id » en double"
    with pytest.raises(LoadError) as large:
        decode(b"x" * (1024 * 1024 + 1))
    assert large.value.message == "le fichier fait 1 048 577 octets ; une fiche fait au plus 1 048 576 octets (1 Mio)"
    with pytest.raises(LoadError) as not_mapping:
        parse_text("- a\n")
    assert not_mapping.value.message == "le premier niveau doit être un dictionnaire de champs, pas une liste"
    with pytest.raises(GitError) as outside:
        GitRepo.open(tmp_path)
    assert outside.value.message == f"{tmp_path} n'est dans aucun arbre de travail git"


def test_the_same_messages_in_english(data_repo: Path) -> None:
    ws = _ws(data_repo)
    recommendation = _new_text(ws, "recommendation")
    assert recommendation.subject == f"recommendation {recommendation.record_id}: created"
    with pytest.raises(RecordError, match=r"^no opinion 'OP-2026-009' \(data/opinions/OP-2026-009.yaml does not exist"):
        ws.read(OPINION, "op-2026-009")
    with pytest.raises(records.MissingValues, match=r"^missing option for a new partner: ID$"):
        records.create(ws, PARTNER, {}, OPTIONS)
    assert describe_age(86400) == "1 day"


# -- ids typed in any case -----------------------------------------------------------------


def test_ops_find_a_record_whatever_the_case_of_its_id(data_repo: Path) -> None:
    ws = _ws(data_repo)
    rid = _new_text(ws, themes=["USAGES"], rapporteurs=["AMF"]).record_id
    path = data_repo / "data" / "opinions" / f"{rid}.yaml"
    assert "- usages\n" in path.read_text(encoding="utf-8") and "- amf\n" in path.read_text(encoding="utf-8")
    typed = rid.lower()
    assert ws.read(OPINION, typed).record_id == rid
    updated = records.update(ws, OPINION, typed, {"title": "Avis révisé"}, OPTIONS)
    assert updated.record_id == rid and f"id: {rid}\n" in path.read_text(encoding="utf-8")
    moved = records.set_status(ws, OPINION, typed, "en consultation", OPTIONS)  # a label, too
    assert moved.record_id == rid and "status: consultation\n" in path.read_text(encoding="utf-8")
    assert git(data_repo, "log", "-1", "--format=%s").strip() == f"opinion {rid}: draft -> consultation"
    assert len(history(ws, OPINION, typed)) == 3
    session = EditSession(ws, OPINION, typed)
    try:
        assert session.record_id == rid and session.file.name == f"{rid}.yaml"
    finally:
        session.close()
    retired = records.shortcut(ws, PARTNER, "AMF", PARTNER.shortcuts[0], OPTIONS, on="2026-01-31")
    assert retired.record_id == "amf"
    assert "left: 2026-01-31\n" in (data_repo / "data" / "partners" / "amf.yaml").read_text(encoding="utf-8")


def test_a_new_record_and_a_renumbered_one_get_the_canonical_id(data_repo: Path) -> None:
    ws = _ws(data_repo)
    made = records.create(
        ws, THEME, {"title": "Sobriété", "summary": "Le numérique sobre."}, OPTIONS, record_id="SOBRIETE"
    )
    assert made.record_id == "sobriete" and (data_repo / "data" / "themes" / "sobriete.yaml").is_file()
    rid = _new_text(ws).record_id
    outcome = renumber(ws, rid.lower(), rid[:-3].lower() + "042", OPTIONS)
    assert (outcome.old_id, outcome.new_id) == (rid, rid[:-3] + "042")
    assert (data_repo / "data" / "opinions" / f"{outcome.new_id}.yaml").is_file()
    by_noun = renumber(ws, "SOBRIETE", "sobre", OPTIONS, kind_name="Thème")
    assert by_noun.kind is THEME and by_noun.new_id == "sobre"
