"""The record use cases, for any kind: create, update, set-status, and the one-field shortcuts.

Each one checks what it was given, takes the lock, refuses records with uncommitted
changes, reads the record fresh, changes a copy, and hands it to the workspace's write
pipeline (validate, write atomically, commit only that file, put it back on failure).
What differs between kinds comes from their specs (:mod:`cpne.kinds`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

from cpne import words
from cpne.errors import CpneError, InvalidRecord, LifecycleError, UsageError
from cpne.i18n import _, ngettext
from cpne.kinds import KINDS
from cpne.kinds.spec import Addition, Ending, Field, Kind, Record, Shortcut, StatusInput
from cpne.kinds.values import check_date, match_choice, today
from cpne.ops import fields
from cpne.ops.workspace import Given, Loaded, Outcome, Workspace, WriteOptions, deep, given_values
from cpne.validation.problems import Problem


class MissingValues(UsageError):
    """``add``/``new`` (or a status) lacks required values; the CLI may ask for them on a terminal."""

    def __init__(self, message: str, absent: Sequence[Field]) -> None:
        super().__init__(message, hint=_("give them on the command line"))
        self.absent = list(absent)


def missing_error(kind: Kind, absent: Sequence[Field], options: str | None = None) -> MissingValues:
    """``absent`` (or ``options``, named as typed) are needed to create a record of ``kind``."""
    shown = options if options is not None else ", ".join(f.option for f in absent)
    count = max(1, len(absent))
    message = words.agreeing(kind.name, "{missing} for a new {noun}: {options}").format(
        missing=ngettext("missing option", "missing options", count), noun=words.noun(kind.name), options=shown
    )
    return MissingValues(message, absent)


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
        raise UsageError(_("{noun} ids are allocated by cpne; do not give one").format(noun=words.noun(kind.name)))
    if not sequential:
        if not record_id:
            raise missing_error(kind, [], "ID")
        record_id = ws.resolve(kind, record_id)  # the id is checked before anything else
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
            raise CpneError(
                _("{noun} '{id}' already exists ({path})").format(
                    noun=words.noun(kind.noun_key(record)), id=record_id, path=ws.relpath(kind, record_id)
                )
            )
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
    record_id = ws.resolve(kind, record_id)
    path = ws.path(kind, record_id)
    with ws.writing(options):
        ws.ensure_clean([path])
        loaded = ws.read(kind, record_id)
        data = deep(loaded.data)
        verb = change(loaded, data)
        check_readers(ws, kind, record_id, loaded.data, data)
        return ws.write_record(kind, record_id, data, verb=verb, options=options, old=loaded, given=given)


class _Around:
    """The register as other records' checks see it, with ``record`` in place of the record being changed."""

    def __init__(self, ws: Workspace, kind: Kind, record_id: str, record: Record, quorum: int | None) -> None:
        from cpne.validation.cross import loader

        self.load = loader(ws.repo)
        self.changed = (kind.name, record_id)
        self.record = record
        self._quorum = quorum
        self.loaded: dict[tuple[str, str], Record | None] = {}

    @property
    def quorum(self) -> int | None:
        return self._quorum

    def get(self, kind: str, record_id: str) -> Record | None:
        if (kind, record_id) == self.changed:
            return self.record
        if (kind, record_id) not in self.loaded:
            self.loaded[(kind, record_id)] = self.load(kind, record_id)
        return self.loaded[(kind, record_id)]


def check_readers(ws: Workspace, kind: Kind, record_id: str, old: Record, new: Record) -> None:
    """Refuse a change that would break the records whose checks read this one (a text adopted at a meeting)."""
    broken = broken_readers(ws, kind, record_id, old, new)
    if broken:
        ids = ", ".join(sorted({problem.id or problem.path for problem in broken}))
        message = _("{noun} {id} cannot change so: {ids} would no longer be valid; nothing was written").format(
            noun=words.noun(kind.noun_key(new)), id=record_id, ids=ids
        )
        carried: list[object] = list(broken)
        raise InvalidRecord(message, carried)


def broken_readers(ws: Workspace, kind: Kind, record_id: str, old: Record, new: Record) -> list[Problem]:
    """The problems a change would bring to the records whose checks read this one (a text adopted at a meeting).

    Their cross-record problems are compared with the record as it was and as it would be: a
    problem that the change would bring is refused, one already there (the same code at the same
    place, its message maybe changed: a quorum still missed by one member fewer) is left to ``validate``.
    """
    readers = [other for other in KINDS.values() if kind.name in other.reads and other.cross is not None]
    if not readers or all(old.get(key) == new.get(key) for key in kind.cross_reads):
        return []
    from cpne.records.store import containing
    from cpne.validation.cross import CrossIssue, quorum_of, to_problems

    quorum = quorum_of(ws.repo)
    before, after = _Around(ws, kind, record_id, old, quorum), _Around(ws, kind, record_id, new, quorum)
    broken: list[CrossIssue] = []
    for reader in readers:
        for file, _raw, data in containing(ws.repo, reader, record_id):
            if data is None or (reader is kind and file.stem == record_id):
                continue
            assert reader.cross is not None
            was = [issue for issue in reader.cross(data, before) if not issue.warning]
            now = [issue for issue in reader.cross(data, after) if not issue.warning]
            counted = Counter((issue.pointer, issue.code) for issue in was)
            grown = {key for key, count in Counter((i.pointer, i.code) for i in now).items() if count > counted[key]}
            broken.extend(
                CrossIssue(file.relpath, file.stem, issue.pointer, issue.code, issue.message)
                for issue in now
                if (issue.pointer, issue.code) in grown and issue not in was
            )
    return to_problems(ws.repo, broken)


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
    record_id = ws.resolve(kind, record_id)
    if not any(fields.given(v) for v in values.values()) and not unset and not set_dates:
        raise UsageError(
            _("nothing to update: give at least one option (see `cpne {kind} update --help`)").format(kind=kind.name)
        )
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
            raise LifecycleError(_("the status changes only through `set-status`"))
        check_change(ws, kind, loaded.data, data, _("check the dates it joined and left"))
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

    return (data for _file, _raw, data in containing(ws.repo, kind, text) if data is not None)


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
        raise UsageError(_("{noun} records have no lifecycle").format(noun=words.noun(kind.name)))
    record_id = ws.resolve(kind, record_id)
    found = match_choice(status, lifecycle.statuses, (kind.name, "status"))  # as typed, or its label
    if found is None:
        raise UsageError(
            _("'{status}' is not a known status (statuses: {statuses})").format(
                status=status.strip(), statuses=words.with_labels(kind.name, "status", lifecycle.statuses)
            )
        )
    status = found
    date_field = lifecycle.date_of.get(status)
    if on is not None:
        check_date(on, "--date")
        if date_field is None and status not in lifecycle.dated:
            raise UsageError(_("--date: the status {status} records no date").format(status=_status(kind, status)))
    values = values or {}
    inputs = status_inputs(kind, status)
    accepted = _check_status_values(kind, status, inputs, values)
    day = on or _date_from(ws, inputs, accepted, values) or today()

    def change(loaded: Loaded, data: dict[str, Any]) -> str:
        old = str(data.get("status"))
        noun = words.noun(kind.noun_key(loaded.data))
        if old == status:
            raise LifecycleError(
                _("{noun} {id} already has the status {status}").format(
                    noun=noun, id=record_id, status=_status(kind, status)
                )
            )
        if not lifecycle.can_move(old, status):
            raise LifecycleError(
                _("{noun} {id} cannot go from the status {old} to {new}: {allowed}").format(
                    noun=noun,
                    id=record_id,
                    old=_status(kind, old),
                    new=_status(kind, status),
                    allowed=lifecycle.describe_allowed(old),
                )
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
                message = _("the status {status} of {id} needs {options}").format(
                    status=_status(kind, status), id=record_id, options=lacking
                )
                # with every option of the status given, what lacks is in the record (exit 1), not on the line
                if all(fields.given(values.get(item.key)) for item in spec.fields):
                    raise LifecycleError(message)
                raise UsageError(message)
        return f"{old} -> {status}"

    return modify(ws, kind, record_id, change, options, given=given_values(accepted, values))


def _date_from(ws: Workspace, inputs: Sequence[StatusInput], accepted: list[Field], values: Mapping[str, Any]) -> str:
    """The date of the record a status input names (``--meeting``: the séance's), '' when none gives one."""
    for spec in inputs:
        item = next((f for f in accepted if f.key == spec.date_from), None)
        value = values.get(spec.date_from)
        if item is None or not isinstance(value, str) or not value.strip():
            continue
        target = KINDS[item.target[0]]
        found = ws.read(target, ws.resolve(target, value)).data.get("date")
        if isinstance(found, str):
            return found
    return ""


def _check_status_values(
    kind: Kind, status: str, inputs: Sequence[StatusInput], values: Mapping[str, Any]
) -> list[Field]:
    """The fields ``status`` accepts; values for other statuses, missing required ones, bad values are refused."""
    accepted = {item.key: item for spec in inputs for item in spec.fields}
    for spec in kind.status_inputs:
        for item in spec.fields:
            if item.key not in accepted and fields.given(values.get(item.key)):
                raise UsageError(
                    ngettext(
                        "{option} goes only with the status {statuses}",
                        "{option} goes only with the statuses {statuses}",
                        len(spec.statuses),
                    ).format(option=item.option, statuses=words.with_labels(kind.name, "status", spec.statuses))
                )
    for spec in inputs:
        for key in spec.required:
            value = values.get(key)
            if not fields.given(value) or (isinstance(value, str) and not value.strip()):
                item = accepted[key]
                raise UsageError(
                    _("the status {status} needs {option} ({label})").format(
                        status=_status(kind, status), option=item.option, label=_(item.label)
                    )
                )
    fields.apply_values(kind, {}, values, list(accepted.values()))  # bad values refused before the lock
    return list(accepted.values())


def _status(kind: Kind, status: str) -> str:
    """A status as typed, its label beside it where it differs: ``withdrawn (retiré)``."""
    return words.with_label(kind.name, "status", status)


def check_not_frozen(kind: Kind, record: Record, record_id: str) -> None:
    """Records in a frozen status (a published text) are not changed any more."""
    status = record.get("status")
    if kind.lifecycle is not None and isinstance(status, str) and status in kind.lifecycle.frozen:
        # only the additions a frozen record takes (an opinion's corrigendum; not a meeting's attend)
        taking = [a for a in kind.additions if not a.statuses or status in a.statuses]
        additions = ", ".join(f"`cpne {kind.name} {a.name}`" for a in taking)
        raise LifecycleError(
            _("{noun} {id} has the status {status}: its text is frozen and is not changed any more").format(
                noun=words.noun(kind.noun_key(record)), id=record_id, status=_status(kind, status)
            ),
            hint=_("record a correction with {commands}").format(commands=additions) if additions else None,
        )


def add_item(
    ws: Workspace, kind: Kind, record_id: str, addition: Addition, *, values: Mapping[str, Any], options: WriteOptions
) -> Outcome:
    """Append one dated item (a corrigendum) to the record's list; frozen records accept it."""
    record_id = ws.resolve(kind, record_id)
    for item in addition.fields:
        needed = item.required or item.key == addition.argument
        if needed and item.key not in addition.defaults and not fields.given(values.get(item.key)):
            raise UsageError(
                _("`cpne {kind} {command}` needs {option} ({label})").format(
                    kind=kind.name,
                    command=addition.name,
                    option=_(item.metavar) if item.key == addition.argument and item.metavar else item.option,
                    label=_(item.label),
                )
            )
    entry: dict[str, Any] = dict(addition.defaults)
    fields.apply_values(kind, entry, values, addition.fields)
    for item in addition.fields:
        if item.type == "date":
            entry.setdefault(item.path[0], today())

    def change(loaded: Loaded, data: dict[str, Any]) -> str:
        status = data.get("status")
        if addition.statuses and status not in addition.statuses:
            raise LifecycleError(
                ngettext(
                    "{noun} {id} has the status {status}: `{command}` is only for the status {statuses}",
                    "{noun} {id} has the status {status}: `{command}` is only for the statuses {statuses}",
                    len(addition.statuses),
                ).format(
                    noun=words.noun(kind.noun_key(data)),
                    id=record_id,
                    status=_status(kind, str(status)),
                    command=addition.name,
                    statuses=words.with_labels(kind.name, "status", addition.statuses),
                )
            )
        current = fields.get_path(data, addition.path)
        items = list(current) if isinstance(current, list) else []
        key = next((f.path[0] for f in addition.fields if f.key == addition.replaces), None)
        same = [i for i, item in enumerate(items) if key and isinstance(item, dict) and item.get(key) == entry.get(key)]
        if same:
            items[same[0]] = entry  # the same partner's attendance again: the new one replaces it
        else:
            items.append(entry)
        fields.set_path(data, addition.path, items)
        return addition.verb or addition.name

    return modify(ws, kind, record_id, change, options, given=given_values(addition.fields, values))


def shortcut(
    ws: Workspace, kind: Kind, record_id: str, cut: Shortcut, options: WriteOptions, *, on: str | None = None
) -> Outcome:
    """Set the shortcut's field (``retire``: ``left`` to a date; ``archive``: the status)."""
    record_id = ws.resolve(kind, record_id)
    day = check_date(on, "--date") if on is not None else today()
    value = day if cut.value is None else cut.value

    def change(loaded: Loaded, data: dict[str, Any]) -> str:
        current = fields.get_path(data, cut.path)
        if current is not None and (cut.value is None or current == cut.value):
            noun = words.noun(kind.noun_key(data))
            raise LifecycleError(_(cut.already).format(kind=noun, noun=noun, id=record_id, value=current))
        fields.set_path(data, cut.path, value)
        if cut.date_path:
            fields.set_path(data, cut.date_path, day)
        check_change(ws, kind, loaded.data, data, _("give the date it really left with --date"))
        return cut.name

    return modify(ws, kind, record_id, change, options)


def end_item(
    ws: Workspace, kind: Kind, record_id: str, ending: Ending, options: WriteOptions, *, value: str, on: str | None
) -> Outcome:
    """Date the end of the open item of the ending's list that names ``value`` (``group leave``)."""
    record_id = ws.resolve(kind, record_id)
    value = fields.convert(kind, ending.match, value)
    day = check_date(on, "--date") if on is not None else today()
    key = ending.match.path[0]

    def change(loaded: Loaded, data: dict[str, Any]) -> str:
        items = fields.get_path(data, ending.path)
        for item in items if isinstance(items, list) else []:
            if isinstance(item, dict) and item.get(key) == value and ending.end not in item:
                item[ending.end] = day
                check_change(ws, kind, loaded.data, data, _("give the date it really left with --date"))
                return ending.name
        noun = words.noun(kind.noun_key(data))
        raise LifecycleError(_(ending.missing).format(noun=noun, id=record_id, value=value))

    return modify(ws, kind, record_id, change, options)
