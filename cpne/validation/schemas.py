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

from cpne.i18n import N_, _, ngettext
from cpne.kinds import KINDS, Kind
from cpne.records.text import escape_controls, excerpt
from cpne.validation.patterns import compile_pattern, pattern_keyword
from cpne.validation.wording import describe, either, field_name, quoted, type_name
from cpne.words import enum_label, fold, with_labels

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

PATTERN_NAMES = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": N_("an id in lower case letters, digits and single hyphens (e.g. 'amf')"),
    r"^\d{4}-\d{2}-\d{2}$": N_("a date written YYYY-MM-DD"),
    r"^https?://\S+$": N_("a web address starting with http:// or https://"),
}


def pattern_name(pattern: str) -> str:
    """How a message names what ``pattern`` accepts: the kinds' ids it takes, or the pattern itself."""
    if pattern in PATTERN_NAMES:
        return _(PATTERN_NAMES[pattern])
    try:
        compiled = re.compile(pattern)
    except re.error:
        return _("of the form {pattern}").format(pattern=pattern)
    examples = [k.id_example for k in KINDS.values() if k.ids.sequential and compiled.fullmatch(k.id_example)]
    if not examples:
        return _("of the form {pattern}").format(pattern=pattern)
    return _("an id like {example}").format(example=either(examples))


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
            out.extend(_explain(error, self.kind.name))
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
        raise SchemaProblem(
            path, _("schema file is missing (restore it from `cpne init` or the cpne package)")
        ) from None
    except OSError as exc:
        raise SchemaProblem(path, _("cannot read the schema: {reason}").format(reason=exc.strerror or exc)) from None


def load_schema(path: Path, raw: bytes | None = None, *, checked: bool = False) -> dict[str, Any]:
    """Read a schema file (or its bytes ``raw``) and check it against the JSON Schema metaschema.

    ``checked``: these very bytes passed the metaschema check before (the
    validation cache says so), so the check (and importing jsonschema) is skipped.
    """
    if raw is None:
        raw = read_schema_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise SchemaProblem(path, _("cannot read the schema: it is not UTF-8 text")) from None
    try:
        schema = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SchemaProblem(path, _("not valid JSON: {detail}").format(detail=exc.msg), exc.lineno) from None
    if not isinstance(schema, dict):
        raise SchemaProblem(path, _("a schema must be a JSON object"))
    if checked:
        return schema
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import SchemaError

    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        where = "/".join(str(p) for p in exc.absolute_path)
        if where:
            message = _("not a valid JSON Schema at {where}: {detail}")
        else:
            message = _("not a valid JSON Schema at its top level: {detail}")
        raise SchemaProblem(path, message.format(where=where, detail=exc.message)) from None
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

    kind: str  # the kind whose schema it is (its enums' labels are read in its context)
    pointer: tuple[str | int, ...]
    field: str  # how the message names the value: 'title', item 2 of 'themes'
    value: Any  # the keyword's value in the schema
    instance: Any
    schema: Any
    keyword: str
    message: str  # jsonschema's own words, when nothing better is known
    context: tuple[ValidationError, ...] = ()  # the errors of each alternative (anyOf, oneOf)


def _issue(f: _Failed, message: str) -> Iterator[SchemaIssue]:
    yield SchemaIssue(f.pointer, message)


def _additional(f: _Failed) -> Iterator[SchemaIssue]:
    if not isinstance(f.instance, dict) or not isinstance(f.schema, dict):
        yield from _as_is(f)
        return
    allowed = list(f.schema.get("properties", {}))
    extras = [k for k in f.instance if k not in allowed]
    if not extras:
        yield from _as_is(f)
    for extra in extras:
        if f.pointer and allowed:
            message = _("unknown field '{name}' in {field} (allowed here: {allowed})")
        elif f.pointer:
            message = _("unknown field '{name}' in {field} (no field is allowed here)")
        elif allowed:
            message = _("unknown field '{name}' (allowed here: {allowed})")
        else:
            message = _("unknown field '{name}' (no field is allowed here)")
        yield SchemaIssue(
            (*f.pointer, extra), message.format(name=excerpt(extra), field=f.field, allowed=", ".join(allowed))
        )


def _required(f: _Failed) -> Iterator[SchemaIssue]:
    if isinstance(f.instance, dict):
        for name in [name for name in f.value if name not in f.instance]:
            if f.pointer:
                message = _("missing required field '{name}' in {field}")
            else:
                message = _("missing required field '{name}'")
            yield SchemaIssue(f.pointer, message.format(name=excerpt(name), field=f.field))


def _dependent_required(f: _Failed) -> Iterator[SchemaIssue]:
    if not isinstance(f.instance, dict) or not isinstance(f.value, dict):
        yield from _as_is(f)
        return
    for present, needed in f.value.items():
        if present in f.instance:
            for name in [n for n in needed if n not in f.instance]:
                message = _("missing field '{name}': it is required when '{other}' is set")
                yield SchemaIssue(f.pointer, message.format(name=excerpt(name), other=excerpt(present)))


def _type(f: _Failed) -> Iterator[SchemaIssue]:
    if f.value == "string" and isinstance(f.instance, int | float | bool):
        message = _("{field} must be {expected}, not {found}; put it in quotes")
    else:
        message = _("{field} must be {expected}, not {found}")
    yield from _issue(f, message.format(field=f.field, expected=type_name(f.value), found=describe(f.instance)))


def _enum_key(pointer: tuple[str | int, ...]) -> str | None:
    """The property whose enum it is (an item of a list: the list's): the catalog context's last part."""
    return next((part for part in reversed(pointer) if isinstance(part, str)), None)


def _enum(f: _Failed) -> Iterator[SchemaIssue]:
    values = [str(v) for v in f.value] if isinstance(f.value, list) else []
    key = _enum_key(f.pointer)
    if isinstance(f.instance, str) and key is not None:
        typed = fold(f.instance)
        for value in values:
            if typed in (fold(value), fold(enum_label(f.kind, key, value))):
                message = _("{field} is written '{value}', not '{found}': files keep the identifier")
                yield from _issue(f, message.format(field=f.field, value=value, found=excerpt(f.instance)))
                return
    allowed = with_labels(f.kind, key, values) if key is not None else ", ".join(values)
    message = _("{field} must be one of: {allowed} (found {found})")
    yield from _issue(f, message.format(field=f.field, allowed=allowed, found=describe(f.instance)))


def _const(f: _Failed) -> Iterator[SchemaIssue]:
    message = _("{field} must be {expected}, not {found}")
    expected = quoted(f.value) if isinstance(f.value, str) else excerpt(json.dumps(f.value, ensure_ascii=False))
    yield from _issue(f, message.format(field=f.field, expected=expected, found=describe(f.instance)))


def _false(f: _Failed) -> Iterator[SchemaIssue]:
    """A ``false`` schema: nothing is allowed there (jsonschema does not say where: the value is named)."""
    if f.pointer:
        yield from _issue(f, _("{field} is not allowed here").format(field=f.field))
    else:
        yield from _issue(f, _("{found} is not allowed here").format(found=describe(f.instance)))


def _pattern(f: _Failed) -> Iterator[SchemaIssue]:
    message = _("{field}: '{value}' is not {expected}")
    yield from _issue(f, message.format(field=f.field, value=excerpt(f.instance), expected=pattern_name(str(f.value))))


def _format(f: _Failed) -> Iterator[SchemaIssue]:
    if f.value != "date":
        message = _("{field}: '{value}' is not a valid {format}")
        yield from _issue(f, message.format(field=f.field, value=excerpt(f.instance), format=f.value))
    elif isinstance(f.instance, str) and _DATE_SHAPE.fullmatch(f.instance):
        message = _("{field}: '{value}' is not a real date (write YYYY-MM-DD)")
        yield from _issue(f, message.format(field=f.field, value=excerpt(f.instance)))
    elif not _pattern_fails(f):  # else the pattern already said it
        message = _("{field}: '{value}' is not a date written YYYY-MM-DD")
        yield from _issue(f, message.format(field=f.field, value=excerpt(f.instance)))


def _pattern_fails(f: _Failed) -> bool:
    """Whether the same schema's ``pattern`` refuses the value too (and so explains it)."""
    pattern = f.schema.get("pattern") if isinstance(f.schema, dict) else None
    return isinstance(pattern, str) and isinstance(f.instance, str) and not compile_pattern(pattern).search(f.instance)


def _unique(f: _Failed) -> Iterator[SchemaIssue]:
    seen: set[str] = set()
    for index, item in enumerate(f.instance if isinstance(f.instance, list) else []):
        key = json.dumps(item, sort_keys=True)
        if key in seen:
            shown = quoted(item) if isinstance(item, str) else excerpt(json.dumps(item, ensure_ascii=False))
            message = _("{field} lists {value} more than once")
            yield SchemaIssue((*f.pointer, index), message.format(field=f.field, value=shown))
        seen.add(key)


def _min_length(f: _Failed) -> Iterator[SchemaIssue]:
    if f.value == 1:
        yield from _issue(f, _("{field} must not be empty").format(field=f.field))
        return
    count = int(f.value)
    message = ngettext(
        "{field} needs at least {count} character ({length} given)",
        "{field} needs at least {count} characters ({length} given)",
        count,
    )
    yield from _issue(f, message.format(field=f.field, count=count, length=_length(f.instance)))


def _max_length(f: _Failed) -> Iterator[SchemaIssue]:
    count = int(f.value)
    message = ngettext(
        "{field} is too long: at most {count} character ({length} given)",
        "{field} is too long: at most {count} characters ({length} given)",
        count,
    )
    yield from _issue(f, message.format(field=f.field, count=count, length=_length(f.instance)))


def _length(instance: Any) -> int:
    return len(instance) if isinstance(instance, str | list | dict) else 0


def _min_items(f: _Failed) -> Iterator[SchemaIssue]:
    count = int(f.value)
    message = ngettext("{field} needs at least {count} item", "{field} needs at least {count} items", count)
    yield from _issue(f, message.format(field=f.field, count=count))


def _max_items(f: _Failed) -> Iterator[SchemaIssue]:
    message = _("{field} has too many items: at most {count} ({length} given)")
    yield from _issue(f, message.format(field=f.field, count=f.value, length=_length(f.instance)))


def _min_properties(f: _Failed) -> Iterator[SchemaIssue]:
    count = int(f.value)
    message = ngettext("{field} needs at least {count} field", "{field} needs at least {count} fields", count)
    yield from _issue(f, message.format(field=f.field, count=count))


def _max_properties(f: _Failed) -> Iterator[SchemaIssue]:
    message = _("{field} has too many fields: at most {count} ({length} given)")
    yield from _issue(f, message.format(field=f.field, count=f.value, length=_length(f.instance)))


# the bound keywords: how a message says each
_BOUNDS = {
    "minimum": N_("{field} must be at least {limit}, not {value}"),
    "maximum": N_("{field} must be at most {limit}, not {value}"),
    "exclusiveMinimum": N_("{field} must be more than {limit}, not {value}"),
    "exclusiveMaximum": N_("{field} must be less than {limit}, not {value}"),
    "multipleOf": N_("{field} must be a multiple of {limit}, not {value}"),
}


def _bound(f: _Failed) -> Iterator[SchemaIssue]:
    message = _(_BOUNDS[f.keyword])
    yield from _issue(f, message.format(field=f.field, limit=excerpt(f.value), value=excerpt(f.instance)))


def _alternatives(f: _Failed) -> Iterator[SchemaIssue]:
    """``anyOf``/``oneOf``: the closest alternative's own explanation, in a frame saying there were several."""
    if not f.context:
        yield from _issue(f, _("{field} matches more than one of the allowed forms").format(field=f.field))
        return
    from jsonschema.exceptions import best_match

    closest = [issue.message for issue in _explain(best_match(f.context), f.kind)]
    message = _("{field} matches none of the allowed forms; the closest: {detail}")
    yield from _issue(f, message.format(field=f.field, detail="; ".join(closest)))


# jsonschema's own words quote the value (its repr): the message is cut to this length.
MAX_AS_IS = 160


def _as_is(f: _Failed) -> Iterator[SchemaIssue]:
    """A keyword cpne has no words for: jsonschema's message, in a frame naming the field and the keyword."""
    message = _("{field} is not valid here (rule '{keyword}' of the schema: {detail})")
    detail = excerpt(escape_controls(f.message), MAX_AS_IS)
    yield from _issue(f, message.format(field=f.field, keyword=f.keyword, detail=detail))


_EXPLAIN: dict[str, Callable[[_Failed], Iterator[SchemaIssue]]] = {
    "additionalProperties": _additional,
    "required": _required,
    "dependentRequired": _dependent_required,
    "enum": _enum,
    "const": _const,
    "type": _type,
    "pattern": _pattern,
    "format": _format,
    "minItems": _min_items,
    "maxItems": _max_items,
    "minLength": _min_length,
    "maxLength": _max_length,
    "minProperties": _min_properties,
    "maxProperties": _max_properties,
    "uniqueItems": _unique,
    "minimum": _bound,
    "maximum": _bound,
    "exclusiveMinimum": _bound,
    "exclusiveMaximum": _bound,
    "multipleOf": _bound,
    "anyOf": _alternatives,
    "oneOf": _alternatives,
    "not": lambda f: _issue(f, _("{field} holds a value that is not allowed here").format(field=f.field)),
    "contains": lambda f: _issue(f, _("{field} has no item of the required form").format(field=f.field)),
    "None": _false,
}


def _explain(error: ValidationError, kind: str) -> Iterator[SchemaIssue]:
    """Turn one jsonschema error into messages a secretary can act on."""
    pointer = tuple(error.absolute_path)
    keyword = str(error.validator)
    failed = _Failed(
        kind,
        pointer,
        field_name(pointer),
        error.validator_value,
        error.instance,
        error.schema,
        keyword,
        error.message,
        tuple(error.context or ()),
    )
    yield from _EXPLAIN.get(keyword, _as_is)(failed)
