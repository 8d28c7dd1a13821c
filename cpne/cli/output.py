"""The one output sink: results to stdout, messages to stderr, colour only on a terminal without NO_COLOR.

Tables and panels are drawn with rich when stdout is a terminal, and as plain aligned
text otherwise (so that ``cpne opinion list | grep`` sees no box characters). Messages
go through rich only when stderr is a terminal: scripts pay nothing for it.

Values come from records, file names and commits: control characters in them (an escape
sequence, a NUL) are shown escaped (``\x1b``) in tables, panels, CSV cells and messages,
and JSON escapes them all; a terminal never receives one raw. :func:`result` alone writes
what it is given as it is (documents: exports, a record's YAML).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from cpne.i18n import _
from cpne.records.text import escape_controls, json_safe

if TYPE_CHECKING:
    from rich.console import Console


def _no_color() -> bool:
    """NO_COLOR (https://no-color.org) set to anything: no escape sequences at all (no colour, no bold)."""
    return bool(os.environ.get("NO_COLOR"))


@cache
def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, color_system=None if _no_color() else "auto", soft_wrap=True)


@cache
def out_console() -> Console:
    from rich.console import Console

    return Console(highlight=False, color_system=None if _no_color() else "auto", soft_wrap=True)


def stdout_is_terminal() -> bool:
    return sys.stdout.isatty()


def _stderr_is_terminal() -> bool:
    return sys.stderr.isatty()


def result(text: str) -> None:
    """Write a command's result (data, exports, reports) to stdout, as is."""
    sys.stdout.write(text)
    sys.stdout.flush()


def message(text: str, *, style: str | None = None) -> None:
    """Write a message or a summary to stderr (control characters escaped, but line breaks and tabs)."""
    text = escape_controls(text, keep="\n\t")
    if not _stderr_is_terminal():
        sys.stderr.write(text + "\n")
        sys.stderr.flush()
        return
    err_console().print(text, style=style, markup=False)


def warning(text: str) -> None:
    message(_("warning: {message}").format(message=text), style="yellow")


def error(text: str, hint: str | None = None) -> None:
    """Write an error (and its hint) to stderr."""
    message(_("error: {message}").format(message=text), style="bold red")
    if hint:
        message(_("hint: {message}").format(message=hint), style="yellow")


def as_json(data: Any) -> None:
    """A JSON document on stdout (UTF-8, accents as written)."""
    result(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def as_csv(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """CSV on stdout; in cells, control characters escaped but line breaks and tabs (CSV quotes them)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([_cell(c) for c in columns])
    writer.writerows([_cell(c) for c in row] for row in rows)
    result(buffer.getvalue())


def _cell(value: str) -> str:
    return escape_controls(value, keep="\n\t")


def _one_line(value: str) -> str:
    return escape_controls(" ".join(value.split()))


def table(columns: Sequence[str], rows: Sequence[Sequence[str]], *, title: str | None = None) -> None:
    """A table on stdout: rich on a terminal, plain aligned columns otherwise."""
    if stdout_is_terminal():
        from rich import box
        from rich.table import Table

        grid = Table(title=title, box=box.SIMPLE_HEAD, header_style="bold", title_justify="left")
        for name in columns:
            grid.add_column(_escape(name), overflow="fold")
        for row in rows:
            grid.add_row(*[_escape(c) for c in row])
        out_console().print(grid)
        return
    columns = [_one_line(name) for name in columns]
    cells = [[_one_line(c) for c in row] for row in rows]
    widths = [max([len(name)] + [len(row[i]) for row in cells]) for i, name in enumerate(columns)]
    lines = ["  ".join(name.ljust(w) for name, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines.extend("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells)
    result("".join(line + "\n" for line in lines))


def panel(title: str, rows: Sequence[tuple[str, str]]) -> None:
    """One record, field by field: a rich panel on a terminal, indented plain text otherwise."""
    if stdout_is_terminal():
        from rich.panel import Panel
        from rich.table import Table

        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column(overflow="fold")
        for label, value in rows:
            grid.add_row(_escape(label), _escape(value))
        out_console().print(Panel(grid, title=_escape(title), title_align="left", expand=False))
        return
    title = escape_controls(title)
    rows = [(escape_controls(label), _cell(value)) for label, value in rows]
    width = max((len(label) for label, _ in rows), default=0)
    lines = [title, "=" * len(title)]
    for label, value in rows:
        first, *rest = value.split("\n") if value else [""]
        lines.append(f"{label.ljust(width)}  {first}".rstrip())
        lines.extend(f"{' ' * width}  {line}".rstrip() for line in rest)
    result("".join(line + "\n" for line in lines))


def _escape(text: str) -> str:
    """A value for rich: control characters escaped (but line breaks and tabs), markup escaped."""
    from rich.markup import escape

    return escape(escape_controls(text, keep="\n\t"))
