"""event — a throwaway kind defined by a schema and this spec only, to show that nothing else is needed."""

from __future__ import annotations

from pathlib import Path

from cpne.kinds.lifecycle import Lifecycle
from cpne.kinds.spec import Field, Kind, Reference, column, contains, equals, sequential_ids, statuses, year

KIND = Kind(
    name="event",
    folder="events",
    order=60,
    help="Events: new, list, show, update, set-status, edit, history.",
    new_verb="new",
    new_help="New event (status planned); prints its id.",
    ids=sequential_ids("EV", ("dates", "announced")),
    section="events",
    references=(Reference(("themes", "*"), ("theme",)), Reference(("partners", "*"), ("partner",))),
    fields=(
        Field("title", "--title", ("title",), "text", "title", "Title.", "TEXT", required=True),
        Field("format", "--format-of-event", ("format",), "choice", "format", "On site or online."),
        Field(
            "themes",
            "--theme",
            ("themes",),
            "refs",
            "themes",
            "Theme (repeatable).",
            "THEME",
            target=("theme",),
            required=True,
        ),
        Field(
            "partners",
            "--partner",
            ("partners",),
            "refs",
            "partners",
            "Partner (repeatable).",
            "PARTNER",
            target=("partner",),
        ),
        Field("date", "--date", ("dates", "announced"), "date", "date announced", "Date announced.", "YYYY-MM-DD"),
        Field("place", "--place", ("place",), "text", "place", "Place.", "TEXT"),
        Field("notes", "--notes", ("notes",), "text", "notes", "Notes.", "TEXT"),
    ),
    lifecycle=Lifecycle(
        initial="planned",
        transitions={"planned": ("held", "cancelled"), "held": (), "cancelled": ()},
        required_dates={"planned": ("announced",), "held": ("announced", "held"), "cancelled": ("announced",)},
        date_of={"held": "held"},
        date_order=("announced", "held"),
        forbidden_dates={"planned": ("held",), "cancelled": ("held",)},
    ),
    unsettable=("place", "notes", "partners"),
    settable_dates=("announced", "held"),
    columns=(column("id", "id"), column("status", "status"), column("title", "title")),
    filters=(
        statuses("Only this status (repeatable): {choices}."),
        contains("themes", "--theme", "Only this theme.", metavar="THEME"),
        equals("format", "--format-of-event", "On site or online.", enum=("format",)),
        year("Only events announced this year.", ("dates", "announced")),
    ),
    schema_dir=Path(__file__).resolve().parent,
)
