"""Lifecycles: statuses, allowed transitions, the dates each status needs, and their invariants.

A kind with a lifecycle (opinion, review) declares one :class:`Lifecycle` in its spec.
Validation checks a record as it stands (:meth:`Lifecycle.invariants`) and the statuses
changed since a base commit (:meth:`Lifecycle.path_to`); ``set-status`` checks the
transition about to be made (:meth:`Lifecycle.can_move`); exports read the status a
record held on a given day from its dates (:meth:`Lifecycle.status_on`).

Messages are built in the process's language when a check runs; a list of statuses gives
each identifier with its label beside (``consultation, withdrawn (retiré)``): ``kind``
names the kind whose schema holds the statuses (a kind's spec sets it when left empty).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from cpne.i18n import _
from cpne.words import with_labels


@dataclass(frozen=True)
class Violation:
    """An invariant that does not hold; ``pointer`` locates the offending field."""

    pointer: tuple[str | int, ...]
    message: str
    code: str = "lifecycle"


@dataclass(frozen=True)
class Lifecycle:
    """Statuses, allowed transitions, and the date fields (under ``dates``) that go with them."""

    initial: str
    transitions: Mapping[str, tuple[str, ...]]
    # status -> date fields that must be set once the status is reached
    required_dates: Mapping[str, tuple[str, ...]]
    # the date field each status sets when entered
    date_of: Mapping[str, str]
    # date fields in the order the lifecycle moves through them
    date_order: tuple[str, ...]
    # status -> date fields it must not have yet (a draft with an adoption date is inconsistent)
    forbidden_dates: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # dates that end the lifecycle from any point: never before any date of ``date_order``
    closing_dates: tuple[str, ...] = ()
    # other dates of the record, outside the lifecycle (an opinion's referral date)
    other_dates: tuple[str, ...] = ()
    # statuses that take ``set-status --date`` although they set no date of ``dates`` (the kind records it)
    dated: tuple[str, ...] = ()
    # statuses whose records are not changed any more (update and edit refuse them; additions still apply)
    frozen: tuple[str, ...] = ()
    # the kind whose ``status`` these are (their labels' catalog context is ``KIND.status``)
    kind: str = ""

    def __post_init__(self) -> None:
        statuses = set(self.transitions)
        for status, targets in self.transitions.items():
            unknown = set(targets) - statuses
            if unknown:
                raise ValueError(f"transition from '{status}' to unknown status(es) {sorted(unknown)}")
        if self.initial not in statuses or set(self.required_dates) != statuses:
            raise ValueError("the initial status and the required dates must name the lifecycle's statuses")
        named = {*self.date_of, *self.forbidden_dates, *self.dated, *self.frozen}
        if not named <= statuses:
            raise ValueError(f"unknown status(es) {sorted(named - statuses)} in the lifecycle's dates or frozen")

    @property
    def statuses(self) -> tuple[str, ...]:
        return tuple(self.transitions)

    @property
    def date_names(self) -> tuple[str, ...]:
        """Every date the lifecycle knows, in order."""
        names = [*self.date_order, *self.date_of.values(), *self.closing_dates]
        return tuple(dict.fromkeys(names))

    def is_final(self, status: str) -> bool:
        return not self.allowed(status)

    def from_(self, milestone: str) -> tuple[str, ...]:
        """``milestone`` and the statuses that follow it, short of a closing one (adopted: adopted, published)."""
        closing = {s for s, d in self.date_of.items() if d in self.closing_dates}
        found = [milestone]
        for status in found:
            found.extend(s for s in self.allowed(status) if s not in found and s not in closing)
        return tuple(s for s in self.statuses if s in found)

    def before(self, milestone: str) -> tuple[str, ...]:
        """The statuses from which ``milestone`` can still be reached (adopted: draft, consultation)."""
        after = set(self.from_(milestone))
        return tuple(s for s in self.statuses if s not in after and self.path_to(s, milestone) is not None)

    def allowed(self, status: str) -> tuple[str, ...]:
        return self.transitions.get(status, ())

    def can_move(self, old: str, new: str) -> bool:
        return new in self.allowed(old)

    def path_to(self, old: str, new: str) -> list[str] | None:
        """Shortest chain of statuses from ``old`` to ``new`` (both included), or None."""
        frontier = [[old]]
        seen = {old}
        while frontier:
            chain = frontier.pop(0)
            if chain[-1] == new:
                return chain
            for nxt in self.allowed(chain[-1]):
                if nxt not in seen:
                    seen.add(nxt)
                    frontier.append([*chain, nxt])
        return None

    @cached_property
    def _walk_back(self) -> dict[str, tuple[str, ...]]:
        """Each status and those a record may have held before it, latest first (in the order of ``transitions``)."""
        order = self.statuses
        return {
            status: tuple(
                s for s in reversed(order[: order.index(status) + 1]) if s == status or self.path_to(s, status)
            )
            for status in order
        }

    def status_on(self, status: str, dates: Mapping[str, Any], day: str | None) -> str:
        """The status a record held on ``day``, read from its dates; never beyond ``status``, its status now.

        Walking back from ``status`` through the statuses that lead to it, latest first, the
        first one the record had reached by ``day``: a status that sets a date (``date_of``)
        if that date is on or before the day; a status without a date (or whose optional date
        the record lacks) at once, since no date says when it was left (a draft stays a draft,
        even one sent back from consultation; a review concluded after the day was in progress
        on it). None: ``status`` itself.
        """
        if day is None or status not in self.transitions:
            return status
        for candidate in self._walk_back[status]:
            name = self.date_of.get(candidate)
            value = dates.get(name) if name is not None else None
            if name is None or (value is None and name not in self.required_dates[candidate]):
                return candidate  # no date says when it was reached (a review's start, before it was recorded)
            if isinstance(value, str) and value <= day:
                return candidate
        return self.initial

    def status_date(self, status: str, dates: Mapping[str, Any]) -> str | None:
        """The date a record entered ``status``: the date that status sets, else its first date (its start)."""
        value = dates.get(self.date_of.get(status, ""))
        if isinstance(value, str):
            return value
        first = dates.get(self.date_order[0]) if self.date_order else None
        return first if isinstance(first, str) else None

    def labelled(self, statuses: tuple[str, ...]) -> str:
        """``statuses`` as a list a person reads: each identifier, its label beside where it differs."""
        return with_labels(self.kind, "status", statuses) if self.kind else ", ".join(statuses)

    def describe_allowed(self, status: str) -> str:
        """Where a record may go from ``status``, in the process's language."""
        allowed = self.allowed(status)
        if not allowed:
            return _("'{status}' is final: no transition is allowed").format(status=status)
        # every message that uses it has named the status it leaves already
        return _("the allowed transitions are: {allowed}").format(allowed=self.labelled(allowed))

    def invariants(self, record: Mapping[str, Any]) -> list[Violation]:
        """Check a record's status against its dates (not against other records)."""
        status = record.get("status")
        dates = record.get("dates")
        if not isinstance(status, str) or status not in self.transitions or not isinstance(dates, Mapping):
            return []  # the schema reports these
        out: list[Violation] = []
        for name in self.required_dates[status]:
            if name not in dates:
                message = _("status '{status}' needs dates.{name}").format(status=status, name=name)
                out.append(Violation(("status",), message))
        for name in self.forbidden_dates.get(status, ()):
            if name in dates:
                message = _("dates.{name} is set but the status is '{status}'").format(name=name, status=status)
                out.append(Violation(("dates", name), message))
        previous: tuple[str, str] | None = None
        for name in self.date_order:
            value = dates.get(name)
            if isinstance(value, str):
                if previous is not None and value < previous[1]:
                    out.append(Violation(("dates", name), _before(name, value, *previous)))
                previous = (name, value)
        for closing in self.closing_dates:
            end = dates.get(closing)
            if not isinstance(end, str):
                continue
            for name in self.date_order:
                value = dates.get(name)
                if isinstance(value, str) and end < value:
                    out.append(Violation(("dates", closing), _before(closing, end, name, value)))
                    break
        return out


def _before(name: str, value: str, other: str, other_value: str) -> str:
    message = _("dates.{name} ({date}) is before dates.{other} ({other_date})")
    return message.format(name=name, date=value, other=other, other_date=other_value)
