"""review — the committee's review of one version of a national referential."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from cpne.i18n import N_, _
from cpne.kinds.common import NOTES, RAPPORTEURS, SUMMARY, TEXT, THEMES, TITLE
from cpne.kinds.lifecycle import Lifecycle, Violation
from cpne.kinds.spec import (
    CrossIssue,
    Field,
    Index,
    Kind,
    Record,
    Reference,
    column,
    contains,
    equals,
    sequential_ids,
    shown_date,
    shown_text,
    statuses,
    year,
)
from cpne.kinds.values import DATE

LIFECYCLE = Lifecycle(
    initial="planned",
    transitions={
        "planned": ("in-progress", "abandoned"),
        "in-progress": ("concluded", "abandoned"),
        "concluded": (),
        "abandoned": (),
    },
    required_dates={
        "planned": ("opened",),
        "in-progress": ("opened",),
        "concluded": ("opened", "concluded"),
        "abandoned": ("opened",),
    },
    date_of={"in-progress": "started", "concluded": "concluded"},
    date_order=("opened", "started", "concluded"),
    forbidden_dates={
        "planned": ("started", "concluded"),
        "in-progress": ("concluded",),
        "abandoned": ("concluded",),
    },
    kind="review",
)


def _rules(record: Record) -> list[Violation]:
    """A concluded review says what it found: findings, or the opinion that came out of it."""
    if record.get("status") == "concluded" and not record.get("findings") and not record.get("outcome"):
        return [Violation(("status",), _("a concluded review needs findings or an outcome (the resulting opinion)"))]
    return []


def _cross(record: Record, index: Index) -> Iterator[CrossIssue]:
    """The version reviewed is one the referential lists, and the latest while the review goes on."""
    referential = index.get("referential", record.get("referential", ""))
    if referential is None:
        return
    versions = [v.get("version") for v in referential.get("versions") or [] if isinstance(v, Mapping)]
    version = record.get("version")
    if not versions:
        return
    if version not in versions:
        message = _("version '{version}' is not listed in referential '{referential}' (known: {known})")
        known = ", ".join(map(str, versions))
        yield CrossIssue(
            ("version",),
            "unknown-version",
            message.format(version=version, referential=referential.get("id"), known=known),
            warning=True,
        )
    elif version != versions[-1] and not LIFECYCLE.is_final(str(record.get("status"))):
        message = _("reviews version '{version}' but the latest version of '{referential}' is '{latest}'")
        yield CrossIssue(
            ("version",),
            "outdated-version",
            message.format(version=version, referential=referential.get("id"), latest=versions[-1]),
            warning=True,
        )


def _known_versions(read: Callable[[str, str], Record | None], values: Mapping[str, Any]) -> list[str]:
    """The versions of the referential chosen, to pick from (the latest is the default)."""
    referential = values.get("referential")
    data = read("referential", referential) if isinstance(referential, str) else None
    if data is None:
        return []
    return [str(v["version"]) for v in data.get("versions") or [] if isinstance(v, dict) and "version" in v]


KIND = Kind(
    name="review",
    folder="reviews",
    order=50,
    help=N_("Reviews of national referentials: new, list, show, update, set-status, edit, history."),
    new_verb="new",
    new_help=N_("New review (status planned): allocates the next free id, writes, commits, prints the id."),
    ids=sequential_ids("REV", ("dates", "opened")),
    section="reviews",
    references=(
        Reference(("referential",), ("referential",)),
        Reference(("themes", "*"), ("theme",)),
        Reference(("rapporteurs", "*"), ("partner",)),
        Reference(("outcome",), ("opinion",)),
    ),
    fields=(
        TITLE,
        Field(
            "referential",
            "--referential",
            ("referential",),
            "ref",
            N_("referential reviewed"),
            N_("Id of the referential reviewed."),
            N_("REFERENTIAL"),
            target=("referential",),
            required=True,
        ),
        Field(
            "version",
            "--version",
            ("version",),
            "text",
            N_("version reviewed"),
            N_("Version reviewed (asked with the known versions)."),
            TEXT,
            required=True,
            suggest=_known_versions,
        ),
        THEMES,
        RAPPORTEURS,
        Field(
            "date",
            "--date",
            ("dates", "opened"),
            "date",
            N_("opening date"),
            N_("Opening date (default: today)."),
            DATE,
        ),
        SUMMARY,
        Field("findings", "--finding", ("findings",), "texts", N_("findings"), N_("A finding (repeatable)."), TEXT),
        Field(
            "recommendations",
            "--recommendation",
            ("recommendations",),
            "texts",
            N_("recommendations"),
            N_("A recommendation (repeatable)."),
            TEXT,
        ),
        Field(
            "outcome",
            "--outcome",
            ("outcome",),
            "ref",
            N_("resulting opinion"),
            N_("The opinion issued from it."),
            N_("OPINION"),
            target=("opinion",),
        ),
        NOTES,
    ),
    lifecycle=LIFECYCLE,
    unsettable=("summary", "findings", "recommendations", "outcome", "notes", "dates.started", "dates.concluded"),
    settable_dates=("opened", "started", "concluded"),
    rules=_rules,
    cross=_cross,
    cross_reads=frozenset({"version", "status"}),
    columns=(
        column(N_("id"), "id"),
        column(N_("referential"), "referential"),
        column(N_("version"), "version"),
        column(N_("status"), "status"),
        column(N_("opened"), "dates", "opened"),
        column(N_("title"), "title"),
    ),
    filters=(
        statuses(N_("Only this status (repeatable): {choices}.")),
        contains("themes", "--theme", N_("Only this theme."), metavar=N_("THEME")),
        year(N_("Only reviews opened this year."), ("dates", "opened")),
        equals("referential", "--referential", N_("Only this referential."), metavar=N_("REFERENTIAL")),
    ),
    register_columns=(
        shown_text("number", "id"),
        shown_text("title"),
        shown_text("referential", "referential.label"),
        shown_text("version"),
        shown_text("status", "status_label"),
        shown_text("themes", "themes_text"),
        shown_text("rapporteurs", "rapporteurs_text"),
        shown_date("date_name.opened", "dates.opened"),
        shown_date("date_name.concluded", "dates.concluded"),
        shown_text("outcome", "outcome.id"),
    ),
)
