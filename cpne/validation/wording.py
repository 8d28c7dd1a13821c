"""How validation messages name what they talk about: a field's path, a value, its type, a list of choices.

Every piece is built in the process's language (:mod:`cpne.i18n`), at the moment a
message is built. Identifiers (field names, ids, enum values) are quoted as written in
the files; the words around them are translated. The short pieces are read in the
context ``validation`` (``value type`` for the names of types), so that a word another
part of cpne also uses (« texte ») may be translated there differently.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cpne.i18n import pgettext
from cpne.records.text import excerpt

Pointer = tuple[str | int, ...]


def quoted(text: object) -> str:
    """An identifier or a value as a message quotes it: ``'amf'``, « amf »."""
    return pgettext("validation", "'{text}'").format(text=excerpt(text))


def field_name(pointer: Pointer) -> str:
    """The field at ``pointer``, as a message names it: ``'dates.created'``, ``item 2 of 'themes'``."""
    if not pointer:
        return pgettext("validation", "the record")
    if isinstance(pointer[-1], int):
        return pgettext("validation", "item {number} of {field}").format(
            number=pointer[-1] + 1, field=field_name(pointer[:-1])
        )
    start = len(pointer)
    while start > 0 and isinstance(pointer[start - 1], str):
        start -= 1
    keys = quoted(".".join(excerpt(key) for key in pointer[start:]))
    if start == 0:
        return keys
    return pgettext("validation", "{field} in {container}").format(field=keys, container=field_name(pointer[:start]))


def type_names() -> dict[str, str]:
    """What a value of each JSON Schema type is called (``{field} must be {expected}``)."""
    return {
        "string": pgettext("value type", "text"),
        "integer": pgettext("value type", "a whole number"),
        "number": pgettext("value type", "a number"),
        "boolean": pgettext("value type", "true or false"),
        "array": pgettext("value type", "a list"),
        "object": pgettext("value type", "a mapping of fields"),
        "null": pgettext("value type", "nothing (null)"),
    }


def type_name(expected: object) -> str:
    """What a value of JSON Schema type ``expected`` (a name or a list of names) is called."""
    names = type_names()
    wanted = expected if isinstance(expected, list) else [expected]
    return either([names.get(str(name), str(name)) for name in wanted])


def describe(value: Any) -> str:
    """What a value found in a record is, and the value itself: ``a number (12)``, ``text ('x')``."""
    if isinstance(value, bool):
        return pgettext("value type", "true/false ({value})").format(value=str(value).lower())
    if isinstance(value, int | float):
        return pgettext("value type", "a number ({value})").format(value=excerpt(value))
    if isinstance(value, str):
        return pgettext("value type", "text ({value})").format(value=quoted(value))
    if isinstance(value, list):
        return type_names()["array"]
    if isinstance(value, dict):
        return type_names()["object"]
    if value is None:
        return type_names()["null"]
    return type(value).__name__


def either(words: Sequence[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    if len(words) <= 1:
        return "".join(words)
    return pgettext("validation", "{first} or {last}").format(first=", ".join(words[:-1]), last=words[-1])
