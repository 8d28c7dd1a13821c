"""theme — one of the subjects the committee works on (the convention names six)."""

from __future__ import annotations

from typing import Any

from cpne.kinds.common import TITLE
from cpne.kinds.spec import Field, Kind, Record, Shortcut, Shown, column, equals, shown_text, slug_ids


def _order(record: Record) -> tuple[Any, ...]:
    """Display order: by number, then id."""
    number = record.get("number")
    return (number if isinstance(number, int) else 10**9, str(record.get("id")))


KIND = Kind(
    name="theme",
    folder="themes",
    order=20,
    help="Themes of the committee's work: add, list, show, update, archive.",
    new_help="Add a theme (ID: a slug such as usages); writes, commits, prints the id.",
    ids=slug_ids("usages"),
    section="themes",
    fields=(
        Field(
            "number",
            "--number",
            ("number",),
            "int",
            "number (display order)",
            "Display order, unique (default: the next one).",
            "N",
        ),
        TITLE,
        Field("summary", "--summary", ("summary",), "text", "summary", "One-paragraph summary.", "TEXT", required=True),
        Field("description", "--description", ("description",), "text", "description", "Longer description.", "TEXT"),
        Field("status", "--status", ("status",), "choice", "status", "active or archived."),
    ),
    unsettable=("description",),
    defaults={"status": "active"},
    numbered="number",
    columns=(column("number", "number"), column("id", "id"), column("title", "title"), column("status", "status")),
    filters=(equals("status", "--status", "active or archived.", enum=("status",)),),
    shortcuts=(
        Shortcut(
            "archive",
            "The committee no longer works on a theme: status archived. Records that name it stay valid.",
            ("status",),
            value="archived",
        ),
    ),
    indexed=True,
    caption=lambda r: f"{r.get('number')}. {r.get('title', '')}",
    offer=lambda r: r.get("status") != "archived",
    sort_key=_order,
    register_columns=(
        shown_text("id"),
        Shown("number", "number", "number"),
        shown_text("title"),
        shown_text("status", "status_label"),
        shown_text("summary"),
    ),
)
