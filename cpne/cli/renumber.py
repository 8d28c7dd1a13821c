"""``cpne renumber OLD NEW``: move a record to a free id (arrives with issue #3)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Nothing yet: the command arrives with issue #3."""
    del app
