"""``cpne opinion``: opinions, recommendations and contributions of the committee."""

from __future__ import annotations

from typing import Annotated, get_args

import typer

from cpne.cli import records as rc
from cpne.cli.common import sub_app
from cpne.ops.fields import DecisionMode, OpinionKind, OpinionStatus, ReferralOrigin

app = sub_app(
    "opinion", "Opinions, recommendations, contributions: new, list, show, update, set-status, edit, history."
)

Kind_ = Annotated[OpinionKind | None, typer.Option("--kind", help="Kind of text.")]
Origin = Annotated[
    ReferralOrigin | None,
    typer.Option("--origin", help="Who referred the matter (default: self, or member with --referred-by)."),
]
ReferredBy = Annotated[str | None, typer.Option("--referred-by", metavar="PARTNER", help="Partner who referred it.")]
Created = Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD", help="Creation date (default: today).")]
Referred = Annotated[str | None, typer.Option("--referred", metavar="YYYY-MM-DD", help="Date of the referral.")]
Decision = Annotated[DecisionMode | None, typer.Option("--decision", help="How it was decided.")]
Positions = Annotated[
    list[str] | None,
    typer.Option(
        "--position", metavar="PARTNER|POSITION[|NOTE]", help="A vote: for, against, abstain, not-voting (repeatable)."
    ),
]
References = Annotated[
    list[str] | None, typer.Option("--reference", metavar="TITLE|URL", help="A document referred to (repeatable).")
]
Related = Annotated[
    list[str] | None, typer.Option("--related", metavar="ID", help="A related opinion or review (repeatable).")
]
Tags = Annotated[list[str] | None, typer.Option("--tag", metavar="TAG", help="A tag (repeatable).")]
WithdrawnReason = Annotated[
    str | None,
    typer.Option("--withdrawn-reason", metavar="TEXT", help="Reason for the withdrawal (withdrawn opinions)."),
]

rc.register_show(app, "opinion")
rc.register_edit(app, "opinion")
rc.register_history(app, "opinion")


@app.command("new")
def new(
    ctx: typer.Context,
    *,
    title: rc.Title = None,
    kind: Kind_ = None,
    theme: rc.Themes = None,
    rapporteur: rc.Rapporteurs = None,
    summary: rc.Summary = None,
    body_file: rc.BodyFile = None,
    date: Created = None,
    origin: Origin = None,
    referred_by: ReferredBy = None,
    referred: Referred = None,
    decision: Decision = None,
    position: Positions = None,
    reference: References = None,
    related: Related = None,
    tag: Tags = None,
    notes: rc.Notes = None,
    dry_run: rc.DryRun = False,
    no_commit: rc.NoCommit = False,
    author: rc.Author = None,
    as_json: rc.AsJson = False,
) -> None:
    """New opinion (status draft): allocates the next free id, writes, commits, prints the id."""
    values = {
        "title": title,
        "kind": kind,
        "themes": theme,
        "rapporteurs": rapporteur,
        "summary": summary,
        "body": rc.read_text_input(body_file, "--body-file"),
        "date": date,
        "origin": origin,
        "referred_by": referred_by,
        "referred": referred,
        "decision": decision,
        "positions": position,
        "references": reference,
        "related": related,
        "tags": tag,
        "notes": notes,
    }
    rc.create(ctx, "opinion", values, rc.Flags(dry_run, no_commit, author, as_json))


@app.command("list")
def list_(
    ctx: typer.Context,
    *,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status", metavar="STATUS", help=f"Only this status (repeatable): {', '.join(get_args(OpinionStatus))}."
        ),
    ] = None,
    theme: Annotated[str | None, typer.Option("--theme", metavar="THEME", help="Only this theme.")] = None,
    year: Annotated[int | None, typer.Option("--year", metavar="N", help="Only opinions created this year.")] = None,
    kind: Kind_ = None,
    rapporteur: Annotated[
        str | None, typer.Option("--rapporteur", metavar="PARTNER", help="Only this rapporteur.")
    ] = None,
    fmt: rc.ListFormat = "table",
) -> None:
    """List opinions, filtered by status, theme, year, kind, rapporteur."""
    rc.list_records(ctx, "opinion", fmt, status=status or (), theme=theme, year=year, kind_=kind, rapporteur=rapporteur)


@app.command("update")
def update(
    ctx: typer.Context,
    *,
    record_id: rc.RecordId,
    title: rc.Title = None,
    kind: Kind_ = None,
    theme: rc.Themes = None,
    rapporteur: rc.Rapporteurs = None,
    summary: rc.Summary = None,
    body_file: rc.BodyFile = None,
    date: Created = None,
    origin: Origin = None,
    referred_by: ReferredBy = None,
    referred: Referred = None,
    decision: Decision = None,
    position: Positions = None,
    reference: References = None,
    related: Related = None,
    tag: Tags = None,
    withdrawn_reason: WithdrawnReason = None,
    notes: rc.Notes = None,
    set_date: rc.SetDate = None,
    unset: rc.Unset = None,
    dry_run: rc.DryRun = False,
    no_commit: rc.NoCommit = False,
    author: rc.Author = None,
    as_json: rc.AsJson = False,
) -> None:
    """Change fields of an opinion (lists given replace the old ones); the status changes with set-status."""
    values = {
        "title": title,
        "kind": kind,
        "themes": theme,
        "rapporteurs": rapporteur,
        "summary": summary,
        "body": rc.read_text_input(body_file, "--body-file"),
        "date": date,
        "origin": origin,
        "referred_by": referred_by,
        "referred": referred,
        "decision": decision,
        "positions": position,
        "references": reference,
        "related": related,
        "tags": tag,
        "withdrawn_reason": withdrawn_reason,
        "notes": notes,
    }
    rc.update(
        ctx,
        "opinion",
        record_id,
        values,
        rc.Flags(dry_run, no_commit, author, as_json),
        unset=unset,
        set_dates=set_date,
    )


@app.command("set-status")
def set_status(
    ctx: typer.Context,
    *,
    record_id: rc.RecordId,
    status: Annotated[OpinionStatus, typer.Argument(metavar="STATUS", help="The new status.", show_default=False)],
    date: rc.StatusDate = None,
    reason: Annotated[
        str | None, typer.Option("--reason", metavar="TEXT", help="Why it is withdrawn (needed for withdrawn).")
    ] = None,
    decision: Annotated[DecisionMode | None, typer.Option("--decision", help="How it was adopted.")] = None,
    position: Positions = None,
    dry_run: rc.DryRun = False,
    no_commit: rc.NoCommit = False,
    author: rc.Author = None,
    as_json: rc.AsJson = False,
) -> None:
    """Move an opinion along draft -> consultation -> adopted -> published (or back to draft, or withdrawn)."""
    rc.set_status(
        ctx,
        "opinion",
        record_id,
        status,
        rc.Flags(dry_run, no_commit, author, as_json),
        on=date,
        reason=reason,
        decision=decision,
        positions=position or (),
    )
