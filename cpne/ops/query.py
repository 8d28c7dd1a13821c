"""The filters and order of the ``list`` commands (records are read by :mod:`cpne.records.store`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cpne.errors import UsageError
from cpne.kinds.spec import Kind


def check_filters(kind: Kind, given: Mapping[str, Any]) -> dict[str, Any]:
    """The filters given (None and empty lists dropped), choices checked against the kind's schema."""
    chosen: dict[str, Any] = {}
    for item in kind.filters:
        value = given.get(item.key)
        if value is None or (isinstance(value, (list, tuple)) and not value):
            continue
        if item.type in ("choice", "choices"):
            choices = kind.choices(item)
            for one in value if item.type == "choices" else [value]:
                if one not in choices:
                    raise UsageError(f"{item.option}: '{one}' is not one of: {', '.join(choices)}")
        chosen[item.key] = value
    return chosen


def select(kind: Kind, records: Iterable[Mapping[str, Any]], filters: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The records that pass every filter given (checked by :func:`check_filters`)."""
    tests = [(item.test, filters[item.key]) for item in kind.filters if item.key in filters]
    return [record for record in records if all(test(record, value) for test, value in tests)]


def sort_key(kind: Kind, record: Mapping[str, Any]) -> tuple[Any, ...]:
    """The kind's display order, else by id."""
    if kind.sort_key is not None:
        return kind.sort_key(record)
    return (0, str(record.get("id")))
