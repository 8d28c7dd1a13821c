"""Every kind's sub-app, built from its spec: ``add``/``new``, ``list``, ``show``, ``update``, ``edit``,
``history``, ``set-status`` (kinds with a lifecycle), the kind's shortcuts (``partner retire``) and
additions (``opinion corrigendum``).

Typer reads a command's options from its function's signature; here the signature is
made from the spec's fields and filters (``__signature__``), so a kind's options are
declared once, in its spec. The choices an option offers come from the kind's schema.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Annotated, Any

import typer

from cpne import words
from cpne.cli import records as rc
from cpne.cli.common import spec_text, sub_app
from cpne.i18n import _
from cpne.kinds import KINDS
from cpne.kinds.spec import Addition, Ending, Field, Filter, Kind, Shortcut, enum_key

KEYWORD = inspect.Parameter.KEYWORD_ONLY
Body = Callable[[typer.Context, dict[str, Any]], None]
Command = tuple[Callable[..., None], str]  # the function typer reads, and its help


def _param(name: str, annotation: Any, default: Any = None) -> inspect.Parameter:
    return inspect.Parameter(name, KEYWORD, default=default, annotation=annotation)


def choices_help(kind: Kind, help_text: str, path: tuple[str, ...]) -> str:
    """An option's help (translated) naming the values of the schema's enum at ``path``, labels beside them:
    in place of ``{choices}``, else after it."""
    listed = words.with_labels(kind.name, enum_key(path), kind.enum(path))
    text = spec_text(help_text)
    if "{choices}" in text:
        return text.replace("{choices}", listed)
    return _("{help} Values: {choices}.").format(help=text, choices=listed)


def _metavar(metavar: str | None, type_: str) -> str:
    if metavar:
        return _(metavar)
    if type_ in ("choice", "choices"):
        return _("VALUE")
    return _("NUMBER") if type_ == "int" else _("TEXT")


def field_param(kind: Kind, item: Field) -> inspect.Parameter:
    """The option that sets ``item``; a choice is typed as its identifier or its label (checked by ops)."""
    help_text = (
        choices_help(kind, item.help, item.enum_path)
        if item.type in ("choice", "choices") or item.enum
        else spec_text(item.help)
    )
    if item.type == "int":
        value: Any = int | None
    elif item.type in ("choices", "refs", "texts", "items", "append"):
        value = list[str] | None
    else:
        value = str | None
    option = typer.Option(item.option, metavar=_metavar(item.metavar, item.type), help=help_text)
    return _param(item.key, Annotated[value, option])


def filter_param(kind: Kind, item: Filter) -> inspect.Parameter:
    """The ``list`` option of a filter."""
    help_text = choices_help(kind, item.help, item.enum) if item.type in ("choice", "choices") else spec_text(item.help)
    if item.type == "choices":
        value: Any = list[str] | None
    elif item.type == "int":
        value = int | None
    elif item.type == "flag":
        value = bool | None
    elif item.type == "day":  # a switch: ``--due``, no ``--no-due``
        return _param(item.key, Annotated[bool, typer.Option(item.option, help=help_text)], False)
    else:
        value = str | None
    metavar = None if item.type == "flag" else _metavar(item.metavar, item.type)
    return _param(item.key, Annotated[value, typer.Option(item.option, metavar=metavar, help=help_text)])


def filter_params(kind: Kind, item: Filter) -> list[inspect.Parameter]:
    """The ``list`` options of a filter: its own, and those going with it (``--on DATE``, ``--fail``)."""
    params = [filter_param(kind, item)]
    for key, option, help_text in item.companions:
        if option == item.day:
            day = typer.Option(option, metavar=_("YYYY-MM-DD"), help=spec_text(help_text))
            params.append(_param(key, Annotated[str | None, day]))
        else:
            params.append(_param(key, Annotated[bool, typer.Option(option, help=spec_text(help_text))], False))
    return params


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
    """A function typer can read: ``params`` as its signature, calling ``body(ctx, values)``.

    ``doc`` is for developers; the help shown is given to ``app.command``, in the language.
    """

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


def _new(kind: Kind) -> Command:
    params = [field_param(kind, f) for f in kind.fields_for("new")]
    if not kind.ids.sequential:
        params.insert(0, inspect.Parameter("record_id", KEYWORD, default=None, annotation=rc.NewId))

    def body(ctx: typer.Context, values: dict[str, Any]) -> None:
        flags = _flags(values)
        record_id = values.pop("record_id", None)
        rc.create(ctx, kind, _read_files(kind, values), flags, record_id=record_id)

    return _command("Create a record.", [*params, *_write_params()], body), spec_text(kind.new_help)


def _update(kind: Kind) -> Command:
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

    lists = any(f.type in ("items", "refs") for f in kind.fields)
    if lists and kind.lifecycle is not None:
        help_text = _(
            "Change fields of the record (lists given replace the old ones); the status changes with set-status."
        )
    elif lists:
        help_text = _("Change fields of the record (lists given replace the old ones).")
    elif kind.lifecycle is not None:
        help_text = _("Change fields of the record; the status changes with set-status.")
    else:
        help_text = _("Change fields of the record.")
    return _command("Change fields of a record.", [*params, *_write_params()], body), help_text


def _list(kind: Kind) -> Command:
    params = [param for f in kind.filters for param in filter_params(kind, f)]
    params.append(_param("fmt", rc.ListFormat, "table"))

    def body(ctx: typer.Context, values: dict[str, Any]) -> None:
        fmt = values.pop("fmt")
        rc.list_records(ctx, kind, fmt, values)

    nouns = words.noun(kind.name, plural=True)
    options = ", ".join(f.option.replace("/--", " / --") for f in kind.filters)
    if options:
        help_text = _("List {nouns}, filtered by {options}.").format(nouns=nouns, options=options)
    else:
        help_text = _("List {nouns}.").format(nouns=nouns)
    return _command("List records.", params, body), help_text


def _set_status(kind: Kind) -> Command:
    assert kind.lifecycle is not None
    lifecycle = kind.lifecycle
    argument = typer.Argument(
        metavar=_("STATUS"),
        help=_("The new status: {choices}.").format(choices=words.with_labels(kind.name, "status", lifecycle.statuses)),
        show_default=False,
    )
    params = [
        inspect.Parameter("record_id", KEYWORD, annotation=rc.RecordId),
        inspect.Parameter("status", KEYWORD, annotation=Annotated[str, argument]),
    ]
    if lifecycle.date_of or lifecycle.dated:  # a meeting's statuses record no date: no --date to offer
        params.append(_param("date", rc.StatusDate))
    seen: set[str] = set()
    for spec in kind.status_inputs:
        for item in spec.fields:
            if item.key not in seen:
                seen.add(item.key)
                params.append(field_param(kind, item))

    def body(ctx: typer.Context, values: dict[str, Any]) -> None:
        flags = _flags(values)
        record_id, new, on = values.pop("record_id"), values.pop("status"), values.pop("date", None)
        rc.set_status(ctx, kind, record_id, new, flags, on=on, values=values)

    main = [lifecycle.initial]
    while lifecycle.allowed(main[-1]):
        main.append(lifecycle.allowed(main[-1])[0])
    path = " -> ".join(rc.status_text(kind, status) for status in main)
    help_text = _("Move the record along its lifecycle: {path} (see docs/records.md for every transition).").format(
        path=path
    )
    return _command("Change a record's status.", [*params, *_write_params()], body), help_text


def _shortcut(kind: Kind, cut: Shortcut) -> Command:
    params = [inspect.Parameter("record_id", KEYWORD, annotation=rc.RecordId)]
    if cut.dated:
        date = Annotated[str | None, typer.Option("--date", metavar=_("YYYY-MM-DD"), help=spec_text(cut.date_help))]
        params.append(_param("date", date))

    def body(ctx: typer.Context, values: dict[str, Any]) -> None:
        flags = _flags(values)
        rc.shortcut(ctx, kind, cut, values.pop("record_id"), flags, on=values.pop("date", None))

    return _command(f"The shortcut {cut.name}.", [*params, *_write_params()], body), spec_text(cut.help)


def _argument(item: Field, *, optional: bool = False) -> inspect.Parameter:
    """``item`` given as an argument after the record's id (``join GROUP PARTNER``).

    ``optional``: left out, it is asked for on a terminal (and refused off one).
    """
    argument = typer.Argument(metavar=_metavar(item.metavar, item.type), help=spec_text(item.help), show_default=False)
    if optional:
        return inspect.Parameter(item.key, KEYWORD, annotation=Annotated[str | None, argument], default=None)
    return inspect.Parameter(item.key, KEYWORD, annotation=Annotated[str, argument])


def _addition(kind: Kind, addition: Addition) -> Command:
    params = [inspect.Parameter("record_id", KEYWORD, annotation=rc.RecordId)]
    params += [
        _argument(f, optional=True) if f.key == addition.argument else field_param(kind, f)
        for f in sorted(addition.fields, key=lambda f: f.key != addition.argument)
    ]

    def body(ctx: typer.Context, values: dict[str, Any]) -> None:
        flags = _flags(values)
        record_id = values.pop("record_id")
        rc.add_item(ctx, kind, addition, record_id, values=values, flags=flags)

    return _command(f"The addition {addition.name}.", [*params, *_write_params()], body), spec_text(addition.help)


def _ending(kind: Kind, ending: Ending) -> Command:
    date = Annotated[str | None, typer.Option("--date", metavar=_("YYYY-MM-DD"), help=spec_text(ending.date_help))]
    params = [
        inspect.Parameter("record_id", KEYWORD, annotation=rc.RecordId),
        _argument(ending.match),
        _param("date", date),
    ]

    def body(ctx: typer.Context, values: dict[str, Any]) -> None:
        flags = _flags(values)
        record_id, value = values.pop("record_id"), values.pop(ending.match.key)
        rc.end_item(ctx, kind, ending, record_id, flags, value=value, on=values.pop("date", None))

    return _command(f"The ending {ending.name}.", [*params, *_write_params()], body), spec_text(ending.help)


def _mount(app: typer.Typer, name: str, command: Command) -> None:
    function, help_text = command
    app.command(name, help=help_text)(function)


def kind_app(kind: Kind) -> typer.Typer:
    """The sub-app of one kind."""
    app = sub_app(kind.name, spec_text(kind.help))
    _mount(app, kind.new_verb, _new(kind))
    _mount(app, "list", _list(kind))
    rc.register_show(app, kind)
    _mount(app, "update", _update(kind))
    if kind.lifecycle is not None:
        _mount(app, "set-status", _set_status(kind))
    for cut in kind.shortcuts:
        _mount(app, cut.name, _shortcut(kind, cut))
    for addition in kind.additions:
        _mount(app, addition.name, _addition(kind, addition))
    for ending in kind.endings:
        _mount(app, ending.name, _ending(kind, ending))
    rc.register_edit(app, kind)
    rc.register_history(app, kind)
    return app


def mount(app: typer.Typer) -> None:
    """Every kind's sub-app, in the registry's order."""
    for kind in KINDS.values():
        app.add_typer(kind_app(kind))
