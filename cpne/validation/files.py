"""Checks of one record file on its own: reading, schema, id, single-record rules, canonical form.

:meth:`FileChecker.check_bytes` is a pure function of the file's path, its
bytes and the schemas, so its result can be cached by content and computed in
worker processes (see ``runner`` and ``cache``).

Two fast paths give exactly the answers of the plain checks: the canonical text
comes from ``canonical.quick_dump`` when it can write the record (else from
``writer.dump``), and a record that it could write is first offered to the
schema's fast validator, which may only say "valid" (else jsonschema decides).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cpne.i18n import _, pgettext
from cpne.kinds import KINDS, Kind, kind_of_id
from cpne.kinds.spec import value_at
from cpne.records.loader import LoadError, decode, locate, parse_text
from cpne.records.text import control_problem, excerpt
from cpne.records.writer import dump, schema_order
from cpne.validation.canonical import quick_dump
from cpne.validation.problems import ERROR, WARNING, Problem, json_pointer
from cpne.validation.rules import record_rules
from cpne.validation.schemas import KindSchema
from cpne.validation.wording import field_name
from cpne.words import noun


@dataclass
class FileResult:
    """What one file holds and what is wrong with it on its own."""

    path: str
    kind: str
    stem: str
    data: dict[str, Any] | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def record_id(self) -> str:
        value = self.data.get("id") if self.data else None
        return value if isinstance(value, str) else self.stem


class FileChecker:
    """Checks files of every kind against compiled schemas (built once, reused)."""

    def __init__(self, schemas: dict[str, KindSchema]) -> None:
        self.schemas = schemas
        self.orders = {name: schema_order(s.schema) for name, s in schemas.items()}

    def check_bytes(self, relpath: str, kind: Kind, raw: bytes) -> FileResult:
        stem = Path(relpath).stem
        result = FileResult(relpath, kind.name, stem, None)

        def add(
            code: str, message: str, line: int = 1, column: int = 1, *, severity: str = ERROR, pointer: str = ""
        ) -> None:
            result.problems.append(Problem(relpath, line, column, code, message, severity, result.record_id, pointer))

        try:
            text = decode(raw)
            data = parse_text(text)
        except LoadError as exc:
            add(exc.code, exc.message, exc.line, exc.column)
            return result
        result.data = data
        schema = self.schemas.get(kind.name)
        order = self.orders.get(kind.name)
        canonical = quick_dump(data, order) if order is not None else None  # None: some text is not plain
        if canonical is None:  # text quick_dump writes holds no control character (but line breaks): tested
            for pointer, message in control_characters(data):
                add("control-character", message, *locate(text, pointer), pointer=json_pointer(pointer))
        if schema is None or order is None:
            return result  # the schema's own problem is reported once, on the schema file
        issues = [] if canonical is not None and schema.fast_valid(data) else schema.issues(data)
        if issues:
            misplaced = self._other_kind(kind, data)
            if misplaced is not None:
                message = _("this record is of the kind {other}, not {kind}; move it to {folder}/")
                add(
                    "wrong-folder",
                    message.format(other=noun(misplaced.name), kind=noun(kind.name), folder=misplaced.data_dir),
                )
                return result
            for issue in issues:
                add("schema", issue.message, *locate(text, issue.pointer), pointer=json_pointer(issue.pointer))
            return result
        record_id = data["id"]
        if record_id != stem:
            message = _("id '{id}' does not match the file name '{file}' (rename the file or fix the id)")
            add(
                "id-mismatch",
                message.format(id=excerpt(record_id), file=excerpt(f"{stem}.yaml")),
                *locate(text, ("id",)),
                pointer="/id",
            )
        if kind.ids.sequential:
            year = kind.year_of(data)
            if record_id[-8:-4] != year:
                message = _("id '{id}' carries year {year} but {field} is {value}")
                add(
                    "id-year",
                    message.format(
                        id=record_id,
                        year=record_id[-8:-4],
                        field=field_name(kind.ids.year_field),
                        value=excerpt(value_at(data, kind.ids.year_field)),
                    ),
                    *locate(text, ("id",)),
                    pointer="/id",
                )
        for violation in record_rules(kind, data):
            line, column = locate(text, violation.pointer)
            add(violation.code, violation.message, line, column, pointer=json_pointer(violation.pointer))
        if canonical is None:
            canonical = dump(data, order)
        if raw != canonical.encode("utf-8"):
            add("non-canonical", _("not in canonical form; run `cpne fmt` to rewrite it"), severity=WARNING)
        return result

    def _other_kind(self, kind: Kind, data: dict[str, Any]) -> Kind | None:
        """The kind this record really is, when it sits in another kind's folder."""
        record_id = data.get("id")
        by_id = kind_of_id(record_id) if isinstance(record_id, str) else None
        if by_id is not None and by_id.name != kind.name:
            return by_id
        for other in KINDS.values():
            schema = self.schemas.get(other.name)
            if other.name != kind.name and schema is not None and schema.is_valid(data):
                return other
        return None


def control_characters(value: Any, at: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text value holding a control character it may not hold: (pointer, message).

    Line breaks and tabs are allowed in multi-line text (a value holding a line break);
    every other control character (C0, DEL, C1: what a terminal acts on) is refused.
    """
    if isinstance(value, str):
        found = control_problem(value)
        if found is not None:
            yield at, _control_message(at, *found)
    elif isinstance(value, dict):
        for key, sub in value.items():
            yield from control_characters(sub, (*at, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            yield from control_characters(sub, (*at, index))


def _control_message(at: tuple[str | int, ...], index: int, char: str) -> str:
    name = field_name(at) if at else pgettext("validation", "this value")
    if char == "\\t":
        message = _(
            "{field} holds a tab (\\t, character {position}) in one-line text; use spaces (tabs: multi-line text only)"
        )
    else:
        message = _(
            "{field} holds a control character ({char}, character {position}); remove it"
            " (text holds no control characters but line breaks, and tabs in multi-line text)"
        )
    return message.format(field=name, char=char, position=index + 1)
