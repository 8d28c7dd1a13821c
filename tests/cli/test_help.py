"""Every record command has --help, and help never imports the heavy libraries."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import run_cli

COMMANDS = {
    "partner": ["add", "list", "show", "update", "retire"],
    "theme": ["add", "list", "show", "update", "archive"],
    "referential": ["add", "list", "show", "update"],
    "opinion": ["new", "list", "show", "update", "set-status", "edit", "history"],
    "review": ["new", "list", "show", "update", "set-status", "edit", "history"],
}

PROBE = """
import json, sys
sys.argv = ["cpne", *json.loads(sys.argv[1])]
from cpne.cli.app import main
try:
    main()
except SystemExit:
    pass
heavy = ("git", "jsonschema", "jinja2", "yaml", "cpne.ops.workspace", "cpne.validation.runner")
print(json.dumps(sorted(m for m in heavy if m in sys.modules)), file=sys.stderr)
"""


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


@pytest.mark.parametrize(
    "args", [["--help"], ["opinion", "--help"], ["opinion", "new", "--help"], ["renumber", "--help"]]
)
def test_help_imports_no_heavy_library(args: list[str]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []
