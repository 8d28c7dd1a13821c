"""group — a working group of the committee (*groupe de travail dédié*): its mandate, themes and members.

Beyond its schema: members sit in the group between their ``joined`` and ``left`` dates (in
order, not before the group was created), each partner once at a time, at least one lead while
the group is active, ``closed`` set exactly when it is closed; and every member is a partner of
the committee on the days it sits in the group (a cross-record check).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from cpne.i18n import N_, _
from cpne.kinds.common import NOTES, PARTNER, PARTNER_ARGUMENT, TEXT, THEMES, TITLE
from cpne.kinds.lifecycle import Lifecycle, Violation
from cpne.kinds.partner import member_on, membership_span
from cpne.kinds.spec import (
    Addition,
    CrossIssue,
    Ending,
    Field,
    Filter,
    Finder,
    Index,
    Kind,
    Record,
    Reference,
    Shortcut,
    column,
    contains,
    slug_ids,
    statuses,
)
from cpne.kinds.values import DATE, today
from cpne.words import with_label

LIFECYCLE = Lifecycle(
    initial="active",
    transitions={"active": ("closed",), "closed": ()},
    required_dates={"active": (), "closed": ()},
    date_of={},
    date_order=(),
    dated=("closed",),  # the date it was closed goes to ``closed`` (set-status closed --date, or close)
    kind="group",
)


def _on_status(record: dict[str, Any], old: str, new: str, day: str) -> None:
    if new == "closed":
        record["closed"] = day


def _members(record: Record) -> list[tuple[int, Mapping[str, Any]]]:
    items = record.get("members")
    return [(i, m) for i, m in enumerate(items) if isinstance(m, Mapping)] if isinstance(items, list) else []


def sits_on(record: Record, partner: str, day: str) -> bool:
    """Whether ``partner`` sat in the group on ``day`` (joined <= day <= left, both inclusive)."""
    for _index, member in _members(record):
        joined, left = member.get("joined"), member.get("left")
        started = member.get("partner") == partner and isinstance(joined, str) and joined <= day
        if started and (not isinstance(left, str) or day <= left):
            return True
    return False


def _current(record: Record, partner: str) -> bool:
    return any(m.get("partner") == partner and "left" not in m for _index, m in _members(record))


def _complete(record: dict[str, Any], given: frozenset[str], new: bool) -> None:
    """A new group: created on ``--date`` (default today), its leads and members joining that day."""
    if not new:
        return
    created = record.setdefault("created", today())
    for member in record.get("members") or []:
        member.setdefault("joined", created)


def _partner(role: str) -> Callable[[str, str], dict[str, Any]]:
    """``--lead`` and ``--member``: a partner's id (any case), made a member of the group in that role."""

    def parse(raw: str, option: str) -> dict[str, Any]:
        from cpne.kinds.partner import KIND as PARTNER_KIND

        return {"partner": PARTNER_KIND.normalize_id(raw), "role": role}

    return parse


def _rules(record: Record) -> list[Violation]:
    out: list[Violation] = []
    status, created, closed = record.get("status"), record.get("created"), record.get("closed")
    if status == "closed" and not isinstance(closed, str):
        out.append(Violation(("status",), _("a closed group needs closed (the date it was closed)"), "closed"))
    if status != "closed" and closed is not None:
        message = _("closed is set but the status is {status}").format(
            status=with_label("group", "status", str(status))
        )
        out.append(Violation(("closed",), message, "closed"))
    if isinstance(created, str) and isinstance(closed, str) and closed < created:
        message = _("closed ({closed}) is before created ({created})").format(closed=closed, created=created)
        out.append(Violation(("closed",), message, "date-order"))
    spans: list[tuple[int, str, str, str]] = []  # index, partner, joined, left (or the end of time)
    for index, member in _members(record):
        joined, left = member.get("joined"), member.get("left")
        if not isinstance(joined, str):
            continue
        if isinstance(created, str) and joined < created:
            message = _("joined ({joined}) is before the group was created ({created})")
            out.append(
                Violation(("members", index, "joined"), message.format(joined=joined, created=created), "date-order")
            )
        if isinstance(left, str) and left < joined:
            message = _("left ({left}) is before joined ({joined})").format(left=left, joined=joined)
            out.append(Violation(("members", index, "left"), message, "date-order"))
        partner = str(member.get("partner"))
        end = left if isinstance(left, str) else "9999-12-31"
        for other, same, start, stop in spans:
            if same == partner and joined <= stop and start <= end:
                message = _("partner '{partner}' sits in the group twice at once (see member {number})")
                out.append(
                    Violation(
                        ("members", index, "partner"),
                        message.format(partner=partner, number=other + 1),
                        "member-twice",
                    )
                )
                break
        spans.append((index, partner, joined, end))
    leads = [m for _index, m in _members(record) if m.get("role") == "lead" and "left" not in m]
    if status == "active" and _members(record) and not leads:
        message = _("an active group needs a lead among its current members")
        out.append(Violation(("members",), message, "no-lead"))
    return out


def _cross(record: Record, index: Index) -> Iterator[CrossIssue]:
    """Members are partners of the committee on every day they sit in the group."""
    closed = record.get("closed") if record.get("status") == "closed" else None  # a stray one is the rules' to report
    for number, member in _members(record):
        partner_id, joined, left = member.get("partner"), member.get("joined"), member.get("left")
        partner = index.get("partner", str(partner_id)) if isinstance(partner_id, str) else None
        if partner is None or not isinstance(joined, str):
            continue  # an unknown partner is reported by the reference check
        pointer = ("members", number, "partner")
        span = membership_span(partner)
        if not member_on(partner, joined):
            message = _(
                "partner '{partner}' was not a member of the committee on {date}, when it joined (member {span})"
            )
            yield CrossIssue(pointer, "not-member", message.format(partner=partner_id, date=joined, span=span))
            continue
        end = left if isinstance(left, str) else closed if isinstance(closed, str) else None
        partner_left = partner.get("left")
        if not isinstance(partner_left, str):
            continue
        if end is None:
            message = _("partner '{partner}' left the committee on {date} but still sits in the group (give its left)")
            yield CrossIssue(pointer, "not-member", message.format(partner=partner_id, date=partner_left))
        elif end > partner_left:
            message = _("partner '{partner}' sits in the group until {end}, after it left the committee on {date}")
            yield CrossIssue(pointer, "not-member", message.format(partner=partner_id, end=end, date=partner_left))


def _membership_change(find: Finder, old: Record, new: Record) -> str | None:
    """A member may not stop sitting in the group on the day of one of its meetings that records its attendance."""
    if old.get("members") == new.get("members"):
        return None
    group_id = str(new.get("id"))
    missed: dict[str, list[str]] = {}
    for meeting in find("meeting", group_id):
        day, lines = meeting.get("date"), meeting.get("attendance")
        if meeting.get("type") != "working-group" or meeting.get("group") != group_id or not isinstance(day, str):
            continue
        for line in lines if isinstance(lines, list) else []:
            partner = line.get("partner") if isinstance(line, Mapping) else None
            if isinstance(partner, str) and sits_on(old, partner, day) and not sits_on(new, partner, day):
                missed.setdefault(partner, []).append(str(meeting.get("id")))
    if not missed:
        return None
    partner, ids = next(iter(missed.items()))
    message = _(
        "partner '{partner}' would no longer sit in the group on the day of {ids}, where its attendance is recorded"
    )
    return message.format(partner=partner, ids=", ".join(sorted(ids)))


KIND = Kind(
    name="group",
    folder="groups",
    order=25,
    help=N_("Working groups: new, list, show, update, join, leave, close, set-status, edit, history."),
    new_verb="new",
    new_help=N_("New working group (ID: a slug such as gt-ia; status active); writes, commits, prints the id."),
    ids=slug_ids("gt-ia"),
    section="groups",
    references=(
        Reference(("themes", "*"), ("theme",)),
        Reference(("members", "*", "partner"), ("partner",)),
    ),
    fields=(
        TITLE,
        Field(
            "mandate",
            "--mandate",
            ("mandate",),
            "text",
            N_("mandate"),
            N_("What the committee asks of the group."),
            TEXT,
            required=True,
        ),
        THEMES,
        Field(
            "lead",
            "--lead",
            ("members",),
            "items",
            N_("leads"),
            N_("A partner leading the group (repeatable)."),
            PARTNER,
            parse=_partner("lead"),
            required=True,
            commands=("new",),
        ),
        Field(
            "member",
            "--member",
            ("members",),
            "items",
            N_("members"),
            N_("A member of the group (repeatable)."),
            PARTNER,
            parse=_partner("member"),
            commands=("new",),
        ),
        Field(
            "date",
            "--date",
            ("created",),
            "date",
            N_("creation date"),
            N_("Creation date, the day its first members join (default: today)."),
            DATE,
            commands=("new",),
        ),
        NOTES,
    ),
    lifecycle=LIFECYCLE,
    on_status=_on_status,
    on_change=_membership_change,
    complete=_complete,
    unsettable=("notes",),
    rules=_rules,
    cross=_cross,
    cross_reads=frozenset({"members", "closed", "status"}),
    additions=(
        Addition(
            "join",
            N_("A partner joins the group (as a member, or its lead with --role lead)."),
            ("members",),
            (
                PARTNER_ARGUMENT,
                Field(
                    "role",
                    "--role",
                    ("role",),
                    "choice",
                    N_("role"),
                    N_("Its role in the group (default: member)."),
                    enum=("members", "*", "role"),
                ),
                Field(
                    "date",
                    "--date",
                    ("joined",),
                    "date",
                    N_("date it joins"),
                    N_("Date it joins (default: today)."),
                    DATE,
                ),
            ),
            statuses=("active",),
            argument="partner",
            defaults={"role": "member"},
        ),
    ),
    endings=(
        Ending(
            "leave",
            N_("A partner leaves the group: sets its 'left'."),
            ("members",),
            PARTNER_ARGUMENT,
            "left",
            date_help=N_("Last day it sits in the group (default: today)."),
            missing=N_("partner '{value}' does not sit in {noun} {id}"),
        ),
    ),
    shortcuts=(
        Shortcut(
            "close",
            N_("The group ends its work: status closed, dated."),
            ("status",),
            value="closed",
            date_help=N_("Date it was closed (default: today)."),
            date_path=("closed",),
            already=N_("{noun} {id} is already closed"),
        ),
    ),
    columns=(
        column(N_("id"), "id"),
        column(N_("status"), "status"),
        column(N_("created"), "created"),
        column(N_("themes"), "themes"),
        column(N_("title"), "title"),
    ),
    filters=(
        statuses(N_("Only this status (repeatable): {choices}.")),
        contains("themes", "--theme", N_("Only this theme."), metavar=N_("THEME")),
        Filter(
            "member",
            "--member",
            "text",
            N_("Only groups in which this partner sits."),
            lambda record, value: _current(record, str(value)),
            metavar=PARTNER,
        ),
    ),
    indexed=True,
    caption=lambda r: str(r.get("title", "")),
    offer=lambda r: r.get("status") != "closed",
)
