"""``cpne referential``: the national referentials the committee examines."""

from __future__ import annotations

from typing import Annotated

import typer

from cpne.cli import records as rc
from cpne.cli.common import sub_app
from cpne.ops.fields import REFERENTIAL_DOMAINS, ReferentialDomain, ReferentialStatus

app = sub_app("referential", "National referentials examined by the committee: add, list, show, update.")

Acronym = Annotated[str | None, typer.Option("--acronym", metavar="TEXT", help="Short name, e.g. CARMO.")]
FullTitle = Annotated[str | None, typer.Option("--title", metavar="TEXT", help="Full title.")]
Owner = Annotated[str | None, typer.Option("--owner", metavar="TEXT", help="Body responsible for it.")]
Domains = Annotated[
    list[str] | None,
    typer.Option(
        "--domain", metavar="DOMAIN", help=f"A domain it covers (repeatable): {', '.join(REFERENTIAL_DOMAINS)}."
    ),
]
Url = Annotated[str | None, typer.Option("--url", metavar="URL", help="Web address (https://...).")]
Versions = Annotated[
    list[str] | None,
    typer.Option("--version", metavar="VERSION[|DATE]", help="A version, oldest first (repeatable)."),
]
Status = Annotated[ReferentialStatus | None, typer.Option("--status", help="active or superseded.")]
SupersededBy = Annotated[
    str | None, typer.Option("--superseded-by", metavar="REFERENTIAL", help="Its successor (superseded ones).")
]

rc.register_show(app, "referential")


@app.command("add")
def add(
    ctx: typer.Context,
    *,
    record_id: rc.NewId = None,
    acronym: Acronym = None,
    title: FullTitle = None,
    owner: Owner = None,
    domain: Domains = None,
    url: Url = None,
    version: Versions = None,
    status: Status = None,
    superseded_by: SupersededBy = None,
    notes: rc.Notes = None,
    dry_run: rc.DryRun = False,
    no_commit: rc.NoCommit = False,
    author: rc.Author = None,
    as_json: rc.AsJson = False,
) -> None:
    """Add a referential (ID: a slug such as gar); writes, commits, prints the id."""
    values = {
        "acronym": acronym,
        "title": title,
        "owner": owner,
        "domains": domain,
        "url": url,
        "versions": version,
        "status": status,
        "superseded_by": superseded_by,
        "notes": notes,
    }
    rc.create(ctx, "referential", values, rc.Flags(dry_run, no_commit, author, as_json), record_id=record_id)


@app.command("list")
def list_(
    ctx: typer.Context,
    *,
    status: Status = None,
    domain: Annotated[ReferentialDomain | None, typer.Option("--domain", help="Only this domain.")] = None,
    fmt: rc.ListFormat = "table",
) -> None:
    """List referentials, filtered by status and domain."""
    rc.list_records(ctx, "referential", fmt, status=[status] if status else (), domain=domain)


@app.command("update")
def update(
    ctx: typer.Context,
    *,
    record_id: rc.RecordId,
    acronym: Acronym = None,
    title: FullTitle = None,
    owner: Owner = None,
    domain: Domains = None,
    url: Url = None,
    version: Versions = None,
    add_version: Annotated[
        list[str] | None,
        typer.Option("--add-version", metavar="VERSION[|DATE]", help="Add a new (latest) version (repeatable)."),
    ] = None,
    status: Status = None,
    superseded_by: SupersededBy = None,
    notes: rc.Notes = None,
    unset: rc.Unset = None,
    dry_run: rc.DryRun = False,
    no_commit: rc.NoCommit = False,
    author: rc.Author = None,
    as_json: rc.AsJson = False,
) -> None:
    """Change fields of a referential (lists given replace the old ones; --add-version appends)."""
    values = {
        "acronym": acronym,
        "title": title,
        "owner": owner,
        "domains": domain,
        "url": url,
        "versions": version,
        "add_versions": add_version,
        "status": status,
        "superseded_by": superseded_by,
        "notes": notes,
    }
    rc.update(ctx, "referential", record_id, values, rc.Flags(dry_run, no_commit, author, as_json), unset=unset)
