"""``cpne partner``: the members of the committee."""

from __future__ import annotations

from typing import Annotated

import typer

from cpne.cli import records as rc
from cpne.cli.common import sub_app
from cpne.kinds import KINDS
from cpne.ops.fields import Membership, PartnerCategory

app = sub_app("partner", "Members of the committee: add, list, show, update, retire.")

Acronym = Annotated[str | None, typer.Option("--acronym", metavar="TEXT", help="Short name, e.g. AMF.")]
Name = Annotated[str | None, typer.Option("--name", metavar="TEXT", help="Current official name.")]
SignedAs = Annotated[
    str | None,
    typer.Option("--signed-as", metavar="TEXT", help="Name under which it signed the convention (signatories)."),
]
Category = Annotated[PartnerCategory | None, typer.Option("--category", help="Kind of body.")]
Membership_ = Annotated[Membership | None, typer.Option("--membership", help="Signatory or associated.")]
Joined = Annotated[str | None, typer.Option("--joined", metavar="YYYY-MM-DD", help="Date it joined.")]
Left = Annotated[str | None, typer.Option("--left", metavar="YYYY-MM-DD", help="Date it left (see also retire).")]
Website = Annotated[str | None, typer.Option("--website", metavar="URL", help="Website (https://...).")]
FormerNames = Annotated[
    list[str] | None,
    typer.Option("--former-name", metavar="NAME|UNTIL", help="A former name and the date it ended (repeatable)."),
]
Representatives = Annotated[
    list[str] | None,
    typer.Option(
        "--representative",
        metavar="NAME|ROLE[|SINCE[|UNTIL]]",
        help="A representative: name and function only, no contact details (repeatable).",
    ),
]

rc.register_show(app, "partner")


@app.command("add")
def add(
    ctx: typer.Context,
    *,
    record_id: rc.NewId = None,
    acronym: Acronym = None,
    name: Name = None,
    category: Category = None,
    membership: Membership_ = None,
    signed_as: SignedAs = None,
    joined: Joined = None,
    left: Left = None,
    website: Website = None,
    former_name: FormerNames = None,
    representative: Representatives = None,
    notes: rc.Notes = None,
    dry_run: rc.DryRun = False,
    no_commit: rc.NoCommit = False,
    author: rc.Author = None,
    as_json: rc.AsJson = False,
) -> None:
    """Add a partner (ID: a slug such as amf); writes, commits, prints the id."""
    values = {
        "acronym": acronym,
        "name": name,
        "category": category,
        "membership": membership,
        "signed_as": signed_as,
        "joined": joined,
        "left": left,
        "website": website,
        "former_names": former_name,
        "representatives": representative,
        "notes": notes,
    }
    rc.create(ctx, "partner", values, rc.Flags(dry_run, no_commit, author, as_json), record_id=record_id)


@app.command("list")
def list_(
    ctx: typer.Context,
    *,
    membership: Membership_ = None,
    category: Category = None,
    current: Annotated[
        bool | None, typer.Option("--current/--former", help="Only current members, or only those who left.")
    ] = None,
    fmt: rc.ListFormat = "table",
) -> None:
    """List partners, filtered by membership, category, current or former."""
    rc.list_records(ctx, "partner", fmt, membership=membership, category=category, current=current)


@app.command("update")
def update(
    ctx: typer.Context,
    *,
    record_id: rc.RecordId,
    acronym: Acronym = None,
    name: Name = None,
    category: Category = None,
    membership: Membership_ = None,
    signed_as: SignedAs = None,
    joined: Joined = None,
    left: Left = None,
    website: Website = None,
    former_name: FormerNames = None,
    representative: Representatives = None,
    add_representative: Annotated[
        list[str] | None,
        typer.Option(
            "--add-representative", metavar="NAME|ROLE[|SINCE[|UNTIL]]", help="Add a representative (repeatable)."
        ),
    ] = None,
    notes: rc.Notes = None,
    unset: rc.Unset = None,
    dry_run: rc.DryRun = False,
    no_commit: rc.NoCommit = False,
    author: rc.Author = None,
    as_json: rc.AsJson = False,
) -> None:
    """Change fields of a partner (lists given replace the old ones)."""
    values = {
        "acronym": acronym,
        "name": name,
        "category": category,
        "membership": membership,
        "signed_as": signed_as,
        "joined": joined,
        "left": left,
        "website": website,
        "former_names": former_name,
        "representatives": representative,
        "add_representatives": add_representative,
        "notes": notes,
    }
    rc.update(ctx, "partner", record_id, values, rc.Flags(dry_run, no_commit, author, as_json), unset=unset)


@app.command("retire")
def retire(
    ctx: typer.Context,
    *,
    record_id: rc.RecordId,
    date: Annotated[
        str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="Date it left (default: today).")
    ] = None,
    dry_run: rc.DryRun = False,
    no_commit: rc.NoCommit = False,
    author: rc.Author = None,
    as_json: rc.AsJson = False,
) -> None:
    """A partner leaves the committee: sets 'left'. Records that name it stay valid."""
    from cpne.ops import records

    rc.kind_check(KINDS["partner"], record_id)
    flags = rc.Flags(dry_run, no_commit, author, as_json)
    outcome = records.retire(rc.workspace(ctx), record_id, rc.write_options(ctx, flags), on=date)
    rc.report(outcome, flags)
