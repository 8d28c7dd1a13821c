"""``cpne theme``: the themes the committee works on."""

from __future__ import annotations

from typing import Annotated

import typer

from cpne.cli import records as rc
from cpne.cli.common import sub_app
from cpne.kinds import KINDS
from cpne.ops.fields import ThemeStatus

app = sub_app("theme", "Themes of the committee's work: add, list, show, update, archive.")

Number = Annotated[
    int | None, typer.Option("--number", metavar="N", help="Display order, unique (default: the next one).")
]
Description = Annotated[str | None, typer.Option("--description", metavar="TEXT", help="Longer description.")]
Status = Annotated[ThemeStatus | None, typer.Option("--status", help="active or archived.")]
ThemeSummary = Annotated[str | None, typer.Option("--summary", metavar="TEXT", help="One-paragraph summary.")]

rc.register_show(app, "theme")


@app.command("add")
def add(
    ctx: typer.Context,
    *,
    record_id: rc.NewId = None,
    number: Number = None,
    title: rc.Title = None,
    summary: ThemeSummary = None,
    description: Description = None,
    status: Status = None,
    dry_run: rc.DryRun = False,
    no_commit: rc.NoCommit = False,
    author: rc.Author = None,
    as_json: rc.AsJson = False,
) -> None:
    """Add a theme (ID: a slug such as usages); writes, commits, prints the id."""
    values = {"number": number, "title": title, "summary": summary, "description": description, "status": status}
    rc.create(ctx, "theme", values, rc.Flags(dry_run, no_commit, author, as_json), record_id=record_id)


@app.command("list")
def list_(ctx: typer.Context, status: Status = None, fmt: rc.ListFormat = "table") -> None:
    """List themes in display order, filtered by status."""
    rc.list_records(ctx, "theme", fmt, status=[status] if status else ())


@app.command("update")
def update(
    ctx: typer.Context,
    *,
    record_id: rc.RecordId,
    number: Number = None,
    title: rc.Title = None,
    summary: ThemeSummary = None,
    description: Description = None,
    status: Status = None,
    unset: rc.Unset = None,
    dry_run: rc.DryRun = False,
    no_commit: rc.NoCommit = False,
    author: rc.Author = None,
    as_json: rc.AsJson = False,
) -> None:
    """Change fields of a theme."""
    values = {"number": number, "title": title, "summary": summary, "description": description, "status": status}
    rc.update(ctx, "theme", record_id, values, rc.Flags(dry_run, no_commit, author, as_json), unset=unset)


@app.command("archive")
def archive(
    ctx: typer.Context,
    *,
    record_id: rc.RecordId,
    dry_run: rc.DryRun = False,
    no_commit: rc.NoCommit = False,
    author: rc.Author = None,
    as_json: rc.AsJson = False,
) -> None:
    """The committee no longer works on a theme: status archived. Records that name it stay valid."""
    from cpne.ops import records

    rc.kind_check(KINDS["theme"], record_id)
    flags = rc.Flags(dry_run, no_commit, author, as_json)
    rc.report(records.archive(rc.workspace(ctx), record_id, rc.write_options(ctx, flags)), flags)
