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
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cpne import words
from cpne.cli import choices, output, prompts
from cpne.cli.common import repo_from, spec_text
from cpne.errors import CpneError, UsageError, os_reason
from cpne.i18n import _, current, ngettext, pgettext
from cpne.kinds import KINDS, Kind
from cpne.kinds.spec import Addition, Ending, Field, Shortcut, enum_key
from cpne.kinds.values import match_choice

if TYPE_CHECKING:
    from cpne.ops.journal import Repaired
    from cpne.ops.workspace import Outcome, Workspace, WriteOptions

# -- shared options --------------------------------------------------------------------

DryRun = Annotated[
    bool, typer.Option("--dry-run", help=_("Print the YAML that would be written; write and commit nothing."))
]
NoCommit = Annotated[bool, typer.Option("--no-commit", help=_("Write the file but do not commit it."))]
Author = Annotated[
    str | None,
    typer.Option("--author", metavar=_("'NAME <MAIL>'"), help=_("Commit author (default: from git config).")),
]
AsJson = Annotated[bool, typer.Option("--json", help=_("Print the resulting record as JSON on stdout."))]
Unset = Annotated[
    list[str] | None,
    typer.Option(
        "--unset",
        metavar=_("FIELD"),
        help=_("Remove an optional field, e.g. notes or dates.referred (repeatable)."),
    ),
]
SetDate = Annotated[
    list[str] | None,
    typer.Option(
        "--set-date",
        metavar=_("NAME=DATE"),
        help=_("Set or correct a date, e.g. adopted=2026-03-05 (repeatable)."),
    ),
]
SHOW_FORMATS = ("panel", "yaml", "json")
LIST_FORMATS = ("table", "json", "csv")
HISTORY_FORMATS = ("table", "json")


def _format_option(names: tuple[str, ...], help_text: str) -> Any:
    listed = choices.listed(choices.formats(names))
    return typer.Option("--format", metavar=_("FORMAT"), help=help_text.format(choices=listed))


ShowFormat = Annotated[str, _format_option(SHOW_FORMATS, _("{choices}: readable, the file as stored, or JSON."))]
ListFormat = Annotated[str, _format_option(LIST_FORMATS, _("Output format: {choices}."))]
HistoryFormat = Annotated[str, _format_option(HISTORY_FORMATS, _("Output format: {choices}."))]
StatusDate = Annotated[
    str | None,
    typer.Option("--date", metavar=_("YYYY-MM-DD"), help=_("Date of the new status (default: today).")),
]
RecordId = Annotated[str, typer.Argument(metavar=_("ID"), help=_("The record's id."), show_default=False)]
NewId = Annotated[
    str | None,
    typer.Argument(metavar=_("ID"), help=_("Id of the new record (asked for on a terminal)."), show_default=False),
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
        on_wait=lambda holder: output.message(
            _("waiting for the lock held by {holder}...").format(holder=holder.describe())
        ),
        on_recover=lambda holder: output.message(
            _("recovered the lock left by cpne process {pid}, which ended without releasing it").format(
                pid=holder.pid if holder else "?"
            )
        ),
        on_repair=_repaired,
    )


def _repaired(repaired: Repaired) -> None:
    if repaired.kept:
        output.warning(
            _("an interrupted change left files that were changed since; they are left as they are: {paths}").format(
                paths=", ".join(repaired.kept)
            )
        )
    if repaired.paths:
        output.warning(
            _("an interrupted change was undone (its files are as they were before it): {paths}").format(
                paths=", ".join(repaired.paths)
            )
        )
    elif repaired.completed:
        output.message(_("an interrupted change had been committed; its journal was removed"))


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
        raise UsageError(_("{option}: {path} is not UTF-8 text").format(option=option, path=value)) from None
    except OSError as exc:
        raise UsageError(
            _("{option}: cannot read {path}: {reason}").format(option=option, path=value, reason=os_reason(exc))
        ) from None


def report(outcome: Outcome, flags: Flags, *, created: bool = False) -> None:
    """Tell what a write did: the id or the record on stdout for add/new, a summary on stderr."""
    from cpne.validation.reporters import text

    if outcome.warnings:
        output.message(text(outcome.warnings).rstrip("\n"))
    if outcome.dry_run:
        output.result(outcome.text)
        if outcome.changed:
            said = _("dry run: {path} not written; nothing was committed")
        else:
            said = _("dry run: {path} unchanged; nothing was committed")
        output.message(said.format(path=outcome.relpath))
        return
    if not outcome.changed:
        key = outcome.kind.noun_key(outcome.data)
        output.message(_("{noun} {id}: nothing to change").format(noun=words.noun(key), id=outcome.record_id))
        if flags.as_json:
            output.as_json(outcome.data)
        return
    if flags.as_json:
        output.as_json(outcome.data)
    elif created:
        output.result(outcome.record_id + "\n")
    if outcome.commit:
        where = _("commit {commit}").format(commit=outcome.commit[:10])
    else:
        where = _("written to {path}, not committed").format(path=outcome.relpath)
    # what was done, agreeing with the record's noun (ops says it: « recommandation OP-2026-002 : créée »)
    output.message(_("{summary} ({where})").format(summary=outcome.subject, where=where))


def status_text(kind: Kind, status: str, record: Mapping[str, Any] | None = None) -> str:
    """A status as messages quote it: the identifier, its label beside it where it differs (agreeing with
    ``record``'s noun: « adopted (adoptée) » for a recommendation)."""
    return words.with_label(kind.name, "status", status, _variant(kind, "status", record))


def label(kind: Kind, key: str, value: str, record: Mapping[str, Any] | None = None) -> str:
    """A value of the enum ``key`` by its label, agreeing with ``record``'s noun (« recommandation adoptée »)."""
    return words.enum_label(kind.name, key, value, _variant(kind, key, record))


def _variant(kind: Kind, key: str, record: Mapping[str, Any] | None) -> str:
    """``feminine`` where the record's noun is and the enum has that form, else the base form."""
    if record is None or "feminine" not in words.ENUM_VARIANTS.get(words.enum_context(kind.name, key), ()):
        return ""
    return "feminine" if words.gender(kind.noun_key(record)) == "feminine" else ""


# -- add/new and update ------------------------------------------------------------------


def create(
    ctx: typer.Context, kind: Kind, values: dict[str, Any], flags: Flags, *, record_id: str | None = None
) -> None:
    """``add``/``new``: ask for what is missing on a terminal, then create, validate, write, commit."""
    from cpne.ops import records

    if record_id is not None:
        record_id = kind_check(kind, record_id)
    ws = workspace(ctx)
    if record_id is not None and ws.path(kind, record_id).exists():
        raise CpneError(
            _("{noun} '{id}' already exists ({path})").format(
                noun=words.noun(kind.name), id=record_id, path=ws.relpath(kind, record_id)
            )
        )
    if prompts.interactive():
        record_id = prompts.complete(ws, kind, values, record_id)
    try:
        outcome = records.create(ws, kind, values, write_options(ctx, flags, creating=True), record_id=record_id)
    except records.MissingValues as exc:
        exc.hint = _("give them on the command line (stdin is not a terminal, so cpne cannot ask for them)")
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

    record_id = kind_check(kind, record_id)
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


def kind_check(kind: Kind, record_id: str) -> str:
    """An id from the command line, in the case its kind wants (``MEN`` is ``men``), checked against its pattern
    before any path is built."""
    found = kind.normalize_id(record_id)
    if not kind.valid_id(found):
        raise UsageError(
            _("'{id}' is not a valid {noun} id (example: {example})").format(
                id=record_id, noun=words.noun(kind.name), example=kind.id_example
            )
        )
    return found


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

    record_id = kind_check(kind, record_id)
    assert kind.lifecycle is not None
    # a label names its status (the prompts need it); an unknown one is refused by ops, the statuses listed
    status = match_choice(status, kind.lifecycle.statuses, (kind.name, "status")) or status
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

    record_id = kind_check(kind, record_id)
    if prompts.interactive():
        prompts.complete_item(workspace(ctx), kind, addition, values)
    outcome = records.add_item(
        workspace(ctx), kind, record_id, addition, values=values, options=write_options(ctx, flags)
    )
    report(outcome, flags)


def shortcut(ctx: typer.Context, kind: Kind, cut: Shortcut, record_id: str, flags: Flags, *, on: str | None) -> None:
    """``partner retire``, ``theme archive``: set one field, commit."""
    from cpne.ops import records

    record_id = kind_check(kind, record_id)
    report(records.shortcut(workspace(ctx), kind, record_id, cut, write_options(ctx, flags), on=on), flags)


def end_item(
    ctx: typer.Context, kind: Kind, ending: Ending, record_id: str, flags: Flags, *, value: str, on: str | None
) -> None:
    """``group leave``: date the end of one item of a list, commit."""
    from cpne.ops import records

    record_id = kind_check(kind, record_id)
    outcome = records.end_item(workspace(ctx), kind, record_id, ending, write_options(ctx, flags), value=value, on=on)
    report(outcome, flags)


# -- list ----------------------------------------------------------------------------


def list_records(ctx: typer.Context, kind: Kind, fmt: str, filters: Mapping[str, Any]) -> None:
    """``list``: the records passing the filters, as a table, JSON (whole records) or CSV (the table's columns).

    The table speaks the language (headings, enum values by their labels); JSON and CSV keep the identifiers.
    With a filter's ``fail`` option (``--due --fail``), exit 1 once a listing that is not empty is printed.
    """
    from cpne.ops.query import check_filters, failing

    fmt = choices.choose(fmt, "--format", choices.formats(LIST_FORMATS))
    chosen = _listed(ctx, kind, fmt, check_filters(kind, filters))
    if chosen and failing(kind, filters):
        raise typer.Exit(1)


def _listed(ctx: typer.Context, kind: Kind, fmt: str, chosen_filters: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Print the records passing the filters checked; return them."""
    from cpne.ops.query import select, sort_key
    from cpne.records.store import records as load_all

    listing = load_all(workspace(ctx).repo, kind)
    for relpath, reason in listing.skipped:
        output.warning(_("{path} skipped ({reason}); run `cpne validate`").format(path=relpath, reason=reason))
    chosen = sorted(select(kind, listing.records, chosen_filters), key=lambda r: sort_key(kind, r))
    if fmt == "json":
        output.as_json(chosen)
        return chosen
    rows = [[c.get(record) for c in kind.columns] for record in chosen]
    if fmt == "csv":
        output.as_csv([c.header for c in kind.columns], rows)
        return chosen
    enums = [enum_values(kind, (c.header,)) for c in kind.columns]
    labelled = [
        [
            _cell_label(kind, c.header, cell, values, record)
            for c, cell, values in zip(kind.columns, row, enums, strict=True)
        ]
        for row, record in zip(rows, chosen, strict=True)
    ]
    output.table([spec_text(c.header) for c in kind.columns], labelled)
    count = len(chosen)
    output.message(
        ngettext("{count} {noun}", "{count} {nouns}", count).format(
            count=count, noun=words.noun(kind.name), nouns=words.noun(kind.name, plural=True)
        )
    )
    return chosen


def enum_values(kind: Kind, path: tuple[str, ...]) -> tuple[str, ...]:
    """The values the kind's schema allows at ``path``, none when it holds no enum."""
    try:
        return kind.enum(path)
    except (KeyError, TypeError):
        return ()


def _cell_label(kind: Kind, key: str, cell: str, values: tuple[str, ...], record: Mapping[str, Any]) -> str:
    """A table cell: an enum's values (one, or several comma-separated) by their labels."""
    if not values or not cell:
        return cell
    parts = cell.split(", ")
    if not all(part in values for part in parts):
        return cell
    return ", ".join(label(kind, key, part, record) for part in parts)


# -- show ----------------------------------------------------------------------------


SCHEMA_LANGUAGE = "fr"  # the language of the schemas' titles and descriptions


def field_label(kind: Kind, path: tuple[str, ...]) -> str:
    """How a panel names the value at ``path``: the label of the field that sets it, else its key."""
    candidates: list[Field] = [*kind.fields]
    for spec in kind.status_inputs:
        candidates.extend(spec.fields)
    setting = [item for item in candidates if item.path == path]
    if len(setting) == 1:  # several options filling one list (--lead, --member): the list's own name below
        return spec_text(setting[0].label)
    if len(path) == 1:
        for column in kind.columns:
            if column.header == path[0]:
                return spec_text(column.header)
    if current() == SCHEMA_LANGUAGE:  # the schemas' titles are French: the register's words for its fields
        title = kind.title(path)
        if title:
            return title[0].lower() + title[1:]
    return path[-1].replace("_", " ")


def _describe(kind: Kind, path: tuple[str, ...], value: Any, record: Mapping[str, Any]) -> str:
    """A value as a panel shows it: enum values by their labels, nested keys by their labels."""
    if isinstance(value, Mapping):
        return ", ".join(
            _("{name}: {value}").format(
                name=field_label(kind, (*path, k)), value=_describe(kind, (*path, k), v, record)
            )
            for k, v in value.items()
        )
    if isinstance(value, list):
        inner = (*path, "*")
        if any(isinstance(v, Mapping) for v in value):
            return "\n".join(_describe(kind, inner, v, record) for v in value)
        return ", ".join(_describe(kind, inner, v, record) for v in value)
    if isinstance(value, str) and path and value in enum_values(kind, path):
        return label(kind, enum_key(path), value, record)
    return str(value)


def _labels(ws: Workspace, kind: Kind) -> dict[str, dict[str, str]]:
    """How the records this kind refers to are named, for the indexed kinds among them (``amf`` -> ``AMF``)."""
    from cpne.records.store import records as load_all

    targets = {t for ref in kind.references for t in ref.targets if KINDS[t].indexed}
    return {
        name: {str(r.get("id")): KINDS[name].label_of(r) for r in load_all(ws.repo, KINDS[name]).records}
        for name in sorted(targets)
    }


def _named(
    kind: Kind, path: tuple[str, ...], value: Any, names: Mapping[str, str] | None, record: Mapping[str, Any]
) -> str:
    items = value if isinstance(value, list) else [value]
    if names is None or not all(isinstance(v, str) for v in items):
        return _describe(kind, path, value, record)
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
            text = _named(kind, (key,), value, labels[refs[(key,)]], data)
        elif isinstance(value, Mapping) and any(path[0] == key for path in refs):
            text = ", ".join(
                _("{name}: {value}").format(
                    name=field_label(kind, (key, sub)),
                    value=_named(kind, (key, sub), item, labels.get(refs.get((key, sub), ""), None), data),
                )
                for sub, item in value.items()
            )
        else:
            text = _describe(kind, (key,), value, data)
        rows.append((field_label(kind, (key,)), text))
    return rows


def register_show(app: typer.Typer, kind: Kind) -> None:

    def show(ctx: typer.Context, record_id: RecordId, fmt: ShowFormat = "panel") -> None:
        fmt = choices.choose(fmt, "--format", choices.formats(SHOW_FORMATS))
        record_id = kind_check(kind, record_id)
        ws = workspace(ctx)
        loaded = ws.read(kind, record_id)
        if fmt == "yaml":
            output.result(loaded.text)
        elif fmt == "json":
            output.as_json(loaded.data)
        else:
            noun = words.noun(kind.noun_key(loaded.data))
            heading = loaded.data.get("title") or loaded.data.get("name")
            if heading:
                title = _("{noun} {id} — {title}").format(noun=noun, id=record_id, title=heading)
            else:
                title = _("{noun} {id}").format(noun=noun, id=record_id)
            output.panel(title, panel_rows(ws, kind, loaded.data))

    show.__doc__ = "Show one record: a readable panel, or the record as YAML or JSON."
    help_text = words.agreeing(kind.name, "Show one {noun}: a readable panel, or the record as YAML or JSON.")
    app.command("show", help=help_text.format(noun=words.noun(kind.name)))(show)


# -- history -------------------------------------------------------------------------


def register_history(app: typer.Typer, kind: Kind) -> None:

    def history(ctx: typer.Context, record_id: RecordId, fmt: HistoryFormat = "table") -> None:
        from cpne.ops.history import history as run

        fmt = choices.choose(fmt, "--format", choices.formats(HISTORY_FORMATS))
        record_id = kind_check(kind, record_id)
        entries = run(workspace(ctx), kind, record_id)
        if fmt == "json":
            output.as_json([e.as_dict() for e in entries])
            return
        output.table(
            [
                pgettext("history", "date"),
                pgettext("history", "author"),
                pgettext("history", "status"),
                pgettext("history", "subject"),
                pgettext("history", "commit"),
            ],
            [
                [e.day, e.author, _status_change(kind, e.status_from, e.status_to), e.subject, e.commit[:10]]
                for e in entries
            ],
        )

    history.__doc__ = "The commits that changed the record, newest first."
    help_text = _("The commits that changed the record, newest first (following renumbering).")
    app.command("history", help=help_text)(history)


def _status_change(kind: Kind, old: str | None, new: str | None) -> str:
    """``draft -> consultation`` in the history table, by the statuses' labels."""
    if new is None:
        return ""
    if old is None:
        return label(kind, "status", new)
    return _("{old} -> {new}").format(old=label(kind, "status", old), new=label(kind, "status", new))


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

        record_id = kind_check(kind, record_id)
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
                    output.message(_("{path}: no changes; nothing to commit").format(path=session.relpath))
                    return
                if check.errors:
                    output.message(text(check.problems).rstrip("\n"))
                    if prompts.interactive() and prompts.confirm(
                        _("The record is not valid. Edit it again? (no: abandon the changes)"), default=True
                    ):
                        continue
                    raise CpneError(_("changes abandoned: {path} is unchanged").format(path=session.relpath))
                assert check.data is not None
                report(session.save(check.data, options), flags)
                return
        finally:
            session.close()

    edit.__doc__ = "Edit the record in an editor; written and committed only when valid."
    help_text = _(
        "Edit the record in $VISUAL/$EDITOR; written and committed only when valid"
        " (on a terminal, an invalid result can be edited again)."
    )
    app.command("edit", help=help_text)(edit)
