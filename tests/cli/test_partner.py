"""`cpne partner add|list|show|update|retire` on real repositories."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from cpne.words import enum_label
from tests.conftest import tree_state
from tests.records_helpers import cpne, last_commit_files, new_opinion, ok, record, subjects

TODAY = date.today().isoformat()


def test_add_with_every_field(data_repo: Path) -> None:
    result = ok(
        data_repo,
        "partner",
        "add",
        "anct",
        "--acronym",
        "ANCT",
        "--name",
        "Agence nationale de la cohésion des territoires",
        "--category",
        "public-institution",
        "--membership",
        "associated",
        "--joined",
        "2021-03-01",
        "--website",
        "https://agence-cohesion-territoires.gouv.fr",
        "--former-name",
        "Commissariat général à l'égalité des territoires|2019-12-31",
        "--representative",
        "Jeanne Dupont|déléguée au numérique|2021-03-01",
        "--representative",
        "Paul Martin|suppléant",
        "--notes",
        "Associée depuis 2021.",
    )
    assert result.stdout == "anct\n"
    assert record(data_repo, "partners", "anct") == (
        "id: anct\n"
        "acronym: ANCT\n"
        "name: Agence nationale de la cohésion des territoires\n"
        "category: public-institution\n"
        "membership: associated\n"
        "joined: 2021-03-01\n"
        "website: https://agence-cohesion-territoires.gouv.fr\n"
        "former_names:\n- name: Commissariat général à l'égalité des territoires\n  until: 2019-12-31\n"
        "representatives:\n"
        "- name: Jeanne Dupont\n  role: déléguée au numérique\n  since: 2021-03-01\n"
        "- name: Paul Martin\n  role: suppléant\n"
        "notes: Associée depuis 2021.\n"
    )
    assert subjects(data_repo)[0] == "partner anct: new"
    assert last_commit_files(data_repo) == ["data/partners/anct.yaml"]
    assert cpne(data_repo, "validate", "--strict").exit_code == 0


def test_add_refusals_leave_the_repository_as_it_was(data_repo: Path) -> None:
    before = tree_state(data_repo)
    base = ["--acronym", "X", "--name", "X", "--category", "other", "--joined", "2021-01-01"]
    missing = cpne(data_repo, "partner", "add", "x", "--acronym", "X")
    assert missing.exit_code == 2
    assert "--name, --category, --membership, --joined" in missing.stderr
    no_id = cpne(data_repo, "partner", "add", *base, "--membership", "associated")
    assert no_id.exit_code == 2
    assert "missing option for a new partner: ID" in no_id.stderr
    exists = cpne(data_repo, "partner", "add", "amf", *base, "--membership", "associated")
    assert exists.exit_code == 1
    assert "partner 'amf' already exists" in exists.stderr
    signatory = cpne(data_repo, "partner", "add", "x", *base, "--membership", "signatory")
    assert signatory.exit_code == 2
    assert "--signed-as" in signatory.stderr
    bad_id = cpne(data_repo, "partner", "add", "../../etc/passwd", *base, "--membership", "associated")
    assert bad_id.exit_code == 2
    assert "'../../etc/passwd' is not a valid partner id" in bad_id.stderr
    bad_category = cpne(data_repo, "partner", "add", "x", *base[:4], "--category", "club", "--membership", "associated")
    assert bad_category.exit_code == 2
    bad_rep = cpne(data_repo, "partner", "add", "x", *base, "--membership", "associated", "--representative", "Seul")
    assert bad_rep.exit_code == 2
    assert "'Seul' is not of the form 'NAME|ROLE[|SINCE[|UNTIL]]'" in bad_rep.stderr
    bad_url = cpne(data_repo, "partner", "add", "x", *base, "--membership", "associated", "--website", "www.x.fr")
    assert bad_url.exit_code == 1
    assert "web address" in bad_url.stderr
    assert tree_state(data_repo) == before


def test_list_filters(data_repo: Path) -> None:
    ok(
        data_repo,
        *("partner", "add", "anct", "--acronym", "ANCT", "--name", "Agence", "--category", "public-institution"),
        *("--membership", "associated", "--joined", "2021-03-01"),
    )
    ok(data_repo, "partner", "retire", "avi", "--date", "2020-06-30")

    def ids(*args: str) -> list[str]:
        return [r["id"] for r in json.loads(ok(data_repo, "partner", "list", "--format", "json", *args).stdout)]

    assert len(ids()) == 12
    assert ids("--membership", "associated") == ["anct"]
    assert ids("--former") == ["avi"]
    assert "avi" not in ids("--current") and "anct" in ids("--current")
    assert ids("--category", "ministry") == ["mein", "men"]
    table = ok(data_repo, "partner", "list", "--membership", "associated").stdout.splitlines()
    assert table[0].split() == ["id", "acronym", "name", "membership", "joined", "left"]
    assert table[2].split()[:3] == ["anct", "ANCT", "Agence"]
    assert " ".join(table[2].split()[3:]) == f"{enum_label('partner', 'membership', 'associated')} 2021-03-01"


def test_show(data_repo: Path) -> None:
    panel = ok(data_repo, "partner", "show", "amf").stdout
    assert panel.startswith("partner amf — Association des maires de France")
    assert "name under which it signed the convention" in panel
    assert json.loads(ok(data_repo, "partner", "show", "amf", "--format", "json").stdout)["acronym"] == "AMF"


def test_update_and_add_representative(data_repo: Path) -> None:
    ok(data_repo, "partner", "update", "amf", "--add-representative", "Jean Dupont|élu référent|2024-01-01")
    ok(data_repo, "partner", "update", "amf", "--add-representative", "Marie Curie|suppléante")
    text = record(data_repo, "partners", "amf")
    assert (
        "representatives:\n- name: Jean Dupont\n  role: élu référent\n  since: 2024-01-01\n"
        "- name: Marie Curie\n  role: suppléante\n" in text
    )
    ok(data_repo, "partner", "update", "amf", "--unset", "website", "--acronym", "AMF-PI")
    text = record(data_repo, "partners", "amf")
    assert "website" not in text
    assert "acronym: AMF-PI\n" in text
    assert subjects(data_repo)[0] == "partner amf: update"


def test_retire_sets_left_and_keeps_old_references_valid(data_repo: Path) -> None:
    opinion = new_opinion(data_repo, "--date", "2016-03-01")
    ok(data_repo, "opinion", "set-status", opinion, "consultation", "--date", "2016-04-01")
    ok(
        data_repo,
        *("opinion", "set-status", opinion, "adopted", "--date", "2016-05-01"),
        *("--decision", "vote", "--position", "amf|for", "--position", "men|for"),
    )
    result = ok(data_repo, "partner", "retire", "amf", "--date", "2020-12-31")
    assert "partner amf: updated (retire) (commit" in result.stderr
    assert "left: 2020-12-31\n" in record(data_repo, "partners", "amf")
    assert subjects(data_repo)[0] == "partner amf: retire"
    assert cpne(data_repo, "validate", "--strict").exit_code == 0
    assert "amf (AMF)" in ok(data_repo, "opinion", "show", opinion).stdout
    again = cpne(data_repo, "partner", "retire", "amf")
    assert again.exit_code == 1
    assert "already left on 2020-12-31" in again.stderr


def test_retire_before_a_position_it_took_is_refused(data_repo: Path) -> None:
    opinion = new_opinion(data_repo, "--date", "2016-03-01")
    ok(data_repo, "opinion", "set-status", opinion, "consultation", "--date", "2016-04-01")
    ok(
        data_repo,
        *("opinion", "set-status", opinion, "adopted", "--date", "2016-05-01"),
        *("--decision", "vote", "--position", "amf|for"),
    )
    before = tree_state(data_repo)
    result = cpne(data_repo, "partner", "retire", "amf", "--date", "2016-01-01")
    assert result.exit_code == 1
    assert (
        f"took a position in opinions adopted when it would not be a member (from 2015-10-01 to 2016-01-01): {opinion}"
        in result.stderr
    )
    late_join = cpne(data_repo, "partner", "update", "amf", "--joined", "2017-01-01")
    assert late_join.exit_code == 1
    assert f"(from 2017-01-01): {opinion}" in late_join.stderr
    assert tree_state(data_repo) == before
    ok(data_repo, "partner", "update", "amf", "--left", "2016-05-01")  # the adoption day itself is fine


def test_retire_today_by_default(data_repo: Path) -> None:
    ok(data_repo, "partner", "retire", "rfve")
    assert f"left: {TODAY}\n" in record(data_repo, "partners", "rfve")
