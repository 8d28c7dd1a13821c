"""practice — a good practice, a field initiative or an experiment the committee spots, promotes or suggests.

Beyond its schema and lifecycle (``proposed → endorsed``, ``proposed | endorsed → retired``): the
meeting that endorsed a practice (``endorsed_at``) is named exactly when ``dates.endorsed`` is set
(an endorsed practice, or one retired after it was endorsed), and a period ends on or after its
start. Against other records: that meeting was held, on ``dates.endorsed``; the partners that report
or support the practice were members of the committee on the day it was proposed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from cpne.i18n import N_, _
from cpne.kinds.common import NOTES, PARTNER, TEXT, THEMES, TITLE
from cpne.kinds.lifecycle import Lifecycle, Violation
from cpne.kinds.meeting import HELD, MEETING
from cpne.kinds.partner import member_on, membership_span
from cpne.kinds.spec import (
    CrossIssue,
    Field,
    Filter,
    Index,
    Kind,
    Record,
    Reference,
    Shown,
    StatusInput,
    column,
    contains,
    equals,
    shown_date,
    shown_text,
    slug_ids,
    statuses,
)
from cpne.kinds.values import DATE, REFERENCE, parse_reference, today
from cpne.words import fold, with_label

LIFECYCLE = Lifecycle(
    initial="proposed",
    transitions={"proposed": ("endorsed", "retired"), "endorsed": ("retired",), "retired": ()},
    required_dates={
        "proposed": ("proposed",),
        "endorsed": ("proposed", "endorsed"),
        "retired": ("proposed", "retired"),
    },
    date_of={"endorsed": "endorsed", "retired": "retired"},
    date_order=("proposed", "endorsed"),
    forbidden_dates={"proposed": ("endorsed", "retired"), "endorsed": ("retired",)},
    closing_dates=("retired",),
    kind="practice",
)


def _dates(record: Record) -> Mapping[str, Any]:
    dates = record.get("dates")
    return dates if isinstance(dates, Mapping) else {}


def _complete(record: dict[str, Any], given: frozenset[str], new: bool) -> None:
    """A new practice is proposed on ``--date``, by default today."""
    if new:
        record.setdefault("dates", {}).setdefault("proposed", today())


def _rules(record: Record) -> list[Violation]:
    """The endorsing meeting goes with the endorsement date; a period ends on or after its start."""
    out: list[Violation] = []
    endorsed, meeting = _dates(record).get("endorsed"), record.get("endorsed_at")
    if endorsed is not None and meeting is None:
        at: tuple[str, ...] = ("status",) if record.get("status") == "endorsed" else ("dates", "endorsed")
        message = _("an endorsed practice names the meeting that endorsed it (endorsed_at)")
        out.append(Violation(at, message, "endorsement"))
    if meeting is not None and endorsed is None:
        message = _("endorsed_at is set but the practice was never endorsed (no dates.endorsed)")
        out.append(Violation(("endorsed_at",), message, "endorsement"))
    period = record.get("period")
    if isinstance(period, Mapping):
        start, end = period.get("start"), period.get("end")
        if isinstance(start, str) and isinstance(end, str) and end < start:
            message = _("the period ends ({end}) before it starts ({start})").format(end=end, start=start)
            out.append(Violation(("period", "end"), message, "period"))
    return out


def _cross(record: Record, index: Index) -> Iterator[CrossIssue]:
    """The endorsing meeting was held on the endorsement date; the partners were members when it was proposed."""
    yield from _endorsement(record, index)
    proposed = _dates(record).get("proposed")
    partners = record.get("partners")
    if not isinstance(proposed, str) or not isinstance(partners, list):
        return
    for number, partner_id in enumerate(partners):
        partner = index.get("partner", partner_id) if isinstance(partner_id, str) else None
        if partner is not None and not member_on(partner, proposed):
            message = _(
                "partner '{partner}' was not a member on {date}, when the practice was proposed (member {span})"
            )
            yield CrossIssue(
                ("partners", number),
                "not-member",
                message.format(partner=partner_id, date=proposed, span=membership_span(partner)),
            )


def _endorsement(record: Record, index: Index) -> Iterator[CrossIssue]:
    meeting_id = record.get("endorsed_at")
    meeting = index.get("meeting", meeting_id) if isinstance(meeting_id, str) else None
    if meeting is None:
        return  # none named, or an unknown one (the reference check says so)
    status, day = meeting.get("status"), meeting.get("date")
    if status not in HELD:
        message = _(
            "{id} has the status {status}: a practice is endorsed at a held meeting (cpne meeting set-status {id} held)"
        )
        status_ = with_label("meeting", "status", str(status))
        yield CrossIssue(("endorsed_at",), "endorsed-meeting", message.format(id=meeting_id, status=status_))
    endorsed = _dates(record).get("endorsed")
    if isinstance(endorsed, str) and day != endorsed:
        message = _("{id} took place on {date}, not on the date the practice was endorsed ({endorsed})")
        yield CrossIssue(
            ("endorsed_at",), "endorsed-meeting", message.format(id=meeting_id, date=day, endorsed=endorsed)
        )


def practices_outside(partner: Record, practices: Iterable[Record]) -> list[str]:
    """Ids of the practices naming ``partner`` that were proposed on a day it was not a member."""
    partner_id = partner.get("id")
    outside = []
    for data in practices:
        proposed = _dates(data).get("proposed")
        partners = data.get("partners")
        named = isinstance(partners, list) and partner_id in partners
        if named and isinstance(proposed, str) and not member_on(partner, proposed):
            outside.append(str(data.get("id")))
    return outside


def endorsed_between(record: Record, start: str | None, end: str | None) -> bool:
    """Whether the practice was endorsed between ``start`` and ``end`` (None: no bound; retired ones count too)."""
    endorsed = _dates(record).get("endorsed")
    return isinstance(endorsed, str) and (start is None or start <= endorsed) and (end is None or endorsed <= end)


def _territory(record: Record, value: Any) -> bool:
    """The territory holds the text given, case and accents ignored (``--territory reunion`` finds « La Réunion »)."""
    territory = record.get("territory")
    return isinstance(territory, str) and fold(str(value)) in fold(territory)


KIND = Kind(
    name="practice",
    folder="practices",
    order=55,
    help=N_("Good practices, field initiatives and experiments: add, list, show, update, set-status, edit, history."),
    new_help=N_("Add a practice (ID: a slug such as achats-groupes; status proposed); writes, commits, prints the id."),
    ids=slug_ids("achats-groupes"),
    section="practices",
    references=(
        Reference(("themes", "*"), ("theme",)),
        Reference(("partners", "*"), ("partner",)),
        Reference(("endorsed_at",), ("meeting",)),
    ),
    fields=(
        Field("type", "--type", ("type",), "choice", N_("type"), N_("Type of practice: {choices}."), required=True),
        TITLE,
        Field("domain", "--domain", ("domain",), "choice", N_("domain"), N_("Its domain: {choices}."), required=True),
        Field(
            "summary",
            "--summary",
            ("summary",),
            "text",
            N_("summary"),
            N_("What the practice is, in a few sentences."),
            TEXT,
            required=True,
        ),
        Field(
            "body",
            "--body-file",
            ("body",),
            "text",
            N_("description (Markdown)"),
            N_("Its description (Markdown) read from FILE, or - for stdin."),
            N_("FILE"),
            from_file=True,
        ),
        Field(
            "actors",
            "--actor",
            ("actors",),
            "choices",
            N_("actors"),
            N_("Who carries it out (repeatable): {choices}."),
            N_("ACTOR"),
        ),
        Field(
            "territory",
            "--territory",
            ("territory",),
            "text",
            N_("territory"),
            N_("Where it takes place (a town, a département, an académie, a region, national)."),
            TEXT,
        ),
        Field("start", "--start", ("period", "start"), "date", N_("start"), N_("The day it began."), DATE),
        Field("end", "--end", ("period", "end"), "date", N_("end"), N_("The day it ended (not before --start)."), DATE),
        THEMES,
        Field(
            "partners",
            "--partner",
            ("partners",),
            "refs",
            N_("partners"),
            N_("A partner that reports or supports it (repeatable)."),
            PARTNER,
            target=("partner",),
        ),
        Field(
            "date",
            "--date",
            ("dates", "proposed"),
            "date",
            N_("date proposed"),
            N_("The day it was proposed to the committee (default: today)."),
            DATE,
            commands=("new",),
        ),
        Field(
            "references",
            "--reference",
            ("references",),
            "items",
            N_("references"),
            N_("A document about it (repeatable)."),
            REFERENCE,
            parse=parse_reference,
        ),
        NOTES,
    ),
    lifecycle=LIFECYCLE,
    status_inputs=(
        StatusInput(
            (
                Field(
                    "meeting",
                    "--meeting",
                    ("endorsed_at",),
                    "ref",
                    N_("meeting that endorsed it"),
                    N_("The held meeting that endorsed it (its date is the endorsement date)."),
                    MEETING,
                    target=("meeting",),
                ),
            ),
            statuses=("endorsed",),
            required=("meeting",),
            date_from="meeting",
        ),
    ),
    unsettable=("body", "actors", "territory", "period", "period.end", "partners", "references", "notes"),
    settable_dates=LIFECYCLE.date_names,
    complete=_complete,
    rules=_rules,
    cross=_cross,
    cross_reads=frozenset({"dates", "endorsed_at", "partners"}),
    reads=("meeting",),
    columns=(
        column(N_("id"), "id"),
        column(N_("type"), "type"),
        column(N_("domain"), "domain"),
        column(N_("status"), "status"),
        column(N_("title"), "title"),
    ),
    filters=(
        statuses(N_("Only this status (repeatable): {choices}.")),
        equals("type", "--type", N_("Only this type: {choices}."), enum=("type",)),
        equals("domain", "--domain", N_("Only this domain: {choices}."), enum=("domain",)),
        contains("themes", "--theme", N_("Only this theme."), metavar=N_("THEME")),
        contains("actors", "--actor", N_("Only practices carried out by: {choices}."), enum=("actors",)),
        contains("partners", "--partner", N_("Only practices this partner reports or supports."), metavar=PARTNER),
        Filter(
            "territory",
            "--territory",
            "text",
            N_("Only territories holding this text (case and accents ignored)."),
            _territory,
            metavar=TEXT,
        ),
    ),
    caption=lambda r: str(r.get("title", "")),
    sort_key=lambda r: (str(_dates(r).get("proposed", "")), str(r.get("id", ""))),
    register_columns=(
        shown_text("id"),
        Shown("type", "record.type", "words", "practice_type"),
        shown_text("title"),
        Shown("domain_col", "record.domain", "words", "practice_domain"),
        Shown("territory", "record.territory"),
        shown_text("status", "status_label"),
        *(shown_date(f"date_name.{name}", f"record.dates.{name}") for name in LIFECYCLE.date_names),
    ),
)
