"""`cpne referential add|list|show|update` on real repositories."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import tree_state
from tests.records_helpers import cpne, ok, record, subjects


def test_add_with_every_field(data_repo: Path) -> None:
    result = ok(
        data_repo,
        *("referential", "add", "cadre-ia", "--acronym", "CIA", "--title", "Cadre d'usage de l'IA en éducation"),
        *("--owner", "Ministère de l'Éducation nationale", "--domain", "uses", "--domain", "training"),
        *("--url", "https://eduscol.education.fr/ia", "--version", "1.0|2025-06-01", "--notes", "Publié en 2025."),
    )
    assert result.stdout == "cadre-ia\n"
    assert record(data_repo, "referentials", "cadre-ia") == (
        "id: cadre-ia\nacronym: CIA\ntitle: Cadre d'usage de l'IA en éducation\n"
        "owner: Ministère de l'Éducation nationale\ndomains:\n- uses\n- training\n"
        "url: https://eduscol.education.fr/ia\nversions:\n- version: '1.0'\n  date: 2025-06-01\n"
        "status: active\nnotes: Publié en 2025.\n"
    )
    assert subjects(data_repo)[0] == "referential cadre-ia: new"


def test_add_refuses_an_unknown_domain(data_repo: Path) -> None:
    before = tree_state(data_repo)
    result = cpne(
        data_repo,
        *("referential", "add", "x", "--acronym", "X", "--title", "X", "--owner", "X", "--domain", "games"),
    )
    assert result.exit_code == 2
    assert "--domain: 'games' is not one of: resources, equipment, uses, training" in result.stderr
    assert tree_state(data_repo) == before


def test_list_show_update(data_repo: Path) -> None:
    everything = json.loads(ok(data_repo, "referential", "list", "--format", "json").stdout)
    assert "carmo" in [r["id"] for r in everything]
    training = json.loads(ok(data_repo, "referential", "list", "--domain", "training", "--format", "json").stdout)
    assert all("training" in r["domains"] for r in training)
    assert training
    table = ok(data_repo, "referential", "list").stdout.splitlines()
    assert table[0].split() == ["id", "acronym", "title", "status", "latest", "version"]
    carmo = next(line for line in table if line.startswith("carmo "))
    assert carmo.rstrip().endswith("3.0")
    assert "CARMO" in ok(data_repo, "referential", "show", "carmo").stdout
    ok(data_repo, "referential", "update", "carmo", "--add-version", "4.0|2024-01-01")
    assert "- version: '3.0'\n- version: '4.0'\n  date: 2024-01-01\n" in record(data_repo, "referentials", "carmo")
    assert subjects(data_repo)[0] == "referential carmo: update"


def test_superseded_needs_a_successor(data_repo: Path) -> None:
    before = tree_state(data_repo)
    result = cpne(data_repo, "referential", "update", "carmo", "--status", "superseded")
    assert result.exit_code == 1
    assert "a superseded referential needs superseded_by" in result.stderr
    unknown = cpne(data_repo, "referential", "update", "carmo", "--status", "superseded", "--superseded-by", "nope")
    assert unknown.exit_code == 1
    assert "unknown referential 'nope'" in unknown.stderr
    assert tree_state(data_repo) == before
    ok(data_repo, "referential", "update", "carmo", "--status", "superseded", "--superseded-by", "sdet")
    superseded = json.loads(ok(data_repo, "referential", "list", "--status", "superseded", "--format", "json").stdout)
    assert [r["id"] for r in superseded] == ["carmo"]
