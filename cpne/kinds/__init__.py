"""The kinds of record, one specification module each; this registry finds them.

Every module of this package that defines ``KIND`` (a :class:`~cpne.kinds.spec.Kind`)
is a kind: adding one is adding its schema (``schemas/<name>.schema.json``) and its
module here. :func:`register` adds a kind defined elsewhere (tests, extensions) before
the command line is built.
"""

from __future__ import annotations

import importlib
import pkgutil

from cpne.kinds.spec import Kind, Reference, SpecError

KINDS: dict[str, Kind] = {}
KIND_BY_FOLDER: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    """Add ``kind`` to the registry (kept in ``order``); a second kind with the same name or folder is refused."""
    if kind.name in KINDS or kind.folder in KIND_BY_FOLDER:
        raise SpecError(f"a kind named '{kind.name}' or kept in data/{kind.folder}/ is already registered")
    for other in KINDS.values():
        if kind.ids.sequential and kind.ids.prefix == other.ids.prefix:
            raise SpecError(f"kinds '{kind.name}' and '{other.name}' share the id prefix {kind.ids.prefix}")
    ordered = sorted([*KINDS.values(), kind], key=lambda k: (k.order, k.name))
    KINDS.clear()
    KINDS.update((k.name, k) for k in ordered)
    KIND_BY_FOLDER.clear()
    KIND_BY_FOLDER.update((k.folder, k) for k in ordered)
    return kind


def _discover() -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        found = getattr(importlib.import_module(f"{__name__}.{module.name}"), "KIND", None)
        if isinstance(found, Kind):
            register(found)


def kind_of_id(record_id: str) -> Kind | None:
    """The kind a sequential id belongs to (``OP-…``, ``REV-…``), or None for slugs."""
    for kind in KINDS.values():
        if kind.ids.sequential and kind.valid_id(record_id):
            return kind
    return None


def kind_of_path(relpath: str) -> Kind | None:
    """The kind of a repository-relative record path (``data/<folder>/<id>.yaml``), or None."""
    parts = relpath.split("/")
    if len(parts) != 3 or parts[0] != "data" or not parts[2].endswith(".yaml"):
        return None
    return KIND_BY_FOLDER.get(parts[1])


_discover()

__all__ = ["KINDS", "KIND_BY_FOLDER", "Kind", "Reference", "kind_of_id", "kind_of_path", "register"]
