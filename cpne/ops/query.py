"""The filters and order of the ``list`` commands (records are read by :mod:`cpne.records.store`).

A filter on an enum takes its value as typed by scripts (the identifier) or by people (its
label in either language, any case, accents or not: ``adopté``, ``Adopte``); a filter on
references takes an id in any case (``--theme USAGES``). Records are filtered on the
identifiers they store.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from cpne import words
from cpne.errors import UsageError
from cpne.i18n import _
from cpne.kinds.spec import Filter, Kind, enum_key, option_key
from cpne.kinds.values import check_date, match_choice, today


def check_filters(kind: Kind, given: Mapping[str, Any]) -> dict[str, Any]:
    """The filters given (None and empty lists dropped), as identifiers: choices checked against the kind's schema
    (labels accepted), ids of other records put in their case; a day filter's value is its day (default today).

    An option going with a filter (``--on``, ``--fail``) without the filter's own is a usage error."""
    chosen: dict[str, Any] = {}
    for item in kind.filters:
        value = given.get(item.key)
        if value is None or (item.type == "day" and not value) or (isinstance(value, (list, tuple)) and not value):
            for key, option, _help in item.companions:
                if given.get(key) not in (None, False):
                    raise UsageError(_("{option} goes with {filter}").format(option=option, filter=item.option))
            continue
        if item.type == "day":
            day = given.get(option_key(item.day))
            value = today() if day is None else check_date(str(day), item.day)
        elif item.type == "choices":
            value = [_choice(kind, item, str(one)) for one in value]
        elif item.type == "choice":
            value = _choice(kind, item, str(value))
        elif item.type == "text":
            value = _reference(kind, item, str(value))
        chosen[item.key] = value
    return chosen


def _choice(kind: Kind, item: Filter, value: str) -> str:
    """The identifier ``value`` names among the filter's choices (itself, or its label); a UsageError listing them."""
    choices = kind.choices(item)
    key = enum_key(item.enum)
    found = match_choice(value, choices, (kind.name, key))
    if found is None:
        raise UsageError(
            _("{option}: '{value}' is not one of: {choices}").format(
                option=item.option, value=value.strip(), choices=words.with_labels(kind.name, key, choices)
            )
        )
    return found


def _reference(kind: Kind, item: Filter, value: str) -> str:
    """An id typed in any case, in the case of the kind it names (``USAGES``: ``usages``); other text as typed."""
    from cpne.kinds import KINDS

    for ref in kind.references:
        if ref.path[0] != item.key:
            continue
        for name in ref.targets:
            target = KINDS.get(name)
            if target is not None and target.valid_id(target.normalize_id(value)):
                return target.normalize_id(value)
    return value


def failing(kind: Kind, given: Mapping[str, Any]) -> bool:
    """Whether a filter's ``fail`` option was given: ``list`` then exits 1 when it lists a record."""
    return any(item.fail and given.get(option_key(item.fail)) for item in kind.filters)


def select(kind: Kind, records: Iterable[Mapping[str, Any]], filters: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The records that pass every filter given (checked by :func:`check_filters`)."""
    tests = [(item.test, filters[item.key]) for item in kind.filters if item.key in filters]
    return [record for record in records if all(test(record, value) for test, value in tests)]


def sort_key(kind: Kind, record: Mapping[str, Any]) -> tuple[Any, ...]:
    """The kind's display order, else by id."""
    if kind.sort_key is not None:
        return kind.sort_key(record)
    return (0, str(record.get("id")))
