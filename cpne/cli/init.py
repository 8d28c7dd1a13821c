"""``cpne init``: create a data repository."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cpne.cli import output


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(
    path: Annotated[Path, typer.Argument(help="Folder of the new repository (created if needed).")] = Path("."),
    no_seed: Annotated[bool, typer.Option("--no-seed", help="Start empty, without the convention's register.")] = False,
    author: Annotated[
        str | None, typer.Option("--author", help="Commit author, 'Name <mail>' (default: git config).")
    ] = None,
) -> None:
    """Create a data repository (git init if needed), seeded with the 2015 convention's register; one commit."""
    from cpne.init import init_repository

    result = init_repository(path, seed=not no_seed, author=author)
    output.message(
        f"created a cpne data repository in {result.root} ({result.files} files, commit {result.commit[:10]})"
    )
