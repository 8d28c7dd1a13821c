"""The command reference (docs/reference.md in French, docs/reference.en.md in English), generated from the CLI's
own help so it never goes stale.

``python -m cpne.cli.reference fr > docs/reference.md`` and ``python -m cpne.cli.reference en >
docs/reference.en.md`` write them; a test compares. The help is built in the language of the process
(help texts are read when the app is built): each page is made by its own process.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from typing import Any

from cpne import i18n
from cpne.i18n import N_, _

WIDTH = 100
PAGES = {"fr": "docs/reference.md", "en": "docs/reference.en.md"}
TITLE = N_("Command reference")
INTRO = N_(
    "Generated from `cpne --help` by `python -m cpne.cli.reference {language} > {page}`;\n"
    "a test fails when this page differs from the help of the installed commands.\n"
    "The same reference in the other language: [{other}]({other_file})."
)
COMPLETION = N_(
    "Shell completion: `cpne --install-completion` installs it for the current\n"
    "shell (bash, zsh, fish, PowerShell); `cpne --show-completion` prints the\n"
    "script instead, to install it by hand."
)
LANGUAGE_NAMES = {"fr": "français", "en": "English"}


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


def _header() -> str:
    language = i18n.current()
    other = "en" if language == "fr" else "fr"
    intro = _(INTRO).format(
        language=language,
        page=PAGES[language],
        other=LANGUAGE_NAMES[other],
        other_file=os.path.basename(PAGES[other]),
    )
    return f"# {_(TITLE)}\n\n{intro}\n\n{_(COMPLETION)}\n"


def reference() -> str:
    """Every command's help, one section per command, in the order ``--help`` lists them (the process's language)."""
    import typer.main

    from cpne.cli.app import app

    os.environ["COLUMNS"] = str(WIDTH)
    os.environ["TERMINAL_WIDTH"] = str(WIDTH)
    root = typer.main.get_command(app)
    ctx = root.make_context("cpne", [], resilient_parsing=True, max_content_width=WIDTH, terminal_width=WIDTH)
    parts = [_header()]
    for path, command, sub_ctx in _walk(root, ctx, ["cpne"]):
        level = "#" * min(len(path) + 1, 4)
        parts.append(f"\n{level} `{' '.join(path)}`\n\n```text\n{command.get_help(sub_ctx).rstrip()}\n```\n")
    return "".join(parts)


def main(argv: Sequence[str]) -> int:
    language = argv[0] if argv else i18n.DEFAULT
    if language not in PAGES:
        print(f"usage: python -m cpne.cli.reference [{'|'.join(PAGES)}]", file=sys.stderr)
        return 2
    i18n.use(language)  # before the app is built: its help is in that language
    sys.stdout.write(reference())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
