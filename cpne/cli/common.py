"""What every sub-app shares: the factory, the repository option, error translation in one place."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any

import typer
from typer._click.exceptions import ClickException

from cpne import git
from cpne.cli import clickwords, output
from cpne.errors import CpneError, os_reason
from cpne.i18n import _
from cpne.repo import DataRepo, find_repo
from cpne.signals import EXIT_INTERRUPTED, EXIT_TERMINATED, Terminated, interrupt_in_place


class CpneGroup(clickwords.Group):
    """The ``cpne`` command: speaks the language (help, usage errors), and translates CpneError (and, as a last
    resort, any bug) into one message and an exit code."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        clickwords.localize(self)  # the whole tree is built by now: typer builds the sub-apps first

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Typer's main, but its usage errors are said in the language (see :mod:`cpne.cli.clickwords`)."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            returned = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except ClickException as exc:
            clickwords.show(exc)
            sys.exit(exc.exit_code)
        except typer.Abort:
            output.message(_("Aborted!"))
            sys.exit(1)
        sys.exit(returned if isinstance(returned, int) else 0)

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
            output.error(_("interrupted"))
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Terminated:
            output.error(_("terminated"))
            raise typer.Exit(EXIT_TERMINATED) from None
        except OSError as exc:  # the system refused something cpne did not expect to fail: say what and where
            reason = os_reason(exc)
            if exc.filename:
                output.error(_("{path}: {reason}").format(path=exc.filename, reason=reason))
            else:
                output.error(reason)
            raise typer.Exit(1) from None
        except Exception as exc:  # last resort: never show a traceback to a user
            if os.environ.get("CPNE_DEBUG"):
                traceback.print_exc(file=sys.stderr)
            output.error(
                _("internal error: {error}: {message}").format(error=type(exc).__name__, message=exc),
                _("set CPNE_DEBUG=1 to see the details, and report it"),
            )
            raise typer.Exit(1) from None


def spec_text(text: str) -> str:
    """A text of a kind's spec (a help, a label, a heading: marked ``N_`` there), in the language; '' stays ''."""
    return _(text) if text else ""


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
    """A sub-app configured like every other: help when called bare, no pretty tracebacks, the language's words.

    ``help_text`` is shown as given: translate it (``_()``) before.
    """
    return typer.Typer(
        name=name,
        cls=clickwords.Group,
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
