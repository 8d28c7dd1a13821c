"""The register's tables: the columns of each kind's table, declared for the kinds exports know, else derived.

A :class:`~cpne.kinds.spec.Shown` column names its header (a key of the labels, ``date_name.created`` for one
inside a table of labels) and what its cells show: an attribute of the record's view
(dotted: ``dates.created``, ``referential.label``; ``record.<field>`` reaches the record
as stored), shown as text, as a date written as the language writes it, as a clickable
address, as a number (right-aligned), or translated by a table of labels (``words``).

Every registered kind gets a table, in the registry's order: the columns declared in
:attr:`Kind.register_columns` of its spec, else those :func:`derived_columns` reads from the kind's schema and
spec (its id, the field naming it briefly, its title or name, its single-choice fields,
its dates). A label missing from the language's table is shown as the key itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from cpne.export import markdown
from cpne.export.builder import Builder
from cpne.export.labels import format_date
from cpne.kinds import KINDS, Kind
from cpne.kinds.spec import Shown, shown_date, shown_text


@dataclass(frozen=True, slots=True)
class Heading:
    """A column's header as printed, and whether the column is right-aligned."""

    label: str
    right: bool


@dataclass(frozen=True, slots=True)
class Section:
    """One kind's table in the register: ``key`` is the kind's section (``partners``), ``records`` its views."""

    key: str
    kind: str
    title: str
    columns: tuple[Heading, ...]
    rows: tuple[tuple[Any, ...], ...]
    records: tuple[Any, ...]


def derived_columns(kind: Kind) -> tuple[Shown, ...]:
    """A table for a kind without a declared one, from its schema: id, short name, title or name, choices, dates."""
    from cpne.kinds.enums import schema_at, schema_node
    from cpne.resources import schemas_dir

    schema = schema_at(kind.schema_dir or schemas_dir(), kind.name)
    properties: Mapping[str, Any] = schema_node(schema, ()).get("properties", {})
    named = next((key for key in ("title", "name") if key in properties), None)
    columns = [shown_text("id")]
    for key, raw in properties.items():
        node = schema_node(schema, (key,))
        if key in (kind.short, named):
            columns.append(shown_text(key, f"record.{key}"))
        elif "enum" in node and "items" not in raw:
            columns.append(Shown(key, f"record.{key}", "words", f"{kind.name}_{key}"))
        elif node.get("format") == "date":
            columns.append(shown_date(key, f"record.{key}"))
        elif key == "dates":
            columns.extend(
                shown_date(f"date_name.{name}", f"record.dates.{name}")
                for name in node.get("properties", {})
                if schema_node(schema, ("dates", name)).get("format") == "date"
            )
    return tuple(columns)


def columns_of(kind: Kind) -> tuple[Shown, ...]:
    """The columns of ``kind``'s table: declared, else derived."""
    return kind.register_columns or derived_columns(kind)


def label(L: Mapping[str, Any], key: str) -> str:
    """The label at ``key`` (dotted for a table of labels); the key's last part, capitalised, when there is none."""
    node: Any = L
    for part in key.split("."):
        node = node.get(part) if isinstance(node, Mapping) else None
    if isinstance(node, str):
        return node
    last = key.rsplit(".", 1)[-1]
    return last[:1].upper() + last[1:]


def _get(view: Any, path: str) -> Any:
    node = view
    for key in path.split("."):
        if node is None:
            return None
        node = node.get(key) if isinstance(node, Mapping) else getattr(node, key)
    return node


def _cell(column: Shown, value: Any, L: Mapping[str, Any]) -> Any:
    """What a cell prints: text escaped by the template, or Markup (an address) printed as it is."""
    if value is None or value == "":
        return ""
    if column.show == "date":
        return format_date(str(value), L["lang"])
    if column.show == "url":
        return Markup(markdown.autolink(str(value)))
    if column.show == "words":
        words = L.get(column.words or "")
        return words.get(value, value) if isinstance(words, Mapping) and isinstance(value, str) else value
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return value


def section(kind: Kind, views: Sequence[Any], L: Mapping[str, Any]) -> Section:
    """The table of ``kind`` for these views, in the language of ``L``."""
    columns = columns_of(kind)
    return Section(
        key=kind.section,
        kind=kind.name,
        title=label(L, kind.section),
        columns=tuple(Heading(label(L, c.header), c.show == "number") for c in columns),
        rows=tuple(tuple(_cell(c, _get(view, c.value), L) for c in columns) for view in views),
        records=tuple(views),
    )


def sections(builder: Builder) -> list[Section]:
    """One table per registered kind, in the registry's order, every record by id."""
    return [section(kind, builder.views(kind), builder.L) for kind in KINDS.values()]


__all__ = ["Heading", "Section", "columns_of", "derived_columns", "label", "sections"]
