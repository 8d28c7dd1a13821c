"""Rules on one record that a JSON Schema cannot say: lifecycle, dates in order, unique positions."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cpne.lifecycle import LIFECYCLES, Violation, invariants


def record_rules(kind: str, record: Mapping[str, Any]) -> list[Violation]:
    """Every single-record rule of ``kind``; assumes the record passed its schema."""
    out: list[Violation] = []
    if kind in LIFECYCLES:
        out.extend(invariants(kind, record))
    if kind == "opinion":
        out.extend(_positions(record))
    elif kind == "partner":
        out.extend(_partner(record))
    elif kind == "referential":
        out.extend(_referential(record))
    return out


def _positions(record: Mapping[str, Any]) -> list[Violation]:
    decision = record.get("decision")
    if not isinstance(decision, Mapping):
        return []
    out: list[Violation] = []
    seen: set[str] = set()
    for index, position in enumerate(decision.get("positions") or []):
        partner = position.get("partner")
        if partner in seen:
            out.append(
                Violation(
                    ("decision", "positions", index, "partner"),
                    f"partner '{partner}' has more than one position",
                    "duplicate-position",
                )
            )
        seen.add(partner)
    return out


def _partner(record: Mapping[str, Any]) -> list[Violation]:
    out: list[Violation] = []
    if record.get("membership") == "signatory" and "signed_as" not in record:
        out.append(
            Violation(("membership",), "a signatory needs signed_as (the name under which it signed)", "signatory")
        )
    joined, left = record.get("joined"), record.get("left")
    if isinstance(joined, str) and isinstance(left, str) and left < joined:
        out.append(Violation(("left",), f"left ({left}) is before joined ({joined})", "date-order"))
    for index, person in enumerate(record.get("representatives") or []):
        since, until = person.get("since"), person.get("until")
        if isinstance(since, str) and isinstance(until, str) and until < since:
            out.append(
                Violation(
                    ("representatives", index, "until"), f"until ({until}) is before since ({since})", "date-order"
                )
            )
    return out


def _referential(record: Mapping[str, Any]) -> list[Violation]:
    out: list[Violation] = []
    status, successor = record.get("status"), record.get("superseded_by")
    if status == "superseded" and not successor:
        out.append(
            Violation(
                ("status",), "a superseded referential needs superseded_by (the id of its successor)", "superseded"
            )
        )
    if status != "superseded" and successor:
        out.append(Violation(("superseded_by",), f"superseded_by is set but the status is '{status}'", "superseded"))
    if successor == record.get("id"):
        out.append(Violation(("superseded_by",), "a referential cannot supersede itself", "superseded"))
    return out
