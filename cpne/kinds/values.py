"""Values typed as text on the command line, checked and turned into what a record holds.

``check_date`` and the ``parse_*`` functions raise a UsageError naming the option, in
the process's language; the structured ones read one text of the form ``A|B[|C]`` into
one list item. Those forms are also the options' metavars: the same words in the help
and in the error (:data:`FORMER_NAME`, …, translated where they are shown).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any

from cpne.errors import UsageError
from cpne.i18n import N_, _
from cpne.words import fold, with_labels

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# the forms of the structured values: metavars of their options, and what their errors quote
DATE = N_("YYYY-MM-DD")
FORMER_NAME = N_("NAME|UNTIL")
REPRESENTATIVE = N_("NAME|ROLE[|SINCE[|UNTIL]]")
REFERENCE = N_("TITLE|URL")
VERSION = N_("VERSION[|DATE]")


def today() -> str:
    """Today's date as ``YYYY-MM-DD`` (records never hold date objects)."""
    return date.today().isoformat()


def check_date(value: str, option: str) -> str:
    """``value`` if it is a real date written ``YYYY-MM-DD``; a UsageError naming ``option`` otherwise."""
    value = value.strip()
    if not DATE_RE.match(value):
        message = _("{option}: '{value}' is not a date (write {form}, e.g. {example})")
        raise UsageError(message.format(option=option, value=value, form=_(DATE), example=today()))
    try:
        date.fromisoformat(value)
    except ValueError:
        message = _("{option}: '{value}' is not a real date (write {form})")
        raise UsageError(message.format(option=option, value=value, form=_(DATE))) from None
    return value


@cache
def _labels(kind: str, key: str, choices: tuple[str, ...]) -> dict[str, str | None]:
    """Every way of typing one of ``choices``: folded identifier or label (any language, any variant) -> value.

    A label two values share maps to None (ambiguous: refused, the identifiers are listed).
    """
    from cpne.i18n import LANGUAGES
    from cpne.words import ENUM_VARIANTS, enum_context, enum_label

    found: dict[str, str | None] = {}
    for value in choices:
        found[fold(value)] = value
    for value in choices:
        for language in LANGUAGES:
            for variant in ("", *ENUM_VARIANTS.get(enum_context(kind, key), ())):
                typed = fold(enum_label(kind, key, value, variant, lang=language))
                if found.get(typed, value) != value:
                    found[typed] = None
                else:
                    found.setdefault(typed, value)
    return found


def match_choice(value: str, choices: Sequence[str], enum: tuple[str, str] | None = None) -> str | None:
    """The identifier ``value`` names: itself, or (``enum``: its kind and key) its label in any language.

    Case, accents, hyphens and spaces do not matter: ``Adopte``, ``adoptée`` and ``adopted``
    all name ``adopted``; ``établissement public`` names ``public-institution``.
    """
    value = value.strip()
    if value in choices:
        return value
    if enum is None:
        table = {fold(c): c for c in choices}
        return table.get(fold(value))
    return _labels(enum[0], enum[1], tuple(choices)).get(fold(value))


def check_choice(
    value: str, option: str, choices: Sequence[str], what: str = "", *, enum: tuple[str, str] | None = None
) -> str:
    """The identifier ``value`` names among ``choices`` (see :func:`match_choice`); a UsageError listing them.

    ``what`` (marked ``N_``, translated here) says which part of the value it is; ``enum``
    (kind, key) lets labels be typed, and the refusal gives each identifier its label.
    """
    found = match_choice(value, choices, enum)
    if found is None:
        allowed = with_labels(enum[0], enum[1], choices) if enum is not None else ", ".join(choices)
        if what:
            message = _("{option}: {what} '{value}' is not one of: {choices}")
        else:
            message = _("{option}: '{value}' is not one of: {choices}")
        what = _(what) if what else ""
        raise UsageError(message.format(option=option, what=what, value=value.strip(), choices=allowed))
    return found


def not_of_form(raw: str, option: str, shape: str) -> UsageError:
    """The refusal of ``raw``, which is not of the form ``shape`` (marked ``N_``, translated here)."""
    message = _("{option}: '{value}' is not of the form '{form}'")
    return UsageError(message.format(option=option, value=raw, form=_(shape)))


def parts(raw: str, option: str, shape: str, least: int, most: int) -> list[str]:
    """``raw`` split on ``|`` into ``least`` to ``most`` parts, the first ``least`` not empty.

    ``shape`` (the form, marked ``N_``) is quoted in the refusal.
    """
    found = [p.strip() for p in raw.split("|")]
    if not least <= len(found) <= most or not all(found[:least]):
        raise not_of_form(raw, option, shape)
    return found


def parse_former_name(raw: str, option: str) -> dict[str, Any]:
    name, until = raw.rsplit("|", 1) if "|" in raw else (raw, "")
    if not name.strip() or not until.strip():
        message = _("{option}: '{value}' is not of the form '{form}' (UNTIL: a date {date})")
        raise UsageError(message.format(option=option, value=raw, form=_(FORMER_NAME), date=_(DATE)))
    return {"name": name.strip(), "until": check_date(until, option)}


def parse_representative(raw: str, option: str) -> dict[str, Any]:
    found = parts(raw, option, REPRESENTATIVE, 2, 4)
    item: dict[str, Any] = {"name": found[0], "role": found[1]}
    for name, value in zip(("since", "until"), found[2:], strict=False):
        if value:
            item[name] = check_date(value, option)
    return item


def parse_reference(raw: str, option: str) -> dict[str, Any]:
    title, url = raw.rsplit("|", 1) if "|" in raw else ("", raw)
    if not title.strip() or not url.strip():
        raise not_of_form(raw, option, REFERENCE)
    return {"title": title.strip(), "url": url.strip()}


def parse_version(raw: str, option: str) -> dict[str, Any]:
    found = parts(raw, option, VERSION, 1, 2)
    item: dict[str, Any] = {"version": found[0]}
    if len(found) == 2 and found[1]:
        item["date"] = check_date(found[1], option)
    return item
