"""``cpne fmt``: rewrite records into canonical form, or list those that differ."""

from __future__ import annotations

from typing import Annotated

import typer

from cpne.cli import output
from cpne.cli.common import repo_from
from cpne.i18n import _, ngettext


def register(app: typer.Typer) -> None:
    app.command(
        "fmt", help=_("Rewrite every record in canonical form (keys in schema order, block style, UTF-8, LF).")
    )(fmt)


def fmt(
    ctx: typer.Context,
    check: Annotated[
        bool, typer.Option("--check", help=_("Only list the files that are not canonical; exit 1 if any."))
    ] = False,
) -> None:
    """Rewrite every record in canonical form; the help is given to ``app.command``."""
    from cpne.fmt import format_repository
    from cpne.validation.reporters import text

    repo = repo_from(ctx)
    result = format_repository(repo, check=check)
    if check:
        output.result("".join(f"{path}\n" for path in result.changed))
    else:
        for path in result.changed:
            output.message(_("reformatted {path}").format(path=path))
    if result.unreadable:
        output.message(text(result.unreadable).rstrip("\n"))
    changed, files, unreadable = len(result.changed), result.files, len(result.unreadable)
    if check:
        summary = ngettext(
            "{changed} of {count} file would be reformatted, {unreadable} unreadable",
            "{changed} of {count} files would be reformatted, {unreadable} unreadable",
            files,
        )
    else:
        summary = ngettext(
            "{changed} of {count} file reformatted, {unreadable} unreadable",
            "{changed} of {count} files reformatted, {unreadable} unreadable",
            files,
        )
    output.message(summary.format(changed=changed, count=files, unreadable=unreadable))
    if result.unreadable or (check and result.changed):
        raise typer.Exit(1)
