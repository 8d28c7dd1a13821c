"""The command reference (docs/reference.md), generated from the CLI's own help so it never goes stale.

``python -m cpne.cli.reference > docs/reference.md`` writes it; a test compares.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import typer.main

from cpne.cli.app import app

WIDTH = 100
HEADER = """# Command reference

Generated from `cpne --help` by `python -m cpne.cli.reference > docs/reference.md`;
a test fails when this page differs from the help of the installed commands.

Shell completion: `cpne --install-completion` installs it for the current
shell (bash, zsh, fish, PowerShell); `cpne --show-completion` prints the
script instead, to install it by hand.
"""


def _walk(command: Any, ctx: Any, path: list[str]) -> Iterator[tuple[list[str], Any, Any]]:
    yield path, command, ctx
    commands = getattr(command, "commands", None)
    if commands:
        for name in command.list_commands(ctx):
            sub = commands[name]
            if getattr(sub, "hidden", False):
                continue
            sub_ctx = sub.make_context(name, [], parent=ctx, resilient_parsing=True)
            yield from _walk(sub, sub_ctx, [*path, name])


def reference() -> str:
    """Every command's help, one section per command, in the order ``--help`` lists them."""
    os.environ["COLUMNS"] = str(WIDTH)
    os.environ["TERMINAL_WIDTH"] = str(WIDTH)
    root = typer.main.get_command(app)
    ctx = root.make_context("cpne", [], resilient_parsing=True, max_content_width=WIDTH, terminal_width=WIDTH)
    parts = [HEADER]
    for path, command, sub_ctx in _walk(root, ctx, ["cpne"]):
        level = "#" * min(len(path) + 1, 4)
        parts.append(f"\n{level} `{' '.join(path)}`\n\n```text\n{command.get_help(sub_ctx).rstrip()}\n```\n")
    return "".join(parts)


if __name__ == "__main__":
    print(reference(), end="")
