"""docs/reference.md is the CLI's own help, and documents every command."""

from __future__ import annotations

from pathlib import Path

import typer.main

from cpne.cli.app import app
from cpne.cli.reference import reference

PROJECT = Path(__file__).resolve().parents[2]


def test_reference_is_up_to_date() -> None:
    committed = (PROJECT / "docs/reference.md").read_text(encoding="utf-8")
    assert committed == reference(), "run: python -m cpne.cli.reference > docs/reference.md"


def test_every_command_is_documented() -> None:
    text = (PROJECT / "docs/reference.md").read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    names = []
    for name, command in getattr(root, "commands", {}).items():
        names.append(f"cpne {name}")
        names.extend(f"cpne {name} {sub}" for sub in getattr(command, "commands", {}))
    assert names
    for name in names:
        assert f"`{name}`" in text, f"{name} is missing from docs/reference.md"
