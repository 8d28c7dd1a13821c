"""partner — a member of the committee: a signatory of the 2015 convention or a body that joined later."""

from __future__ import annotations

from typing import Any

from cpne.i18n import N_, _
from cpne.kinds.common import NOTES, TEXT
from cpne.kinds.lifecycle import Violation
from cpne.kinds.spec import (
    Field,
    Filter,
    Finder,
    Kind,
    Record,
    Shortcut,
    Shown,
    column,
    equals,
    shown_date,
    shown_text,
    slug_ids,
)
from cpne.kinds.values import DATE, FORMER_NAME, REPRESENTATIVE, parse_former_name, parse_representative, today


def member_on(partner: Record, day: str) -> bool:
    """Whether a partner was a member on ``day`` (joined <= day <= left, both inclusive)."""
    joined, left = partner.get("joined"), partner.get("left")
    return isinstance(joined, str) and joined <= day and (not isinstance(left, str) or day <= left)


def is_current(partner: Record) -> bool:
    """A member today."""
    return member_on(partner, today())


def membership_span(partner: Record) -> str:
    """``from JOINED[ to LEFT]``, for messages (in the process's language)."""
    if partner.get("left"):
        return _("from {joined} to {left}").format(joined=partner.get("joined"), left=partner["left"])
    return _("from {joined}").format(joined=partner.get("joined"))


def strip_personal_data(data: dict[str, Any]) -> dict[str, Any]:
    """A partner record without its representatives' names (functions and dates are kept)."""
    reps = data.get("representatives")
    if not isinstance(reps, list):
        return data
    copy = dict(data)
    copy["representatives"] = [
        {k: v for k, v in rep.items() if k != "name"} if isinstance(rep, dict) else rep for rep in reps
    ]
    return copy


def _membership_change(find: Finder, old: Record, new: Record) -> str | None:
    """joined/left may not change so that the partner took positions, sat in groups, attended, owned follow-up
    actions or supported practices while not a member."""
    if (old.get("joined"), old.get("left")) == (new.get("joined"), new.get("left")):
        return None
    from cpne.kinds.opinion import positions_outside

    partner_id = str(new.get("id"))
    outside = positions_outside(new, find("opinion", partner_id))
    if outside:
        message = _("partner {id} took a position in opinions adopted when it would not be a member ({span}): {ids}")
        return message.format(id=partner_id, span=membership_span(new), ids=", ".join(outside))
    seats = [str(g.get("id")) for g in find("group", partner_id) if _sits_outside(new, g)]
    if seats:
        message = _(
            "partner {id} would sit in working groups when it is not a member ({span}): {ids}"
            " (cpne group leave GROUP {id} --date DATE first)"
        )
        return message.format(id=partner_id, span=membership_span(new), ids=", ".join(seats))
    attended = [
        str(m.get("id"))
        for m in find("meeting", partner_id)
        if isinstance(m.get("date"), str) and not member_on(new, m["date"]) and _attended(m, partner_id)
    ]
    if attended:
        message = _("partner {id} is in the attendance of meetings held when it would not be a member ({span}): {ids}")
        return message.format(id=partner_id, span=membership_span(new), ids=", ".join(attended))
    from cpne.kinds.action import owned_while_member

    owned = [
        str(a.get("id"))
        for a in find("action", partner_id)
        if a.get("owner") == partner_id and not owned_while_member(new, a)
    ]
    if owned:
        message = _("partner {id} owns follow-up actions open only when it would not be a member ({span}): {ids}")
        return message.format(id=partner_id, span=membership_span(new), ids=", ".join(owned))
    from cpne.kinds.practice import practices_outside

    practices = practices_outside(new, find("practice", partner_id))
    if practices:
        message = _("partner {id} supports practices proposed when it would not be a member ({span}): {ids}")
        return message.format(id=partner_id, span=membership_span(new), ids=", ".join(practices))
    return None


def _sits_outside(partner: Record, group: Record) -> bool:
    """Whether ``partner`` sits in ``group`` on a day it is not a member of the committee."""
    members = group.get("members")
    closed = group.get("closed")
    for seat in members if isinstance(members, list) else []:
        if not isinstance(seat, dict) or seat.get("partner") != partner.get("id"):
            continue
        joined, left = seat.get("joined"), seat.get("left")
        end = left if isinstance(left, str) else closed if isinstance(closed, str) else None
        if isinstance(joined, str) and not member_on(partner, joined):
            return True
        partner_left = partner.get("left")
        if isinstance(partner_left, str) and (end is None or end > partner_left):
            return True
    return False


def _attended(meeting: Record, partner_id: str) -> bool:
    lines = meeting.get("attendance")
    return isinstance(lines, list) and any(isinstance(a, dict) and a.get("partner") == partner_id for a in lines)


def _rules(record: Record) -> list[Violation]:
    out: list[Violation] = []
    if record.get("membership") == "signatory" and "signed_as" not in record:
        message = _("a signatory needs signed_as (the name under which it signed)")
        out.append(Violation(("membership",), message, "signatory"))
    joined, left = record.get("joined"), record.get("left")
    if isinstance(joined, str) and isinstance(left, str) and left < joined:
        message = _("left ({left}) is before joined ({joined})").format(left=left, joined=joined)
        out.append(Violation(("left",), message, "date-order"))
    for index, person in enumerate(record.get("representatives") or []):
        since, until = person.get("since"), person.get("until")
        if isinstance(since, str) and isinstance(until, str) and until < since:
            message = _("until ({until}) is before since ({since})").format(until=until, since=since)
            out.append(Violation(("representatives", index, "until"), message, "date-order"))
    return out


KIND = Kind(
    name="partner",
    folder="partners",
    order=10,
    help=N_("Members of the committee: add, list, show, update, retire."),
    new_help=N_("Add a partner (ID: a slug such as amf); writes, commits, prints the id."),
    ids=slug_ids("amf"),
    section="partners",
    fields=(
        Field(
            "acronym",
            "--acronym",
            ("acronym",),
            "text",
            N_("acronym"),
            N_("Short name, e.g. AMF."),
            TEXT,
            required=True,
        ),
        Field(
            "name",
            "--name",
            ("name",),
            "text",
            N_("current official name"),
            N_("Current official name."),
            TEXT,
            required=True,
        ),
        Field("category", "--category", ("category",), "choice", N_("category"), N_("Kind of body."), required=True),
        Field(
            "membership",
            "--membership",
            ("membership",),
            "choice",
            N_("membership"),
            N_("Signatory or associated."),
            required=True,
        ),
        Field(
            "signed_as",
            "--signed-as",
            ("signed_as",),
            "text",
            N_("name under which it signed the convention"),
            N_("Name under which it signed the convention (signatories)."),
            TEXT,
            required_if=lambda values: values.get("membership") == "signatory",
        ),
        Field(
            "joined",
            "--joined",
            ("joined",),
            "date",
            N_("date it joined (YYYY-MM-DD)"),
            N_("Date it joined."),
            DATE,
            required=True,
        ),
        Field("left", "--left", ("left",), "date", N_("date it left"), N_("Date it left (see also retire)."), DATE),
        Field("website", "--website", ("website",), "text", N_("website"), N_("Website (https://...)."), N_("URL")),
        Field(
            "former_names",
            "--former-name",
            ("former_names",),
            "items",
            N_("former names"),
            N_("A former name and the date it ended (repeatable)."),
            FORMER_NAME,
            parse=parse_former_name,
        ),
        Field(
            "representatives",
            "--representative",
            ("representatives",),
            "items",
            N_("representatives"),
            N_("A representative: name and function only, no contact details (repeatable)."),
            REPRESENTATIVE,
            parse=parse_representative,
        ),
        Field(
            "add_representatives",
            "--add-representative",
            ("representatives",),
            "append",
            N_("representatives"),
            N_("Add a representative (repeatable)."),
            REPRESENTATIVE,
            parse=parse_representative,
            commands=("update",),
        ),
        NOTES,
    ),
    unsettable=("signed_as", "left", "website", "former_names", "representatives", "notes"),
    columns=(
        column(N_("id"), "id"),
        column(N_("acronym"), "acronym"),
        column(N_("name"), "name"),
        column(N_("membership"), "membership"),
        column(N_("joined"), "joined"),
        column(N_("left"), "left"),
    ),
    filters=(
        equals("membership", "--membership", N_("Signatory or associated."), enum=("membership",)),
        equals("category", "--category", N_("Kind of body."), enum=("category",)),
        Filter(
            "current",
            "--current/--former",
            "flag",
            N_("Only current members, or only those who left."),
            lambda record, value: is_current(record) == value,
        ),
    ),
    shortcuts=(
        Shortcut(
            "retire",
            N_("A partner leaves the committee: sets 'left'. Records that name it stay valid."),
            ("left",),
            date_help=N_("Date it left (default: today)."),
            already=N_("partner {id} already left on {value}"),
        ),
    ),
    rules=_rules,
    indexed=True,
    short="acronym",
    caption=lambda r: " — ".join(str(r[k]) for k in ("acronym", "name") if r.get(k)),
    offer=is_current,
    on_change=_membership_change,
    private=strip_personal_data,
    register_columns=(
        shown_text("id"),
        shown_text("acronym"),
        shown_text("name"),
        shown_text("signed_as"),
        shown_text("category_col", "category_label"),
        shown_text("membership_col", "membership_label"),
        shown_date("joined"),
        shown_date("left"),
        shown_text("former_names", "former_names_text"),
        Shown("website", "website", "url"),
        shown_text("representatives", "representatives_text"),
    ),
)
