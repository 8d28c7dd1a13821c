"""The words typer's own copy of click prints, in the register's language.

typer 0.29 carries a copy of click (``typer._click``) whose help pages and usage errors
are English f-strings, not gettext calls: "Usage:", "[OPTIONS]", "Show this message and
exit.", "Try 'cpne opinion --help' for help.", "Error: No such option: --x", "Missing
option '--title'.", "Got unexpected extra argument". :func:`install` rewords them through
cpne's catalog at the few places they are made (the usage line, the help option, and the
way a usage error is shown), once, when the command line is built. The strings typer
itself marks for gettext ("Options", "Commands", "[default: …]", "Aborted!") go through
cpne's catalog by :func:`cpne.i18n.use`.

typer is pinned below 0.30 in pyproject.toml; the tests walk every help page and a set of
usage errors in French, so a typer that moves these places fails them, not a user.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from typing import IO, Any

from typer._click import core as _core
from typer._click import exceptions as _exc
from typer._click import formatting as _formatting
from typer._click.utils import echo

from cpne.i18n import N_, _

_EXTRA_ARGUMENTS = re.compile(r"^Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)$", re.DOTALL)
_REQUIRES = re.compile(r"^Option '(?P<name>[^']*)' requires (?:an argument|(?P<n>\d+) arguments)\.$")
_NO_VALUE = re.compile(r"^Option '(?P<name>[^']*)' does not take a value\.$")
_INVALID = re.compile(r"^Value (?P<value>.*) is not a valid (?P<type>\w+)\.$")

_installed: list[bool] = []


def install() -> None:
    """Make typer's click speak through the catalog (idempotent)."""
    if _installed:
        return
    _installed.append(True)
    _wrap_usage_line()
    _wrap_help_option()
    _exc.ClickException.show = _show_error  # type: ignore[method-assign]
    _exc.UsageError.show = _show_usage_error  # type: ignore[method-assign]


def _wrap_usage_line() -> None:
    """The usage line: its prefix and the metavars click and typer put in it."""
    words = {"[OPTIONS]": N_("[OPTIONS]"), "COMMAND [ARGS]...": N_("COMMAND [ARGS]...")}

    def format_usage(self: _core.Command, ctx: _core.Context, formatter: _formatting.HelpFormatter) -> None:
        pieces = [_(words[piece]) if piece in words else piece for piece in self.collect_usage_pieces(ctx)]
        formatter.write_usage(ctx.command_path, " ".join(pieces), _("Usage: "))

    _core.Command.format_usage = format_usage  # type: ignore[method-assign]


def _wrap_help_option() -> None:
    get_help_option = _core.Command.get_help_option

    def translated(self: _core.Command, ctx: _core.Context) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = _("Show this message and exit.")
        return option

    _core.Command.get_help_option = translated  # type: ignore[method-assign]


def message_of(error: _exc.ClickException) -> str:
    """What went wrong, in the process's language."""
    if isinstance(error, _exc.NoSuchOption):
        text = _("No such option: {option}").format(option=error.option_name)
        if error.possibilities:
            text += " " + _("(possible options: {options})").format(options=", ".join(sorted(error.possibilities)))
        return text
    if isinstance(error, _exc.MissingParameter):
        return _missing(error)
    if isinstance(error, _exc.BadParameter):
        reason = _reason(error.message, error.__cause__)
        hint = _hint(error)
        return _("Invalid value for {name}: {reason}").format(name=hint, reason=reason) if hint else reason
    return _reason(error.message, error.__cause__)


def _hint(error: _exc.BadParameter) -> str:
    if error.param_hint is not None:
        given: Sequence[str] | str = error.param_hint
    elif error.param is not None:
        given = error.param.get_error_hint()
    else:
        return ""
    return " / ".join(f"'{h}'" for h in given) if not isinstance(given, str) else given


def _missing(error: _exc.MissingParameter) -> str:
    hint = _hint(error)
    kind = error.param_type or (error.param.param_type_name if error.param is not None else "parameter")
    if kind == "option":
        return _("Missing option {name}.").format(name=hint)
    if kind == "argument":
        return _("Missing argument {name}.").format(name=hint)
    return _("Missing parameter {name}.").format(name=hint)


def _reason(message: str, cause: BaseException | None) -> str:
    """click's and typer's English reasons, reworded (what cpne says itself is already translated)."""
    found = _EXTRA_ARGUMENTS.match(message)
    if found:
        return _("Got unexpected extra arguments ({arguments})").format(arguments=found.group("args"))
    found = _REQUIRES.match(message)
    if found:
        return _("Option '{name}' requires a value.").format(name=found.group("name"))
    found = _NO_VALUE.match(message)
    if found:
        return _("Option '{name}' does not take a value.").format(name=found.group("name"))
    found = _INVALID.match(message)
    if found:
        return _("{value} is not a valid value.").format(value=found.group("value"))
    errors = getattr(cause, "errors", None)
    if callable(errors):  # typer converts values with pydantic: say it in our words
        first = (errors() or [{}])[0]
        value = first.get("input")
        kind = str(first.get("type", ""))
        if kind.startswith("int_"):
            return _("{value!r} is not a whole number.").format(value=value)
        if kind.startswith(("float_", "decimal_")):
            return _("{value!r} is not a number.").format(value=value)
        if kind.startswith("bool_"):
            return _("{value!r} is not yes or no.").format(value=value)
        return _("{value!r} is not a valid value.").format(value=value)
    return message


def _show_error(self: _exc.ClickException, file: IO[Any] | None = None) -> None:
    echo(_("Error: {message}").format(message=message_of(self)), file=file or sys.stderr)


def _show_usage_error(self: _exc.UsageError, file: IO[Any] | None = None) -> None:
    file = file or sys.stderr
    if self.ctx is not None:
        lines = [self.ctx.get_usage()]
        if self.ctx.command.get_help_option(self.ctx) is not None:
            lines.append(
                _("Try '{command} {option}' for help.").format(
                    command=self.ctx.command_path, option=self.ctx.help_option_names[0]
                )
            )
        echo("\n".join(lines) + "\n", file=file)
    _show_error(self, file)
