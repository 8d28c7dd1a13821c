"""``cpne validate``: every check of the register, reported line by line."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cpne.cli import output
from cpne.cli.common import repo_from


class Format(StrEnum):
    text = "text"
    json = "json"
    github = "github"


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)


def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None, typer.Argument(help="Records to check (default: the whole repository).")
    ] = None,
    format: Annotated[Format, typer.Option("--format", help="Report format.")] = Format.text,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar="REF",
            help="Check only what changed since REF (branch, tag, commit) and each status change on the way.",
        ),
    ] = None,
) -> None:
    """Validate the register: files, schemas, ids, references, lifecycles. Exit 1 on any error."""
    from cpne.validation.reporters import REPORTERS
    from cpne.validation.runner import validate as run

    repo = repo_from(ctx)
    if base is not None:
        if paths:
            raise typer.BadParameter("give either PATHS or --base, not both", param_hint="--base")
        from cpne.validation.base import validate_since

        report = validate_since(repo, base)
    else:
        report = run(repo, paths or ())
    output.result(REPORTERS[format.value](report.problems) if report.problems or format is not Format.json else "[]\n")
    failed = report.failed(strict)
    output.message(report.summary(), style="red" if failed else "green")
    if failed:
        raise typer.Exit(1)
