"""Text from records as people see it: control characters found and escaped, short excerpts for messages.

A record's value, a file name or a commit subject may hold control characters (an escape
sequence ``ESC [ 2 J``, a NUL, a C1 control such as U+009B): written raw to a terminal they
act on it. Whatever cpne shows goes through :func:`escape_controls`, and a message that
quotes a value quotes :func:`excerpt` of it (short, escaped). Validation refuses control
characters in records (:func:`control_problem`).

Light on purpose (``re`` only): the command line's output module uses it for all it shows.
"""

from __future__ import annotations

import re
from functools import cache

# Unicode's control characters (category Cc): C0, DEL and C1.
CONTROLS = "\x00-\x1f\x7f-\x9f"
EXCERPT = 40
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


@cache
def _controls_re(keep: str) -> re.Pattern[str]:
    if not keep:
        return re.compile(f"[{CONTROLS}]")
    return re.compile(f"(?![{re.escape(keep)}])[{CONTROLS}]")


def escape_char(char: str) -> str:
    """How one control character is shown: ``\\t``, ``\\n``, ``\\r``, else ``\\xNN``."""
    return _NAMED.get(char) or f"\\x{ord(char):02x}"


def escape_controls(text: str, keep: str = "") -> str:
    """``text`` with every control character written as an escape (``\\x1b``), except those in ``keep``."""
    return _controls_re(keep).sub(lambda match: escape_char(match.group()), text)


_JSON_RAW = re.compile("[\x7f-\x9f]")


def json_safe(document: str) -> str:
    """A JSON document with DEL and the C1 controls written ``\\u00XX`` (``json.dumps`` escapes only C0).

    Outside strings a JSON document is ASCII, so the escapes land inside strings: same data.
    """
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match.group()):04x}", document)


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """A value as a message quotes it: at most ``limit`` characters (then "…"), control characters escaped."""
    text = value if isinstance(value, str) else _text_of(value)
    if len(text) > limit:
        return escape_controls(text[:limit]) + "…"
    return escape_controls(text)


def _text_of(value: object) -> str:
    try:
        return str(value)
    except ValueError:  # an integer too long for Python to print
        from cpne.i18n import _

        return _("<{type} too long to show>").format(type=type(value).__name__)


def control_problem(text: str) -> tuple[int, str] | None:
    """The first control character a record's text value may not hold: (index, escaped), or None.

    A value holding a line break is multi-line text: line breaks and tabs are allowed
    there. Anywhere else every control character is refused, the tab included.
    """
    match = _controls_re("\n\t" if "\n" in text else "").search(text)
    if match is None:
        return None
    return match.start(), escape_char(match.group())
