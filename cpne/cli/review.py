"""``cpne review``: the committee's reviews of national referentials."""

from __future__ import annotations

from typing import Annotated, get_args

import typer

from cpne.cli import records as rc
from cpne.cli.common import sub_app
from cpne.ops.fields import ReviewStatus

app = sub_app("review", "Reviews of national referentials: new, list, show, update, set-status, edit, history.")

Referential = Annotated[
    str | None, typer.Option("--referential", metavar="REFERENTIAL", help="Id of the referential reviewed.")
]
Version = Annotated[
    str | None, typer.Option("--version", metavar="TEXT", help="Version reviewed (asked with the known versions).")
]
Opened = Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="Opening date (default: today).")]
Findings = Annotated[list[str] | None, typer.Option("--finding", metavar="TEXT", help="A finding (repeatable).")]
Recommendations = Annotated[
    list[str] | None, typer.Option("--recommendation", metavar="TEXT", help="A recommendation (repeatable).")
]
Outcome = Annotated[str | None, typer.Option("--outcome", metavar="OPINION", help="The opinion issued from it.")]

rc.register_show(app, "review")
rc.register_edit(app, "review")
rc.register_history(app, "review")


@app.command("new")
def new(
    ctx: typer.Context,
    *,
    title: rc.Title = None,
    referential: Referential = None,
    version: Version = None,
    theme: rc.Themes = None,
    rapporteur: rc.Rapporteurs = None,
    date: Opened = None,
    summary: rc.Summary = None,
    finding: Findings = None,
    recommendation: Recommendations = None,
    outcome: Outcome = None,
    notes: rc.Notes = None,
    dry_run: rc.DryRun = False,
    no_commit: rc.NoCommit = False,
    author: rc.Author = None,
    as_json: rc.AsJson = False,
) -> None:
    """New review (status planned): allocates the next free id, writes, commits, prints the id."""
    values = {
        "title": title,
        "referential": referential,
        "version": version,
        "themes": theme,
        "rapporteurs": rapporteur,
        "date": date,
        "summary": summary,
        "findings": finding,
        "recommendations": recommendation,
        "outcome": outcome,
        "notes": notes,
    }
    rc.create(ctx, "review", values, rc.Flags(dry_run, no_commit, author, as_json))


@app.command("list")
def list_(
    ctx: typer.Context,
    *,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status", metavar="STATUS", help=f"Only this status (repeatable): {', '.join(get_args(ReviewStatus))}."
        ),
    ] = None,
    theme: Annotated[str | None, typer.Option("--theme", metavar="THEME", help="Only this theme.")] = None,
    year: Annotated[int | None, typer.Option("--year", metavar="N", help="Only reviews opened this year.")] = None,
    referential: Annotated[
        str | None, typer.Option("--referential", metavar="REFERENTIAL", help="Only this referential.")
    ] = None,
    fmt: rc.ListFormat = "table",
) -> None:
    """List reviews, filtered by status, theme, year, referential."""
    rc.list_records(ctx, "review", fmt, status=status or (), theme=theme, year=year, referential=referential)


@app.command("update")
def update(
    ctx: typer.Context,
    *,
    record_id: rc.RecordId,
    title: rc.Title = None,
    referential: Referential = None,
    version: Version = None,
    theme: rc.Themes = None,
    rapporteur: rc.Rapporteurs = None,
    date: Opened = None,
    summary: rc.Summary = None,
    finding: Findings = None,
    recommendation: Recommendations = None,
    outcome: Outcome = None,
    notes: rc.Notes = None,
    set_date: rc.SetDate = None,
    unset: rc.Unset = None,
    dry_run: rc.DryRun = False,
    no_commit: rc.NoCommit = False,
    author: rc.Author = None,
    as_json: rc.AsJson = False,
) -> None:
    """Change fields of a review (lists given replace the old ones); the status changes with set-status."""
    values = {
        "title": title,
        "referential": referential,
        "version": version,
        "themes": theme,
        "rapporteurs": rapporteur,
        "date": date,
        "summary": summary,
        "findings": finding,
        "recommendations": recommendation,
        "outcome": outcome,
        "notes": notes,
    }
    rc.update(
        ctx, "review", record_id, values, rc.Flags(dry_run, no_commit, author, as_json), unset=unset, set_dates=set_date
    )


@app.command("set-status")
def set_status(
    ctx: typer.Context,
    *,
    record_id: rc.RecordId,
    status: Annotated[ReviewStatus, typer.Argument(metavar="STATUS", help="The new status.", show_default=False)],
    date: rc.StatusDate = None,
    dry_run: rc.DryRun = False,
    no_commit: rc.NoCommit = False,
    author: rc.Author = None,
    as_json: rc.AsJson = False,
) -> None:
    """Move a review along planned -> in-progress -> concluded (or abandoned)."""
    rc.set_status(ctx, "review", record_id, status, rc.Flags(dry_run, no_commit, author, as_json), on=date)
