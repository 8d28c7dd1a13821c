"""Each missing required field is reported once (a theme missing three fields: three errors, not nine)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cpne.kinds import KINDS
from cpne.validation.schemas import KindSchema
from tests.conftest import run_cli

CASES: list[tuple[str, str, str, list[str]]] = [
    ("theme", "data/themes/usages.yaml", "id: usages\nnumber: 1\n", ["title", "summary", "status"]),
    ("partner", "data/partners/amf.yaml", "id: amf\n", ["acronym", "name", "category", "membership", "joined"]),
    (
        "opinion",
        "data/opinions/OP-2026-001.yaml",
        "id: OP-2026-001\nkind: opinion\n",
        ["title", "status", "themes", "rapporteurs", "referral", "dates"],
    ),
]


@pytest.mark.parametrize(("kind", "relpath", "text", "missing"), CASES, ids=[c[0] for c in CASES])
def test_each_missing_field_is_one_error(
    data_repo: Path, kind: str, relpath: str, text: str, missing: list[str]
) -> None:
    (data_repo / relpath).write_text(text, encoding="utf-8")
    result = run_cli("--repo", data_repo, "validate", "--format", "json", str(data_repo / relpath))
    assert result.exit_code == 1
    problems: list[dict[str, Any]] = json.loads(result.stdout)
    schema = [p["message"] for p in problems if p["code"] == "schema"]
    assert schema == sorted(f"missing required field '{name}'" for name in missing)
    assert f"{len(missing)} errors" in result.stderr


def test_missing_fields_of_a_nested_mapping_are_reported_once_each() -> None:
    from cpne import resources

    path = resources.schemas_dir() / KINDS["opinion"].schema_file
    schema = KindSchema(KINDS["opinion"], path, json.loads(path.read_text(encoding="utf-8")))
    record = {
        "id": "OP-2026-001",
        "kind": "opinion",
        "title": "T",
        "status": "adopted",
        "themes": ["usages"],
        "rapporteurs": ["amf"],
        "referral": {"origin": "self"},
        "dates": {"created": "2026-01-01"},
        "decision": {"positions": [{}]},
    }
    messages = [(i.pointer, i.message) for i in schema.issues(record)]
    assert len(messages) == len(set(messages)), messages
    assert messages.count((("decision",), "missing required field 'mode' in 'decision'")) == 1
