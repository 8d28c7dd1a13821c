"""JSON Schema's ``pattern`` with the meaning JSON Schema gives it, in Python's ``re``.

A schema's patterns are ECMA-262 regular expressions: without the multiline flag, ``$`` is
the end of the input. Python's ``$`` also matches before a final newline, so jsonschema
(which hands patterns to ``re.search``) accepts ``"amf\\n"`` for ``^[a-z0-9]+$`` while
jsonschema-rs does not. cpne's jsonschema validator (:func:`pattern_keyword`) compiles each
pattern with every ``$`` that is an anchor written ``\\Z`` (the very end): ids, dates,
slugs and web addresses then match whole, in both paths alike.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator


def end_anchored(pattern: str) -> str:
    """``pattern`` with each anchor ``$`` (not escaped, not in a class) written ``\\Z``."""
    if "$" not in pattern:
        return pattern
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if in_class:
            if char == "]":
                in_class = False
        elif char == "[":
            in_class = True
            out.append(char)
            index += 1
            # a ] right after [ or [^ is a literal
            if pattern[index : index + 1] == "^":
                out.append("^")
                index += 1
            if pattern[index : index + 1] == "]":
                out.append("]")
                index += 1
            continue
        elif char == "$":
            char = r"\Z"
        out.append(char)
        index += 1
    return "".join(out)


@cache
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """The pattern compiled with JSON Schema's meaning of ``$`` (the end of the text)."""
    return re.compile(end_anchored(pattern))


def pattern_keyword(validator: Validator, pattern: Any, instance: Any, schema: Any) -> Iterator[ValidationError]:
    """jsonschema's ``pattern`` keyword, ``$`` meaning the end of the text."""
    from jsonschema import ValidationError

    if validator.is_type(instance, "string") and not compile_pattern(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")
