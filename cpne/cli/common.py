"""What every sub-app shares: the factory, the repository option, error translation in one place."""

from __future__ import annotations

import os
import sys
import traceback
from typing import Any

import typer
from typer.core import TyperGroup

from cpne import git
from cpne.cli import output
from cpne.errors import CpneError
from cpne.repo import DataRepo, find_repo
from cpne.signals import EXIT_INTERRUPTED, EXIT_TERMINATED, Terminated, interrupt_in_place


class CpneGroup(TyperGroup):
    """Translates CpneError (and, as a last resort, any bug) into one message and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        interrupt_in_place()  # from here on a signal unwinds what the command started
        git.on_warning(output.warning)  # a commit on a detached HEAD or during a rebase is said on stderr
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.TyperException):
            raise
        except CpneError as exc:
            report_error(exc)
            raise typer.Exit(exc.exit_code) from None
        except (KeyboardInterrupt, typer.Abort):  # Ctrl-C, at a prompt too
            output.error("interrupted")
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Terminated:
            output.error("terminated")
            raise typer.Exit(EXIT_TERMINATED) from None
        except OSError as exc:  # the system refused something cpne did not expect to fail: say what and where
            where = f"{exc.filename}: " if exc.filename else ""
            output.error(f"{where}{exc.strerror or exc}")
            raise typer.Exit(1) from None
        except Exception as exc:  # last resort: never show a traceback to a user
            if os.environ.get("CPNE_DEBUG"):
                traceback.print_exc(file=sys.stderr)
            output.error(
                f"internal error: {type(exc).__name__}: {exc}", "set CPNE_DEBUG=1 to see the details, and report it"
            )
            raise typer.Exit(1) from None


def report_error(exc: CpneError) -> None:
    """Print a CpneError: location, message, hint, and any validation problems it carries."""
    output.error(str(exc), exc.hint)
    details = getattr(exc, "details", None)
    problems = getattr(exc, "problems", None)
    if details:
        output.message("\n".join(details))
    elif problems:
        from cpne.validation.reporters import text

        output.message(text(problems).rstrip("\n"))


def sub_app(name: str, help_text: str) -> typer.Typer:
    """A sub-app configured like every other: help when called bare, no pretty tracebacks."""
    return typer.Typer(
        name=name,
        help=help_text,
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        add_completion=False,
        rich_markup_mode=None,
    )


def repo_from(ctx: typer.Context) -> DataRepo:
    """The data repository named by ``--repo``/``$CPNE_REPO`` or found from the current folder."""
    root = ctx.find_root()
    given = root.params.get("repo") if root is not None else None
    return find_repo(given)
