"""theme — one of the subjects the committee works on (the convention names six)."""

from __future__ import annotations

from typing import Any

from cpne.i18n import N_
from cpne.kinds.common import TEXT, TITLE
from cpne.kinds.spec import Field, Kind, Record, Shortcut, Shown, column, equals, shown_text, slug_ids


def _order(record: Record) -> tuple[Any, ...]:
    """Display order: by number, then id."""
    number = record.get("number")
    return (number if isinstance(number, int) else 10**9, str(record.get("id")))


KIND = Kind(
    name="theme",
    folder="themes",
    order=20,
    help=N_("Themes of the committee's work: add, list, show, update, archive."),
    new_help=N_("Add a theme (ID: a slug such as usages); writes, commits, prints the id."),
    ids=slug_ids("usages"),
    section="themes",
    fields=(
        Field(
            "number",
            "--number",
            ("number",),
            "int",
            N_("number (display order)"),
            N_("Display order, unique (default: the next one)."),
            N_("N"),
        ),
        TITLE,
        Field(
            "summary",
            "--summary",
            ("summary",),
            "text",
            N_("summary"),
            N_("One-paragraph summary."),
            TEXT,
            required=True,
        ),
        Field(
            "description",
            "--description",
            ("description",),
            "text",
            N_("description"),
            N_("Longer description."),
            TEXT,
        ),
        Field("status", "--status", ("status",), "choice", N_("status"), N_("active or archived.")),
    ),
    unsettable=("description",),
    defaults={"status": "active"},
    numbered="number",
    columns=(
        column(N_("number"), "number"),
        column(N_("id"), "id"),
        column(N_("title"), "title"),
        column(N_("status"), "status"),
    ),
    filters=(equals("status", "--status", N_("active or archived."), enum=("status",)),),
    shortcuts=(
        Shortcut(
            "archive",
            N_("The committee no longer works on a theme: status archived. Records that name it stay valid."),
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
