"""Every kind's spec agrees with its JSON Schema, and an incomplete spec is refused when it is built."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path
from typing import Any

import pytest

from cpne.kinds import KINDS, register
from cpne.kinds.enums import schema_node
from cpne.kinds.lifecycle import Lifecycle
from cpne.kinds.spec import (
    Column,
    Field,
    Filter,
    IdScheme,
    Kind,
    Reference,
    Shortcut,
    SpecError,
    column,
    sequential_ids,
    slug_ids,
)

PROJECT = Path(__file__).resolve().parents[2]
SCHEMAS = PROJECT / "schemas"


def _schema(kind: Kind) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SCHEMAS / kind.schema_file).read_text(encoding="utf-8"))
    return data


def _enums(node: Any) -> list[tuple[str, ...]]:
    if isinstance(node, dict):
        found = [tuple(map(str, node["enum"]))] if "enum" in node else []
        return found + [e for value in node.values() for e in _enums(value)]
    if isinstance(node, list):
        return [e for value in node for e in _enums(value)]
    return []


@pytest.mark.parametrize("kind", list(KINDS.values()), ids=list(KINDS))
def test_a_spec_agrees_with_its_schema(kind: Kind) -> None:
    schema = _schema(kind)
    assert schema["$id"] == f"https://cpne.example/schemas/{kind.schema_file}"  # its title is French
    assert re.compile(schema_node(schema, ("id",))["pattern"]).fullmatch(kind.id_example)
    for item in kind.fields:  # every field's path exists in the schema, and choices have an enum
        node = schema_node(schema, tuple(p for p in item.path))
        if item.type in ("choice", "choices"):
            assert kind.choices(item), item.key
        else:
            assert node, item.key
    for where in kind.filters:
        if where.type in ("choice", "choices"):
            assert kind.choices(where)
    for ref in kind.references:
        schema_node(schema, ref.path)
        assert all(target in KINDS for target in ref.targets)
    if kind.lifecycle is not None:
        assert kind.lifecycle.statuses == kind.enum(("status",))
        named = set(kind.lifecycle.date_names) | set(kind.lifecycle.other_dates)
        dates = set(schema_node(schema, ("dates",))["properties"]) if named else set()
        assert named == dates
    for name in kind.unsettable:
        assert "." in name or name not in schema.get("required", []), name
    if kind.ids.sequential:
        assert kind.ids.year_field[-1] in json.dumps(schema)


def _literal_strings(node: ast.AST) -> tuple[str, ...] | None:
    if isinstance(node, (ast.Tuple, ast.List, ast.Set)) and len(node.elts) >= 2:
        values = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if len(values) == len(node.elts):
            return tuple(values)
    return None


def test_no_code_restates_an_enumeration_of_the_schemas() -> None:
    """Choices come from the schemas: no tuple, list or set in cpne/ lists every value of one of their enums.

    Lifecycles name their statuses (their statuses are checked against the schema above),
    and the export's word tables translate values (they are keyed by them, not listing them).
    """
    enums = [set(e) for kind in KINDS.values() for e in _enums(_schema(kind)) if len(e) >= 2]
    offenders = []
    for path in sorted((PROJECT / "cpne").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        exempt: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Lifecycle":
                exempt.update(id(n) for n in ast.walk(node))
        for node in ast.walk(tree):
            values = _literal_strings(node)
            if values is None or id(node) in exempt or path.name == "labels.py":
                continue
            if any(set(values) == enum for enum in enums):
                offenders.append(f"{path.relative_to(PROJECT)}:{getattr(node, 'lineno', 0)}: {values}")
    assert offenders == [], "read these from the schema (kind.enum(path)):\n" + "\n".join(offenders)


def _kind(**changes: Any) -> Kind:
    base: dict[str, Any] = {
        "name": "event",
        "folder": "events",
        "order": 99,
        "help": "Events.",
        "ids": slug_ids("fete"),
        "fields": (Field("title", "--title", ("title",), "text", "title"),),
        "columns": (column("id", "id"),),
        "section": "events",
    }
    return Kind(**{**base, **changes})


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"ids": sequential_ids("EV", ("dates", "held"))}, "needs a date field"),
        (
            {
                "ids": sequential_ids("EV", ("dates", "held")),
                "fields": (Field("date", "--date", ("dates", "held"), "date", "date"),),
            },
            "made by `new`",
        ),
        ({"columns": ()}, "list columns are required"),
        ({"section": ""}, "export section"),
        ({"cross": lambda record, index: iter(())}, "cross_reads"),
        ({"status_inputs": (object(),)}, "need a lifecycle"),
        ({"fields": (Field("a", "--a", ("a",), "text", "a"), Field("a", "--b", ("b",), "text", "b"))}, "share a key"),
        ({"name": "Event"}, "lower-case"),
        (
            {
                "lifecycle": Lifecycle("open", {"open": ()}, {"open": ()}, {}, ()),
                "defaults": {"status": "open"},
            },
            "initial status",
        ),
        ({"references": (Reference((), ("partner",)),)}, "path and targets"),
        ({"lifecycle": Lifecycle("open", {"open": ()}, {"open": ()}, {}, (), kind="opinion")}, "of 'opinion'"),
        (
            {
                "filters": (
                    Filter("due", "--due", "day", "x", lambda r, v: True, day="--on", day_help="x"),
                    Filter("on", "--on", "text", "x", lambda r, v: True),
                )
            },
            "two options of list share a name",
        ),
    ],
)
def test_an_incomplete_spec_is_refused_when_it_is_built(changes: dict[str, Any], message: str) -> None:
    with pytest.raises(SpecError, match=re.escape(message)):
        _kind(**changes)


@pytest.mark.parametrize(
    "make",
    [
        lambda: Field("x", "--x", ("x",), "ref", "x"),  # no target
        lambda: Field("x", "--x", ("x",), "items", "x"),  # no parse
        lambda: Field("x", "--x", ("x",), "append", "x", parse=lambda raw, option: {}),  # not update-only
        lambda: Field("x", "x", ("x",), "text", "x"),  # not an option
        lambda: Field("x", "--x", ("x",), "colour", "x"),
        lambda: Filter("x", "--x", "choice", "x", lambda r, v: True),  # no enum
        lambda: Filter("x", "--x", "day", "x", lambda r, v: True),  # a day filter without its day option
        lambda: Filter("x", "--x", "flag", "x", lambda r, v: True, day="--on", day_help="x"),  # not a day filter
        lambda: Filter("x", "--x", "day", "x", lambda r, v: True, day="on", day_help="x"),  # not an option
        lambda: Filter("x", "--x", "flag", "x", lambda r, v: True, fail="--fail"),  # a fail option without help
        lambda: Shortcut("close", "Close.", ("closed",)),  # a date shortcut without its option's help
        lambda: IdScheme(re.compile("^x$"), "y"),  # the example does not fit
        lambda: IdScheme(re.compile("^E-1$"), "E-1", prefix="E"),  # a prefix without its date
    ],
)
def test_an_incomplete_part_is_refused(make: Any) -> None:
    with pytest.raises(SpecError):
        make()


def test_a_lifecycle_knows_its_kind_for_the_labels_of_its_statuses() -> None:
    assert _kind(lifecycle=Lifecycle("open", {"open": ()}, {"open": ()}, {}, ())).lifecycle == Lifecycle(
        "open", {"open": ()}, {"open": ()}, {}, (), kind="event"
    )
    assert all(kind.lifecycle.kind == kind.name for kind in KINDS.values() if kind.lifecycle is not None)


def test_a_lifecycle_naming_unknown_statuses_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown status"):
        Lifecycle("open", {"open": ("shut",)}, {"open": ()}, {}, ())


def test_the_registry_refuses_a_second_kind_of_the_same_name_or_prefix() -> None:
    with pytest.raises(SpecError, match="already registered"):
        register(_kind(name="opinion"))
    with pytest.raises(SpecError, match="already registered"):
        register(_kind(folder="opinions"))
    sequential = _kind(
        ids=sequential_ids("OP", ("dates", "held")),
        new_verb="new",
        fields=(Field("date", "--date", ("dates", "held"), "date", "date"),),
    )
    with pytest.raises(SpecError, match="share the id prefix OP"):
        register(sequential)
    assert "event" not in KINDS


def test_columns_write_lists_and_missing_values_plainly() -> None:
    themes, left = column("themes", "themes"), column("left", "left")
    assert isinstance(themes, Column)
    assert themes.get({"themes": ["a", "b"]}) == "a, b"
    assert left.get({}) == ""
