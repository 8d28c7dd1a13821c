"""Typed access to a record's fields for exports: a field of the wrong shape stops the export with a located message.

Exports assume a valid register but check the shape of each field they use; the
message names the file, the field and its line, with the hint to run ``cpne validate``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cpne.errors import RecordError
from cpne.export.reading import VALIDATE_HINT, RawRecord
from cpne.i18n import N_, _
from cpne.repo import DataRepo

Pointer = tuple[str | int, ...]


class Fields:
    """The fields of one record (or of a mapping inside it), each read as the type the export expects."""

    __slots__ = ("data", "record", "repo")

    def __init__(self, repo: DataRepo, record: RawRecord, data: Mapping[str, Any] | None = None) -> None:
        self.repo = repo
        self.record = record
        self.data = record.data if data is None else data

    def fail(self, pointer: Pointer, message: str) -> RecordError:
        """The error for the field at ``pointer``; ``message`` (marked ``N_``) names it as ``{field}``."""
        from cpne.records.loader import locate

        line = 1
        try:
            text = (self.repo.root / self.record.relpath).read_text(encoding="utf-8-sig")
            line = locate(text, pointer)[0]
        except (OSError, UnicodeDecodeError):
            pass
        where = ".".join(str(p) for p in pointer)
        text = _(message).format(field=where)
        return RecordError(text, path=self.record.relpath, line=line, hint=_(VALIDATE_HINT))

    def text(self, key: str, *, at: Pointer = ()) -> str:
        value = self.data.get(key)
        if not isinstance(value, str):
            raise self.fail((*at, key), N_("field '{field}' must be text"))
        return value

    def opt_text(self, key: str, *, at: Pointer = ()) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail((*at, key), N_("field '{field}' must be text"))
        return value

    def texts(self, key: str, *, at: Pointer = ()) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail((*at, key), N_("field '{field}' must be a list of texts"))
        return tuple(value)

    def mapping(self, key: str, *, at: Pointer = (), required: bool = False) -> Mapping[str, Any]:
        value = self.data.get(key)
        if value is None and not required:
            return {}
        if not isinstance(value, dict):
            raise self.fail((*at, key), N_("field '{field}' must be a mapping of fields"))
        return value

    def mappings(self, key: str, *, at: Pointer = ()) -> list[Mapping[str, Any]]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail((*at, key), N_("field '{field}' must be a list of mappings"))
        return value

    def integer(self, key: str) -> int:
        value = self.data.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail((key,), N_("field '{field}' must be a whole number"))
        return value

    def opt_integer(self, key: str) -> int | None:
        return None if self.data.get(key) is None else self.integer(key)

    def sub(self, data: Mapping[str, Any]) -> Fields:
        return Fields(self.repo, self.record, data)


__all__ = ["Fields"]
