"""Values typed as text on the command line, checked and turned into what a record holds.

``check_date`` and the ``parse_*`` functions raise a UsageError naming the option;
the structured ones read one text of the form ``A|B[|C]`` into one list item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from cpne.errors import UsageError

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def today() -> str:
    """Today's date as ``YYYY-MM-DD`` (records never hold date objects)."""
    return date.today().isoformat()


def check_date(value: str, option: str) -> str:
    """``value`` if it is a real date written ``YYYY-MM-DD``; a UsageError naming ``option`` otherwise."""
    value = value.strip()
    if not DATE_RE.match(value):
        raise UsageError(f"{option}: '{value}' is not a date (write YYYY-MM-DD, e.g. {today()})")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: '{value}' is not a real date (write YYYY-MM-DD)") from None
    return value


def check_choice(value: str, option: str, choices: Sequence[str], what: str = "") -> str:
    """``value`` if it is one of ``choices``; a UsageError listing them otherwise (``what``: which part)."""
    value = value.strip()
    if value not in choices:
        raise UsageError(f"{option}: {what + ' ' if what else ''}'{value}' is not one of: {', '.join(choices)}")
    return value


def parts(raw: str, option: str, shape: str, least: int, most: int) -> list[str]:
    """``raw`` split on ``|`` into ``least`` to ``most`` parts, the first ``least`` not empty."""
    found = [p.strip() for p in raw.split("|")]
    if not least <= len(found) <= most or not all(found[:least]):
        raise UsageError(f"{option}: '{raw}' is not of the form {shape}")
    return found


def parse_former_name(raw: str, option: str) -> dict[str, Any]:
    name, until = raw.rsplit("|", 1) if "|" in raw else (raw, "")
    if not name.strip() or not until.strip():
        raise UsageError(f"{option}: '{raw}' is not of the form 'NAME|UNTIL' (UNTIL a date YYYY-MM-DD)")
    return {"name": name.strip(), "until": check_date(until, option)}


def parse_representative(raw: str, option: str) -> dict[str, Any]:
    found = parts(raw, option, "'NAME|ROLE[|SINCE[|UNTIL]]'", 2, 4)
    item: dict[str, Any] = {"name": found[0], "role": found[1]}
    for name, value in zip(("since", "until"), found[2:], strict=False):
        if value:
            item[name] = check_date(value, option)
    return item


def parse_reference(raw: str, option: str) -> dict[str, Any]:
    title, url = raw.rsplit("|", 1) if "|" in raw else ("", raw)
    if not title.strip() or not url.strip():
        raise UsageError(f"{option}: '{raw}' is not of the form 'TITLE|URL'")
    return {"title": title.strip(), "url": url.strip()}


def parse_version(raw: str, option: str) -> dict[str, Any]:
    found = parts(raw, option, "'VERSION[|DATE]'", 1, 2)
    item: dict[str, Any] = {"version": found[0]}
    if len(found) == 2 and found[1]:
        item["date"] = check_date(found[1], option)
    return item
