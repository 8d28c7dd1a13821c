"""Reading many records: every record of a kind, and the filters of the ``list`` commands."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cpne.kinds import Kind
from cpne.ops.fields import today
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


def year_of(kind: Kind, record: Mapping[str, Any]) -> str:
    dates = record.get("dates")
    name = {"opinion": "created", "review": "opened"}.get(kind.name)
    if name is None or not isinstance(dates, Mapping):
        return ""
    return str(dates.get(name, ""))[:4]


def is_current(partner: Mapping[str, Any], day: str | None = None) -> bool:
    """A member today: joined, and not left (or leaving later)."""
    day = day or today()
    joined, left = partner.get("joined"), partner.get("left")
    return isinstance(joined, str) and joined <= day and (not isinstance(left, str) or left >= day)


def _has(record: Mapping[str, Any], key: str, value: str) -> bool:
    items = record.get(key)
    return isinstance(items, list) and value in items


def select(
    kind: Kind,
    records: Iterable[Mapping[str, Any]],
    *,
    status: Sequence[str] = (),
    theme: str | None = None,
    year: int | None = None,
    kind_: str | None = None,
    rapporteur: str | None = None,
    referential: str | None = None,
    membership: str | None = None,
    category: str | None = None,
    current: bool | None = None,
    domain: str | None = None,
) -> list[Mapping[str, Any]]:
    """The records that pass every filter given (None / empty: no filter)."""
    out = []
    for record in records:
        if status and record.get("status") not in status:
            continue
        if theme is not None and not _has(record, "themes", theme):
            continue
        if year is not None and year_of(kind, record) != f"{year:04d}":
            continue
        if kind_ is not None and record.get("kind") != kind_:
            continue
        if rapporteur is not None and not _has(record, "rapporteurs", rapporteur):
            continue
        if referential is not None and record.get("referential") != referential:
            continue
        if membership is not None and record.get("membership") != membership:
            continue
        if category is not None and record.get("category") != category:
            continue
        if current is not None and is_current(record) != current:
            continue
        if domain is not None and not _has(record, "domains", domain):
            continue
        out.append(record)
    return out


def sort_key(kind: Kind, record: Mapping[str, Any]) -> tuple[Any, ...]:
    """Themes by number, everything else by id."""
    if kind.name == "theme":
        number = record.get("number")
        return (number if isinstance(number, int) else 10**9, str(record.get("id")))
    return (0, str(record.get("id")))
