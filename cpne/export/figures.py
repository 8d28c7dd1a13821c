"""The report's figures: every number it shows, computed once from the views of the period.

Opinion kinds, opinion statuses, review statuses and meeting types come in the order of the
kinds' specifications (the schemas' enums, the lifecycles' statuses).

A member's attendance counts the plenary and working-group meetings held in the period whose
attendance is recorded and that it could attend: it was a member of the committee that day
(:func:`cpne.kinds.partner.member_on`), and of the group for a working group's meeting
(:func:`cpne.kinds.group.sits_on`); it attended when present or represented
(:func:`cpne.kinds.meeting.attending`, each member once).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cpne.export.builder import lifecycle_of
from cpne.export.labels import capitalized, format_percent
from cpne.export.views import Group, Meeting, Opinion, Partner, Review, Theme
from cpne.kinds import KINDS
from cpne.kinds.group import sits_on
from cpne.kinds.meeting import TAKES_ATTENDANCE
from cpne.kinds.partner import member_on


@dataclass(frozen=True, slots=True)
class Count:
    """One figure: an identifier, its label, its value."""

    key: str
    label: str
    value: int


@dataclass(frozen=True, slots=True)
class KindRow:
    """Opinions of one kind, counted by status (in the order of the opinion lifecycle's statuses)."""

    kind: str
    label: str
    counts: tuple[int, ...]
    total: int


@dataclass(frozen=True, slots=True)
class ThemeCount:
    theme: Theme
    opinions: int
    reviews: int


@dataclass(frozen=True, slots=True)
class AttendanceRate:
    """A member's attendance over the period: the meetings it could attend, those it attended, the rate."""

    partner: Partner
    meetings: int
    attended: int
    rate: str  # a whole percentage, as the language writes it (« 67 % »)


@dataclass(frozen=True, slots=True)
class Figures:
    """Every number of the report, computed once."""

    statuses: tuple[Count, ...]  # column headers of by_kind (value: the column's total)
    by_kind: tuple[KindRow, ...]
    opinions: int
    by_status: tuple[Count, ...]  # the status chart: the same counts as ``statuses``
    by_theme: tuple[ThemeCount, ...]
    theme_bars: tuple[Count, ...]  # for the theme chart (label: the theme's number)
    reviews_by_status: tuple[Count, ...]
    reviews: int
    signatories: int
    associated: int
    members: int
    former_members: int
    meetings_by_type: tuple[Count, ...]  # the meetings held, by type (label: the type, capitalised)
    meetings: int
    attendance: tuple[AttendanceRate, ...]  # the members that could attend at least one meeting, by id
    events_audience: int  # participants in the sharing days and consensus conferences (those recorded)


def _by_kind(L: Mapping[str, Any], opinions: Sequence[Opinion]) -> tuple[tuple[KindRow, ...], tuple[Count, ...]]:
    """Opinions counted by kind and status, and the total of each status."""
    counts = Counter((o.kind, o.status) for o in opinions)
    kinds, statuses = KINDS["opinion"].enum(("kind",)), lifecycle_of("opinion").statuses
    rows = []
    for kind in kinds:
        values = tuple(counts[(kind, status)] for status in statuses)
        rows.append(KindRow(kind, L["opinion_kind_plural"][kind], values, sum(values)))
    totals = tuple(Count(s, L["opinion_status_column"][s], sum(counts[(k, s)] for k in kinds)) for s in statuses)
    return tuple(rows), totals


def _by_theme(
    opinions: Sequence[Opinion], reviews: Sequence[Review], themes: Sequence[Theme]
) -> tuple[ThemeCount, ...]:
    """Opinions and reviews counted by theme (a work of several themes counts in each)."""
    per_opinion = Counter(t.id for o in opinions for t in o.themes)
    per_review = Counter(t.id for r in reviews for t in r.themes)
    return tuple(ThemeCount(t, per_opinion[t.id], per_review[t.id]) for t in themes)


def is_event(meeting: Meeting) -> bool:
    """A sharing day or a consensus conference: a meeting open to the public, whose attendance is not recorded."""
    return meeting.type not in TAKES_ATTENDANCE


def could_attend(partner: Partner, meeting: Meeting, groups: Mapping[str, Group]) -> bool:
    """Whether ``partner`` was called to ``meeting``: a member that day (of the group, for a working group's)."""
    if not member_on(partner.record, meeting.date):
        return False
    if meeting.type != "working-group":
        return True
    group = groups.get(meeting.group.id) if meeting.group is not None else None
    return group is not None and sits_on(group.record, partner.id, meeting.date)


def _attendance(
    L: Mapping[str, Any], meetings: Sequence[Meeting], partners: Sequence[Partner], groups: Sequence[Group]
) -> tuple[AttendanceRate, ...]:
    """Each partner's attendance at the meetings held whose attendance is recorded and that it could attend."""
    counted = [m for m in meetings if m.type in TAKES_ATTENDANCE and m.attendance]
    by_id = {g.id: g for g in groups}
    rates = []
    for partner in partners:
        called = [m for m in counted if could_attend(partner, m, by_id)]
        attended = sum(1 for m in called if any(ref.id == partner.id for ref in m.attending))
        if called:
            rate = format_percent(attended, len(called), L["lang"])
            rates.append(AttendanceRate(partner, len(called), attended, rate))
    return tuple(rates)


def compute_figures(
    L: Mapping[str, Any],
    *,
    opinions: Sequence[Opinion],
    reviews: Sequence[Review],
    themes: Sequence[Theme],
    members: Sequence[Partner],
    former: Sequence[Partner],
    meetings: Sequence[Meeting] = (),
    partners: Sequence[Partner] = (),
    groups: Sequence[Group] = (),
) -> Figures:
    """Every figure of the report; ``meetings``: those held in the period, ``partners`` and ``groups``: all."""
    rows, status_totals = _by_kind(L, opinions)
    by_theme = _by_theme(opinions, reviews, themes)
    review_counts = Counter(r.status for r in reviews)
    signatories = sum(1 for p in members if p.membership == "signatory")
    by_type = Counter(m.type for m in meetings)
    return Figures(
        statuses=status_totals,
        by_kind=rows,
        opinions=len(opinions),
        by_status=status_totals,
        by_theme=by_theme,
        theme_bars=tuple(Count(t.theme.id, str(t.theme.number), t.opinions) for t in by_theme),
        reviews_by_status=tuple(
            Count(s, L["review_status_column"][s], review_counts[s]) for s in lifecycle_of("review").statuses
        ),
        reviews=len(reviews),
        signatories=signatories,
        associated=len(members) - signatories,
        members=len(members),
        former_members=len(former),
        meetings_by_type=tuple(
            Count(t, capitalized(L["meeting_type"].get(t, t)), by_type[t]) for t in KINDS["meeting"].enum(("type",))
        ),
        meetings=len(meetings),
        attendance=_attendance(L, meetings, partners, groups),
        events_audience=sum(m.audience or 0 for m in meetings if is_event(m)),
    )


__all__ = ["AttendanceRate", "Count", "Figures", "KindRow", "ThemeCount", "compute_figures", "could_attend", "is_event"]
