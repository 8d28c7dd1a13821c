"""``cpne init``: create a data repository."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cpne.cli import choices, output
from cpne.i18n import DEFAULT, LANGUAGES, _, ngettext, pgettext

PROVIDERS = ("github", "gitlab")  # "none" (no workflow, the default) is accepted too


def register(app: typer.Typer) -> None:
    app.command(
        "init",
        help=_(
            "Create a data repository (git init if needed), seeded with the 2015 convention's register; one commit."
        ),
    )(init)


def _providers() -> dict[str, list[str]]:
    return {"github": ["GitHub"], "gitlab": ["GitLab"], "none": [pgettext("ci", "none")]}


def _offered() -> dict[str, list[str]]:
    return {name: labels for name, labels in _providers().items() if name in PROVIDERS}


def init(  # noqa: PLR0917 - typer reads the options from the signature
    path: Annotated[
        Path, typer.Argument(metavar=_("FOLDER"), help=_("Folder of the new repository (created if needed)."))
    ] = Path("."),
    no_seed: Annotated[
        bool, typer.Option("--no-seed", help=_("Start empty, without the convention's register."))
    ] = False,
    author: Annotated[
        str | None,
        typer.Option(
            "--author", metavar=_("'NAME <MAIL>'"), help=_("Commit author, 'Name <mail>' (default: git config).")
        ),
    ] = None,
    ci: Annotated[
        str | None,
        typer.Option(
            "--ci",
            metavar="|".join(PROVIDERS),
            help=_("Also write a CI workflow (in an existing register: add only the workflow): {choices}.").format(
                choices=choices.listed(_offered())
            ),
        ),
    ] = None,
    language: Annotated[
        str,
        typer.Option(
            "--language",
            metavar="|".join(LANGUAGES),
            help=_("Language of the register: its messages, exports and site (cpne.yaml): {choices}.").format(
                choices=choices.listed(choices.languages(LANGUAGES))
            ),
        ),
    ] = DEFAULT,
    install: Annotated[
        str | None,
        typer.Option(
            "--install",
            metavar=_("REQUIREMENT"),
            help=_("What the CI workflow passes to pip install (default: this version of cpne)."),
        ),
    ] = None,
) -> None:
    """Create a data repository; the help is given to ``app.command``."""
    from cpne import git
    from cpne.init import init_repository

    git.on_warning(output.warning)  # a commit on a detached HEAD or during a rebase is said on stderr
    language = choices.choose(language, "--language", choices.languages(LANGUAGES))
    chosen = choices.choose(ci, "--ci", _providers()) if ci is not None else "none"
    provider = None if chosen == "none" else chosen
    result = init_repository(path, seed=not no_seed, author=author, ci=provider, install=install, language=language)
    commit = result.commit[:10]
    if result.files == 1:
        output.message(
            _("added the {provider} workflow to {folder} (commit {commit})").format(
                provider=provider, folder=result.root, commit=commit
            )
        )
    else:
        output.message(
            ngettext(
                "created a cpne data repository in {folder} ({count} file, commit {commit})",
                "created a cpne data repository in {folder} ({count} files, commit {commit})",
                result.files,
            ).format(folder=result.root, count=result.files, commit=commit)
        )
