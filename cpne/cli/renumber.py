"""``cpne renumber OLD [NEW]``: move a record to a free id, rewriting every reference to it, in one commit."""

from __future__ import annotations

from typing import Annotated

import typer

from cpne import words
from cpne.cli import choices, output
from cpne.cli import records as rc
from cpne.i18n import _, ngettext
from cpne.kinds import KINDS


def register(app: typer.Typer) -> None:
    help_text = _(
        "Move a record to a free id (git mv) and rewrite every reference to it, in one commit; prints the new id."
    )
    more = _("The way out of an id collision between two branches: run it on the branch whose record should move.")
    app.command("renumber", help=f"{help_text}\n\n{more}")(renumber)


def renumber(
    ctx: typer.Context,
    *,
    old: Annotated[str, typer.Argument(metavar=_("OLD"), help=_("The record's current id."), show_default=False)],
    new: Annotated[
        str | None,
        typer.Argument(
            metavar=_("NEW"),
            help=_("Its new id (opinions and reviews: default the next free one)."),
            show_default=False,
        ),
    ] = None,
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar=_("KIND"),
            help=_("The record's kind, when a slug names records of two kinds: {choices}.").format(
                choices=choices.listed(choices.kinds(KINDS))
            ),
        ),
    ] = None,
    dry_run: rc.DryRun = False,
    no_commit: rc.NoCommit = False,
    author: rc.Author = None,
) -> None:
    """Move a record to a free id; the help is given to ``app.command``."""
    from cpne.ops.renumber import renumber as run

    options = rc.write_options(ctx, rc.Flags(dry_run, no_commit, author))
    outcome = run(rc.workspace(ctx), old, new, options, kind_name=kind)  # a kind by its name or its noun
    count = len(outcome.referrers)
    refs = ngettext("{count} record rewritten", "{count} records rewritten", count).format(count=count)
    if outcome.referrers:
        refs = _("{rewritten}: {paths}").format(rewritten=refs, paths=", ".join(outcome.referrers))
    noun = words.noun(outcome.kind.name)
    if outcome.dry_run:
        output.result(outcome.text)
        output.message(
            _("dry run: {noun} {old} would become {new}; {rewritten}; nothing written").format(
                noun=noun, old=old, new=outcome.new_id, rewritten=refs
            )
        )
        return
    output.result(outcome.new_id + "\n")
    if outcome.commit:
        summary = _("{noun} {old} -> {new} (commit {commit}); {rewritten}")
    else:
        summary = _("{noun} {old} -> {new} (not committed); {rewritten}")
    output.message(
        summary.format(noun=noun, old=old, new=outcome.new_id, commit=(outcome.commit or "")[:10], rewritten=refs)
    )
