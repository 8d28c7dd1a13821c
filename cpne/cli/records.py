"""The record commands of any kind: shared options, write options, and what each command does.

:mod:`cpne.cli.kinds` builds every kind's sub-app from its spec and calls these with a
``{field: value}`` mapping; nothing here names a kind. Heavy modules (the core's git,
YAML and validation code) are imported inside the command functions.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from cpne.cli import output, prompts
from cpne.cli.common import repo_from
from cpne.errors import CpneError, UsageError
from cpne.kinds import KINDS, Kind
from cpne.kinds.spec import Addition, Shortcut

if TYPE_CHECKING:
    from cpne.ops.journal import Repaired
    from cpne.ops.workspace import Outcome, Workspace, WriteOptions

# -- shared options --------------------------------------------------------------------

DryRun = Annotated[
    bool, typer.Option("--dry-run", help="Print the YAML that would be written; write and commit nothing.")
]
NoCommit = Annotated[bool, typer.Option("--no-commit", help="Write the file but do not commit it.")]
Author = Annotated[
    str | None,
    typer.Option("--author", metavar="'NAME <MAIL>'", help="Commit author (default: from git config)."),
]
AsJson = Annotated[bool, typer.Option("--json", help="Print the resulting record as JSON on stdout.")]
Unset = Annotated[
    list[str] | None,
    typer.Option(
        "--unset", metavar="FIELD", help="Remove an optional field, e.g. notes or dates.referred (repeatable)."
    ),
]
SetDate = Annotated[
    list[str] | None,
    typer.Option(
        "--set-date", metavar="NAME=DATE", help="Set or correct a date, e.g. adopted=2026-03-05 (repeatable)."
    ),
]
ShowFormat = Annotated[
    Literal["panel", "yaml", "json"],
    typer.Option("--format", help="panel (readable), yaml (the file as stored) or json."),
]
ListFormat = Annotated[Literal["table", "json", "csv"], typer.Option("--format", help="table, json or csv.")]
HistoryFormat = Annotated[Literal["table", "json"], typer.Option("--format", help="table or json.")]
StatusDate = Annotated[
    str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="Date of the new status (default: today).")
]
RecordId = Annotated[str, typer.Argument(metavar="ID", help="The record's id.", show_default=False)]
NewId = Annotated[
    str | None,
    typer.Argument(metavar="ID", help="Id of the new record (asked for on a terminal).", show_default=False),
]


@dataclass(frozen=True)
class Flags:
    """The write options every changing command takes."""

    dry_run: bool = False
    no_commit: bool = False
    author: str | None = None
    as_json: bool = False


def write_options(ctx: typer.Context, flags: Flags, *, creating: bool = False) -> WriteOptions:
    from cpne.ops.lock import wait_for
    from cpne.ops.workspace import WriteOptions

    return WriteOptions(
        dry_run=flags.dry_run,
        commit=not flags.no_commit,
        author=flags.author,
        wait=wait_for(creating=creating),
        command=ctx.command_path,
        on_wait=lambda holder: output.message(f"waiting for the lock held by {holder.describe()}..."),
        on_recover=lambda holder: output.message(
            f"recovered the lock left by cpne process {holder.pid if holder else '?'}, which ended without releasing it"
        ),
        on_repair=_repaired,
    )


def _repaired(repaired: Repaired) -> None:
    if repaired.kept:
        output.warning(
            "an interrupted change left files that were changed since; they are left as they are: "
            + ", ".join(repaired.kept)
        )
    if repaired.paths:
        output.warning(
            "an interrupted change was undone (its files are as they were before it): " + ", ".join(repaired.paths)
        )
    elif repaired.completed:
        output.message("an interrupted change had been committed; its journal was removed")


def workspace(ctx: typer.Context) -> Workspace:
    from cpne.ops.workspace import Workspace

    return Workspace(repo_from(ctx))


def read_text_input(value: str | None, option: str) -> str | None:
    """The text of ``--body-file FILE`` (``-``: stdin), as UTF-8."""
    if value is None:
        return None
    try:
        if value == "-":
            return sys.stdin.read()
        with open(value, encoding="utf-8") as handle:
            return handle.read()
    except UnicodeDecodeError:
        raise UsageError(f"{option}: {value} is not UTF-8 text") from None
    except OSError as exc:
        raise UsageError(f"{option}: cannot read {value}: {exc.strerror}") from None


def report(outcome: Outcome, flags: Flags, *, created: bool = False) -> None:
    """Tell what a write did: the id or the record on stdout for add/new, a summary on stderr."""
    from cpne.validation.reporters import text

    if outcome.warnings:
        output.message(text(outcome.warnings).rstrip("\n"))
    if outcome.dry_run:
        output.result(outcome.text)
        state = "unchanged" if not outcome.changed else "not written"
        output.message(f"dry run: {outcome.relpath} {state}; nothing was committed")
        return
    if not outcome.changed:
        output.message(f"{outcome.kind.name} {outcome.record_id}: nothing to change")
        if flags.as_json:
            output.as_json(outcome.data)
        return
    if flags.as_json:
        output.as_json(outcome.data)
    elif created:
        output.result(outcome.record_id + "\n")
    where = f"commit {outcome.commit[:10]}" if outcome.commit else f"written to {outcome.relpath}, not committed"
    output.message(f"{outcome.subject} ({where})")


# -- add/new and update ------------------------------------------------------------------


def create(
    ctx: typer.Context, kind: Kind, values: dict[str, Any], flags: Flags, *, record_id: str | None = None
) -> None:
    """``add``/``new``: ask for what is missing on a terminal, then create, validate, write, commit."""
    from cpne.ops import records

    if record_id is not None:
        kind_check(kind, record_id)
    ws = workspace(ctx)
    if record_id is not None and ws.path(kind, record_id).exists():
        raise CpneError(f"{kind.name} '{record_id}' already exists ({ws.relpath(kind, record_id)})")
    if prompts.interactive():
        record_id = prompts.complete(ws, kind, values, record_id)
    try:
        outcome = records.create(ws, kind, values, write_options(ctx, flags, creating=True), record_id=record_id)
    except records.MissingValues as exc:
        exc.hint = "give them on the command line (stdin is not a terminal, so cpne cannot ask for them)"
        raise
    report(outcome, flags, created=True)


def update(
    ctx: typer.Context,
    kind: Kind,
    record_id: str,
    values: dict[str, Any],
    flags: Flags,
    *,
    unset: Sequence[str] | None = None,
    set_dates: Sequence[str] | None = None,
) -> None:
    from cpne.ops import records

    kind_check(kind, record_id)
    outcome = records.update(
        workspace(ctx),
        kind,
        record_id,
        values,
        write_options(ctx, flags),
        unset=unset or (),
        set_dates=set_dates or (),
    )
    report(outcome, flags)


def kind_check(kind: Kind, record_id: str) -> None:
    """An id from the command line fits its kind's pattern (before any path is built)."""
    if not kind.valid_id(record_id):
        raise UsageError(f"'{record_id}' is not a valid {kind.name} id (example: {kind.id_example})")


def set_status(
    ctx: typer.Context,
    kind: Kind,
    record_id: str,
    status: str,
    flags: Flags,
    *,
    on: str | None = None,
    values: dict[str, Any] | None = None,
) -> None:
    """``set-status``: on a terminal, ask for what the new status needs and was not given."""
    from cpne.ops import records

    kind_check(kind, record_id)
    ws = workspace(ctx)
    values = dict(values or {})
    if prompts.interactive():
        prompts.complete_status(ws, kind, record_id, status, values)
    outcome = records.set_status(ws, kind, record_id, status, write_options(ctx, flags), on=on, values=values)
    report(outcome, flags)


def add_item(
    ctx: typer.Context, kind: Kind, addition: Addition, record_id: str, *, values: dict[str, Any], flags: Flags
) -> None:
    """``opinion corrigendum``: append one dated item, commit."""
    from cpne.ops import records

    kind_check(kind, record_id)
    outcome = records.add_item(
        workspace(ctx), kind, record_id, addition, values=values, options=write_options(ctx, flags)
    )
    report(outcome, flags)


def shortcut(ctx: typer.Context, kind: Kind, cut: Shortcut, record_id: str, flags: Flags, *, on: str | None) -> None:
    """``partner retire``, ``theme archive``: set one field, commit."""
    from cpne.ops import records

    kind_check(kind, record_id)
    report(records.shortcut(workspace(ctx), kind, record_id, cut, write_options(ctx, flags), on=on), flags)


# -- list ----------------------------------------------------------------------------


def list_records(ctx: typer.Context, kind: Kind, fmt: str, filters: Mapping[str, Any]) -> None:
    """``list``: the records passing the filters, as a table, JSON (whole records) or CSV (the table's columns)."""
    from cpne.ops.query import check_filters, select, sort_key
    from cpne.records.store import records as load_all

    chosen_filters = check_filters(kind, filters)
    listing = load_all(workspace(ctx).repo, kind)
    for relpath, reason in listing.skipped:
        output.warning(f"{relpath} skipped ({reason}); run `cpne validate`")
    chosen = sorted(select(kind, listing.records, chosen_filters), key=lambda r: sort_key(kind, r))
    if fmt == "json":
        output.as_json(chosen)
        return
    headers = [c.header for c in kind.columns]
    rows = [[c.get(record) for c in kind.columns] for record in chosen]
    if fmt == "csv":
        output.as_csv(headers, rows)
        return
    output.table(headers, rows)
    output.message(f"{len(chosen)} {kind.name}{'' if len(chosen) == 1 else 's'}")


# -- show ----------------------------------------------------------------------------


def _describe(value: Any) -> str:
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_describe(v)}" for k, v in value.items())
    if isinstance(value, list):
        if any(isinstance(v, Mapping) for v in value):
            return "\n".join(_describe(v) for v in value)
        return ", ".join(str(v) for v in value)
    return str(value)


def _labels(ws: Workspace, kind: Kind) -> dict[str, dict[str, str]]:
    """How the records this kind refers to are named, for the indexed kinds among them (``amf`` -> ``AMF``)."""
    from cpne.records.store import records as load_all

    targets = {t for ref in kind.references for t in ref.targets if KINDS[t].indexed}
    return {
        name: {str(r.get("id")): KINDS[name].label_of(r) for r in load_all(ws.repo, KINDS[name]).records}
        for name in sorted(targets)
    }


def _named(value: Any, names: Mapping[str, str] | None) -> str:
    items = value if isinstance(value, list) else [value]
    if names is None or not all(isinstance(v, str) for v in items):
        return _describe(value)
    return ", ".join(f"{v} ({names[v]})" if names.get(v) else str(v) for v in items)


def panel_rows(ws: Workspace, kind: Kind, data: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The record's fields as (label, text); ids of referred records are followed by their names."""
    labels = _labels(ws, kind)
    refs: dict[tuple[str, ...], str] = {}
    for ref in kind.references:
        path = tuple(p for p in ref.path if p != "*")
        if len(path) <= 2 and ref.targets[0] in labels:
            refs[path] = ref.targets[0]
    rows = []
    for key, value in data.items():
        if key == "id":
            continue
        if (key,) in refs:
            text = _named(value, labels[refs[(key,)]])
        elif isinstance(value, Mapping) and any(path[0] == key for path in refs):
            text = ", ".join(
                f"{sub}: {_named(item, labels.get(refs.get((key, sub), ''), None))}" for sub, item in value.items()
            )
        else:
            text = _describe(value)
        rows.append((key.replace("_", " "), text))
    return rows


def register_show(app: typer.Typer, kind: Kind) -> None:

    def show(ctx: typer.Context, record_id: RecordId, fmt: ShowFormat = "panel") -> None:
        kind_check(kind, record_id)
        ws = workspace(ctx)
        loaded = ws.read(kind, record_id)
        if fmt == "yaml":
            output.result(loaded.text)
        elif fmt == "json":
            output.as_json(loaded.data)
        else:
            title = f"{kind.name} {record_id}"
            heading = loaded.data.get("title") or loaded.data.get("name")
            output.panel(f"{title} — {heading}" if heading else title, panel_rows(ws, kind, loaded.data))

    show.__doc__ = f"Show one {kind.name}: a readable panel, or the record as YAML or JSON."
    app.command("show")(show)


# -- history -------------------------------------------------------------------------


def register_history(app: typer.Typer, kind: Kind) -> None:

    def history(ctx: typer.Context, record_id: RecordId, fmt: HistoryFormat = "table") -> None:
        from cpne.ops.history import history as run

        kind_check(kind, record_id)
        entries = run(workspace(ctx), kind, record_id)
        if fmt == "json":
            output.as_json([e.as_dict() for e in entries])
            return
        output.table(
            ["date", "author", "status", "subject", "commit"],
            [[e.day, e.author, e.status_change, e.subject, e.commit[:10]] for e in entries],
        )

    history.__doc__ = f"The commits that touched {kind.a}, newest first (following renumbering)."
    app.command("history")(history)


# -- edit ----------------------------------------------------------------------------


def register_edit(app: typer.Typer, kind: Kind) -> None:

    def edit(
        ctx: typer.Context,
        record_id: RecordId,
        dry_run: DryRun = False,
        no_commit: NoCommit = False,
        author: Author = None,
    ) -> None:
        from cpne.ops.edit import EditSession, editor_command
        from cpne.validation.reporters import text

        kind_check(kind, record_id)
        ws = workspace(ctx)
        flags = Flags(dry_run, no_commit, author)
        options = write_options(ctx, flags)
        session = EditSession(ws, kind, record_id)  # a frozen or changed record is refused before any editor
        try:
            command = editor_command(os.environ, interactive=prompts.interactive())
            while True:
                session.run_editor(command)
                check = session.check()
                if check.unchanged:
                    output.message(f"{session.relpath}: no changes; nothing to commit")
                    return
                if check.errors:
                    output.message(text(check.problems).rstrip("\n"))
                    if prompts.interactive() and typer.confirm(
                        "The record is not valid. Edit it again? (no: abandon the changes)", default=True, err=True
                    ):
                        continue
                    raise CpneError(f"changes abandoned: {session.relpath} is unchanged")
                assert check.data is not None
                report(session.save(check.data, options), flags)
                return
        finally:
            session.close()

    edit.__doc__ = (
        f"Edit {kind.a} in $VISUAL/$EDITOR; written and committed only when valid"
        " (on a terminal, an invalid result can be edited again)."
    )
    app.command("edit")(edit)
