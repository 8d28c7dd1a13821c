"""Valid records to start tests from, and a way to put a record on disk in canonical form."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cpne.kinds import KINDS
from cpne.records.writer import dump, schema_order


def opinion(**overrides: Any) -> dict[str, Any]:
    """A valid draft opinion of the seeded register."""
    record: dict[str, Any] = {
        "id": "OP-2026-001",
        "kind": "opinion",
        "title": "Avis sur les espaces numériques de travail",
        "status": "draft",
        "themes": ["usages", "referentiels"],
        "rapporteurs": ["amf", "adf"],
        "referral": {"origin": "self"},
        "dates": {"created": "2026-01-15"},
        "body": "Le comité recommande…\n\nDeuxième paragraphe.\n",
    }
    record.update(overrides)
    return record


def adopted_opinion(**overrides: Any) -> dict[str, Any]:
    record = opinion(
        status="adopted",
        dates={"created": "2026-01-15", "consultation": "2026-02-01", "adopted": "2026-03-01"},
        decision={
            "mode": "vote",
            "positions": [{"partner": "amf", "position": "for"}, {"partner": "adf", "position": "abstain"}],
        },
    )
    record.update(overrides)
    return record


def review(**overrides: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "REV-2026-001",
        "title": "Examen du CARMO",
        "referential": "carmo",
        "version": "3.0",
        "status": "planned",
        "themes": ["referentiels"],
        "rapporteurs": ["cdc"],
        "dates": {"opened": "2026-04-01"},
    }
    record.update(overrides)
    return record


def canonical(root: Path, kind: str, data: dict[str, Any]) -> str:
    """The canonical text of ``data`` under the repository's own schema."""
    schema = json.loads((root / "schemas" / KINDS[kind].schema_file).read_text(encoding="utf-8"))
    return dump(data, schema_order(schema))


def write_record(root: Path, kind: str, data: dict[str, Any], name: str | None = None) -> Path:
    """Write a record in canonical form (no commit); returns its path."""
    folder = root / KINDS[kind].data_dir
    path = folder / f"{name or data['id']}.yaml"
    path.write_text(canonical(root, kind, data), encoding="utf-8")
    return path
