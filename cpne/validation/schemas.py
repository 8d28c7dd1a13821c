"""The kinds' JSON Schemas: loaded once, checked against the metaschema, compiled once.

Schema errors become :class:`SchemaIssue` values with a pointer into the record
and a message that says what to write instead (jsonschema's own wording is
kept only as a fallback).

jsonschema is the reference: every message comes from it. It costs about a
third of a millisecond per record, more than parsing the file, so a compiled
fast path (jsonschema-rs, when installed) may answer "valid" first
(:meth:`KindSchema.fast_valid`). It is used only for schemas written in the
subset of JSON Schema whose meaning both libraries share (:func:`fast_subset`),
with jsonschema's own ``date`` format check, and only on records whose text is
plain (the caller says so; see ``canonical.quick_dump``): there it accepts
nothing that jsonschema rejects (a differential test checks it on generated
records). Whenever it does not say "valid", jsonschema decides and explains.

jsonschema runs with two keywords of cpne's own (:func:`validator_class`): ``pattern``
with JSON Schema's meaning of ``$``, the end of the text (Python's ``$`` also matches
before a final newline; see :mod:`cpne.validation.patterns`), and ``required``
reporting the fields missing from one mapping as one error, which the explainer turns
into one message per missing field.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib.util
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cpne.kinds import KINDS, Kind
from cpne.records.loader import describe
from cpne.records.text import escape_controls, excerpt
from cpne.validation.patterns import compile_pattern, pattern_keyword

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

PATTERN_NAMES = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": "an id in lower case letters, digits and single hyphens (e.g. 'amf')",
    r"^\d{4}-\d{2}-\d{2}$": "a date written YYYY-MM-DD",
    r"^https?://\S+$": "a web address starting with http:// or https://",
}


def pattern_name(pattern: str) -> str:
    """How a message names what ``pattern`` accepts: the kinds whose ids it takes, or the pattern itself."""
    if pattern in PATTERN_NAMES:
        return PATTERN_NAMES[pattern]
    try:
        compiled = re.compile(pattern)
    except re.error:
        return f"of the form {pattern}"
    kinds = [k for k in KINDS.values() if k.ids.sequential and compiled.fullmatch(k.id_example)]
    if not kinds:
        return f"of the form {pattern}"
    return f"{kinds[0].a} id like {kinds[0].id_example}".replace(kinds[0].name, " or ".join(k.name for k in kinds), 1)


_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class SchemaIssue:
    """One schema violation: where in the record, and what is wrong."""

    pointer: tuple[str | int, ...]
    message: str


# Whether the jsonschema-rs fast path may be used at all (tests switch it off to
# compare with the plain path).
FAST_PATH = True


class KindSchema:
    """One kind's schema, with its validators (jsonschema's built on first use)."""

    def __init__(self, kind: Kind, path: Path, schema: dict[str, Any], validator: Validator | None = None) -> None:
        self.kind = kind
        self.path = path
        self.schema = schema
        self._validator = validator
        self._fast: Callable[[Any], bool] | None = None
        self._fast_built = False

    @property
    def validator(self) -> Validator:
        """jsonschema's ``Draft202012Validator`` with its format checker (the reference), and cpne's keywords."""
        if self._validator is None:
            cls = validator_class()
            self._validator = cls(self.schema, format_checker=cls.FORMAT_CHECKER)
        return self._validator

    def issues(self, data: Mapping[str, Any]) -> list[SchemaIssue]:
        """Every violation of the schema, in document order."""
        out: list[SchemaIssue] = []
        for error in self.validator.iter_errors(data):
            out.extend(_explain(error))
        return sorted(out, key=lambda i: [str(p) for p in i.pointer])

    def is_valid(self, data: Mapping[str, Any]) -> bool:
        return bool(self.validator.is_valid(data))

    def fast_valid(self, data: Mapping[str, Any]) -> bool:
        """True when the fast path says ``data`` is valid; False means "ask :meth:`issues`".

        Only for records whose every text is plain (no control characters, no
        unusual line breaks: ``canonical.quick_dump`` could write them).
        """
        if not self._fast_built:
            self._fast = fast_validator(self.schema) if FAST_PATH else None
            self._fast_built = True
        if self._fast is None:
            return False
        try:
            return self._fast(data)
        except Exception:  # anything the fast path cannot take: jsonschema decides
            return False

    def __getstate__(self) -> dict[str, Any]:
        return {"kind": self.kind, "path": self.path, "schema": self.schema}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["kind"], state["path"], state["schema"])  # type: ignore[misc]


def required_keyword(validator: Validator, required: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """jsonschema's ``required``, as one error for all the fields missing from a mapping (not one per field).

    The explainer (:func:`_required`) writes one message per missing field from it: with
    jsonschema's one error per field, each error was explained as every missing field.
    """
    from jsonschema import ValidationError

    if validator.is_type(instance, "object"):
        missing = [name for name in required if name not in instance]
        if missing:
            yield ValidationError(f"missing required properties: {', '.join(map(repr, missing))}")


@cache
def validator_class() -> Any:
    """Draft 2020-12 as jsonschema implements it, with cpne's ``pattern`` and ``required`` keywords."""
    from jsonschema import Draft202012Validator, validators

    keywords = {"pattern": pattern_keyword, "required": required_keyword}
    return validators.extend(Draft202012Validator, keywords)  # type: ignore[no-untyped-call]


class SchemaProblem(Exception):
    """A schema file that cannot be used (unreadable, not JSON, not a valid JSON Schema)."""

    def __init__(self, path: Path, message: str, line: int = 1) -> None:
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line


def read_schema_bytes(path: Path) -> bytes:
    """The bytes of a schema file; SchemaProblem when it cannot be read."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise SchemaProblem(path, "schema file is missing (restore it from `cpne init` or the cpne package)") from None
    except OSError as exc:
        raise SchemaProblem(path, f"cannot read schema: {exc}") from None


def load_schema(path: Path, raw: bytes | None = None, *, checked: bool = False) -> dict[str, Any]:
    """Read a schema file (or its bytes ``raw``) and check it against the JSON Schema metaschema.

    ``checked``: these very bytes passed the metaschema check before (the
    validation cache says so), so the check (and importing jsonschema) is skipped.
    """
    if raw is None:
        raw = read_schema_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SchemaProblem(path, f"cannot read schema: {exc}") from None
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaProblem(path, f"not valid JSON: {exc.msg}", exc.lineno) from None
    if not isinstance(schema, dict):
        raise SchemaProblem(path, "a schema must be a JSON object")
    if checked:
        return schema
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(top level)"
        raise SchemaProblem(path, f"not a valid JSON Schema at {where}: {exc.message}") from None
    return schema


def compile_schema(kind: Kind, path: Path, raw: bytes | None = None, *, checked: bool = False) -> KindSchema:
    """Load and check one kind's schema; its validators are built once, on first use."""
    return KindSchema(kind, path, load_schema(path, raw, checked=checked))


def digest_of(files: Mapping[str, bytes | None]) -> str:
    """A digest of every kind's schema bytes (``None``: missing), by file name: caches never outlive a schema change."""
    digest = hashlib.sha256()
    for kind in KINDS.values():
        raw = files.get(kind.schema_file)
        digest.update(kind.schema_file.encode())
        digest.update(b"<missing>" if raw is None else raw)
    return digest.hexdigest()


# --- the fast path -------------------------------------------------------------------------------

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
# Keywords whose meaning jsonschema and jsonschema-rs share on plain records: those the
# kinds' schemas use (the differential tests exercise each of them) and annotations.
FAST_KEYWORDS = frozenset(
    {
        "$schema",
        "$id",
        "$defs",
        "$ref",
        "$comment",
        "title",
        "description",
        "default",
        "examples",
        "type",
        "enum",
        "pattern",
        "format",
        "minLength",
        "maxLength",
        "minItems",
        "uniqueItems",
        "minimum",
        "required",
        "additionalProperties",
        "properties",
        "items",
    }
)
# Regular expressions written with these pieces only mean the same in Python's re and
# in jsonschema-rs, except that jsonschema-rs's \d is ASCII and its $ is the very end
# (Python: also before a final newline): it can only match less, never more. So \d may
# not appear in a negated class.
_FAST_PATTERN = r"""(?:
        [A-Za-z0-9 _/:@,;=!%&~'"<>\#-]                               # literal characters
      | \\[dsS.\-/+*?()\[\]{}|^$\\]                                # \d \s \S, escaped punctuation
      | \[\^?(?:[A-Za-z0-9 _/:@.,;=!%&~'"<>\#+*?()|{}$-]|\\[dsS.\-/+*?()\[\]{}|^$\\])*\]  # a class
      | [.^$()|*+?]                                                  # operators
      | \{\d+(?:,\d*)?\}                                              # counted repetition
    )*"""
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$", re.ASCII)


def is_date(instance: str) -> bool:
    """jsonschema's ``date`` format check, the same code (a real day, written YYYY-MM-DD)."""
    try:
        return bool(_DATE_RE.fullmatch(instance) and datetime.date.fromisoformat(instance))
    except ValueError:
        return False


def _uri_checked_by_jsonschema() -> bool:
    """Whether jsonschema's format checker checks ``uri`` (it does with an optional library)."""
    return any(importlib.util.find_spec(name) is not None for name in ("rfc3987", "rfc3986_validator"))


def _safe_pattern(pattern: str) -> bool:
    if "(?" in pattern or not re.fullmatch(_FAST_PATTERN, pattern, re.VERBOSE):
        return False
    # \d inside a negated class would match more in jsonschema-rs (ASCII digits only)
    return not re.search(r"\[\^(?:[^\]\\]|\\.)*\\d", pattern)


def fast_subset(schema: Any) -> set[str] | None:
    """The formats a schema uses if it is written in the shared subset, else None."""
    formats: set[str] = set()

    def walk(node: Any, top: bool) -> bool:
        if isinstance(node, bool):
            return True
        if not isinstance(node, dict) or not set(node) <= FAST_KEYWORDS:
            return False
        if "$schema" in node and (not top or node["$schema"] != DRAFT_2020_12):
            return False
        if "$id" in node and not top:
            return False
        ref = node.get("$ref")
        if ref is not None and not (isinstance(ref, str) and re.fullmatch(r"#/\$defs/[A-Za-z0-9_-]+", ref)):
            return False
        pattern = node.get("pattern")
        if pattern is not None and not (isinstance(pattern, str) and _safe_pattern(pattern)):
            return False
        if "format" in node:
            if node["format"] not in ("date", "uri"):
                return False
            formats.add(node["format"])
        for key in ("properties", "$defs"):
            children = node.get(key, {})
            if not isinstance(children, dict) or not all(walk(sub, False) for sub in children.values()):
                return False
        return all(walk(node[key], False) for key in ("items", "additionalProperties") if key in node)

    return formats if walk(schema, True) else None


def fast_validator(schema: dict[str, Any]) -> Callable[[Any], bool] | None:
    """jsonschema-rs's ``is_valid`` for ``schema``, or None (not installed, or not in the shared subset)."""
    formats = fast_subset(schema)
    if formats is None or ("uri" in formats and _uri_checked_by_jsonschema()):
        return None
    try:
        import jsonschema_rs
    except ImportError:
        return None
    checks: dict[str, Callable[[str], bool]] = {"date": is_date, "uri": lambda _value: True}
    try:
        validator = jsonschema_rs.Draft202012Validator(
            schema, formats=checks, validate_formats=True, ignore_unknown_formats=False, offline=True
        )
    except Exception:
        return None
    check: Callable[[Any], bool] = validator.is_valid
    return check


@dataclass(frozen=True)
class _Failed:
    """What one jsonschema error says, unpacked for the explainers below."""

    pointer: tuple[str | int, ...]
    field: str  # how the message names the value: 'title', or "this value"
    value: Any  # the keyword's value in the schema
    instance: Any
    schema: Any
    message: str  # jsonschema's own words, when nothing better is known


def _additional(f: _Failed) -> Iterator[SchemaIssue]:
    if isinstance(f.instance, dict):
        allowed = list(f.schema.get("properties", {}))
        for extra in [k for k in f.instance if k not in allowed]:
            yield SchemaIssue(
                (*f.pointer, extra), f"unknown field '{excerpt(extra)}' (allowed here: {', '.join(allowed)})"
            )


def _required(f: _Failed) -> Iterator[SchemaIssue]:
    if isinstance(f.instance, dict):
        where = f" in '{excerpt(f.pointer[-1])}'" if f.pointer else ""
        for name in [name for name in f.value if name not in f.instance]:
            yield SchemaIssue(f.pointer, f"missing required field '{name}'{where}")


def _type(f: _Failed) -> Iterator[SchemaIssue]:
    expected = {"string": "text", "integer": "a whole number", "array": "a list", "object": "a mapping of fields"}
    hint = "; put it in quotes" if f.value == "string" and isinstance(f.instance, (int, float, bool)) else ""
    yield SchemaIssue(
        f.pointer, f"{f.field} must be {expected.get(str(f.value), f.value)}, not {describe(f.instance)}{hint}"
    )


def _format(f: _Failed) -> Iterator[SchemaIssue]:
    if f.value != "date":
        yield from _as_is(f)
    elif isinstance(f.instance, str) and _DATE_SHAPE.fullmatch(f.instance):
        yield SchemaIssue(f.pointer, f"{f.field}: '{excerpt(f.instance)}' is not a real date (write YYYY-MM-DD)")
    elif not _pattern_fails(f):  # else the pattern already said it
        yield SchemaIssue(f.pointer, f"{f.field}: '{excerpt(f.instance)}' is not a date written YYYY-MM-DD")


def _pattern_fails(f: _Failed) -> bool:
    """Whether the same schema's ``pattern`` refuses the value too (and so explains it)."""
    pattern = f.schema.get("pattern") if isinstance(f.schema, dict) else None
    return isinstance(pattern, str) and isinstance(f.instance, str) and not compile_pattern(pattern).search(f.instance)


def _unique(f: _Failed) -> Iterator[SchemaIssue]:
    seen: set[str] = set()
    for index, item in enumerate(f.instance if isinstance(f.instance, list) else []):
        key = json.dumps(item, sort_keys=True)
        if key in seen:
            yield SchemaIssue(
                (*f.pointer, index), f"{f.field} lists {excerpt(json.dumps(item, ensure_ascii=False))} more than once"
            )
        seen.add(key)


# jsonschema's own words quote the value (its repr): the message is cut to this length.
MAX_AS_IS = 160


def _as_is(f: _Failed) -> Iterator[SchemaIssue]:
    yield SchemaIssue(f.pointer, excerpt(escape_controls(f.message), MAX_AS_IS))


_EXPLAIN: dict[str, Callable[[_Failed], Iterator[SchemaIssue]]] = {
    "additionalProperties": _additional,
    "required": _required,
    "enum": lambda f: iter(
        [
            SchemaIssue(
                f.pointer, f"{f.field} must be one of: {', '.join(map(str, f.value))} (found {describe(f.instance)})"
            )
        ]
    ),
    "type": _type,
    "pattern": lambda f: iter(
        [SchemaIssue(f.pointer, f"{f.field}: '{excerpt(f.instance)}' is not {pattern_name(str(f.value))}")]
    ),
    "format": _format,
    "minItems": lambda f: iter(
        [SchemaIssue(f.pointer, f"{f.field} needs at least {f.value} item{'s' if f.value != 1 else ''}")]
    ),
    "minLength": lambda f: iter([SchemaIssue(f.pointer, f"{f.field} must not be empty")]),
    "maxLength": lambda f: iter(
        [SchemaIssue(f.pointer, f"{f.field} has {len(f.instance)} characters; at most {f.value} are allowed")]
    ),
    "uniqueItems": _unique,
    "minimum": lambda f: iter(
        [SchemaIssue(f.pointer, f"{f.field} must be at least {f.value}, not {excerpt(f.instance)}")]
    ),
}


def _explain(error: ValidationError) -> Iterator[SchemaIssue]:
    """Turn one jsonschema error into messages a secretary can act on."""
    pointer = tuple(error.absolute_path)
    field = f"'{excerpt(pointer[-1])}'" if pointer and isinstance(pointer[-1], str) else "this value"
    failed = _Failed(pointer, field, error.validator_value, error.instance, error.schema, error.message)
    yield from _EXPLAIN.get(str(error.validator), _as_is)(failed)
