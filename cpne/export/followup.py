"""What became of the committee's texts, and the practices it endorsed: the report's and the opinion's follow-up.

Everything is judged on a *cut-off date* given by the caller (the end of the report's year, or the
document's ``--date``), never on today's date: the same register and options give the same bytes.
Without a cut-off, statuses are the register's and no action is called late.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from cpne.export.builder import Builder
from cpne.export.reading import RawRecord
from cpne.export.views import Action, Opinion, Practice, Response


@dataclass(frozen=True)
class Tally:
    """Actions by what became of them on the cut-off date (``late`` ones are counted in ``open`` too)."""

    done: int
    open: int
    late: int
    dropped: int

    @property
    def total(self) -> int:
        return self.done + self.open + self.dropped


@dataclass(frozen=True)
class FollowUp:
    """One text adopted or published: its addressees (on the opinion), the responses and actions by the cut-off."""

    opinion: Opinion
    responses: tuple[Response, ...]
    actions: tuple[Action, ...]
    tally: Tally


@dataclass(frozen=True)
class DomainPractices:
    """The practices endorsed in the period in one domain."""

    domain: str
    label: str
    practices: tuple[Practice, ...]


def tally(actions: Iterable[Action]) -> Tally:
    done = open_ = late = dropped = 0
    for action in actions:
        if action.status == "done":
            done += 1
        elif action.status == "dropped":
            dropped += 1
        else:
            open_ += 1
            late += action.late
    return Tally(done, open_, late, dropped)


def actions(builder: Builder, records: Iterable[RawRecord], cutoff: str | None) -> list[Action]:
    """The actions opened by the cut-off date (every one without it), each as it stood then, oldest due first."""
    found = []
    for record in records:
        dates = record.data.get("dates")
        opened = dates.get("opened") if isinstance(dates, dict) else None
        if cutoff is None or (isinstance(opened, str) and opened <= cutoff):
            found.append(builder.action(record, cutoff))
    return sorted(found, key=lambda a: (a.due, a.id))


def follow_ups(texts: Sequence[Opinion], found: Sequence[Action], cutoff: str | None) -> list[FollowUp]:
    """For each text, its responses received by the cut-off date and the actions it gave rise to."""
    by_source: dict[str, list[Action]] = {}
    for action in found:
        by_source.setdefault(action.source.id, []).append(action)
    out = []
    for text in texts:
        responses = tuple(r for r in text.responses if cutoff is None or r.date <= cutoff)
        mine = tuple(by_source.get(text.id, ()))
        out.append(FollowUp(text, responses, mine, tally(mine)))
    return out


def endorsed(
    builder: Builder, records: Iterable[RawRecord], start: str | None, end: str | None
) -> list[DomainPractices]:
    """The practices endorsed in the period (ever, without one), by domain in the schema's order, then by title."""
    from cpne.kinds import KINDS
    from cpne.kinds.practice import endorsed_between

    by_domain: dict[str, list[Practice]] = {}
    for record in records:
        if endorsed_between(record.data, start, end):
            practice = builder.practice(record)
            by_domain.setdefault(practice.domain, []).append(practice)
    order = KINDS["practice"].enum(("domain",))
    return [
        DomainPractices(domain, by_domain[domain][0].domain_label, tuple(sorted(by_domain[domain], key=_title)))
        for domain in sorted(by_domain, key=lambda d: (order.index(d) if d in order else len(order), d))
    ]


def _title(practice: Practice) -> tuple[str, str]:
    return practice.title.casefold(), practice.id
