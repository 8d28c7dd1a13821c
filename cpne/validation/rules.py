"""Rules on one record that a JSON Schema cannot say: its lifecycle, and its kind's own rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cpne.kinds.lifecycle import Violation
from cpne.kinds.spec import Kind


def record_rules(kind: Kind, record: Mapping[str, Any]) -> list[Violation]:
    """Every single-record rule of ``kind``; assumes the record passed its schema."""
    out: list[Violation] = []
    if kind.lifecycle is not None:
        out.extend(kind.lifecycle.invariants(record))
    if kind.rules is not None:
        out.extend(kind.rules(record))
    return out
