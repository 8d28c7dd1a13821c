"""The one output sink: results to stdout, messages to stderr, colour only on a terminal without NO_COLOR."""

from __future__ import annotations

import os
import sys
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console


@cache
def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, no_color=bool(os.environ.get("NO_COLOR")), soft_wrap=True)


@cache
def out_console() -> Console:
    from rich.console import Console

    return Console(highlight=False, no_color=bool(os.environ.get("NO_COLOR")), soft_wrap=True)


def result(text: str) -> None:
    """Write a command's result (data, exports, reports) to stdout, as is."""
    sys.stdout.write(text)
    sys.stdout.flush()


def message(text: str, *, style: str | None = None) -> None:
    """Write a message or a summary to stderr."""
    err_console().print(text, style=style, markup=False)


def error(text: str, hint: str | None = None) -> None:
    """Write an error (and its hint) to stderr."""
    err_console().print(f"error: {text}", style="bold red", markup=False)
    if hint:
        err_console().print(f"hint: {hint}", style="yellow", markup=False)
