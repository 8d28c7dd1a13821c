"""Every kind's sub-app, built from its spec: ``add``/``new``, ``list``, ``show``, ``update``, ``edit``,
``history``, ``set-status`` (kinds with a lifecycle), the kind's shortcuts (``partner retire``) and
additions (``opinion corrigendum``).

Typer reads a command's options from its function's signature; here the signature is
made from the spec's fields and filters (``__signature__``), so a kind's options are
declared once, in its spec. The choices an option offers come from the kind's schema.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from typing import Annotated, Any, Literal

import typer

from cpne.cli import records as rc
from cpne.cli.common import sub_app
from cpne.kinds import KINDS
from cpne.kinds.spec import Addition, Field, Filter, Kind, Shortcut

KEYWORD = inspect.Parameter.KEYWORD_ONLY
Body = Callable[[typer.Context, dict[str, Any]], None]


def literal(values: Iterable[str]) -> Any:
    return Literal.__getitem__(tuple(values))  # Literal["a", "b"], from the schema's enum


def _param(name: str, annotation: Any, default: Any = None) -> inspect.Parameter:
    return inspect.Parameter(name, KEYWORD, default=default, annotation=annotation)


def field_param(kind: Kind, item: Field) -> inspect.Parameter:
    """The option that sets ``item``."""
    help_text = item.help.format(choices=", ".join(kind.enum(item.enum))) if item.enum else item.help
    if item.type == "choice":
        value: Any = literal(kind.choices(item)) | None
    elif item.type == "int":
        value = int | None
    elif item.type in ("choices", "refs", "texts", "items", "append"):
        value = list[str] | None
        if item.type == "choices":
            help_text = f"{help_text.rstrip('.')}: {', '.join(kind.choices(item))}."
    else:
        value = str | None
    option = typer.Option(item.option, metavar=item.metavar, help=help_text)
    return _param(item.key, Annotated[value, option])


def filter_param(kind: Kind, item: Filter) -> inspect.Parameter:
    """The ``list`` option of a filter."""
    help_text = item.help.format(choices=", ".join(kind.enum(item.enum))) if item.enum else item.help
    if item.type == "choice":
        value: Any = literal(kind.choices(item)) | None
    elif item.type == "choices":
        value = list[str] | None
        help_text = help_text.format(choices=", ".join(kind.choices(item)))
    elif item.type == "int":
        value = int | None
    elif item.type == "flag":
        value = bool | None
    else:
        value = str | None
    return _param(item.key, Annotated[value, typer.Option(item.option, metavar=item.metavar, help=help_text)])


def _write_params(*, as_json: bool = True) -> list[inspect.Parameter]:
    params = [
        _param("dry_run", rc.DryRun, False),
        _param("no_commit", rc.NoCommit, False),
        _param("author", rc.Author),
    ]
    if as_json:
        params.append(_param("as_json", rc.AsJson, False))
    return params


def _flags(values: dict[str, Any]) -> rc.Flags:
    return rc.Flags(
        values.pop("dry_run", False),
        values.pop("no_commit", False),
        values.pop("author", None),
        values.pop("as_json", False),
    )


def _command(doc: str, params: list[inspect.Parameter], body: Body) -> Callable[..., None]:
    """A function typer can read: ``params`` as its signature, calling ``body(ctx, values)``."""

    def command(ctx: typer.Context, **values: Any) -> None:
        body(ctx, values)

    ctx_param = inspect.Parameter("ctx", inspect.Parameter.POSITIONAL_OR_KEYWORD, annotation=typer.Context)
    command.__signature__ = inspect.Signature([ctx_param, *params])  # type: ignore[attr-defined]
    command.__doc__ = doc
    return command


def _read_files(kind: Kind, values: dict[str, Any]) -> dict[str, Any]:
    """The text of every ``--…-file`` option given (``-``: stdin)."""
    for item in kind.fields:
        if item.from_file and values.get(item.key) is not None:
            values[item.key] = rc.read_text_input(values[item.key], item.option)
    return values


def _new(kind: Kind) -> Callable[..., None]:
    params = [field_param(kind, f) for f in kind.fields_for("new")]
    if not kind.ids.sequential:
        params.insert(0, inspect.Parameter("record_id", KEYWORD, default=None, annotation=rc.NewId))

    def body(ctx: typer.Context, values: dict[str, Any]) -> None:
        flags = _flags(values)
        record_id = values.pop("record_id", None)
        rc.create(ctx, kind, _read_files(kind, values), flags, record_id=record_id)

    return _command(kind.new_help, [*params, *_write_params()], body)


def _update(kind: Kind) -> Callable[..., None]:
    params = [inspect.Parameter("record_id", KEYWORD, annotation=rc.RecordId)]
    params += [field_param(kind, f) for f in kind.fields_for("update")]
    if kind.settable_dates:
        params.append(_param("set_date", rc.SetDate))
    if kind.unsettable:
        params.append(_param("unset", rc.Unset))

    def body(ctx: typer.Context, values: dict[str, Any]) -> None:
        flags = _flags(values)
        record_id = values.pop("record_id")
        unset, set_dates = values.pop("unset", None), values.pop("set_date", None)
        rc.update(ctx, kind, record_id, _read_files(kind, values), flags, unset=unset, set_dates=set_dates)

    extra = " (lists given replace the old ones)" if any(f.type in ("items", "refs") for f in kind.fields) else ""
    status = "; the status changes with set-status" if kind.lifecycle is not None else ""
    return _command(f"Change fields of {kind.a}{extra}{status}.", [*params, *_write_params()], body)


def _list(kind: Kind) -> Callable[..., None]:
    params = [filter_param(kind, f) for f in kind.filters]
    params.append(_param("fmt", rc.ListFormat, "table"))

    def body(ctx: typer.Context, values: dict[str, Any]) -> None:
        fmt = values.pop("fmt")
        rc.list_records(ctx, kind, fmt, values)

    by = ", ".join(f.option.replace("/--", " or ").lstrip("-") for f in kind.filters)
    return _command(f"List {kind.section}" + (f", filtered by {by}." if by else "."), params, body)


def _set_status(kind: Kind) -> Callable[..., None]:
    assert kind.lifecycle is not None
    lifecycle = kind.lifecycle
    argument = typer.Argument(metavar="STATUS", help="The new status.", show_default=False)
    status: Any = Annotated[literal(lifecycle.statuses), argument]
    params = [
        inspect.Parameter("record_id", KEYWORD, annotation=rc.RecordId),
        inspect.Parameter("status", KEYWORD, annotation=status),
        _param("date", rc.StatusDate),
    ]
    seen: set[str] = set()
    for spec in kind.status_inputs:
        for item in spec.fields:
            if item.key not in seen:
                seen.add(item.key)
                params.append(field_param(kind, item))

    def body(ctx: typer.Context, values: dict[str, Any]) -> None:
        flags = _flags(values)
        record_id, new, on = values.pop("record_id"), values.pop("status"), values.pop("date")
        rc.set_status(ctx, kind, record_id, new, flags, on=on, values=values)

    main = [lifecycle.initial]
    while lifecycle.allowed(main[-1]):
        main.append(lifecycle.allowed(main[-1])[0])
    doc = f"Move {kind.a} along its lifecycle: {' -> '.join(main)} (see docs/records.md for every transition)."
    return _command(doc, [*params, *_write_params()], body)


def _shortcut(kind: Kind, cut: Shortcut) -> Callable[..., None]:
    params = [inspect.Parameter("record_id", KEYWORD, annotation=rc.RecordId)]
    if cut.value is None:
        date = Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help=cut.date_help)]
        params.append(_param("date", date))

    def body(ctx: typer.Context, values: dict[str, Any]) -> None:
        flags = _flags(values)
        rc.shortcut(ctx, kind, cut, values.pop("record_id"), flags, on=values.pop("date", None))

    return _command(cut.help, [*params, *_write_params()], body)


def _addition(kind: Kind, addition: Addition) -> Callable[..., None]:
    params = [inspect.Parameter("record_id", KEYWORD, annotation=rc.RecordId)]
    params += [field_param(kind, f) for f in addition.fields]

    def body(ctx: typer.Context, values: dict[str, Any]) -> None:
        flags = _flags(values)
        record_id = values.pop("record_id")
        rc.add_item(ctx, kind, addition, record_id, values=values, flags=flags)

    return _command(addition.help, [*params, *_write_params()], body)


def kind_app(kind: Kind) -> typer.Typer:
    """The sub-app of one kind."""
    app = sub_app(kind.name, kind.help)
    app.command(kind.new_verb)(_new(kind))
    app.command("list")(_list(kind))
    rc.register_show(app, kind)
    app.command("update")(_update(kind))
    if kind.lifecycle is not None:
        app.command("set-status")(_set_status(kind))
    for cut in kind.shortcuts:
        app.command(cut.name)(_shortcut(kind, cut))
    for addition in kind.additions:
        app.command(addition.name)(_addition(kind, addition))
    rc.register_edit(app, kind)
    rc.register_history(app, kind)
    return app


def mount(app: typer.Typer) -> None:
    """Every kind's sub-app, in the registry's order."""
    for kind in KINDS.values():
        app.add_typer(kind_app(kind))
