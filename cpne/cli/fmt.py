"""``cpne fmt``: rewrite records into canonical form, or list those that differ."""

from __future__ import annotations

from typing import Annotated

import typer

from cpne.cli import output
from cpne.cli.common import repo_from


def register(app: typer.Typer) -> None:
    app.command("fmt")(fmt)


def fmt(
    ctx: typer.Context,
    check: Annotated[
        bool, typer.Option("--check", help="Only list the files that are not canonical; exit 1 if any.")
    ] = False,
) -> None:
    """Rewrite every record in canonical form (keys in schema order, block style, UTF-8, LF)."""
    from cpne.fmt import format_repository
    from cpne.validation.reporters import text

    repo = repo_from(ctx)
    result = format_repository(repo, check=check)
    if check:
        output.result("".join(f"{path}\n" for path in result.changed))
    else:
        for path in result.changed:
            output.message(f"reformatted {path}")
    if result.unreadable:
        output.message(text(result.unreadable).rstrip("\n"))
    verb = "would be reformatted" if check else "reformatted"
    output.message(f"{len(result.changed)} of {result.files} files {verb}, {len(result.unreadable)} unreadable")
    if result.unreadable or (check and result.changed):
        raise typer.Exit(1)
