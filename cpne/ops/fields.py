"""Values received from the command line, checked against a kind's fields and put into a record.

The CLI passes the values it received as a mapping ``{field key: value}`` (None or an
empty list when not given); the kind's spec (:mod:`cpne.kinds`) says what each field
is. :func:`apply_values` checks them and puts them in a record.

Pure Python: no YAML, git or schema library is imported here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cpne.errors import UsageError
from cpne.i18n import _
from cpne.kinds.spec import LIST_TYPES, Field, Kind
from cpne.kinds.values import check_choice, check_date


def given(value: Any) -> bool:
    """Whether the CLI received a value (None and empty lists mean 'not given')."""
    if isinstance(value, (list, tuple)):
        return len(value) > 0
    return value is not None


def given_keys(values: Mapping[str, Any]) -> frozenset[str]:
    return frozenset(key for key, value in values.items() if given(value))


def missing(kind: Kind, values: Mapping[str, Any], *, skip: Iterable[str] = ()) -> list[Field]:
    """The fields that ``add``/``new`` needs and did not receive."""
    skipped = set(skip)
    return [
        f for f in kind.fields_for("new") if f.key not in skipped and f.needed(values) and not given(values.get(f.key))
    ]


def convert(kind: Kind, item: Field, value: Any) -> Any:
    """Check a value received for ``item`` and turn it into what the record holds."""
    if item.type == "date":
        return check_date(str(value), item.option)
    if item.type == "int":
        return int(value)
    if item.type == "choice":
        return check_choice(str(value), item.option, kind.choices(item), enum=(kind.name, item.enum_key))
    if item.type == "choices":
        choices = kind.choices(item)
        return _unique([check_choice(str(v), item.option, choices, enum=(kind.name, item.enum_key)) for v in value])
    if item.type == "refs":
        return _unique([_reference(item, str(v)) for v in value])
    if item.type == "texts":
        return _unique([str(v).strip() for v in value])
    if item.type in ("items", "append"):
        assert item.parse is not None
        return [item.parse(str(v), item.option) for v in value]
    if item.type == "ref":
        return _reference(item, str(value))
    text = str(value).replace("\r\n", "\n")
    return text.strip() if "\n" not in text else text.rstrip()


def _reference(item: Field, value: str) -> str:
    """An id typed in any case, in the case of the first target kind whose pattern it fits (``MEN`` -> ``men``)."""
    from cpne.kinds import KINDS

    for target in item.target:
        kind = KINDS.get(target)
        if kind is not None and kind.valid_id(kind.normalize_id(value)):
            return kind.normalize_id(value)
    return value.strip()


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def set_path(record: dict[str, Any], path: Sequence[str], value: Any) -> None:
    node = record
    for key in path[:-1]:
        child = node.get(key)
        if not isinstance(child, dict):
            child = {}
            node[key] = child
        node = child
    node[path[-1]] = value


def get_path(record: Mapping[str, Any], path: Sequence[str]) -> Any:
    node: Any = record
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return node


def remove_path(record: dict[str, Any], path: Sequence[str]) -> bool:
    """Remove the value at ``path``; empty parent mappings go too. Whether anything was removed."""
    node: Any = record
    parents: list[tuple[dict[str, Any], str]] = []
    for key in path[:-1]:
        if not isinstance(node, dict) or not isinstance(node.get(key), dict):
            return False
        parents.append((node, key))
        node = node[key]
    if not isinstance(node, dict) or path[-1] not in node:
        return False
    del node[path[-1]]
    for parent, key in reversed(parents):
        if parent[key]:
            break
        del parent[key]
    return True


def apply_values(
    kind: Kind, record: dict[str, Any], values: Mapping[str, Any], fields: Sequence[Field] | None = None
) -> list[str]:
    """Put every given value into ``record`` (lists replace, ``append`` fields add). Returns the options used."""
    used: list[str] = []
    filled: set[tuple[str, ...]] = set()  # lists set here: several options may fill one (``--lead``, ``--member``)
    for item in kind.fields if fields is None else fields:
        value = values.get(item.key)
        if not given(value):
            continue
        converted = convert(kind, item, value)
        if item.type == "append" or (item.type in LIST_TYPES and item.path in filled):
            current = get_path(record, item.path)
            converted = [*(current if isinstance(current, list) else []), *converted]
        set_path(record, item.path, converted)
        filled.add(item.path)
        used.append(item.option)
    return used


def apply_set_dates(kind: Kind, record: dict[str, Any], specs: Sequence[str], option: str = "--set-date") -> None:
    """``NAME=DATE`` items: set ``dates.NAME`` (the lifecycle is checked when the record is validated)."""
    allowed = kind.settable_dates
    for spec in specs:
        name, sep, value = spec.partition("=")
        name = name.strip()
        if not sep or name not in allowed:
            raise UsageError(
                _("{option}: '{value}' is not of the form NAME=YYYY-MM-DD with NAME one of: {names}").format(
                    option=option, value=spec, names=", ".join(allowed)
                )
            )
        set_path(record, ("dates", name), check_date(value, option))


def apply_unset(kind: Kind, record: dict[str, Any], names: Sequence[str]) -> None:
    """Remove optional fields named on the command line (``--unset notes``, ``--unset dates.referred``)."""
    allowed = kind.unsettable
    for name in names:
        if name not in allowed:
            raise UsageError(
                _("--unset: '{name}' cannot be removed (fields that can: {names})").format(
                    name=name, names=", ".join(allowed)
                )
            )
        remove_path(record, tuple(name.split(".")))
