"""The kinds' JSON Schemas: loaded once, checked against the metaschema, compiled once.

Schema errors become :class:`SchemaIssue` values with a pointer into the record
and a message that says what to write instead (jsonschema's own wording is
kept only as a fallback).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cpne.kinds import KINDS, Kind
from cpne.records.loader import describe

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

PATTERN_NAMES = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "an id in lower case letters, digits and single hyphens (e.g. 'amf')",
    r"^OP-\d{4}-\d{3}$": "an opinion id like OP-2026-001",
    r"^REV-\d{4}-\d{3}$": "a review id like REV-2026-001",
    r"^(OP|REV)-\d{4}-\d{3}$": "an opinion or review id like OP-2026-001",
    r"^\d{4}-\d{2}-\d{2}$": "a date written YYYY-MM-DD",
    r"^https?://\S+$": "a web address starting with http:// or https://",
}
_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class SchemaIssue:
    """One schema violation: where in the record, and what is wrong."""

    pointer: tuple[str | int, ...]
    message: str


@dataclass
class KindSchema:
    """One kind's schema, with its compiled validator and its field order."""

    kind: Kind
    path: Path
    schema: dict[str, Any]
    validator: Validator

    def issues(self, data: Mapping[str, Any]) -> list[SchemaIssue]:
        """Every violation of the schema, in document order."""
        out: list[SchemaIssue] = []
        for error in self.validator.iter_errors(data):
            out.extend(_explain(error))
        return sorted(out, key=lambda i: [str(p) for p in i.pointer])

    def is_valid(self, data: Mapping[str, Any]) -> bool:
        return bool(self.validator.is_valid(data))


class SchemaProblem(Exception):
    """A schema file that cannot be used (unreadable, not JSON, not a valid JSON Schema)."""

    def __init__(self, path: Path, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line


def load_schema(path: Path) -> dict[str, Any]:
    """Read a schema file and check it against the JSON Schema metaschema."""
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SchemaProblem(path, "schema file is missing (restore it from `cpne init` or the cpne package)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SchemaProblem(path, f"cannot read schema: {exc}") from None
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaProblem(path, f"not valid JSON: {exc.msg}", exc.lineno) from None
    if not isinstance(schema, dict):
        raise SchemaProblem(path, "a schema must be a JSON object")
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(top level)"
        raise SchemaProblem(path, f"not a valid JSON Schema at {where}: {exc.message}") from None
    return schema


def compile_schema(kind: Kind, path: Path) -> KindSchema:
    """Load, check and compile one kind's schema (one validator per schema, built once)."""
    from jsonschema import Draft202012Validator

    schema = load_schema(path)
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return KindSchema(kind, path, schema, validator)


def schema_digest(folder: Path) -> str:
    """A digest of every schema file, so caches never outlive a schema change."""
    digest = hashlib.sha256()
    for kind in KINDS.values():
        path = folder / kind.schema_file
        digest.update(kind.schema_file.encode())
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<missing>")
    return digest.hexdigest()


def _explain(error: ValidationError) -> Iterator[SchemaIssue]:
    """Turn one jsonschema error into messages a secretary can act on."""
    pointer = tuple(error.absolute_path)
    validator = error.validator
    value: Any = error.validator_value
    instance: Any = error.instance
    schema: Any = error.schema
    field = f"'{pointer[-1]}'" if pointer and isinstance(pointer[-1], str) else "this value"
    if validator == "additionalProperties" and isinstance(instance, dict):
        allowed = list(schema.get("properties", {}))
        for extra in [k for k in instance if k not in allowed]:
            yield SchemaIssue((*pointer, extra), f"unknown field '{extra}' (allowed here: {', '.join(allowed)})")
        return
    if validator == "required" and isinstance(instance, dict):
        missing = [name for name in value if name not in instance]
        for name in missing:
            where = f" in '{pointer[-1]}'" if pointer else ""
            yield SchemaIssue(pointer, f"missing required field '{name}'{where}")
        return
    if validator == "enum":
        yield SchemaIssue(pointer, f"{field} must be one of: {', '.join(map(str, value))} (found {describe(instance)})")
        return
    if validator == "type":
        expected = {"string": "text", "integer": "a whole number", "array": "a list", "object": "a mapping of fields"}
        hint = ""
        if value == "string" and isinstance(instance, (int, float, bool)):
            hint = "; put it in quotes"
        yield SchemaIssue(pointer, f"{field} must be {expected.get(str(value), value)}, not {describe(instance)}{hint}")
        return
    if validator == "pattern":
        yield SchemaIssue(
            pointer, f"{field}: '{instance}' is not {PATTERN_NAMES.get(str(value), 'of the form ' + str(value))}"
        )
        return
    if validator == "format" and value == "date":
        if not (isinstance(instance, str) and _DATE_SHAPE.fullmatch(instance)):
            return  # the date pattern already said it
        yield SchemaIssue(pointer, f"{field}: '{instance}' is not a real date (write YYYY-MM-DD)")
        return
    if validator == "minItems":
        yield SchemaIssue(pointer, f"{field} needs at least {value} item{'s' if value != 1 else ''}")
        return
    if validator == "minLength":
        yield SchemaIssue(pointer, f"{field} must not be empty")
        return
    if validator == "uniqueItems" and isinstance(instance, list):
        seen: set[str] = set()
        for index, item in enumerate(instance):
            key = json.dumps(item, sort_keys=True)
            if key in seen:
                yield SchemaIssue(
                    (*pointer, index), f"{field} lists {json.dumps(item, ensure_ascii=False)} more than once"
                )
            seen.add(key)
        return
    if validator == "minimum":
        yield SchemaIssue(pointer, f"{field} must be at least {value}, not {instance}")
        return
    yield SchemaIssue(pointer, error.message)
