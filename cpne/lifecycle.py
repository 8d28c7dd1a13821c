"""Lifecycles of opinions and reviews: allowed transitions and the invariants of each status.

Used by validation (a record as it stands, and statuses changed since a base
commit) and by ``set-status`` (a transition about to be made).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Lifecycle:
    """Statuses, allowed transitions, and the date field each status requires."""

    kind: str
    initial: str
    transitions: Mapping[str, tuple[str, ...]]
    # status -> date fields (under ``dates``) that must be set once the status is reached
    required_dates: Mapping[str, tuple[str, ...]]
    # the date field each status sets when entered
    date_of: Mapping[str, str]
    # date fields in the order the lifecycle moves through them
    date_order: tuple[str, ...]

    @property
    def statuses(self) -> tuple[str, ...]:
        return tuple(self.transitions)

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

    def describe_allowed(self, status: str) -> str:
        allowed = self.allowed(status)
        if not allowed:
            return f"'{status}' is final: no transition is allowed"
        return f"from '{status}' the allowed transitions are: {', '.join(allowed)}"


OPINION_LIFECYCLE = Lifecycle(
    kind="opinion",
    initial="draft",
    transitions={
        "draft": ("consultation", "withdrawn"),
        "consultation": ("adopted", "draft", "withdrawn"),
        "adopted": ("published", "withdrawn"),
        "published": (),
        "withdrawn": (),
    },
    required_dates={
        "draft": ("created",),
        "consultation": ("created", "consultation"),
        "adopted": ("created", "consultation", "adopted"),
        "published": ("created", "consultation", "adopted", "published"),
        "withdrawn": ("created", "withdrawn"),
    },
    date_of={"consultation": "consultation", "adopted": "adopted", "published": "published", "withdrawn": "withdrawn"},
    date_order=("created", "consultation", "adopted", "published"),
)

REVIEW_LIFECYCLE = Lifecycle(
    kind="review",
    initial="planned",
    transitions={
        "planned": ("in-progress", "abandoned"),
        "in-progress": ("concluded", "abandoned"),
        "concluded": (),
        "abandoned": (),
    },
    required_dates={
        "planned": ("opened",),
        "in-progress": ("opened",),
        "concluded": ("opened", "concluded"),
        "abandoned": ("opened",),
    },
    date_of={"concluded": "concluded"},
    date_order=("opened", "concluded"),
)

LIFECYCLES = {"opinion": OPINION_LIFECYCLE, "review": REVIEW_LIFECYCLE}

# Dates that a status must not have yet (a draft with an adoption date is inconsistent).
_FORBIDDEN_DATES = {
    "opinion": {
        "draft": ("adopted", "published", "withdrawn"),
        "consultation": ("adopted", "published", "withdrawn"),
        "adopted": ("published", "withdrawn"),
        "published": ("withdrawn",),
        "withdrawn": ("published",),
    },
    "review": {"planned": ("concluded",), "in-progress": ("concluded",), "abandoned": ("concluded",), "concluded": ()},
}


@dataclass(frozen=True)
class Violation:
    """An invariant that does not hold; ``pointer`` locates the offending field."""

    pointer: tuple[str | int, ...]
    message: str
    code: str = "lifecycle"


def invariants(kind: str, record: Mapping[str, Any]) -> list[Violation]:
    """Check a record's status against its dates and fields (not against other records)."""
    lifecycle = LIFECYCLES[kind]
    status = record.get("status")
    dates = record.get("dates")
    if not isinstance(status, str) or status not in lifecycle.transitions or not isinstance(dates, Mapping):
        return []  # the schema reports these
    out: list[Violation] = []
    for name in lifecycle.required_dates[status]:
        if name not in dates:
            out.append(Violation(("status",), f"status '{status}' needs dates.{name}"))
    for name in _FORBIDDEN_DATES[kind][status]:
        if name in dates:
            out.append(Violation(("dates", name), f"dates.{name} is set but the status is '{status}'"))
    previous: tuple[str, str] | None = None
    for name in lifecycle.date_order:
        value = dates.get(name)
        if isinstance(value, str):
            if previous is not None and value < previous[1]:
                out.append(
                    Violation(("dates", name), f"dates.{name} ({value}) is before dates.{previous[0]} ({previous[1]})")
                )
            previous = (name, value)
    withdrawn = dates.get("withdrawn") if kind == "opinion" else None
    if isinstance(withdrawn, str):
        for name in lifecycle.date_order:
            value = dates.get(name)
            if isinstance(value, str) and withdrawn < value:
                out.append(
                    Violation(("dates", "withdrawn"), f"dates.withdrawn ({withdrawn}) is before dates.{name} ({value})")
                )
                break
    if kind == "opinion":
        if status == "withdrawn" and not record.get("withdrawn_reason"):
            out.append(Violation(("status",), "a withdrawn opinion needs withdrawn_reason"))
        if status != "withdrawn" and "withdrawn_reason" in record:
            out.append(Violation(("withdrawn_reason",), f"withdrawn_reason is set but the status is '{status}'"))
        if status in ("adopted", "published") and "decision" not in record:
            out.append(Violation(("status",), f"an {status} opinion needs a decision (mode, positions)"))
        referral = record.get("referral")
        if isinstance(referral, Mapping) and referral.get("origin") == "member" and "by" not in referral:
            out.append(Violation(("referral",), "a referral by a member needs referral.by (the partner's id)"))
    return out
