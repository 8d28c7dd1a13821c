"""referential — a national framework the committee examines (CARMO, CARINE, SDET, GAR, CRCN, …)."""

from __future__ import annotations

from cpne.i18n import N_, _
from cpne.kinds.common import NOTES, TEXT
from cpne.kinds.lifecycle import Violation
from cpne.kinds.spec import (
    Column,
    Field,
    Kind,
    Record,
    Reference,
    Shown,
    column,
    contains,
    equals,
    shown_text,
    slug_ids,
)
from cpne.kinds.values import VERSION, parse_version


def latest_version(record: Record) -> str:
    """The last version listed (versions are kept oldest first)."""
    versions = record.get("versions")
    if isinstance(versions, list) and versions and isinstance(versions[-1], dict):
        return str(versions[-1].get("version", ""))
    return ""


def _rules(record: Record) -> list[Violation]:
    out: list[Violation] = []
    status, successor = record.get("status"), record.get("superseded_by")
    if status == "superseded" and not successor:
        message = _("a superseded referential needs superseded_by (the id of its successor)")
        out.append(Violation(("status",), message, "superseded"))
    if status != "superseded" and successor:
        message = _("superseded_by is set but the status is '{status}'").format(status=status)
        out.append(Violation(("superseded_by",), message, "superseded"))
    if successor == record.get("id"):
        out.append(Violation(("superseded_by",), _("a referential cannot supersede itself"), "superseded"))
    return out


KIND = Kind(
    name="referential",
    folder="referentials",
    order=30,
    help=N_("National referentials examined by the committee: add, list, show, update."),
    new_help=N_("Add a referential (ID: a slug such as carmo); writes, commits, prints the id."),
    ids=slug_ids("gar"),
    section="referentials",
    references=(Reference(("superseded_by",), ("referential",)),),
    fields=(
        Field(
            "acronym",
            "--acronym",
            ("acronym",),
            "text",
            N_("acronym"),
            N_("Short name, e.g. CARMO."),
            TEXT,
            required=True,
        ),
        Field("title", "--title", ("title",), "text", N_("full title"), N_("Full title."), TEXT, required=True),
        Field(
            "owner",
            "--owner",
            ("owner",),
            "text",
            N_("owner (body responsible for it)"),
            N_("Body responsible for it."),
            TEXT,
            required=True,
        ),
        Field(
            "domains",
            "--domain",
            ("domains",),
            "choices",
            N_("domains"),
            N_("A domain it covers (repeatable)."),
            N_("DOMAIN"),
            required=True,
        ),
        Field("url", "--url", ("url",), "text", N_("web address"), N_("Web address (https://...)."), N_("URL")),
        Field(
            "versions",
            "--version",
            ("versions",),
            "items",
            N_("versions"),
            N_("A version, oldest first (repeatable)."),
            VERSION,
            parse=parse_version,
        ),
        Field(
            "add_versions",
            "--add-version",
            ("versions",),
            "append",
            N_("versions"),
            N_("Add a new (latest) version (repeatable)."),
            VERSION,
            parse=parse_version,
            commands=("update",),
        ),
        Field("status", "--status", ("status",), "choice", N_("status"), N_("active or superseded.")),
        Field(
            "superseded_by",
            "--superseded-by",
            ("superseded_by",),
            "ref",
            N_("successor"),
            N_("Its successor (superseded ones)."),
            N_("REFERENTIAL"),
            target=("referential",),
        ),
        NOTES,
    ),
    unsettable=("url", "versions", "superseded_by", "notes"),
    defaults={"status": "active"},
    columns=(
        column(N_("id"), "id"),
        column(N_("acronym"), "acronym"),
        column(N_("title"), "title"),
        column(N_("status"), "status"),
        Column(N_("latest version"), latest_version),
    ),
    filters=(
        equals("status", "--status", N_("active or superseded."), enum=("status",)),
        contains("domains", "--domain", N_("Only this domain."), enum=("domains",)),
    ),
    rules=_rules,
    indexed=True,
    short="acronym",
    caption=lambda r: " — ".join(str(r[k]) for k in ("acronym", "title") if r.get(k)),
    register_columns=(
        shown_text("id"),
        shown_text("acronym"),
        shown_text("title"),
        shown_text("owner"),
        shown_text("domains", "domains_text"),
        shown_text("versions", "versions_text"),
        shown_text("status", "status_label"),
        shown_text("superseded_by"),
        Shown("website", "url", "url"),
    ),
)
