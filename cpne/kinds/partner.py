"""partner — a member of the committee: a signatory of the 2015 convention or a body that joined later."""

from __future__ import annotations

from typing import Any

from cpne.kinds.common import NOTES
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
from cpne.kinds.values import parse_former_name, parse_representative, today


def member_on(partner: Record, day: str) -> bool:
    """Whether a partner was a member on ``day`` (joined <= day <= left, both inclusive)."""
    joined, left = partner.get("joined"), partner.get("left")
    return isinstance(joined, str) and joined <= day and (not isinstance(left, str) or day <= left)


def is_current(partner: Record) -> bool:
    """A member today."""
    return member_on(partner, today())


def membership_span(partner: Record) -> str:
    """``from JOINED[ to LEFT]``, for messages."""
    return f"from {partner.get('joined')}" + (f" to {partner['left']}" if partner.get("left") else "")


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
    """A partner's joined/left may not change so that it took positions in opinions while not a member."""
    if (old.get("joined"), old.get("left")) == (new.get("joined"), new.get("left")):
        return None
    from cpne.kinds.opinion import positions_outside

    outside = positions_outside(new, find("opinion", str(new.get("id"))))
    if not outside:
        return None
    return (
        f"partner {new.get('id')} took a position in opinions adopted when it would not be a member"
        f" ({membership_span(new)}): {', '.join(outside)}"
    )


def _rules(record: Record) -> list[Violation]:
    out: list[Violation] = []
    if record.get("membership") == "signatory" and "signed_as" not in record:
        out.append(
            Violation(("membership",), "a signatory needs signed_as (the name under which it signed)", "signatory")
        )
    joined, left = record.get("joined"), record.get("left")
    if isinstance(joined, str) and isinstance(left, str) and left < joined:
        out.append(Violation(("left",), f"left ({left}) is before joined ({joined})", "date-order"))
    for index, person in enumerate(record.get("representatives") or []):
        since, until = person.get("since"), person.get("until")
        if isinstance(since, str) and isinstance(until, str) and until < since:
            out.append(
                Violation(
                    ("representatives", index, "until"), f"until ({until}) is before since ({since})", "date-order"
                )
            )
    return out


_REPRESENTATIVE = "NAME|ROLE[|SINCE[|UNTIL]]"

KIND = Kind(
    name="partner",
    folder="partners",
    order=10,
    help="Members of the committee: add, list, show, update, retire.",
    new_help="Add a partner (ID: a slug such as amf); writes, commits, prints the id.",
    ids=slug_ids("amf"),
    section="partners",
    fields=(
        Field("acronym", "--acronym", ("acronym",), "text", "acronym", "Short name, e.g. AMF.", "TEXT", required=True),
        Field(
            "name",
            "--name",
            ("name",),
            "text",
            "current official name",
            "Current official name.",
            "TEXT",
            required=True,
        ),
        Field("category", "--category", ("category",), "choice", "category", "Kind of body.", required=True),
        Field(
            "membership",
            "--membership",
            ("membership",),
            "choice",
            "membership",
            "Signatory or associated.",
            required=True,
        ),
        Field(
            "signed_as",
            "--signed-as",
            ("signed_as",),
            "text",
            "name under which it signed the convention",
            "Name under which it signed the convention (signatories).",
            "TEXT",
            required_if=lambda values: values.get("membership") == "signatory",
        ),
        Field(
            "joined",
            "--joined",
            ("joined",),
            "date",
            "date it joined (YYYY-MM-DD)",
            "Date it joined.",
            "YYYY-MM-DD",
            required=True,
        ),
        Field("left", "--left", ("left",), "date", "date it left", "Date it left (see also retire).", "YYYY-MM-DD"),
        Field("website", "--website", ("website",), "text", "website", "Website (https://...).", "URL"),
        Field(
            "former_names",
            "--former-name",
            ("former_names",),
            "items",
            "former names",
            "A former name and the date it ended (repeatable).",
            "NAME|UNTIL",
            parse=parse_former_name,
        ),
        Field(
            "representatives",
            "--representative",
            ("representatives",),
            "items",
            "representatives",
            "A representative: name and function only, no contact details (repeatable).",
            _REPRESENTATIVE,
            parse=parse_representative,
        ),
        Field(
            "add_representatives",
            "--add-representative",
            ("representatives",),
            "append",
            "representatives",
            "Add a representative (repeatable).",
            _REPRESENTATIVE,
            parse=parse_representative,
            commands=("update",),
        ),
        NOTES,
    ),
    unsettable=("signed_as", "left", "website", "former_names", "representatives", "notes"),
    columns=(
        column("id", "id"),
        column("acronym", "acronym"),
        column("name", "name"),
        column("membership", "membership"),
        column("joined", "joined"),
        column("left", "left"),
    ),
    filters=(
        equals("membership", "--membership", "Signatory or associated.", enum=("membership",)),
        equals("category", "--category", "Kind of body.", enum=("category",)),
        Filter(
            "current",
            "--current/--former",
            "flag",
            "Only current members, or only those who left.",
            lambda record, value: is_current(record) == value,
        ),
    ),
    shortcuts=(
        Shortcut(
            "retire",
            "A partner leaves the committee: sets 'left'. Records that name it stay valid.",
            ("left",),
            date_help="Date it left (default: today).",
            already="partner {id} already left on {value}",
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
