"""Asking for missing values when stdin is a terminal, offering the register's own choices.

Prompts are written to stderr (stdout stays for results), in the register's language.
Choices accept a number from the list, the value itself, or (the values of the schemas'
enums) its label, in any case and with or without accents; ids are accepted in any case
(``MEN`` is ``men``). Lists accept several, separated by commas. A yes/no question
accepts the language's words too (« o », « oui », « n », « non ») besides ``y``/``yes``/``n``/``no``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import typer

from cpne import words
from cpne.cli import output
from cpne.cli.common import spec_text
from cpne.errors import CpneError
from cpne.i18n import _
from cpne.kinds import KINDS, Kind
from cpne.kinds.spec import Addition, Field
from cpne.kinds.values import check_date, match_choice
from cpne.ops import fields

if TYPE_CHECKING:
    from cpne.ops.workspace import Workspace

Match = Callable[[str], str | None]  # what a typed answer names among the choices (None: nothing)


def interactive() -> bool:
    """Whether cpne may ask: stdin is a terminal."""
    try:
        return sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _prompt(question: str, default: str | None = None) -> str:
    """One line typed after ``question``, as the language writes a question (« Titre : »)."""
    if default:
        text = _("{question} [{default}]: ").format(question=question, default=default)
    else:
        text = _("{question}: ").format(question=question)
    return str(typer.prompt(text, default=default or "", err=True, show_default=False, prompt_suffix=""))


def ask_text(label: str, *, default: str | None = None, check: Callable[[str], str] | None = None) -> str:
    """A value typed by the user; ``check`` may refuse it (CpneError), and the question is asked again."""
    while True:
        value = _prompt(label, default).strip()
        if not value:
            output.error(_("a value is needed"))
            continue
        if check is None:
            return value
        try:
            return check(value)
        except CpneError as exc:
            output.error(exc.message)


def confirm(question: str, *, default: bool) -> bool:
    """A yes/no answer: ``y``/``yes``/``n``/``no``, or the language's words for them; empty: ``default``."""
    yes = {"y", "yes", words.fold(_("y")), words.fold(_("yes"))}
    no = {"n", "no", words.fold(_("n")), words.fold(_("no"))}
    choices = _("[Y/n]") if default else _("[y/N]")
    while True:
        answer = words.fold(_prompt(f"{question} {choices}"))
        if not answer:
            return default
        if answer in yes:
            return True
        if answer in no:
            return False
        output.error(_("answer yes or no"))


def ask_choice(
    label: str,
    choices: Sequence[tuple[str, str]],
    *,
    many: bool = False,
    default: str | None = None,
    match: Match | None = None,
) -> Any:
    """One (or, with ``many``, several) of ``choices`` — pairs of (value, description).

    ``match`` says which value a typed answer names (default: the value itself, in any case).
    """
    if not choices:
        raise CpneError(_("nothing to choose from for {label}").format(label=label), hint=_("add one first"))
    width = max(len(value) for value, _description in choices)
    output.message(_("{label}:").format(label=label))
    for index, (value, description) in enumerate(choices, 1):
        output.message(f"  {index:>2}  {value.ljust(width)}  {description}".rstrip())
    values = [value for value, _description in choices]
    if many:
        question = _("{label} (numbers or values, separated by commas)").format(label=label)
    else:
        question = _("{label} (number or value)").format(label=label)
    named = match or (lambda typed: match_choice(typed, values))

    def pick(raw: str) -> Any:
        picked = []
        for part in [p.strip() for p in raw.split(",")] if many else [raw.strip()]:
            if part.isdigit() and 1 <= int(part) <= len(values):
                picked.append(values[int(part) - 1])
            elif part and named(part) in values:
                picked.append(str(named(part)))
            elif part:
                raise CpneError(_("'{value}' is not one of the choices").format(value=part))
        if not picked:
            raise CpneError(_("choose at least one"))
        return list(dict.fromkeys(picked)) if many else picked[0]

    return ask_text(question, default=default, check=pick)


def enum_choices(kind: Kind, item: Field) -> list[tuple[str, str]]:
    """The values of a choice, each with its label where it differs (``adopted``, « adopté »)."""
    key = item.enum_key
    out = []
    for value in kind.choices(item):
        label = words.enum_label(kind.name, key, value)
        out.append((value, "" if words.fold(label) == words.fold(value) else label))
    return out


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


def label_of(item: Field) -> str:
    """How a prompt names a field: its label, in the language, capitalised."""
    label = spec_text(item.label)
    return label[:1].upper() + label[1:]


def ask_field(ws: Workspace, kind: Kind, item: Field, values: Mapping[str, Any]) -> Any:
    label = label_of(item)
    if item.type in ("choice", "choices"):
        offered = kind.choices(item)
        enum = (kind.name, item.enum_key)
        return ask_choice(
            label,
            enum_choices(kind, item),
            many=item.type == "choices",
            match=lambda typed: match_choice(typed, offered, enum),
        )
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
        noun = words.noun(kind.name)

        def check_id(value: str) -> str:
            value = kind.normalize_id(value)
            if ws.path(kind, value).exists():
                raise CpneError(_("{noun} '{id}' already exists").format(noun=noun, id=value))
            return value

        question = words.agreeing(kind.name, "Id of the new {noun} (e.g. {example})")
        record_id = ask_text(question.format(noun=noun, example=kind.id_example), check=check_id)
    asked: set[str] = set()
    while True:
        absent = [f for f in fields.missing(kind, values) if f.key not in asked]
        if not absent:
            return record_id
        item = absent[0]
        asked.add(item.key)
        values[item.key] = ask_field(ws, kind, item, values)


def complete_item(ws: Workspace, kind: Kind, addition: Addition, values: dict[str, Any]) -> None:
    """Ask for what an item needs and did not get (``meeting attend MTG``: the partner, its presence)."""
    for item in addition.fields:
        needed = item.key == addition.argument or item.needed(values)
        if needed and item.key not in addition.defaults and not fields.given(values.get(item.key)):
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
    label = label_of(item)
    output.message(
        _("{label}: one per line as {form}, an empty line to finish").format(
            label=label, form=_(item.metavar) if item.metavar else ""
        )
    )
    found: list[str] = []
    while True:
        raw = _prompt(_("{label} {number}").format(label=label, number=len(found) + 1)).strip()
        if not raw:
            if found:
                return found
            output.error(_("at least one is needed"))
            continue
        try:
            assert item.parse is not None
            item.parse(raw, item.option)
        except CpneError as exc:
            output.error(exc.message)
            continue
        found.append(raw)
