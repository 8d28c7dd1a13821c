"""``cpne init``: create a data repository."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from cpne.cli import output
from cpne.errors import UsageError
from cpne.i18n import DEFAULT, LANGUAGES


class Provider(StrEnum):
    github = "github"
    gitlab = "gitlab"
    none = "none"


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(  # noqa: PLR0917 - typer reads the options from the signature
    path: Annotated[Path, typer.Argument(help="Folder of the new repository (created if needed).")] = Path("."),
    no_seed: Annotated[bool, typer.Option("--no-seed", help="Start empty, without the convention's register.")] = False,
    author: Annotated[
        str | None, typer.Option("--author", help="Commit author, 'Name <mail>' (default: git config).")
    ] = None,
    ci: Annotated[
        Provider,
        typer.Option("--ci", help="Also write a CI workflow (in an existing register: add only the workflow)."),
    ] = Provider.none,
    language: Annotated[
        str,
        typer.Option(
            "--language", metavar="fr|en", help="Language of the register: its messages, exports and site (cpne.yaml)."
        ),
    ] = DEFAULT,
    install: Annotated[
        str | None,
        typer.Option("--install", help="What the CI workflow passes to pip install (default: this version of cpne)."),
    ] = None,
) -> None:
    """Create a data repository (git init if needed), seeded with the 2015 convention's register; one commit."""
    from cpne import git
    from cpne.init import init_repository

    git.on_warning(output.warning)  # a commit on a detached HEAD or during a rebase is said on stderr
    if language not in LANGUAGES:
        raise UsageError(f"--language: '{language}' is not one of: {', '.join(LANGUAGES)}")
    provider = None if ci is Provider.none else ci.value
    result = init_repository(path, seed=not no_seed, author=author, ci=provider, install=install, language=language)
    if result.files == 1:
        output.message(f"added the {provider} workflow to {result.root} (commit {result.commit[:10]})")
    else:
        output.message(
            f"created a cpne data repository in {result.root} ({result.files} files, commit {result.commit[:10]})"
        )
