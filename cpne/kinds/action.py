"""action — a follow-up item: what the committee or a member undertook after a text adopted or a meeting held.

Beyond its schema and lifecycle: the action is not due before it was opened, a done action says what was
done (``result``), and only a dropped one says why it was dropped. Against other records: its source is a
text adopted (it has an adoption date) or a meeting held, and the action was not opened before the text
was adopted or the meeting held; its owner was a member of the committee while the action was open (an
action still open whose owner has a leaving date is a warning: give it to a member). None of these read
today's date; :func:`late` does, given the day: ``cpne action list --due [--on DATE]``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from cpne.i18n import N_, _
from cpne.kinds.common import NOTES, PARTNER, TEXT, TITLE
from cpne.kinds.lifecycle import Lifecycle, Violation
from cpne.kinds.meeting import HELD
from cpne.kinds.partner import membership_span
from cpne.kinds.spec import (
    CrossIssue,
    Field,
    Filter,
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

LIFECYCLE = Lifecycle(
    initial="open",
    transitions={
        "open": ("in-progress", "dropped"),
        "in-progress": ("done", "dropped"),
        "done": (),
        "dropped": (),
    },
    required_dates={
        "open": ("opened",),
        "in-progress": ("opened",),
        "done": ("opened", "done"),
        "dropped": ("opened", "dropped"),
    },
    date_of={"in-progress": "started", "done": "done", "dropped": "dropped"},
    date_order=("opened", "started", "done"),
    forbidden_dates={
        "open": ("started", "done", "dropped"),
        "in-progress": ("done", "dropped"),
        "done": ("dropped",),
        "dropped": ("done",),
    },
    closing_dates=("dropped",),
    kind="action",
)
# the statuses of an action still to be done: the ones ``list --due`` and the activity report count as late
OPEN = tuple(status for status in LIFECYCLE.statuses if not LIFECYCLE.is_final(status))


def _date(record: Record, name: str) -> str | None:
    dates = record.get("dates")
    value = dates.get(name) if isinstance(dates, Mapping) else None
    return value if isinstance(value, str) else None


def late(record: Record, on: str) -> bool:
    """Whether the action is past due on the day ``on``: still open or in progress, and due before that day."""
    due = record.get("due")
    return record.get("status") in OPEN and isinstance(due, str) and due < on


def owned_while_member(partner: Record, record: Record) -> bool:
    """Whether ``partner`` was a member of the committee some day the action was open: from ``dates.opened`` to its
    end (done or dropped), or on. An action handed over keeps its opening date: the new owner may have joined later."""
    opened = _date(record, "opened")
    if opened is None:
        return True
    joined, left = partner.get("joined"), partner.get("left")
    end = _date(record, "done") or _date(record, "dropped")
    return not (
        (isinstance(joined, str) and end is not None and end < joined) or (isinstance(left, str) and left < opened)
    )


def _rules(record: Record) -> list[Violation]:
    """Not due before it was opened; a done action says what was done; only a dropped one says why it was."""
    out: list[Violation] = []
    due, opened, status = record.get("due"), _date(record, "opened"), record.get("status")
    if isinstance(due, str) and opened is not None and due < opened:
        message = _("due ({due}) is before dates.opened ({opened})").format(due=due, opened=opened)
        out.append(Violation(("due",), message, "due-date"))
    if status == "done" and not record.get("result"):
        message = _("a done action says what was done (result: cpne action update {id} --result TEXT)")
        out.append(Violation(("status",), message.format(id=record.get("id")), "result"))
    if "dropped_reason" in record and status != "dropped":
        message = _("dropped_reason is set but the status is {status}").format(
            status=with_label("action", "status", str(status))
        )
        out.append(Violation(("dropped_reason",), message, "dropped-reason"))
    return out


def _cross(record: Record, index: Index) -> Iterator[CrossIssue]:
    """The source is a text adopted or a meeting held, before the action opened; the owner a member meanwhile."""
    opened = _date(record, "opened")
    if opened is None:
        return  # the schema says so
    yield from _source(record, opened, index)
    owner_id = record.get("owner")
    owner = index.get("partner", owner_id) if isinstance(owner_id, str) else None
    if owner is None:
        return  # an unknown partner is the reference check's to report
    left = owner.get("left")
    if not owned_while_member(owner, record):
        message = _("partner '{partner}' was not a member of the committee while the action was open (member {span})")
        yield CrossIssue(("owner",), "not-member", message.format(partner=owner_id, span=membership_span(owner)))
    elif isinstance(left, str) and record.get("status") in OPEN:
        message = _(
            "partner '{partner}' left the committee on {date}: give the action to a member"
            " (cpne action update {id} --owner PARTNER)"
        )
        yield CrossIssue(
            ("owner",), "owner-left", message.format(partner=owner_id, date=left, id=record.get("id")), warning=True
        )


def _source(record: Record, opened: str, index: Index) -> Iterator[CrossIssue]:
    """A text is followed up once adopted, a meeting once held; never before."""
    source_id = record.get("source")
    if not isinstance(source_id, str):
        return
    at = ("source",)
    text = index.get("opinion", source_id)
    if text is not None:
        adopted = _date(text, "adopted")
        if adopted is None:
            message = _("{id} has not been adopted: an action follows up a text adopted or a meeting held")
            yield CrossIssue(at, "source-status", message.format(id=source_id))
        elif opened < adopted:
            message = _("the action is opened on {opened}, before {id} was adopted ({date})")
            yield CrossIssue(at, "source-date", message.format(opened=opened, id=source_id, date=adopted))
        return
    meeting = index.get("meeting", source_id)
    if meeting is None:
        return  # an unknown id is the reference check's to report
    status, day = meeting.get("status"), meeting.get("date")
    if status not in HELD:
        message = _("{id} has the status {status}: an action follows up a text adopted or a meeting held")
        status_ = with_label("meeting", "status", str(status))
        yield CrossIssue(at, "source-status", message.format(id=source_id, status=status_))
    elif isinstance(day, str) and opened < day:
        message = _("the action is opened on {opened}, before the meeting {id} took place ({date})")
        yield CrossIssue(at, "source-date", message.format(opened=opened, id=source_id, date=day))


def _result_check(record: Record) -> str | None:
    """What a done action still lacks, as the option to give."""
    return None if record.get("result") else _("--result TEXT (what was done)")


_RESULT = Field(
    "result",
    "--result",
    ("result",),
    "text",
    N_("result"),
    N_("What was done (needed for done)."),
    TEXT,
    commands=("update",),
)

KIND = Kind(
    name="action",
    folder="actions",
    order=52,
    help=N_("Follow-up actions: new, list, show, update, set-status, edit, history."),
    new_verb="new",
    new_help=N_("New follow-up action (status open): allocates the next free id, writes, commits, prints the id."),
    ids=sequential_ids("ACT", ("dates", "opened")),
    section="actions",
    references=(
        Reference(("source",), ("opinion", "meeting")),
        Reference(("owner",), ("partner",)),
    ),
    fields=(
        TITLE,
        Field(
            "source",
            "--source",
            ("source",),
            "ref",
            N_("source"),
            N_("The text adopted or the meeting held it follows up (OP-… or MTG-…)."),
            N_("ID"),
            target=("opinion", "meeting"),
            required=True,
        ),
        Field(
            "owner",
            "--owner",
            ("owner",),
            "ref",
            N_("owner"),
            N_("The partner in charge of it."),
            PARTNER,
            target=("partner",),
            required=True,
        ),
        Field("due", "--due", ("due",), "date", N_("due date"), N_("When it is due."), DATE, required=True),
        Field(
            "date",
            "--date",
            ("dates", "opened"),
            "date",
            N_("opening date"),
            N_("Opening date (default: today)."),
            DATE,
        ),
        _RESULT,
        Field(
            "dropped_reason",
            "--dropped-reason",
            ("dropped_reason",),
            "text",
            N_("reason for dropping it"),
            N_("Why it was dropped (dropped actions)."),
            TEXT,
            commands=("update",),
        ),
        NOTES,
    ),
    lifecycle=LIFECYCLE,
    status_inputs=(
        StatusInput(
            (
                Field(
                    "result",
                    "--result",
                    ("result",),
                    "text",
                    N_("result"),
                    N_("What was done (needed for done, unless already recorded)."),
                    TEXT,
                ),
            ),
            statuses=("done",),
            ask_if_missing=("result",),
            check=_result_check,
        ),
        StatusInput(
            (
                Field(
                    "reason",
                    "--reason",
                    ("dropped_reason",),
                    "text",
                    N_("reason for dropping it"),
                    N_("Why it is dropped (optional, for dropped)."),
                    TEXT,
                ),
            ),
            statuses=("dropped",),
        ),
    ),
    unsettable=("result", "dropped_reason", "notes", "dates.started"),
    settable_dates=("opened", "started", "done", "dropped"),
    rules=_rules,
    cross=_cross,
    cross_reads=frozenset({"dates", "status"}),
    reads=("opinion", "meeting"),
    columns=(
        column(N_("id"), "id"),
        column(N_("status"), "status"),
        column(N_("due"), "due"),
        column(N_("owner"), "owner"),
        column(N_("source"), "source"),
        column(N_("title"), "title"),
    ),
    filters=(
        statuses(N_("Only this status (repeatable): {choices}.")),
        Filter(
            "due",
            "--due",
            "day",
            N_("Only actions open or in progress and past due: due before today, or before --on."),
            late,
            day="--on",
            day_help=N_("With --due: the day they are late on, instead of today."),
            fail="--fail",
            fail_help=N_("With --due: exit with status 1 when an action is listed (a scheduled job's check)."),
        ),
        equals("owner", "--owner", N_("Only actions of this partner."), metavar=PARTNER),
        equals("source", "--source", N_("Only actions following up this text or meeting."), metavar=N_("ID")),
        year(N_("Only actions opened this year."), ("dates", "opened")),
    ),
    caption=lambda r: f"{r.get('due', '')} {r.get('title', '')}",
    # the most pressing first: ``list --due`` shows the oldest due first
    sort_key=lambda r: (str(r.get("due", "")), str(r.get("id", ""))),
    register_columns=(
        shown_text("number", "id"),
        shown_text("title"),
        shown_text("source", "record.source"),
        shown_text("owner", "record.owner"),
        shown_date("due", "record.due"),
        shown_text("status", "status_label"),
        shown_date("date_name.opened", "record.dates.opened"),
        shown_date("date_name.done", "record.dates.done"),
    ),
)
