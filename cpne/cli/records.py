"""What the five record sub-apps share: option aliases, write options, and the generic commands.

The per-kind files (``partner.py``, ``opinion.py``, ...) only declare their options and
hand a ``{field: value}`` mapping to :func:`create` or :func:`update`; ``list``,
``show``, ``history`` and ``edit`` are made here for any kind. Heavy modules (the core's
git, YAML and validation code) are imported inside the command functions.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer

from cpne.cli import output, prompts
from cpne.cli.common import repo_from
from cpne.errors import CpneError, UsageError
from cpne.kinds import KINDS, Kind

if TYPE_CHECKING:
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
Title = Annotated[str | None, typer.Option("--title", metavar="TEXT", help="Title (French).")]
Summary = Annotated[str | None, typer.Option("--summary", metavar="TEXT", help="Short summary.")]
Notes = Annotated[str | None, typer.Option("--notes", metavar="TEXT", help="Free notes.")]
Themes = Annotated[list[str] | None, typer.Option("--theme", metavar="THEME", help="Theme id (repeatable).")]
Rapporteurs = Annotated[
    list[str] | None, typer.Option("--rapporteur", metavar="PARTNER", help="Rapporteur: a partner id (repeatable).")
]
BodyFile = Annotated[
    str | None, typer.Option("--body-file", metavar="FILE", help="Text (Markdown) read from FILE, or - for stdin.")
]
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


DEFAULT_WAIT_CREATING = 10.0


def lock_wait(creating: bool) -> float:
    """Seconds to wait for the lock: ``$CPNE_LOCK_WAIT``, else 10 s for add/new and 0 (fail at once) for the rest."""
    raw = os.environ.get("CPNE_LOCK_WAIT", "").strip()
    if raw:
        try:
            return max(0.0, float(raw))
        except ValueError:
            raise UsageError(f"CPNE_LOCK_WAIT: '{raw}' is not a number of seconds") from None
    return DEFAULT_WAIT_CREATING if creating else 0.0


def write_options(ctx: typer.Context, flags: Flags, *, creating: bool = False) -> WriteOptions:
    from cpne.ops.workspace import WriteOptions

    return WriteOptions(
        dry_run=flags.dry_run,
        commit=not flags.no_commit,
        author=flags.author,
        wait=lock_wait(creating),
        command=ctx.command_path,
        on_wait=lambda holder: output.message(f"waiting for the lock held by {holder.describe()}..."),
        on_recover=lambda holder: output.message(
            f"recovered the lock left by cpne process {holder.pid if holder else '?'}, which no longer runs"
        ),
    )


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
    ctx: typer.Context, kind_name: str, values: dict[str, Any], flags: Flags, *, record_id: str | None = None
) -> None:
    """``add``/``new``: ask for what is missing on a terminal, then create, validate, write, commit."""
    from cpne.ops import records

    kind = KINDS[kind_name]
    if record_id is not None:
        kind_check(kind, record_id)
    ws = workspace(ctx)
    if record_id is not None and ws.path(kind, record_id).exists():
        raise CpneError(f"{kind.name} '{record_id}' already exists ({ws.relpath(kind, record_id)})")
    if prompts.interactive():
        record_id = prompts.complete(ws, kind, values, record_id)
    outcome = records.create(ws, kind, values, write_options(ctx, flags, creating=True), record_id=record_id)
    report(outcome, flags, created=True)


def update(
    ctx: typer.Context,
    kind_name: str,
    record_id: str,
    values: dict[str, Any],
    flags: Flags,
    *,
    unset: Sequence[str] | None = None,
    set_dates: Sequence[str] | None = None,
) -> None:
    from cpne.ops import records

    kind = KINDS[kind_name]
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
    kind_name: str,
    record_id: str,
    status: str,
    flags: Flags,
    *,
    on: str | None = None,
    reason: str | None = None,
    decision: str | None = None,
    positions: Sequence[str] = (),
) -> None:
    from cpne.ops import records
    from cpne.ops.fields import DECISION_MODES

    kind = KINDS[kind_name]
    kind_check(kind, record_id)
    ws = workspace(ctx)
    if prompts.interactive():
        if kind_name == "opinion" and status == "withdrawn" and not reason:
            reason = prompts.ask_text("Reason for the withdrawal")
        if kind_name == "opinion" and status == "adopted" and decision is None:
            current = ws.read(kind, record_id).data
            if "decision" not in current:
                decision = prompts.ask_choice("Decision mode", [(m, "") for m in DECISION_MODES])
    outcome = records.set_status(
        ws,
        kind,
        record_id,
        status,
        write_options(ctx, flags),
        on=on,
        reason=reason,
        decision=decision,
        positions=positions,
    )
    report(outcome, flags)


# -- list ----------------------------------------------------------------------------


def _join(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _get(*path: str) -> Callable[[Mapping[str, Any]], str]:
    def get(record: Mapping[str, Any]) -> str:
        node: Any = record
        for key in path:
            node = node.get(key) if isinstance(node, Mapping) else None
        return _join(node)

    return get


def _latest_version(record: Mapping[str, Any]) -> str:
    versions = record.get("versions")
    if isinstance(versions, list) and versions and isinstance(versions[-1], Mapping):
        return str(versions[-1].get("version", ""))
    return ""


COLUMNS: dict[str, list[tuple[str, Callable[[Mapping[str, Any]], str]]]] = {
    "partner": [
        ("id", _get("id")),
        ("acronym", _get("acronym")),
        ("name", _get("name")),
        ("membership", _get("membership")),
        ("joined", _get("joined")),
        ("left", _get("left")),
    ],
    "theme": [("number", _get("number")), ("id", _get("id")), ("title", _get("title")), ("status", _get("status"))],
    "referential": [
        ("id", _get("id")),
        ("acronym", _get("acronym")),
        ("title", _get("title")),
        ("status", _get("status")),
        ("latest version", _latest_version),
    ],
    "opinion": [
        ("id", _get("id")),
        ("kind", _get("kind")),
        ("status", _get("status")),
        ("created", _get("dates", "created")),
        ("themes", _get("themes")),
        ("title", _get("title")),
    ],
    "review": [
        ("id", _get("id")),
        ("referential", _get("referential")),
        ("version", _get("version")),
        ("status", _get("status")),
        ("opened", _get("dates", "opened")),
        ("title", _get("title")),
    ],
}


def list_records(ctx: typer.Context, kind_name: str, fmt: str, **filters: Any) -> None:
    """``list``: the records passing the filters, as a table, JSON (whole records) or CSV (the table's columns)."""
    from cpne.lifecycle import LIFECYCLES
    from cpne.ops.query import load_all, select, sort_key

    kind = KINDS[kind_name]
    lifecycle = LIFECYCLES.get(kind_name)
    for status in filters.get("status") or ():
        if lifecycle is not None and status not in lifecycle.statuses:
            raise UsageError(f"--status: '{status}' is not one of: {', '.join(lifecycle.statuses)}")
    listing = load_all(workspace(ctx), kind)
    for relpath, reason in listing.skipped:
        output.warning(f"{relpath} skipped ({reason}); run `cpne validate`")
    chosen = sorted(select(kind, listing.records, **filters), key=lambda r: sort_key(kind, r))
    columns = COLUMNS[kind_name]
    if fmt == "json":
        output.as_json(chosen)
        return
    rows = [[get(record) for _, get in columns] for record in chosen]
    if fmt == "csv":
        output.as_csv([name for name, _ in columns], rows)
        return
    output.table([name for name, _ in columns], rows)
    output.message(f"{len(chosen)} {kind_name}{'' if len(chosen) == 1 else 's'}")


# -- show ----------------------------------------------------------------------------


def _describe(value: Any) -> str:
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {_describe(v)}" for k, v in value.items())
    if isinstance(value, list):
        if any(isinstance(v, Mapping) for v in value):
            return "\n".join(_describe(v) for v in value)
        return ", ".join(str(v) for v in value)
    return str(value)


def _labels(ws: Workspace) -> dict[str, dict[str, str]]:
    from cpne.ops.query import load_all

    out: dict[str, dict[str, str]] = {}
    for name, key in (("partner", "acronym"), ("theme", "title"), ("referential", "acronym")):
        out[name] = {str(r.get("id")): str(r.get(key, "")) for r in load_all(ws, KINDS[name]).records}
    return out


def panel_rows(ws: Workspace, kind: Kind, data: Mapping[str, Any]) -> list[tuple[str, str]]:
    labels = _labels(ws)
    refs = {ref.path[0]: ref.targets[0] for ref in kind.references if len(ref.path) <= 2}
    rows = []
    for key, value in data.items():
        if key == "id":
            continue
        target = refs.get(key)
        if target in labels and isinstance(value, (list, str)):
            items = value if isinstance(value, list) else [value]
            names = labels[target]
            text = ", ".join(f"{v} ({names[v]})" if names.get(v) else str(v) for v in items)
        elif key == "referral" and isinstance(value, Mapping) and value.get("by"):
            by = str(value["by"])
            text = f"{value.get('origin')} (by {by}{' — ' + labels['partner'][by] if by in labels['partner'] else ''})"
        else:
            text = _describe(value)
        rows.append((key.replace("_", " "), text))
    return rows


def register_show(app: typer.Typer, kind_name: str) -> None:
    kind = KINDS[kind_name]

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

    show.__doc__ = f"Show one {kind_name}: a readable panel, or the record as YAML or JSON."
    app.command("show")(show)


# -- history -------------------------------------------------------------------------


def register_history(app: typer.Typer, kind_name: str) -> None:
    kind = KINDS[kind_name]

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

    history.__doc__ = f"The commits that touched a {kind_name}, newest first (following renumbering)."
    app.command("history")(history)


# -- edit ----------------------------------------------------------------------------


def register_edit(app: typer.Typer, kind_name: str) -> None:
    kind = KINDS[kind_name]

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
        command = editor_command(os.environ, interactive=prompts.interactive())
        session = EditSession(ws, kind, record_id)
        try:
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
        f"Edit a {kind_name} in $VISUAL/$EDITOR; written and committed only when valid"
        " (on a terminal, an invalid result can be edited again)."
    )
    app.command("edit")(edit)
