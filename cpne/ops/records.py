"""The record use cases: create, update, set-status, retire, archive.

Each one checks what it was given, takes the lock, refuses records with uncommitted
changes, reads the record fresh, changes a copy, and hands it to the workspace's write
pipeline (validate, write atomically, commit only that file, put it back on failure).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from cpne.errors import CpneError, LifecycleError, UsageError
from cpne.kinds import KINDS, Kind
from cpne.lifecycle import LIFECYCLES
from cpne.ops import fields
from cpne.ops.workspace import Loaded, Outcome, Workspace, WriteOptions, deep

# The date that gives a sequential id its year.
YEAR_DATE = {"opinion": "created", "review": "opened"}


def missing_message(kind: str, absent: Sequence[fields.Field]) -> UsageError:
    options = ", ".join(f.option for f in absent)
    word = "option" if len(absent) == 1 else "options"
    return UsageError(
        f"missing {word} for a new {kind}: {options}",
        hint="give them on the command line (stdin is not a terminal, so cpne cannot ask for them)",
    )


def build_new(
    kind: Kind, record_id: str | None, values: Mapping[str, Any], *, default_number: int = 1
) -> dict[str, Any]:
    """A new record of ``kind`` from the values given (defaults filled in; no id yet for sequential kinds)."""
    absent = fields.missing(kind.name, values)
    if absent:
        raise missing_message(kind.name, absent)
    record: dict[str, Any] = {"id": record_id or ""}
    fields.apply_values(kind.name, record, values)
    if kind.name == "opinion":
        record["status"] = LIFECYCLES["opinion"].initial
        referral = record.setdefault("referral", {})
        referral.setdefault("origin", "member" if "by" in referral else "self")
        record.setdefault("dates", {}).setdefault("created", fields.today())
    elif kind.name == "review":
        record["status"] = LIFECYCLES["review"].initial
        record.setdefault("dates", {}).setdefault("opened", fields.today())
    elif kind.name == "theme":
        record.setdefault("number", default_number)
        record.setdefault("status", "active")
    elif kind.name == "referential":
        record.setdefault("status", "active")
    return record


def create(
    ws: Workspace, kind: Kind, values: Mapping[str, Any], options: WriteOptions, *, record_id: str | None = None
) -> Outcome:
    """Add a record: slugs are chosen (``record_id``), opinion and review ids are allocated under the lock."""
    sequential = kind.id_prefix is not None
    if sequential and record_id is not None:
        raise UsageError(f"{kind.name} ids are allocated by cpne; do not give one")
    if not sequential:
        if not record_id:
            raise missing_message(kind.name, [fields.Field("id", "ID", ("id",), "text", "id")])
        ws.path(kind, record_id)  # the id is checked before anything else
    number = _next_theme_number(ws) if kind.name == "theme" else 1
    record = build_new(kind, record_id, values, default_number=number)
    with ws.writing(options):
        if sequential:
            from cpne.ops.ids import next_id

            year = str(record["dates"][YEAR_DATE[kind.name]])[:4]
            record["id"] = record_id = next_id(ws.repo, ws.git, kind, year)
        assert record_id is not None
        path = ws.path(kind, record_id)
        if path.exists():
            raise CpneError(f"{kind.name} '{record_id}' already exists ({ws.relpath(kind, record_id)})")
        if not options.dry_run:
            ws.ensure_clean([path])
        return ws.write_record(kind, record_id, record, verb="new", options=options, old=None)


def _next_theme_number(ws: Workspace) -> int:
    from cpne.ops.query import load_all

    numbers = [r["number"] for r in load_all(ws, KINDS["theme"]).records if isinstance(r.get("number"), int)]
    return max(numbers, default=0) + 1


def modify(
    ws: Workspace, kind: Kind, record_id: str, change: Callable[[Loaded, dict[str, Any]], str], options: WriteOptions
) -> Outcome:
    """Lock, refuse uncommitted changes, read, apply ``change`` to a copy (it returns the verb), write."""
    path = ws.path(kind, record_id)
    with ws.writing(options):
        ws.ensure_clean([path])
        loaded = ws.read(kind, record_id)
        data = deep(loaded.data)
        verb = change(loaded, data)
        return ws.write_record(kind, record_id, data, verb=verb, options=options, old=loaded)


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
    probe: dict[str, Any] = {}
    fields.apply_values(kind.name, probe, values)  # bad values are refused before the lock is taken
    fields.apply_set_dates(kind.name, probe, set_dates)
    if unset:
        fields.apply_unset(kind.name, {}, unset)

    def change(loaded: Loaded, data: dict[str, Any]) -> str:
        fields.apply_unset(kind.name, data, unset)
        fields.apply_values(kind.name, data, values)
        fields.apply_set_dates(kind.name, data, set_dates)
        if (
            kind.name == "opinion"
            and fields.given(values.get("referred_by"))
            and not fields.given(values.get("origin"))
        ):
            data.setdefault("referral", {})["origin"] = "member"
        if kind.name in LIFECYCLES and data.get("status") != loaded.data.get("status"):
            raise LifecycleError("the status changes only through `set-status`")
        if kind.name == "partner":
            _check_membership(ws, loaded, data, "check the dates it joined and left")
        return "update"

    return modify(ws, kind, record_id, change, options)


def set_status(
    ws: Workspace,
    kind: Kind,
    record_id: str,
    status: str,
    options: WriteOptions,
    *,
    on: str | None = None,
    reason: str | None = None,
    decision: str | None = None,
    positions: Sequence[str] = (),
) -> Outcome:
    """Move a record along its lifecycle; the new status's date is ``on`` (default today)."""
    lifecycle = LIFECYCLES.get(kind.name)
    if lifecycle is None:
        raise UsageError(f"{kind.name} records have no lifecycle")
    ws.path(kind, record_id)
    if status not in lifecycle.statuses:
        raise UsageError(f"'{status}' is not a {kind.name} status (statuses: {', '.join(lifecycle.statuses)})")
    date_field = lifecycle.date_of.get(status)
    if on is not None:
        fields.check_date(on, "--date")
        if date_field is None:
            raise UsageError(f"--date: the status '{status}' records no date")
    withdrawing = kind.name == "opinion" and status == "withdrawn"
    if withdrawing and not (reason and reason.strip()):
        raise UsageError("withdrawing an opinion needs --reason (why it is withdrawn)")
    if reason is not None and not withdrawing:
        raise UsageError("--reason is only for withdrawing an opinion")
    adopting = kind.name == "opinion" and status == "adopted"
    if (decision is not None or positions) and not adopting:
        raise UsageError("--decision and --position are only for adopting an opinion (or use `update`)")
    parsed_positions = [fields.parse_position(p, "--position") for p in positions]
    if decision is not None and decision not in fields.DECISION_MODES:
        raise UsageError(f"--decision: '{decision}' is not one of: {', '.join(fields.DECISION_MODES)}")

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
            data.setdefault("dates", {})[date_field] = on or fields.today()
        if withdrawing:
            data["withdrawn_reason"] = str(reason).strip()
        if decision is not None or parsed_positions:
            current = data.get("decision") if isinstance(data.get("decision"), dict) else {}
            new_decision = dict(current or {})
            if decision is not None:
                new_decision["mode"] = decision
            if parsed_positions:
                new_decision["positions"] = parsed_positions
            data["decision"] = new_decision
        if adopting and "decision" not in data:
            raise LifecycleError(
                f"adopting {record_id} needs the decision: pass --decision consensus (or --decision vote with"
                " --position PARTNER|for ...)"
            )
        return f"{old} -> {status}"

    return modify(ws, kind, record_id, change, options)


def retire(ws: Workspace, partner_id: str, options: WriteOptions, *, on: str | None = None) -> Outcome:
    """A partner leaves the committee: ``left`` is set; the records that name it stay valid."""
    kind = KINDS["partner"]
    ws.path(kind, partner_id)
    day = fields.check_date(on, "--date") if on is not None else fields.today()

    def change(loaded: Loaded, data: dict[str, Any]) -> str:
        if data.get("left"):
            raise LifecycleError(f"partner {partner_id} already left on {data['left']}")
        data["left"] = day
        _check_membership(ws, loaded, data, "give the date it really left with --date")
        return "retire"

    return modify(ws, kind, partner_id, change, options)


def positions_outside(ws: Workspace, partner: dict[str, Any]) -> list[str]:
    """Opinions in which the partner took a position although it was not a member on their adoption date.

    Checked when a partner's ``joined``/``left`` change, since that would make those opinions invalid.
    """
    from cpne.records.loader import LoadError, decode, parse_text
    from cpne.validation.register import member_on

    partner_id = str(partner.get("id"))
    folder = ws.repo.kind_dir(KINDS["opinion"])
    needle = partner_id.encode("utf-8")
    outside = []
    for record_id in ws.ids(KINDS["opinion"]):
        try:
            raw = (folder / f"{record_id}.yaml").read_bytes()
            if needle not in raw:
                continue
            data = parse_text(decode(raw))
        except (OSError, LoadError):
            continue  # validation reports unreadable records
        dates, decision = data.get("dates"), data.get("decision")
        adopted = dates.get("adopted") if isinstance(dates, dict) else None
        if not isinstance(adopted, str) or not isinstance(decision, dict) or member_on(partner, adopted):
            continue
        if any(isinstance(p, dict) and p.get("partner") == partner_id for p in decision.get("positions") or []):
            outside.append(record_id)
    return outside


def _check_membership(ws: Workspace, loaded: Loaded, data: dict[str, Any], hint: str) -> None:
    if (loaded.data.get("joined"), loaded.data.get("left")) == (data.get("joined"), data.get("left")):
        return
    outside = positions_outside(ws, data)
    if outside:
        span = f"from {data.get('joined')}" + (f" to {data['left']}" if data.get("left") else "")
        raise CpneError(
            f"partner {data.get('id')} took a position in opinions adopted when it would not be a member"
            f" ({span}): {', '.join(outside)}",
            hint=hint,
        )


def archive(ws: Workspace, theme_id: str, options: WriteOptions) -> Outcome:
    """A theme is no longer worked on: ``status: archived``; the records that name it stay valid."""
    kind = KINDS["theme"]
    ws.path(kind, theme_id)

    def change(loaded: Loaded, data: dict[str, Any]) -> str:
        if data.get("status") == "archived":
            raise LifecycleError(f"theme {theme_id} is already archived")
        data["status"] = "archived"
        return "archive"

    return modify(ws, kind, theme_id, change, options)
