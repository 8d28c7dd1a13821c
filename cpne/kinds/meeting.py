"""meeting — a gathering of the committee: a plenary séance, a working group's meeting, a sharing day or a
consensus conference; its agenda, who attended, its minutes and their approval.

Beyond its schema and lifecycle: a working-group meeting names its group (and only it does), each
partner's attendance is recorded once, ``represented_by`` goes with ``represented``, a held plenary or
working-group meeting has its attendance, approved minutes exist and name the meeting that approved
them. Against other records: the partners attending were members of the committee that day (and of
the group, for a working-group meeting), whoever holds a proxy was present, and the meeting that
approved the minutes was held later.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from cpne.i18n import N_, _
from cpne.kinds.common import NOTES, PARTNER, PARTNER_ARGUMENT, TEXT, TITLE
from cpne.kinds.group import sits_on
from cpne.kinds.lifecycle import Lifecycle, Violation
from cpne.kinds.partner import member_on, membership_span
from cpne.kinds.spec import (
    Addition,
    CrossIssue,
    Field,
    Index,
    Kind,
    Record,
    Reference,
    StatusInput,
    column,
    equals,
    sequential_ids,
    shown_date,
    shown_text,
    statuses,
    year,
)
from cpne.kinds.values import DATE
from cpne.words import with_label

MEETING = N_("MEETING")
ATTENDING = ("present", "represented")  # who counts as taking part (a quorum, a position)
TAKES_ATTENDANCE = ("plenary", "working-group")  # the meetings whose attendance is recorded

LIFECYCLE = Lifecycle(
    initial="planned",
    transitions={
        "planned": ("held", "cancelled"),
        "held": ("minutes-approved",),
        "minutes-approved": (),
        "cancelled": (),
    },
    required_dates={"planned": (), "held": (), "minutes-approved": (), "cancelled": ()},
    date_of={},
    date_order=(),
    frozen=("minutes-approved",),
    kind="meeting",
)
HELD = LIFECYCLE.from_("held")  # the statuses of a meeting that took place: held, its minutes approved or not


def attendance(record: Record) -> list[tuple[int, Mapping[str, Any]]]:
    """The attendance lines of ``record`` that are mappings, with their index."""
    items = record.get("attendance")
    return [(i, a) for i, a in enumerate(items) if isinstance(a, Mapping)] if isinstance(items, list) else []


def presence_of(record: Record, partner: str) -> str | None:
    """How ``partner`` attended the meeting (present, excused, absent, represented), None if not recorded."""
    for _index, line in attendance(record):
        if line.get("partner") == partner:
            presence = line.get("presence")
            return presence if isinstance(presence, str) else None
    return None


def attending(record: Record) -> list[str]:
    """The partners present or represented (each once): those a quorum counts and whose positions count."""
    seen: dict[str, None] = {}
    for _index, line in attendance(record):
        partner = line.get("partner")
        if isinstance(partner, str) and line.get("presence") in ATTENDING:
            seen.setdefault(partner)
    return list(seen)


def on_agenda(record: Record, key: str, record_id: str) -> bool:
    """Whether an item of the meeting's agenda concerns ``record_id`` (``key``: opinion or review)."""
    items = record.get("agenda")
    return isinstance(items, list) and any(isinstance(i, Mapping) and i.get(key) == record_id for i in items)


def _rules(record: Record) -> list[Violation]:
    out: list[Violation] = []
    kind, status = record.get("type"), record.get("status")
    if kind == "working-group" and "group" not in record:
        out.append(Violation(("type",), _("a working-group meeting names its group (group)"), "group"))
    if kind != "working-group" and "group" in record:
        message = _("only a working-group meeting names a group; this one is of type {type}")
        out.append(Violation(("group",), message.format(type=with_label("meeting", "type", str(kind))), "group"))
    seen: dict[str, int] = {}
    for index, line in attendance(record):
        partner = str(line.get("partner"))
        if partner in seen:
            message = _("partner '{partner}' is recorded twice (see line {number} of the attendance)")
            message = message.format(partner=partner, number=seen[partner] + 1)
            out.append(Violation(("attendance", index, "partner"), message, "attendance-twice"))
        seen.setdefault(partner, index)
        by = line.get("represented_by")
        if by is not None and line.get("presence") != "represented":
            message = _("represented_by goes with the presence 'represented'")
            out.append(Violation(("attendance", index, "represented_by"), message, "represented-by"))
        if by == partner:
            message = _("partner '{partner}' cannot represent itself").format(partner=partner)
            out.append(Violation(("attendance", index, "represented_by"), message, "represented-by"))
    if status in HELD and kind in TAKES_ATTENDANCE and not attendance(record):
        message = _("a held meeting of type {type} records its attendance (cpne meeting attend)")
        out.append(Violation(("status",), message.format(type=with_label("meeting", "type", str(kind))), "attendance"))
    if status == "minutes-approved":
        if not record.get("minutes"):
            out.append(Violation(("status",), _("approved minutes need minutes (the text)"), "minutes"))
        if "minutes_approved_at" not in record:
            message = _("approved minutes name the meeting that approved them (minutes_approved_at)")
            out.append(Violation(("status",), message, "minutes"))
    elif "minutes_approved_at" in record:
        message = _("minutes_approved_at is set but the status is {status}").format(
            status=with_label("meeting", "status", str(status))
        )
        out.append(Violation(("minutes_approved_at",), message, "minutes"))
    return out


def _cross(record: Record, index: Index) -> Iterator[CrossIssue]:
    """Who attended was a member that day (of the group too); proxies go to members present; approval later."""
    day = record.get("date")
    if not isinstance(day, str):
        return
    group_id = record.get("group") if record.get("type") == "working-group" else None
    group = index.get("group", group_id) if isinstance(group_id, str) else None
    present = {str(line.get("partner")) for _i, line in attendance(record) if line.get("presence") == "present"}
    for number, line in attendance(record):
        partner_id = line.get("partner")
        partner = index.get("partner", partner_id) if isinstance(partner_id, str) else None
        if partner is not None and not member_on(partner, day):
            message = _("partner '{partner}' was not a member of the committee on {date} (member {span})")
            span = membership_span(partner)
            yield CrossIssue(
                ("attendance", number, "partner"), "not-member", message.format(partner=partner_id, date=day, span=span)
            )
        elif group is not None and isinstance(partner_id, str) and not sits_on(group, partner_id, day):
            message = _("partner '{partner}' did not sit in the group '{group}' on {date}")
            yield CrossIssue(
                ("attendance", number, "partner"),
                "not-group-member",
                message.format(partner=partner_id, group=group_id, date=day),
            )
        by = line.get("represented_by")
        # a proxy without 'represented', or given to itself, is the rules' to report (once)
        proxy = line.get("presence") == "represented" and by != partner_id
        # an unknown partner is the reference check's to report
        if proxy and isinstance(by, str) and by not in present and index.get("partner", by) is not None:
            message = _("'{by}' holds the proxy of '{partner}' but is not recorded as present")
            yield CrossIssue(
                ("attendance", number, "represented_by"),
                "represented-by",
                message.format(by=by, partner=partner_id),
            )
    approver_id = record.get("minutes_approved_at")
    approver = index.get("meeting", approver_id) if isinstance(approver_id, str) else None
    if approver is not None:
        other_day, other_status = approver.get("date"), approver.get("status")
        if isinstance(other_day, str) and other_day <= day:
            message = _("the minutes are approved at {id}, on {other}: not after this meeting ({date})")
            yield CrossIssue(
                ("minutes_approved_at",), "minutes", message.format(id=approver_id, other=other_day, date=day)
            )
        elif other_status not in HELD:
            message = _("the minutes are approved at {id}, which has the status {status}, not held")
            status_ = with_label("meeting", "status", str(other_status))
            yield CrossIssue(("minutes_approved_at",), "minutes", message.format(id=approver_id, status=status_))


def _approval_check(record: Record) -> str | None:
    """What an approval of the minutes still lacks, as the commands to run."""
    if not record.get("minutes"):
        return _("its minutes first: cpne meeting update {id} --minutes-file FILE").format(id=record.get("id"))
    return None


KIND = Kind(
    name="meeting",
    folder="meetings",
    order=45,
    help=N_("Meetings and events: new, list, show, update, set-status, attend, agenda, edit, history."),
    new_verb="new",
    new_help=N_("New meeting (status planned): allocates the next free id, writes, commits, prints the id."),
    ids=sequential_ids("MTG", ("date",)),
    section="meetings",
    references=(
        Reference(("group",), ("group",)),
        Reference(("agenda", "*", "opinion"), ("opinion",)),
        Reference(("agenda", "*", "review"), ("review",)),
        Reference(("attendance", "*", "partner"), ("partner",)),
        Reference(("attendance", "*", "represented_by"), ("partner",)),
        Reference(("minutes_approved_at",), ("meeting",)),
    ),
    fields=(
        Field("type", "--type", ("type",), "choice", N_("type"), N_("Type of meeting: {choices}."), required=True),
        TITLE,
        Field(
            "date",
            "--date",
            ("date",),
            "date",
            N_("date of the meeting"),
            N_("The day it takes place."),
            DATE,
            required=True,
        ),
        Field("place", "--place", ("place",), "text", N_("place"), N_("Where it takes place."), TEXT),
        Field(
            "group",
            "--group",
            ("group",),
            "ref",
            N_("working group"),
            N_("The working group meeting (working-group meetings only)."),
            N_("GROUP"),
            target=("group",),
            required_if=lambda values: values.get("type") == "working-group",
        ),
        Field(
            "audience",
            "--audience",
            ("audience",),
            "int",
            N_("participants"),
            N_("Number of participants (public events)."),
            N_("N"),
        ),
        Field(
            "minutes",
            "--minutes-file",
            ("minutes",),
            "text",
            N_("minutes (Markdown)"),
            N_("The minutes (Markdown) read from FILE, or - for stdin."),
            N_("FILE"),
            from_file=True,
            commands=("update",),
        ),
        NOTES,
    ),
    lifecycle=LIFECYCLE,
    unsettable=("place", "audience", "minutes", "notes"),
    rules=_rules,
    cross=_cross,
    cross_reads=frozenset({"type", "date", "status", "agenda", "attendance", "group", "minutes_approved_at"}),
    reads=("meeting",),
    additions=(
        Addition(
            "attend",
            N_("Record how a partner attended (again: its presence is replaced)."),
            ("attendance",),
            (
                PARTNER_ARGUMENT,
                Field(
                    "presence",
                    "--presence",
                    ("presence",),
                    "choice",
                    N_("presence"),
                    N_("Its presence: {choices}."),
                    required=True,
                    enum=("attendance", "*", "presence"),
                ),
                Field(
                    "by",
                    "--by",
                    ("represented_by",),
                    "ref",
                    N_("represented by"),
                    N_("The member present holding its proxy (with --presence represented)."),
                    PARTNER,
                    target=("partner",),
                ),
            ),
            statuses=("planned", "held"),
            argument="partner",
            replaces="partner",
        ),
        Addition(
            "agenda",
            N_("Add an item to the agenda, about a text or a review if it concerns one."),
            ("agenda",),
            (
                Field(
                    "title",
                    "--add",
                    ("title",),
                    "text",
                    N_("item"),
                    N_("The item's title (French)."),
                    TEXT,
                    required=True,
                ),
                Field(
                    "opinion",
                    "--opinion",
                    ("opinion",),
                    "ref",
                    N_("text concerned"),
                    N_("The opinion the item is about."),
                    N_("OPINION"),
                    target=("opinion",),
                ),
                Field(
                    "review",
                    "--review",
                    ("review",),
                    "ref",
                    N_("review concerned"),
                    N_("The review the item is about."),
                    N_("REVIEW"),
                    target=("review",),
                ),
                Field(
                    "outcome",
                    "--outcome",
                    ("outcome",),
                    "text",
                    N_("outcome"),
                    N_("What came out of it."),
                    TEXT,
                ),
            ),
            statuses=("planned", "held"),
            verb="agenda",
        ),
    ),
    status_inputs=(
        StatusInput(
            (
                Field(
                    "at",
                    "--at",
                    ("minutes_approved_at",),
                    "ref",
                    N_("meeting approving the minutes"),
                    N_("The later meeting, held, that approved the minutes (needed for minutes-approved)."),
                    MEETING,
                    target=("meeting",),
                ),
            ),
            statuses=("minutes-approved",),
            required=("at",),
            check=_approval_check,
        ),
    ),
    columns=(
        column(N_("id"), "id"),
        column(N_("type"), "type"),
        column(N_("status"), "status"),
        column(N_("date"), "date"),
        column(N_("title"), "title"),
    ),
    filters=(
        statuses(N_("Only this status (repeatable): {choices}.")),
        equals("type", "--type", N_("Only this type: {choices}."), enum=("type",)),
        year(N_("Only meetings held this year."), ("date",)),
        equals("group", "--group", N_("Only meetings of this working group."), metavar=N_("GROUP")),
    ),
    caption=lambda r: f"{r.get('date', '')} {r.get('title', '')}",
    sort_key=lambda r: (str(r.get("date", "")), str(r.get("id", ""))),
    register_columns=(
        shown_text("number", "id"),
        shown_date("date"),
        shown_text("type", "type_label"),
        shown_text("title"),
        shown_text("group", "group.label"),
        shown_text("place"),
        shown_text("status", "status_label"),
    ),
)
