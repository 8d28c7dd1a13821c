"""referential — a national framework the committee examines (CARMO, CARINE, SDET, GAR, CRCN, …)."""

from __future__ import annotations

from cpne.kinds.common import NOTES
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
from cpne.kinds.values import parse_version


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
        out.append(
            Violation(
                ("status",), "a superseded referential needs superseded_by (the id of its successor)", "superseded"
            )
        )
    if status != "superseded" and successor:
        out.append(Violation(("superseded_by",), f"superseded_by is set but the status is '{status}'", "superseded"))
    if successor == record.get("id"):
        out.append(Violation(("superseded_by",), "a referential cannot supersede itself", "superseded"))
    return out


KIND = Kind(
    name="referential",
    folder="referentials",
    order=30,
    help="National referentials examined by the committee: add, list, show, update.",
    new_help="Add a referential (ID: a slug such as carmo); writes, commits, prints the id.",
    ids=slug_ids("gar"),
    section="referentials",
    references=(Reference(("superseded_by",), ("referential",)),),
    fields=(
        Field(
            "acronym", "--acronym", ("acronym",), "text", "acronym", "Short name, e.g. CARMO.", "TEXT", required=True
        ),
        Field("title", "--title", ("title",), "text", "full title", "Full title.", "TEXT", required=True),
        Field(
            "owner",
            "--owner",
            ("owner",),
            "text",
            "owner (body responsible for it)",
            "Body responsible for it.",
            "TEXT",
            required=True,
        ),
        Field(
            "domains",
            "--domain",
            ("domains",),
            "choices",
            "domains",
            "A domain it covers (repeatable).",
            "DOMAIN",
            required=True,
        ),
        Field("url", "--url", ("url",), "text", "web address", "Web address (https://...).", "URL"),
        Field(
            "versions",
            "--version",
            ("versions",),
            "items",
            "versions",
            "A version, oldest first (repeatable).",
            "VERSION[|DATE]",
            parse=parse_version,
        ),
        Field(
            "add_versions",
            "--add-version",
            ("versions",),
            "append",
            "versions",
            "Add a new (latest) version (repeatable).",
            "VERSION[|DATE]",
            parse=parse_version,
            commands=("update",),
        ),
        Field("status", "--status", ("status",), "choice", "status", "active or superseded."),
        Field(
            "superseded_by",
            "--superseded-by",
            ("superseded_by",),
            "ref",
            "successor",
            "Its successor (superseded ones).",
            "REFERENTIAL",
            target=("referential",),
        ),
        NOTES,
    ),
    unsettable=("url", "versions", "superseded_by", "notes"),
    defaults={"status": "active"},
    columns=(
        column("id", "id"),
        column("acronym", "acronym"),
        column("title", "title"),
        column("status", "status"),
        Column("latest version", latest_version),
    ),
    filters=(
        equals("status", "--status", "active or superseded.", enum=("status",)),
        contains("domains", "--domain", "Only this domain.", enum=("domains",)),
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
