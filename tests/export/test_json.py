"""`cpne export json`: every record, schema_version, the source commit; valid against schemas/export.schema.json."""

from __future__ import annotations

import copy
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from cpne.export.schema import REGENERATE, dumps, export_schema
from cpne.kinds import KINDS
from tests.conftest import git, run_cli
from tests.export.conftest import FIXTURE, GOLDEN

PROJECT = Path(__file__).resolve().parents[2]
EXPORT_SCHEMA = PROJECT / "schemas" / "export.schema.json"


def load_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads(EXPORT_SCHEMA.read_text(encoding="utf-8"))
    return schema


def validator() -> Draft202012Validator:
    schema = load_schema()
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def export_json(repo: Path, *args: str) -> dict[str, Any]:
    result = run_cli("--repo", repo, "export", "json", *args)
    assert result.exit_code == 0, result.stderr
    doc: dict[str, Any] = json.loads(result.stdout)
    return doc


def test_golden_json_is_valid_against_the_export_schema() -> None:
    doc = json.loads((GOLDEN / "export.json").read_text(encoding="utf-8"))
    assert sorted(e.message for e in validator().iter_errors(doc)) == []


@pytest.mark.parametrize("personal", [False, True])
def test_json_export_is_valid_against_the_export_schema(fixture_repo: Path, personal: bool) -> None:
    doc = export_json(fixture_repo, *(["--include-personal-data"] if personal else []), "--date", "2025-07-01")
    assert sorted(e.message for e in validator().iter_errors(doc)) == []
    assert doc["schema_version"] == 1
    assert doc["date"] == "2025-07-01"
    assert doc["personal_data"] is personal
    counts = {name: len(list((fixture_repo / "data" / name).glob("*.yaml"))) for name in ("partners", "opinions")}
    assert len(doc["partners"]) == counts["partners"]
    assert len(doc["opinions"]) == counts["opinions"]
    assert [o["id"] for o in doc["opinions"]] == sorted(o["id"] for o in doc["opinions"])


def test_the_schema_refuses_what_is_not_an_export() -> None:
    doc = json.loads((GOLDEN / "export.json").read_text(encoding="utf-8"))
    broken = copy.deepcopy(doc)
    broken["opinions"][0]["status"] = "lost"
    del broken["schema_version"]
    broken["partners"][0]["representatives"][0]["email"] = "x@example.org"
    messages = " ".join(e.message for e in validator().iter_errors(broken))
    assert "'lost' is not one of" in messages
    assert "'schema_version' is a required property" in messages
    assert "'email' was unexpected" in messages


def test_the_committed_export_schema_is_the_generated_one() -> None:
    generated = dumps(export_schema())
    assert EXPORT_SCHEMA.read_text(encoding="utf-8") == generated, (
        f"schemas/export.schema.json is not what the kinds' schemas give: regenerate it with `{REGENERATE}`"
    )


def test_the_export_schema_embeds_the_kind_schemas() -> None:
    """The records of the export are the records of the kinds: $defs are the kinds' schemas.

    Each one with ``$id`` .../schemas/export/<kind>.schema.json and no ``$schema``, and what an
    export without personal data leaves out (a representative's ``name``) optional.
    """
    defs = load_schema()["$defs"]
    assert list(defs) == list(KINDS)
    assert list(load_schema()["properties"])[-len(KINDS) :] == [kind.section for kind in KINDS.values()]
    for kind in KINDS:
        expected = json.loads((PROJECT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
        del expected["$schema"]
        expected["$id"] = f"https://cpne.example/schemas/export/{kind}.schema.json"
        embedded = copy.deepcopy(defs[kind])
        if kind == "partner":
            rep = embedded["$defs"]["representative"]
            assert rep.pop("required") == ["role"]
            assert expected["$defs"]["representative"].pop("required") == ["name", "role"]
            own = expected["$defs"]["representative"].pop("description")
            assert rep.pop("description") == (
                f"{own} Le champ « name » (donnée personnelle) ne figure que dans un export fait avec"
                " --include-personal-data."
            )
        assert embedded == expected, f"schemas/export.schema.json's $defs.{kind} differs from {kind}.schema.json"


def test_personal_data_is_left_out_unless_asked(fixture_repo: Path) -> None:
    without = export_json(fixture_repo)
    amf = next(p for p in without["partners"] if p["id"] == "amf")
    assert amf["representatives"][0] == {"role": "Maire, présidente de la commission éducation", "since": "2020-09-01"}
    assert "Claire Dupont" not in json.dumps(without, ensure_ascii=False)
    with_names = export_json(fixture_repo, "--include-personal-data")
    amf = next(p for p in with_names["partners"] if p["id"] == "amf")
    assert amf["representatives"][0]["name"] == "Claire Dupont"


def test_records_keep_their_content_and_schema_order(fixture_repo: Path) -> None:
    doc = export_json(fixture_repo)
    opinion = next(o for o in doc["opinions"] if o["id"] == "OP-2025-001")
    assert opinion["title"].startswith("Avis | « {{ 7*7 }} »")
    assert list(opinion)[:4] == ["id", "kind", "title", "status"]
    assert opinion["dates"] == {"created": "2025-01-10", "consultation": "2025-02-01"}


def test_source_is_the_head_commit_and_says_when_the_register_has_changed(fixture_repo: Path) -> None:
    head = git(fixture_repo, "rev-parse", "HEAD").strip()
    assert export_json(fixture_repo)["source"] == {"commit": head, "uncommitted_changes": False}
    (fixture_repo / "notes.txt").write_text("not part of the register\n", encoding="utf-8")
    assert export_json(fixture_repo)["source"]["uncommitted_changes"] is False
    theme = fixture_repo / "data" / "themes" / "usages.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("observe", "suit"), encoding="utf-8")
    assert export_json(fixture_repo)["source"] == {"commit": head, "uncommitted_changes": True}
    git(fixture_repo, "checkout", "--", "data/themes/usages.yaml")
    shutil.copy(theme, fixture_repo / "data" / "themes" / "copie.yaml")
    assert export_json(fixture_repo)["source"]["uncommitted_changes"] is True


def test_source_is_null_outside_git(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    shutil.copytree(FIXTURE, plain)
    doc = export_json(plain)
    assert doc["source"] == {"commit": None, "uncommitted_changes": None}
    assert sorted(e.message for e in validator().iter_errors(doc)) == []


def test_json_check_and_output(fixture_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "export.json"
    assert run_cli("--repo", fixture_repo, "export", "json", "-o", target).exit_code == 0
    assert run_cli("--repo", fixture_repo, "export", "json", "--check", target).exit_code == 0
    assert target.read_text(encoding="utf-8").endswith("}\n")
