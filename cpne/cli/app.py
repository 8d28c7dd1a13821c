"""``cpne``: the top-level app. Global options, and every sub-app mounted by name."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from cpne import __version__, i18n
from cpne.cli import export, fmt, init, kinds, renumber, search, validate
from cpne.cli.common import CpneGroup
from cpne.i18n import _

i18n.use(i18n.current())  # typer is imported now: its words go through the catalog too (and cpne.cli.clickwords)
app = typer.Typer(
    name="cpne",
    cls=CpneGroup,
    help=_("The register of the Comité des partenaires du numérique pour l'éducation, kept as code."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"cpne {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    repo: Annotated[
        Optional[Path],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option(
            "--repo",
            metavar=_("FOLDER"),
            help=_("Data repository to work on (default: $CPNE_REPO, else the nearest folder holding cpne.yaml)."),
        ),
    ] = None,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help=_("Print cpne's version and exit."))
    ] = False,
) -> None:
    """The global options (the help is the app's)."""


init.register(app)
validate.register(app)
fmt.register(app)
kinds.mount(app)
renumber.register(app)
search.register(app)
app.add_typer(export.app)


def main() -> None:
    """Console-script entry point (also ``python -m cpne``)."""
    app(prog_name="cpne")
