"""Reading many records: every record of a kind, and the filters of the ``list`` commands."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cpne.errors import UsageError
from cpne.kinds.spec import Kind
from cpne.ops.workspace import Workspace
from cpne.records.loader import LoadError, decode, parse_text


@dataclass
class Listing:
    """The records of a kind that could be read, and the files that could not (path, reason)."""

    records: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


def load_all(ws: Workspace, kind: Kind) -> Listing:
    """Every readable record of ``kind``, in id order."""
    listing = Listing()
    folder = ws.repo.kind_dir(kind)
    for record_id in ws.ids(kind):
        relpath = ws.relpath(kind, record_id)
        try:
            data = parse_text(decode((folder / f"{record_id}.yaml").read_bytes()))
        except LoadError as exc:
            listing.skipped.append((relpath, f"line {exc.line}: {exc.message}"))
            continue
        except OSError as exc:
            listing.skipped.append((relpath, f"cannot read: {exc.strerror}"))
            continue
        listing.records.append(data)
    return listing


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
