"""The report's figures: every number it shows, computed once from the views of the period.

Opinion kinds, opinion statuses and review statuses come in the order of the kinds'
specifications (the opinion schema's ``kind`` enum, the lifecycles' statuses).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cpne.export.builder import lifecycle_of
from cpne.export.views import Opinion, Partner, Review, Theme
from cpne.kinds import KINDS


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


def compute_figures(
    L: Mapping[str, Any],
    *,
    opinions: Sequence[Opinion],
    reviews: Sequence[Review],
    themes: Sequence[Theme],
    members: Sequence[Partner],
    former: Sequence[Partner],
) -> Figures:
    rows, status_totals = _by_kind(L, opinions)
    by_theme = _by_theme(opinions, reviews, themes)
    review_counts = Counter(r.status for r in reviews)
    signatories = sum(1 for p in members if p.membership == "signatory")
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
    )


__all__ = ["Count", "Figures", "KindRow", "ThemeCount", "compute_figures"]
