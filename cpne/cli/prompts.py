"""Asking for missing values when stdin is a terminal, offering the register's own choices.

Prompts are written to stderr (stdout stays for results). Choices accept a number from
the list or the value itself; lists accept several, separated by commas.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import typer

from cpne.cli import output
from cpne.errors import CpneError
from cpne.kinds import KINDS, Kind
from cpne.kinds.spec import Field
from cpne.kinds.values import check_date
from cpne.ops import fields

if TYPE_CHECKING:
    from cpne.ops.workspace import Workspace


def interactive() -> bool:
    """Whether cpne may ask: stdin is a terminal."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def ask_text(label: str, *, default: str | None = None, check: Callable[[str], str] | None = None) -> str:
    """A value typed by the user; ``check`` may refuse it (CpneError), and the question is asked again."""
    while True:
        value = str(typer.prompt(label, default=default, err=True, show_default=default is not None)).strip()
        if not value:
            output.error("a value is needed")
            continue
        if check is None:
            return value
        try:
            return check(value)
        except CpneError as exc:
            output.error(exc.message)


def ask_choice(
    label: str, choices: Sequence[tuple[str, str]], *, many: bool = False, default: str | None = None
) -> Any:
    """One (or, with ``many``, several) of ``choices`` — pairs of (value, description)."""
    if not choices:
        raise CpneError(f"nothing to choose from for {label}", hint="add one first")
    width = max(len(value) for value, _ in choices)
    output.message(f"{label}:")
    for index, (value, description) in enumerate(choices, 1):
        output.message(f"  {index:>2}  {value.ljust(width)}  {description}".rstrip())
    values = [value for value, _ in choices]
    question = f"{label} (numbers or values, separated by commas)" if many else f"{label} (number or value)"

    def pick(raw: str) -> Any:
        picked = []
        for part in [p.strip() for p in raw.split(",")] if many else [raw.strip()]:
            if part.isdigit() and 1 <= int(part) <= len(values):
                picked.append(values[int(part) - 1])
            elif part in values:
                picked.append(part)
            elif part:
                raise CpneError(f"'{part}' is not one of the choices")
        if not picked:
            raise CpneError("choose at least one")
        return list(dict.fromkeys(picked)) if many else picked[0]

    return ask_text(question, default=default, check=pick)


def register_choices(ws: Workspace, targets: Sequence[str]) -> list[tuple[str, str]]:
    """The records a reference may name (those the kind offers), with something a person recognises them by."""
    from cpne.ops.query import sort_key
    from cpne.records.store import records as load_all

    out: list[tuple[str, str]] = []
    for name in targets:
        kind = KINDS[name]
        records = sorted(load_all(ws.repo, kind).records, key=lambda r: sort_key(kind, r))
        for record in records:
            if kind.offer is not None and not kind.offer(record):
                continue
            label = kind.caption(record) if kind.caption is not None else kind.label_of(record)
            out.append((str(record.get("id")), label))
    return out


def ask_field(ws: Workspace, kind: Kind, item: Field, values: Mapping[str, Any]) -> Any:
    label = item.label[0].upper() + item.label[1:]
    if item.type in ("choice", "choices"):
        return ask_choice(label, [(c, "") for c in kind.choices(item)], many=item.type == "choices")
    if item.type in ("ref", "refs"):
        return ask_choice(label, register_choices(ws, item.target), many=item.type == "refs")
    if item.type == "date":
        return ask_text(label, check=lambda v: check_date(v, item.option))
    if item.suggest is not None:
        suggested = item.suggest(lambda name, record_id: _read(ws, name, record_id), values)
        if suggested:
            return ask_choice(label, [(v, "") for v in suggested], default=suggested[-1])
    return ask_text(label)


def _read(ws: Workspace, kind_name: str, record_id: str) -> dict[str, Any] | None:
    try:
        return ws.read(KINDS[kind_name], record_id).data
    except CpneError:
        return None


def complete(ws: Workspace, kind: Kind, values: dict[str, Any], record_id: str | None) -> str | None:
    """Ask for the id (chosen kinds) and every value ``add``/``new`` needs and did not get."""
    if not kind.ids.sequential and not record_id:

        def check_id(value: str) -> str:
            ws.path(kind, value)
            if ws.path(kind, value).exists():
                raise CpneError(f"{kind.name} '{value}' already exists")
            return value

        record_id = ask_text(f"Id of the new {kind.name} (e.g. {kind.id_example})", check=check_id)
    asked: set[str] = set()
    while True:
        absent = [f for f in fields.missing(kind, values) if f.key not in asked]
        if not absent:
            return record_id
        item = absent[0]
        asked.add(item.key)
        values[item.key] = ask_field(ws, kind, item, values)


def complete_status(ws: Workspace, kind: Kind, record_id: str, status: str, values: dict[str, Any]) -> None:
    """Ask for what moving to ``status`` needs: required inputs, and values the record lacks (a decision)."""
    from cpne.ops.records import status_inputs

    current: dict[str, Any] | None = None
    for spec in status_inputs(kind, status):
        for item in spec.fields:
            if fields.given(values.get(item.key)):
                continue
            if item.key in spec.required:
                values[item.key] = ask_field(ws, kind, item, values)
            elif item.key in spec.ask_if_missing:
                if current is None:
                    current = ws.read(kind, record_id).data
                lacking = fields.get_path(current, item.path) is None
                if lacking and (item.required_if is None or item.required_if(_merged(kind, current, values))):
                    values[item.key] = ask_items(item) if item.type == "items" else ask_field(ws, kind, item, values)


def _merged(kind: Kind, record: dict[str, Any], values: dict[str, Any]) -> dict[str, Any]:
    """The values given, completed by the record's own (what a condition on other values reads)."""
    merged = {f.key: fields.get_path(record, f.path) for f in kind.fields}
    merged.update({k: v for k, v in values.items() if fields.given(v)})
    return merged


def ask_items(item: Field) -> list[str]:
    """Several structured items (``PARTNER|POSITION``), one per line, until an empty answer; at least one."""
    label = item.label[0].upper() + item.label[1:]
    output.message(f"{label}: one per line as {item.metavar}, an empty line to finish")
    found: list[str] = []
    while True:
        raw = str(typer.prompt(f"{label} {len(found) + 1}", default="", err=True, show_default=False)).strip()
        if not raw:
            if found:
                return found
            output.error("at least one is needed")
            continue
        try:
            assert item.parse is not None
            item.parse(raw, item.option)
        except CpneError as exc:
            output.error(exc.message)
            continue
        found.append(raw)
