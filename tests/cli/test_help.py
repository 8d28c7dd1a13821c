"""Every command has its own --help, found from the app itself (what help imports: tests/cli/test_startup_imports.py).

The commands are not listed here by hand: a command added to the app is tested by being there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
import typer.main

from cpne.cli.app import app
from tests.conftest import run_cli


def walk(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Every visible command under ``command`` (itself included), with its path of names."""
    yield path, command
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        if not getattr(sub, "hidden", False):
            yield from walk(sub, (*path, name))


COMMANDS = dict(walk(typer.main.get_command(app)))


def squeezed(text: str) -> str:
    """Text without its white space: help wraps lines (and breaks words at hyphens)."""
    return "".join(text.split())


def test_the_walk_reaches_every_level() -> None:
    # `cpne`, its commands and groups, and the groups' commands (`cpne opinion new`); no empty group
    assert {len(path) for path in COMMANDS} == {0, 1, 2}
    for path, command in COMMANDS.items():
        if hasattr(command, "commands"):
            assert any(len(other) == len(path) + 1 and other[: len(path)] == path for other in COMMANDS), path


@pytest.mark.parametrize("path", sorted(COMMANDS), ids=lambda path: " ".join(path) or "cpne")
def test_every_command_has_its_own_help(path: tuple[str, ...]) -> None:
    command = COMMANDS[path]
    result = run_cli(*path, "--help")
    assert (result.exit_code, result.stderr) == (0, ""), result.stderr
    help_text = result.stdout
    assert help_text.startswith(f"Usage: {' '.join(('cpne', *path))} "), help_text
    summary = (command.help or "").split("\n\n")[0]
    assert summary.strip(), f"{' '.join(path)} has no help text"
    assert squeezed(summary) in squeezed(help_text)
    for param in command.params:
        if getattr(param, "hidden", False):
            continue
        if param.param_type_name == "argument":
            name = param.metavar or param.name
            assert re.search(rf"\b{re.escape(name)}\b", help_text.splitlines()[0], re.IGNORECASE), (name, help_text)
        else:
            assert max(param.opts, key=len) in help_text, (param.opts, help_text)
    for name, sub in getattr(command, "commands", {}).items():
        if not getattr(sub, "hidden", False):
            assert re.search(rf"^  {re.escape(name)}\b", help_text, re.MULTILINE), (name, help_text)


@pytest.mark.parametrize("path", [(), max(COMMANDS, key=len)], ids=["cpne", "deepest"])
def test_h_is_short_for_help(path: tuple[str, ...]) -> None:
    result = run_cli(*path, "-h")
    assert result.exit_code == 0
    assert result.stdout == run_cli(*path, "--help").stdout
