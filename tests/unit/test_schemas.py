"""The kinds' JSON Schemas: valid against the metaschema, closed at every level, shipped in the wheel."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from cpne import resources
from cpne.kinds import KINDS

PROJECT = Path(__file__).resolve().parents[2]


def load(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PROJECT / "schemas" / f"{kind}.schema.json").read_text(encoding="utf-8"))
    return data


def objects(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if node.get("type") == "object":
            yield node
        for value in node.values():
            yield from objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from objects(value)


@pytest.mark.parametrize("kind", list(KINDS))
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    schema = load(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_object_is_closed(kind: str) -> None:
    found = list(objects(load(kind)))
    assert found
    assert all(obj.get("additionalProperties") is False for obj in found)


@pytest.mark.parametrize("kind", list(KINDS))
def test_id_pattern_matches_the_kind_table(kind: str) -> None:
    schema = load(kind)
    id_schema = schema["properties"]["id"]
    pattern = id_schema.get("pattern") or schema["$defs"][id_schema["$ref"].rsplit("/", 1)[-1]]["pattern"]
    assert pattern == KINDS[kind].id_re.pattern.replace("(\\d", "\\d").replace("})", "}")


def test_dates_are_checked_as_real_dates() -> None:
    validator = Draft202012Validator(load("theme"), format_checker=Draft202012Validator.FORMAT_CHECKER)
    partner = Draft202012Validator(load("partner"), format_checker=Draft202012Validator.FORMAT_CHECKER)
    base = {"id": "x", "acronym": "X", "name": "X", "category": "other", "membership": "associated"}
    assert partner.is_valid({**base, "joined": "2024-02-29"})
    assert not partner.is_valid({**base, "joined": "2023-02-29"})
    assert not validator.is_valid({"id": "x"})


def test_resources_point_at_this_projects_schemas() -> None:
    assert resources.schemas_dir().resolve() == (PROJECT / "schemas").resolve()


def test_wheel_ships_schemas_and_seed(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(PROJECT),
        ],
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    [wheel] = tmp_path.glob("cpne-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for kind in KINDS.values():
        assert f"cpne/_bundled/schemas/{kind.schema_file}" in names
    assert "cpne/_bundled/data/partners/amf.yaml" in names
    assert "cpne/_bundled/data/themes/usages.yaml" in names
    assert not any(name.startswith("cpne/_bundled/data/opinions") for name in names)
