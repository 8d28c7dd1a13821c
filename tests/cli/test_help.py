"""Every record command has --help (what help imports: tests/cli/test_startup_imports.py)."""

from __future__ import annotations

import pytest

from tests.conftest import run_cli

COMMANDS = {
    "partner": ["add", "list", "show", "update", "retire"],
    "theme": ["add", "list", "show", "update", "archive"],
    "referential": ["add", "list", "show", "update"],
    "opinion": ["new", "list", "show", "update", "set-status", "edit", "history"],
    "review": ["new", "list", "show", "update", "set-status", "edit", "history"],
}


@pytest.mark.parametrize("group", sorted(COMMANDS))
def test_every_command_has_help(group: str) -> None:
    top = run_cli(group, "--help")
    assert top.exit_code == 0
    for command in COMMANDS[group]:
        assert command in top.stdout
        result = run_cli(group, command, "--help")
        assert result.exit_code == 0, (group, command, result.stderr)
        assert "--help" in result.stdout


def test_renumber_has_help() -> None:
    result = run_cli("renumber", "--help")
    assert result.exit_code == 0
    assert "OLD" in result.stdout and "NEW" in result.stdout
