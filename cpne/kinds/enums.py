"""Enumerations read from the kinds' JSON Schemas: the one place where a choice's values are written.

The schemas shipped with cpne are read (not the register's: commands are built before
a register is found); validation then checks records against the register's own.
Reading a schema is a small JSON parse, cached: cheap enough for ``cpne --help``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any


@cache
def schema_at(directory: Path, name: str) -> dict[str, Any]:
    with open(directory / f"{name}.schema.json", encoding="utf-8") as handle:
        data: dict[str, Any] = json.load(handle)
    return data


def _resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        ref = str(node["$ref"])
        if not ref.startswith("#/$defs/"):
            raise KeyError(f"cannot follow $ref {ref}")
        node = schema["$defs"][ref[len("#/$defs/") :]]
    return node


def schema_node(schema: dict[str, Any], path: tuple[str, ...]) -> dict[str, Any]:
    """The subschema at ``path`` (keys of properties; ``*`` for a list's items), ``$ref``s followed."""
    node = _resolve(schema, schema)
    for key in path:
        node = _resolve(schema, node["items"] if key == "*" else node["properties"][key])
    return _resolve(schema, node.get("items", node)) if "enum" not in node and "items" in node else node


def enum_at(directory: Path, kind: str, path: tuple[str, ...]) -> tuple[str, ...]:
    """The values of the enum at ``path`` in ``kind``'s schema (of a list's items, for a list)."""
    node = schema_node(schema_at(directory, kind), path)
    if "enum" not in node:
        raise KeyError(f"{kind}.schema.json has no enum at {'.'.join(path)}")
    return tuple(str(v) for v in node["enum"])


def property_title(schema: dict[str, Any], path: tuple[str, ...]) -> str | None:
    """The ``title`` of the property at ``path`` (its own, not the one of the definition it refers to)."""
    try:
        parent = schema_node(schema, path[:-1]) if len(path) > 1 else _resolve(schema, schema)
        node = parent["items"] if path[-1] == "*" else parent["properties"][path[-1]]
    except (KeyError, TypeError):
        return None
    title = node.get("title") if isinstance(node, dict) else None
    return str(title) if title else None
