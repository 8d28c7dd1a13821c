"""Views: the records as templates see them, plain frozen values built for one language.

Each view carries both the identifiers (``status``) and the words (``status_label``), so
templates only choose what to show, and ``record``, the record as stored (without
representatives' names unless personal data was asked for). Dates are ``YYYY-MM-DD``
text; absent optional fields are None. A kind the exports have no view of is shown
through :class:`Entry`. The builder (:mod:`cpne.export.builder`) makes them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class FormerName:
    name: str
    until: str


@dataclass(frozen=True, slots=True)
class Representative:
    """A representative: ``name`` is None unless personal data was asked for."""

    name: str | None
    role: str
    since: str | None
    until: str | None


@dataclass(frozen=True, slots=True)
class Partner:
    id: str
    acronym: str
    name: str
    signed_as: str | None
    category: str
    category_label: str
    membership: str
    membership_label: str
    joined: str
    left: str | None
    website: str | None
    former_names: tuple[FormerName, ...]
    former_names_text: str
    representatives: tuple[Representative, ...]
    representatives_text: str
    notes: str | None
    record: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    number: int
    title: str
    summary: str
    description: str | None
    status: str
    status_label: str
    record: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Version:
    version: str
    date: str | None


@dataclass(frozen=True, slots=True)
class Referential:
    id: str
    acronym: str
    title: str
    owner: str
    domains: tuple[str, ...]
    domains_text: str
    url: str | None
    versions: tuple[Version, ...]
    versions_text: str
    status: str
    status_label: str
    superseded_by: str | None
    notes: str | None
    record: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to another record: its id and how to name it (``label``; ``known`` False if absent)."""

    id: str
    label: str
    title: str | None
    known: bool


@dataclass(frozen=True, slots=True)
class OpinionDates:
    created: str
    referred: str | None
    consultation: str | None
    adopted: str | None
    published: str | None
    withdrawn: str | None


@dataclass(frozen=True, slots=True)
class Position:
    partner: Ref
    position: str
    position_label: str
    note: str | None


@dataclass(frozen=True, slots=True)
class Decision:
    """How a text was decided; ``meeting``: the plenary that adopted it (None when the record names none)."""

    mode: str
    mode_label: str
    positions: tuple[Position, ...]
    tally: Mapping[str, int]
    meeting: Ref | None


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Corrigendum:
    """A dated correction of a published or withdrawn text."""

    date: str
    text: str


@dataclass(frozen=True, slots=True)
class Party:
    """Whom a text is addressed to or who responded: a partner (``partner`` its id) or an outside body by name."""

    label: str
    title: str | None
    partner: str | None


@dataclass(frozen=True, slots=True)
class Response:
    """A response received to an adopted text."""

    date: str
    by: Party
    summary: str
    url: str | None


@dataclass(frozen=True, slots=True)
class Opinion:
    """An opinion. ``status`` is the status at the end of the period (report ``--year``), else the register's."""

    id: str
    kind: str
    kind_label: str
    title: str
    status: str
    status_label: str
    status_date: str
    register_status: str
    themes: tuple[Ref, ...]
    themes_text: str
    rapporteurs: tuple[Ref, ...]
    rapporteurs_text: str
    prepared_by: Ref | None  # the working group that prepared it
    referral_origin: str
    referral_label: str
    referral_by: Ref | None
    dates: OpinionDates
    summary: str | None
    body: str | None
    decision: Decision | None
    references: tuple[Link, ...]
    related: tuple[Ref, ...]
    tags: tuple[str, ...]
    withdrawn_reason: str | None
    corrigenda: tuple[Corrigendum, ...]
    addressees: tuple[Party, ...]
    responses: tuple[Response, ...]
    notes: str | None
    record: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ReviewDates:
    opened: str
    concluded: str | None


@dataclass(frozen=True, slots=True)
class Review:
    """A referential review. ``status`` follows the same rule as :class:`Opinion`'s."""

    id: str
    title: str
    referential: Ref
    version: str
    status: str
    status_label: str
    register_status: str
    themes: tuple[Ref, ...]
    themes_text: str
    rapporteurs: tuple[Ref, ...]
    rapporteurs_text: str
    dates: ReviewDates
    summary: str | None
    findings: tuple[str, ...]
    recommendations: tuple[str, ...]
    outcome: Ref | None
    notes: str | None
    record: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class GroupMember:
    """A partner's seat in a working group: its role and its dates (``left`` None while it sits)."""

    partner: Ref
    role: str
    role_label: str
    joined: str
    left: str | None


@dataclass(frozen=True, slots=True)
class Group:
    """A working group. ``members``: every seat, past ones included, in the record's order."""

    id: str
    title: str
    mandate: str
    themes: tuple[Ref, ...]
    themes_text: str
    members: tuple[GroupMember, ...]
    status: str
    status_label: str
    created: str
    closed: str | None
    notes: str | None
    record: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Concern:
    """What an agenda item is about: a text or a review, with its status on the day of the meeting.

    ``text`` names it in one line (« Avis n° OP-2026-001 : titre (en consultation) »); ``known`` is
    False when the register has no such record (then only ``id`` and ``text`` say anything).
    """

    kind: str  # opinion or review
    id: str
    type_label: str | None  # the text's type (Avis, Recommandation…); None for a review
    title: str | None
    status: str | None
    status_label: str | None
    known: bool
    text: str


@dataclass(frozen=True, slots=True)
class AgendaItem:
    """An item of a meeting's agenda, numbered from 1 in the order of the agenda."""

    number: int
    title: str
    opinion: Concern | None
    review: Concern | None
    concerns_text: str  # the text and the review it concerns, one line each
    outcome: str | None


@dataclass(frozen=True, slots=True)
class Attendance:
    """How a partner attended a meeting; ``text`` says it (« représenté par AMF »).

    ``representatives``: for a partner present, its representatives in office that day (names only
    with personal data), else none.
    """

    partner: Ref
    presence: str
    presence_label: str
    represented_by: Ref | None
    text: str
    representatives: tuple[Representative, ...]
    representatives_text: str


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting. ``attending``: the partners present or represented, each once (what a quorum counts)."""

    id: str
    type: str
    type_label: str
    title: str
    date: str
    place: str | None
    group: Ref | None
    status: str
    status_label: str
    agenda: tuple[AgendaItem, ...]
    attendance: tuple[Attendance, ...]
    attending: tuple[Ref, ...]
    audience: int | None
    minutes: str | None
    minutes_approved_at: Ref | None  # the meeting that approved the minutes (its title as ``title``)
    minutes_approved_on: str | None  # the date of that meeting
    notes: str | None
    record: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Action:
    """A follow-up action; ``status`` is the one it held on the cut-off date (the register's without one).

    ``late``: open or in progress and past due on the cut-off date (never judged without one).
    """

    id: str
    title: str
    source: Ref
    owner: Ref
    due: str
    opened: str
    status: str
    status_label: str
    closed: str | None  # the date it was done or dropped, when it was by the cut-off date
    result: str | None
    late: bool
    record: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Practice:
    """A good practice, initiative or experiment; ``status`` as in the register."""

    id: str
    title: str
    type: str
    type_label: str
    domain: str
    domain_label: str
    territory: str | None
    status: str
    status_label: str
    endorsed: str | None
    endorsed_at: Ref | None
    record: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Entry:
    """A record of a kind the exports have no view of: its id, what names it, its status, and the record."""

    id: str
    title: str | None  # its title, else its name (None when it has neither)
    status: str | None
    status_label: str | None
    record: Mapping[str, Any]


__all__ = [
    "Action",
    "AgendaItem",
    "Attendance",
    "Concern",
    "Decision",
    "Entry",
    "FormerName",
    "Group",
    "GroupMember",
    "Link",
    "Meeting",
    "Opinion",
    "OpinionDates",
    "Partner",
    "Party",
    "Position",
    "Practice",
    "Ref",
    "Referential",
    "Representative",
    "Response",
    "Review",
    "ReviewDates",
    "Theme",
    "Version",
]
