"""Is a file in canonical form? A fast check that gives exactly the answer of ``writer.dump``.

The canonical text of a record is ``writer.dump(data, order)``: PyYAML's
representer (Python) feeding libyaml's emitter. For the records cpne writes
(mappings, lists, one-line text plain or single-quoted, multi-line text as
literal blocks, whole numbers, booleans) the emitter's choices are simple, and
:func:`quick_dump` reproduces its bytes a few times faster in plain Python.
Whenever a value falls outside that safe subset (text that would need quotes,
an empty list, a tab, a float...) it returns ``None`` and the caller uses
``writer.dump`` itself: :func:`is_canonical` never guesses. A differential
test (hypothesis) checks that ``quick_dump`` equals ``dump`` whenever it answers.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache
from typing import Any

from cpne.records.writer import RecordDumper, dump

# Characters libyaml writes as they are in a plain or literal scalar (allow_unicode):
# what its IS_PRINTABLE accepts (ASCII from space to ~, U+00A0 to U+FFFD without
# surrogates and the byte-order mark; not the astral planes), less YAML 1.1's extra
# line breaks (U+2028, U+2029).
_SAFE_CHARS = "\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd"


# First characters that make libyaml quote the text; "-", "?" and ":" only when a space
# (or the end) follows them.
_INDICATORS = frozenset(",[]{}#&*!|>'\"%@` ")
_INDICATORS_BEFORE_SPACE = frozenset("-?:")


@cache
def _unsafe_re() -> re.Pattern[str]:
    """A character outside the safe set (compiled on first need: the class is large)."""
    return re.compile(f"[^{_SAFE_CHARS}]")


def _safe(text: str) -> bool:
    """Whether every character of ``text`` is in the safe set (libyaml writes it as it is)."""
    return _unsafe_re().search(text) is None


# The dumper's implicit resolvers, by first character (None: any): text one of them
# matches would read back as something else (a number, a boolean, null), so it is quoted.
_ANY_FIRST: tuple[re.Pattern[str], ...] = tuple(
    regexp for _tag, regexp in RecordDumper.yaml_implicit_resolvers.get(None, [])
)
_IMPLICIT: dict[str, tuple[re.Pattern[str], ...]] = {
    first: (*(regexp for _tag, regexp in resolvers), *_ANY_FIRST)
    for first, resolvers in RecordDumper.yaml_implicit_resolvers.items()
    if first is not None
}
# Short text seen before (field names, ids, dates, statuses), as written: asked again and again.
_KNOWN: dict[str, str] = {}
_KNOWN_MAX = 100_000


class _Unsure(Exception):
    """The value is outside the subset quick_dump reproduces."""


def _oneline(text: str) -> str:
    """One-line text as libyaml writes it in block context: plain, else single-quoted."""
    known = _KNOWN.get(text)
    if known is not None:
        return known
    if not _safe(text):
        raise _Unsure  # double-quoted, with escapes
    written = text
    if (
        not text
        or text[0] in _INDICATORS
        or (text[0] in _INDICATORS_BEFORE_SPACE and text[1:2] in ("", " "))
        or text[-1] in " :"
        or text.startswith(("---", "..."))
        or ": " in text
        or " #" in text
        or any(regexp.match(text) for regexp in _IMPLICIT.get(text[0], _ANY_FIRST))
    ):
        written = "'" + text.replace("'", "''") + "'"
    if len(text) <= 40:
        if len(_KNOWN) >= _KNOWN_MAX:
            _KNOWN.clear()
        _KNOWN[text] = written
    return written


def _literal(text: str, indent: int, out: list[str]) -> None:
    """``|-``/``|`` header and the block's lines, each non-empty one indented."""
    if text[0] in " \n" or text[-1] == " " or text.endswith("\n\n") or " \n" in text:
        raise _Unsure
    lines = text.split("\n")
    if text.endswith("\n"):
        lines.pop()
        header = "|\n"
    else:
        header = "|-\n"
    if not all(_safe(line) for line in lines if line):
        raise _Unsure
    out.append(header)
    pad = " " * indent
    for line in lines:
        if line:
            out.append(pad)
            out.append(line)
        out.append("\n")


def _scalar(value: Any, indent: int, out: list[str]) -> None:
    """A scalar after ``key:`` or ``-`` (the separating space included)."""
    kind = type(value)
    if kind is str:
        if "\n" in value:
            out.append(" ")
            _literal(value, indent, out)
        else:
            out.append(" ")
            out.append(_oneline(value))
            out.append("\n")
    elif kind is bool:
        out.append(" true\n" if value else " false\n")
    elif kind is int:
        out.append(f" {value}\n")
    elif value is None:
        out.append(" null\n")
    else:
        raise _Unsure


def _mapping(value: Mapping[str, Any], order: Mapping[str, Any], indent: int, out: list[str], inline: bool) -> None:
    keys = [k for k in order if k in value]
    if len(keys) != len(value):
        keys += [k for k in value if k not in order]
    if not keys:
        raise _Unsure  # {} is written in flow style
    pad = " " * indent
    for index, key in enumerate(keys):
        if type(key) is not str or len(key) > 100:
            raise _Unsure
        if index or not inline:
            out.append(pad)
        out.append(_oneline(key))
        out.append(":")
        item = value[key]
        kind = type(item)
        if kind is dict:
            out.append("\n")
            _mapping(item, order.get(key, {}), indent + 2, out, False)
        elif kind is list:
            out.append("\n")
            _sequence(item, order.get(key, {}), indent, out)
        else:
            _scalar(item, indent + 2, out)


def _sequence(items: list[Any], order: Mapping[str, Any], indent: int, out: list[str]) -> None:
    """A block sequence as a mapping's value: its dashes at the mapping's indentation."""
    if not items:
        raise _Unsure  # [] is written in flow style
    pad = " " * indent
    for item in items:
        out.append(pad)
        out.append("-")
        kind = type(item)
        if kind is dict:
            out.append(" ")
            _mapping(item, order, indent + 2, out, True)
        elif kind is list:
            raise _Unsure
        else:
            _scalar(item, indent + 2, out)


def quick_dump(data: Mapping[str, Any], order: Mapping[str, Any]) -> str | None:
    """``writer.dump(data, order)``, or None when ``data`` is outside the subset reproduced here."""
    if type(data) is not dict:
        return None
    out: list[str] = []
    try:
        _mapping(data, order, 0, out, False)
    except _Unsure:
        return None
    return "".join(out)


def is_canonical(raw: bytes, data: Mapping[str, Any], order: Mapping[str, Any]) -> bool:
    """Whether ``raw`` (the file's bytes, which parse to ``data``) is exactly the canonical text."""
    text = quick_dump(data, order)
    if text is None:
        text = dump(data, order)
    return raw == text.encode("utf-8")
