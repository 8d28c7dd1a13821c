"""``cpne init``: create a data repository."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cpne.cli import output


class Provider(StrEnum):
    github = "github"
    gitlab = "gitlab"
    none = "none"


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(
    path: Annotated[Path, typer.Argument(help="Folder of the new repository (created if needed).")] = Path("."),
    no_seed: Annotated[bool, typer.Option("--no-seed", help="Start empty, without the convention's register.")] = False,
    author: Annotated[
        str | None, typer.Option("--author", help="Commit author, 'Name <mail>' (default: git config).")
    ] = None,
    ci: Annotated[
        Provider,
        typer.Option("--ci", help="Also write a CI workflow (in an existing register: add only the workflow)."),
    ] = Provider.none,
    install: Annotated[
        str | None,
        typer.Option("--install", help="What the CI workflow passes to pip install (default: this version of cpne)."),
    ] = None,
) -> None:
    """Create a data repository (git init if needed), seeded with the 2015 convention's register; one commit."""
    from cpne import git
    from cpne.init import init_repository

    git.on_warning(output.warning)  # a commit on a detached HEAD or during a rebase is said on stderr
    provider = None if ci is Provider.none else ci.value
    result = init_repository(path, seed=not no_seed, author=author, ci=provider, install=install)
    if result.files == 1:
        output.message(f"added the {provider} workflow to {result.root} (commit {result.commit[:10]})")
    else:
        output.message(
            f"created a cpne data repository in {result.root} ({result.files} files, commit {result.commit[:10]})"
        )
