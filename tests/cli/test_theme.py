"""`cpne theme add|list|show|update|archive` on real repositories."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import tree_state
from tests.records_helpers import cpne, new_opinion, ok, record, subjects


def test_add_takes_the_next_number(data_repo: Path) -> None:
    result = ok(
        data_repo,
        *("theme", "add", "ia", "--title", "Intelligence artificielle"),
        *("--summary", "Les usages de l'IA à l'école.", "--description", "Ligne 1\nLigne 2"),
    )
    assert result.stdout == "ia\n"
    assert record(data_repo, "themes", "ia") == (
        "id: ia\nnumber: 7\ntitle: Intelligence artificielle\nsummary: Les usages de l'IA à l'école.\n"
        "description: |-\n  Ligne 1\n  Ligne 2\nstatus: active\n"
    )
    assert subjects(data_repo)[0] == "theme ia: new"


def test_add_refuses_a_number_in_use(data_repo: Path) -> None:
    before = tree_state(data_repo)
    result = cpne(data_repo, "theme", "add", "ia", "--number", "2", "--title", "IA", "--summary", "IA.")
    assert result.exit_code == 1
    assert "number 2 is used by several themes: gouvernance, ia" in result.stderr
    assert tree_state(data_repo) == before


def test_list_in_number_order_and_by_status(data_repo: Path) -> None:
    ok(data_repo, "theme", "update", "usages", "--number", "9")
    table = ok(data_repo, "theme", "list").stdout.splitlines()
    assert [line.split()[1] for line in table[2:]] == [
        "gouvernance",
        "accompagnement",
        "referentiels",
        "infrastructures",
        "filiere",
        "usages",
    ]
    ok(data_repo, "theme", "archive", "filiere")
    archived = json.loads(ok(data_repo, "theme", "list", "--status", "archived", "--format", "json").stdout)
    assert [t["id"] for t in archived] == ["filiere"]


def test_show_and_update(data_repo: Path) -> None:
    assert "Usages numériques" in ok(data_repo, "theme", "show", "usages").stdout
    ok(data_repo, "theme", "update", "usages", "--title", "Usages", "--unset", "description")
    text = record(data_repo, "themes", "usages")
    assert "title: Usages\n" in text
    assert "description" not in text
    assert subjects(data_repo)[0] == "theme usages: update"


def test_archive_keeps_references_valid(data_repo: Path) -> None:
    opinion = new_opinion(data_repo)
    result = ok(data_repo, "theme", "archive", "usages")
    assert "theme usages: updated (archive) (commit" in result.stderr
    assert "status: archived\n" in record(data_repo, "themes", "usages")
    assert cpne(data_repo, "validate", "--strict").exit_code == 0
    assert "usages (Usages" in ok(data_repo, "opinion", "show", opinion).stdout
    again = cpne(data_repo, "theme", "archive", "usages")
    assert again.exit_code == 1
    assert "already archived" in again.stderr
    ok(data_repo, "theme", "update", "usages", "--status", "active")
    assert "status: active\n" in record(data_repo, "themes", "usages")
