"""``cpne renumber OLD [NEW]``: move a record to a free id, rewriting every reference to it, in one commit."""

from __future__ import annotations

from typing import Annotated

import typer

from cpne.cli import output
from cpne.cli import records as rc
from cpne.cli.kinds import literal
from cpne.kinds import KINDS


def register(app: typer.Typer) -> None:
    app.command("renumber")(renumber)


def renumber(
    ctx: typer.Context,
    *,
    old: Annotated[str, typer.Argument(metavar="OLD", help="The record's current id.", show_default=False)],
    new: Annotated[
        str | None,
        typer.Argument(
            metavar="NEW", help="Its new id (opinions and reviews: default the next free one).", show_default=False
        ),
    ] = None,
    kind: Annotated[
        literal(KINDS) | None,  # type: ignore[valid-type]
        typer.Option("--kind", help="The record's kind, when a slug names records of two kinds."),
    ] = None,
    dry_run: rc.DryRun = False,
    no_commit: rc.NoCommit = False,
    author: rc.Author = None,
) -> None:
    """Move a record to a free id (git mv) and rewrite every reference to it, in one commit; prints the new id.

    The way out of an id collision between two branches: run it on the branch whose record should move.
    """
    from cpne.ops.renumber import renumber as run

    outcome = run(
        rc.workspace(ctx), old, new, rc.write_options(ctx, rc.Flags(dry_run, no_commit, author)), kind_name=kind
    )
    refs = f"{len(outcome.referrers)} record{'' if len(outcome.referrers) == 1 else 's'} rewritten"
    if outcome.referrers:
        refs += ": " + ", ".join(outcome.referrers)
    if outcome.dry_run:
        output.result(outcome.text)
        output.message(f"dry run: {outcome.kind.name} {old} would become {outcome.new_id}; {refs}; nothing written")
        return
    output.result(outcome.new_id + "\n")
    where = f"commit {outcome.commit[:10]}" if outcome.commit else "not committed"
    output.message(f"{outcome.kind.name} {old} -> {outcome.new_id} ({where}); {refs}")
