"""The words typer's own copy of click prints — help pages and usage errors — in the register's language.

typer 0.29 carries a copy of click (``typer._click``) whose help pages and usage errors
are English f-strings, not gettext calls: "Usage:", "[OPTIONS]", "Show this message and
exit.", "Try 'cpne opinion --help' for help.", "No such option: --x", "Missing option
'--title'.", "Got unexpected extra argument". cpne says them itself, through its catalog,
without touching typer's classes:

- help pages are written by :class:`Formatter`, the formatter of every command's context
  (:func:`localize` sets the context class on the whole command tree, with the language's
  ``[OPTIONS]`` and ``COMMAND [ARGS]...``): the "Usage:" prefix, section headings (« Options : »),
  the help and completion options' own help; required arguments are written ``ID`` rather
  than typer's ``{ID}``, and argument lists without the ``<str>`` typer puts after each name;
- usage errors are reworded from each exception's attributes by :func:`show`, which
  :class:`cpne.cli.common.CpneGroup` calls instead of the exception's own ``show``; an
  unknown command is refused by :class:`Group` with the close ones suggested.

The strings typer itself marks for gettext ("Options", "Commands", "[default: …]",
"Aborted!") go through cpne's catalog by :func:`cpne.i18n.use`.

typer is pinned below 0.30 in pyproject.toml; the tests walk every help page and a set of
usage errors in French and English, so a typer that moves these places fails them, not a user.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from difflib import get_close_matches
from typing import Any

import typer
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    ClickException,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer._click.formatting import HelpFormatter
from typer.core import TyperGroup

from cpne.cli import output
from cpne.i18n import N_, _, ngettext

# the help typer gives its own options (the help option, shell completion)
FRAMEWORK_HELP = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)
_REQUIRED_ARGUMENT = re.compile(r"\{([^{}\s]+)\}")  # typer writes a required argument {ID}
_EXTRA_ARGUMENTS = re.compile(r"^Got unexpected extra argument(?:\(s\)|s)? \((?P<args>.*)\)$", re.DOTALL)
_INVALID = re.compile(r"^Value (?P<value>.*) is not a valid (?P<type>\w+)\.$")


class Formatter(HelpFormatter):
    """Click's help layout, in the language."""

    def __init__(self, indent_increment: int = 2, width: int | None = None, max_width: int | None = None) -> None:
        super().__init__(indent_increment, width, max_width)
        self._in_arguments = False

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, _REQUIRED_ARGUMENT.sub(r"\1", args), _("Usage: ") if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self._in_arguments = heading == _("Arguments")
        title = _("{heading}:").format(heading=heading)
        self.write(f"{'':>{self.current_indent}}{title}\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(self._term(term), self._help(text)) for term, text in rows], col_max, col_spacing)

    def _term(self, term: str) -> str:
        # typer follows an argument's name with its type (``ID <str>``): the help says what it is
        return term.split(" <", 1)[0] if self._in_arguments else term

    @staticmethod
    def _help(text: str) -> str:
        return _(text) if text in FRAMEWORK_HELP else text


class Context(typer.Context):
    """The context of every cpne command: its help is written by :class:`Formatter`."""

    formatter_class = Formatter


class Group(TyperGroup):
    """A group whose unknown commands are refused in the language, the close ones suggested."""

    def resolve_command(self, ctx: Any, args: list[str]) -> tuple[str | None, Any, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None and not ctx.resilient_parsing:
            message = _("no such command {name}.").format(name=quoted(name))
            close = get_close_matches(name, list(self.commands))
            if close:
                message += " " + did_you_mean(close)
            raise UsageError(message, ctx)
        return super().resolve_command(ctx, args)


def did_you_mean(names: Sequence[str]) -> str:
    """``Did you mean 'list'?``"""
    names = [quoted(name) for name in names]
    return ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)", len(names)).format(
        possibility=names[0], possibilities=", ".join(names)
    )


def quoted(text: str) -> str:
    """A name quoted as the language quotes it: ``'--kind'``, « --kind »."""
    return _("'{text}'").format(text=text)


def walk(command: Any) -> Iterator[Any]:
    """``command`` and every command under it."""
    yield command
    for sub in getattr(command, "commands", {}).values():
        yield from walk(sub)


def localize(command: Any) -> None:
    """Have every command of the tree write its help and usage line in the language."""
    for one in walk(command):
        one.context_class = Context
        if one.options_metavar:
            one.options_metavar = _("[OPTIONS]")
        if hasattr(one, "subcommand_metavar"):
            one.subcommand_metavar = _("COMMAND [ARGS]...")


# -- usage errors ------------------------------------------------------------------------------


def show(error: ClickException) -> None:
    """A usage error as click shows it, in the language: the usage line, where help is, what is wrong."""
    if isinstance(error, NoArgsIsHelpError):  # a group called bare: its help
        error.show()
        return
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        lines = [ctx.get_usage()]
        if ctx.command.get_help_option(ctx) is not None:
            lines.append(
                _("Try '{command} {option}' for help.").format(
                    command=ctx.command_path, option=ctx.help_option_names[0]
                )
            )
        output.message("\n".join(lines) + "\n")
    output.error(message_of(error))


def message_of(error: ClickException) -> str:
    """What went wrong, reworded from the exception's attributes (its English message as a last resort)."""
    if isinstance(error, NoSuchOption):
        text = _("no such option: {option}").format(option=error.option_name)
        if error.possibilities:
            text += " " + _("(possible options: {options})").format(options=", ".join(sorted(error.possibilities)))
        return text
    if isinstance(error, BadOptionUsage):
        if "does not take a value" in error.message:
            return _("option '{name}' does not take a value.").format(name=error.option_name)
        return _("option '{name}' requires a value.").format(name=error.option_name)
    if isinstance(error, MissingParameter):
        return _missing(error)
    if isinstance(error, BadParameter):
        reason = _reason(error.message, error.__cause__)
        hint = _hint(error)
        return _("invalid value for {name}: {reason}").format(name=hint, reason=reason) if hint else reason
    return _reason(error.message, error.__cause__)


def _hint(error: BadParameter) -> str:
    """The option or argument a message names (``--kind``, ``ID``), quoted as the language quotes."""
    if error.param_hint is not None:
        names = [error.param_hint] if isinstance(error.param_hint, str) else list(error.param_hint)
    elif error.param is not None:
        param: Any = error.param
        names = list(param.opts) if param.param_type_name == "option" else [param.display_name_raw]
    else:
        names = []
    return quoted(" / ".join(names)) if names else ""


def _missing(error: MissingParameter) -> str:
    hint = _hint(error)
    kind = error.param_type or (error.param.param_type_name if error.param is not None else "parameter")
    if kind == "option":
        return _("missing option {name}.").format(name=hint)
    if kind == "argument":
        return _("missing argument {name}.").format(name=hint)
    return _("missing parameter {name}.").format(name=hint)


def _reason(message: str, cause: BaseException | None) -> str:
    """click's and typer's English reasons, reworded (what cpne says itself is already translated)."""
    found = _EXTRA_ARGUMENTS.match(message)
    if found:
        return _("got unexpected extra arguments ({arguments})").format(arguments=found.group("args"))
    found = _INVALID.match(message)
    if found:
        return _("{value} is not a valid value.").format(value=quoted(found.group("value").strip("'\"")))
    errors = getattr(cause, "errors", None)
    if callable(errors):  # typer converts values with pydantic: say it in our words
        first = (errors() or [{}])[0]
        value = quoted(str(first.get("input", "")))
        kind = str(first.get("type", ""))
        if kind.startswith("int_"):
            return _("{value} is not a whole number.").format(value=value)
        if kind.startswith(("float_", "decimal_")):
            return _("{value} is not a number.").format(value=value)
        if kind.startswith("bool_"):
            return _("{value} is not yes or no.").format(value=value)
        return _("{value} is not a valid value.").format(value=value)
    return message
