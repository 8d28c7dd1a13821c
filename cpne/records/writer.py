"""The canonical form of a record, and atomic writing.

Canonical form: keys in the order of the kind's schema (nested objects too,
unknown keys last in their original order), block style, UTF-8 with accents
as written, LF line ends, a final newline, no line folding, dates unquoted,
multi-line text as literal blocks. Emission uses libyaml when present; the
pure-Python emitter produces the same bytes.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import yaml

from cpne.records.loader import HAS_LIBYAML, TIMESTAMP_TAG

_BaseDumper: Any = yaml.CSafeDumper if HAS_LIBYAML else yaml.SafeDumper
STR_TAG = "tag:yaml.org,2002:str"


class RecordDumper(_BaseDumper):  # type: ignore[misc]
    """Safe dumper whose resolver, like the loader's, does not know timestamps."""

    yaml_implicit_resolvers: ClassVar[dict[Any, Any]] = {
        key: [(tag, rx) for tag, rx in value if tag != TIMESTAMP_TAG]
        for key, value in _BaseDumper.yaml_implicit_resolvers.items()
    }


def _represent_str(dumper: Any, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    node: yaml.ScalarNode = dumper.represent_scalar(STR_TAG, value, style=style)
    return node


RecordDumper.add_representer(str, _represent_str)


def schema_order(schema: Mapping[str, Any]) -> dict[str, Any]:
    """Turn a JSON Schema into a tree of field orders: ``{field: subtree}``.

    A subtree describes an object value, or the items of an array of objects.
    """
    defs = schema.get("$defs", {})

    def resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
        seen = 0
        while "$ref" in node and seen < 16:
            ref = str(node["$ref"])
            node = defs.get(ref.rsplit("/", 1)[-1], {}) if ref.startswith("#/$defs/") else {}
            seen += 1
        return node

    def walk(node: Mapping[str, Any]) -> dict[str, Any]:
        node = resolve(node)
        if node.get("type") == "array" and isinstance(node.get("items"), Mapping):
            node = resolve(node["items"])
        props = node.get("properties", {})
        return {name: walk(sub) for name, sub in props.items()}

    return walk(schema)


def ordered(value: Any, order: Mapping[str, Any]) -> Any:
    """A copy of ``value`` with mapping keys in schema order (unknown keys last)."""
    if isinstance(value, Mapping):
        keys = [k for k in order if k in value] + [k for k in value if k not in order]
        return {k: ordered(value[k], order.get(k, {})) for k in keys}
    if isinstance(value, list):
        return [ordered(item, order) for item in value]
    return value


def dump(data: Mapping[str, Any], order: Mapping[str, Any]) -> str:
    """The canonical text of a record."""
    text: str = yaml.dump(
        ordered(data, order),
        Dumper=RecordDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=2**31 - 1,
        line_break="\n",
    )
    return text


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, LF as given) so readers see the old file or the new one, never half of it."""
    write_atomic_bytes(path, text.encode("utf-8"))


def write_atomic_bytes(path: Path, data: bytes) -> None:
    """Write exact bytes atomically: a temporary file in the same folder, fsynced, then renamed.

    An existing file keeps its permissions; a new one gets 0644.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            mode = path.stat().st_mode & 0o777
        except FileNotFoundError:
            mode = 0o644
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
