"""``cpne validate``: every check of the register, reported line by line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cpne.cli import choices, output
from cpne.cli.common import repo_from
from cpne.i18n import _

FORMATS = ("text", "json", "github")


def register(app: typer.Typer) -> None:
    app.command(
        "validate",
        help=_("Validate the register: files, schemas, ids, references, lifecycles. Exit 1 on any error."),
    )(validate)


def validate(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(metavar=_("PATH"), help=_("Records to check (default: the whole repository).")),
    ] = None,
    format: Annotated[
        str,
        typer.Option(
            "--format",
            metavar=_("FORMAT"),
            help=_("Report format: {choices}.").format(choices=choices.listed(choices.formats(FORMATS))),
        ),
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help=_("Fail on warnings too."))] = False,
    base: Annotated[
        str | None,
        typer.Option(
            "--base",
            metavar=_("REF"),
            help=_("Check only what changed since REF (branch, tag, commit) and each status change on the way."),
        ),
    ] = None,
) -> None:
    """Validate the register; the help is given to ``app.command``."""
    from cpne.validation.reporters import REPORTERS
    from cpne.validation.runner import validate as run

    chosen = choices.choose(format, "--format", choices.formats(FORMATS))
    repo = repo_from(ctx)
    if base is not None:
        if paths:
            raise typer.BadParameter(_("give either records to check or --base, not both"), param_hint="--base")
        from cpne.validation.base import validate_since

        report = validate_since(repo, base)
    else:
        report = run(repo, paths or ())
    output.result(REPORTERS[chosen](report.problems) if report.problems or chosen != "json" else "[]\n")
    failed = report.failed(strict)
    output.message(report.summary(), style="red" if failed else "green")
    if failed:
        raise typer.Exit(1)
