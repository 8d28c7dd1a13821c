"""The record use cases, for any kind: create, update, set-status, and the one-field shortcuts.

Each one checks what it was given, takes the lock, refuses records with uncommitted
changes, reads the record fresh, changes a copy, and hands it to the workspace's write
pipeline (validate, write atomically, commit only that file, put it back on failure).
What differs between kinds comes from their specs (:mod:`cpne.kinds`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from cpne.errors import CpneError, LifecycleError, UsageError
from cpne.kinds import KINDS
from cpne.kinds.spec import Addition, Field, Kind, Record, Shortcut, StatusInput
from cpne.kinds.values import check_date, today
from cpne.ops import fields
from cpne.ops.workspace import Given, Loaded, Outcome, Workspace, WriteOptions, deep, given_values


class MissingValues(UsageError):
    """``add``/``new`` (or a status) lacks required values; the CLI may ask for them on a terminal."""

    def __init__(self, message: str, absent: Sequence[Field]) -> None:
        super().__init__(message, hint="give them on the command line")
        self.absent = list(absent)


def missing_error(kind: Kind, absent: Sequence[Field]) -> MissingValues:
    options = ", ".join(f.option for f in absent)
    word = "option" if len(absent) == 1 else "options"
    return MissingValues(f"missing {word} for a new {kind.name}: {options}", absent)


def build_new(kind: Kind, record_id: str | None, values: Mapping[str, Any]) -> dict[str, Any]:
    """A new record of ``kind`` from the values given (defaults filled in; no id yet for sequential kinds)."""
    absent = fields.missing(kind, values)
    if absent:
        raise missing_error(kind, absent)
    record: dict[str, Any] = {"id": record_id or ""}
    fields.apply_values(kind, record, values, kind.fields_for("new"))
    for key, value in kind.defaults.items():
        record.setdefault(key, value)
    if kind.lifecycle is not None:
        record["status"] = kind.lifecycle.initial
    if kind.ids.sequential and fields.get_path(record, kind.ids.year_field) is None:
        fields.set_path(record, kind.ids.year_field, today())
    if kind.complete is not None:
        kind.complete(record, fields.given_keys(values), True)
    return record


def create(
    ws: Workspace, kind: Kind, values: Mapping[str, Any], options: WriteOptions, *, record_id: str | None = None
) -> Outcome:
    """Add a record: slugs are chosen (``record_id``), sequential ids and numbers are allocated under the lock."""
    sequential = kind.ids.sequential
    if sequential and record_id is not None:
        raise UsageError(f"{kind.name} ids are allocated by cpne; do not give one")
    if not sequential:
        if not record_id:
            raise MissingValues(f"missing option for a new {kind.name}: ID", [])
        ws.path(kind, record_id)  # the id is checked before anything else
    record = build_new(kind, record_id, values)
    with ws.writing(options):
        if sequential:
            from cpne.ops.ids import next_id

            record["id"] = record_id = next_id(ws.repo, ws.git, kind, kind.year_of(record))
        if kind.numbered is not None and kind.numbered not in record:
            record[kind.numbered] = next_number(ws, kind)
        assert record_id is not None
        path = ws.path(kind, record_id)
        if path.exists():
            raise CpneError(f"{kind.name} '{record_id}' already exists ({ws.relpath(kind, record_id)})")
        if not options.dry_run:
            ws.ensure_clean([path])
        given = given_values(kind.fields_for("new"), values)
        return ws.write_record(kind, record_id, record, verb="new", options=options, old=None, given=given)


def next_number(ws: Workspace, kind: Kind) -> int:
    """One above the highest number in use (the kind's ``numbered`` field)."""
    from cpne.records.store import records as load_all

    assert kind.numbered is not None
    numbers = [r[kind.numbered] for r in load_all(ws.repo, kind).records if isinstance(r.get(kind.numbered), int)]
    return max(numbers, default=0) + 1


def modify(
    ws: Workspace,
    kind: Kind,
    record_id: str,
    change: Callable[[Loaded, dict[str, Any]], str],
    options: WriteOptions,
    *,
    given: Given = (),
) -> Outcome:
    """Lock, refuse uncommitted changes, read, apply ``change`` to a copy (it returns the verb), write.

    ``given``: the fields set from the command line and their values (problems with them name the option).
    """
    path = ws.path(kind, record_id)
    with ws.writing(options):
        ws.ensure_clean([path])
        loaded = ws.read(kind, record_id)
        data = deep(loaded.data)
        verb = change(loaded, data)
        return ws.write_record(kind, record_id, data, verb=verb, options=options, old=loaded, given=given)


def update(
    ws: Workspace,
    kind: Kind,
    record_id: str,
    values: Mapping[str, Any],
    options: WriteOptions,
    *,
    unset: Sequence[str] = (),
    set_dates: Sequence[str] = (),
) -> Outcome:
    """Set the fields given (lists are replaced, ``--add-*`` lists extended), remove the ``--unset`` ones."""
    ws.path(kind, record_id)
    if not any(fields.given(v) for v in values.values()) and not unset and not set_dates:
        raise UsageError(f"nothing to update: give at least one option (see `cpne {kind.name} update --help`)")
    usable = kind.fields_for("update")
    probe: dict[str, Any] = {}
    fields.apply_values(kind, probe, values, usable)  # bad values are refused before the lock is taken
    fields.apply_set_dates(kind, probe, set_dates)
    if unset:
        fields.apply_unset(kind, {}, unset)

    def change(loaded: Loaded, data: dict[str, Any]) -> str:
        check_not_frozen(kind, loaded.data, record_id)
        fields.apply_unset(kind, data, unset)
        fields.apply_values(kind, data, values, usable)
        fields.apply_set_dates(kind, data, set_dates)
        if kind.complete is not None:
            kind.complete(data, fields.given_keys(values), False)
        if kind.lifecycle is not None and data.get("status") != loaded.data.get("status"):
            raise LifecycleError("the status changes only through `set-status`")
        check_change(ws, kind, loaded.data, data, "check the dates it joined and left")
        return "update"

    return modify(ws, kind, record_id, change, options, given=given_values(usable, values))


def check_change(ws: Workspace, kind: Kind, old: Record, new: Record, hint: str) -> None:
    """The kind's own check of a change (``on_change``), with the register at hand."""
    if kind.on_change is None:
        return
    refusal = kind.on_change(lambda name, text: find(ws, KINDS[name], text), old, new)
    if refusal is not None:
        raise CpneError(refusal, hint=hint)


def find(ws: Workspace, kind: Kind, text: str) -> Iterator[Record]:
    """The readable records of ``kind`` whose file contains ``text`` (validation reports the unreadable ones)."""
    from cpne.records.store import containing

    return (data for _, _, data in containing(ws.repo, kind, text) if data is not None)


def status_inputs(kind: Kind, status: str) -> list[StatusInput]:
    return [s for s in kind.status_inputs if status in s.statuses]


def set_status(
    ws: Workspace,
    kind: Kind,
    record_id: str,
    status: str,
    options: WriteOptions,
    *,
    on: str | None = None,
    values: Mapping[str, Any] | None = None,
) -> Outcome:
    """Move a record along its lifecycle; the new status's date is ``on`` (default today).

    ``values``: what the statuses' inputs received (an opinion's ``--reason``, ``--decision``).
    """
    lifecycle = kind.lifecycle
    if lifecycle is None:
        raise UsageError(f"{kind.name} records have no lifecycle")
    ws.path(kind, record_id)
    if status not in lifecycle.statuses:
        raise UsageError(f"'{status}' is not a {kind.name} status (statuses: {', '.join(lifecycle.statuses)})")
    date_field = lifecycle.date_of.get(status)
    if on is not None:
        check_date(on, "--date")
        if date_field is None and status not in lifecycle.dated:
            raise UsageError(f"--date: the status '{status}' records no date")
    values = values or {}
    inputs = status_inputs(kind, status)
    accepted = _check_status_values(kind, status, inputs, values)
    day = on or today()

    def change(loaded: Loaded, data: dict[str, Any]) -> str:
        old = str(data.get("status"))
        if old == status:
            raise LifecycleError(f"{kind.name} {record_id} is already '{status}'")
        if not lifecycle.can_move(old, status):
            raise LifecycleError(
                f"{kind.name} {record_id} cannot go from '{old}' to '{status}': {lifecycle.describe_allowed(old)}"
            )
        data["status"] = status
        if date_field is not None:
            data.setdefault("dates", {})[date_field] = day
        fields.apply_values(kind, data, values, accepted)
        if kind.on_status is not None:
            kind.on_status(data, old, status, day)
        for spec in inputs:
            lacking = spec.check(data) if spec.check is not None else None
            if lacking is not None:
                raise UsageError(f"'{status}' for {record_id} needs {lacking}")
        return f"{old} -> {status}"

    return modify(ws, kind, record_id, change, options, given=given_values(accepted, values))


def _check_status_values(
    kind: Kind, status: str, inputs: Sequence[StatusInput], values: Mapping[str, Any]
) -> list[Field]:
    """The fields ``status`` accepts; values for other statuses, missing required ones, bad values are refused."""
    accepted = {item.key: item for spec in inputs for item in spec.fields}
    for spec in kind.status_inputs:
        for item in spec.fields:
            if item.key not in accepted and fields.given(values.get(item.key)):
                raise UsageError(f"{item.option} goes only with the status {' or '.join(spec.statuses)}")
    for spec in inputs:
        for key in spec.required:
            value = values.get(key)
            if not fields.given(value) or (isinstance(value, str) and not value.strip()):
                item = accepted[key]
                raise UsageError(f"'{status}' needs {item.option} ({item.label})")
    fields.apply_values(kind, {}, values, list(accepted.values()))  # bad values refused before the lock
    return list(accepted.values())


def check_not_frozen(kind: Kind, record: Record, record_id: str) -> None:
    """Records in a frozen status (a published text) are not changed any more."""
    status = record.get("status")
    if kind.lifecycle is not None and status in kind.lifecycle.frozen:
        additions = ", ".join(f"`cpne {kind.name} {a.name}`" for a in kind.additions)
        raise LifecycleError(
            f"{kind.name} {record_id} is {status}: its text is frozen and is not changed any more",
            hint=f"record a correction with {additions}" if additions else None,
        )


def add_item(
    ws: Workspace, kind: Kind, record_id: str, addition: Addition, *, values: Mapping[str, Any], options: WriteOptions
) -> Outcome:
    """Append one dated item (a corrigendum) to the record's list; frozen records accept it."""
    ws.path(kind, record_id)
    for item in addition.fields:
        if item.type != "date" and not fields.given(values.get(item.key)):
            raise UsageError(f"{kind.name} {addition.name} needs {item.option} ({item.label})")
    entry: dict[str, Any] = {}
    fields.apply_values(kind, entry, values, addition.fields)
    for item in addition.fields:
        if item.type == "date":
            entry.setdefault(item.path[0], today())

    def change(loaded: Loaded, data: dict[str, Any]) -> str:
        status = data.get("status")
        if addition.statuses and status not in addition.statuses:
            raise LifecycleError(
                f"{kind.name} {record_id} is '{status}': {addition.name} is for {' or '.join(addition.statuses)}"
                f" {kind.name}s"
            )
        current = fields.get_path(data, addition.path)
        fields.set_path(data, addition.path, [*(current if isinstance(current, list) else []), entry])
        return addition.verb or addition.name

    return modify(ws, kind, record_id, change, options, given=given_values(addition.fields, values))


def shortcut(
    ws: Workspace, kind: Kind, record_id: str, cut: Shortcut, options: WriteOptions, *, on: str | None = None
) -> Outcome:
    """Set the shortcut's field (``retire``: ``left`` to a date; ``archive``: the status)."""
    ws.path(kind, record_id)
    value = cut.value
    if value is None:
        value = check_date(on, "--date") if on is not None else today()

    def change(loaded: Loaded, data: dict[str, Any]) -> str:
        current = fields.get_path(data, cut.path)
        if current is not None and (cut.value is None or current == cut.value):
            raise LifecycleError(cut.already.format(kind=kind.name, id=record_id, value=current))
        fields.set_path(data, cut.path, value)
        check_change(ws, kind, loaded.data, data, "give the date it really left with --date")
        return cut.name

    return modify(ws, kind, record_id, change, options)
