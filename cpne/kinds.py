"""The five kinds of record: folder, id pattern, schema file, and what each one references.

This table is the single place that says how kinds relate; validation, id
allocation, renumbering and exports all read it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SLUG_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
OPINION_ID_RE = re.compile(r"^OP-(\d{4})-(\d{3})$")
REVIEW_ID_RE = re.compile(r"^REV-(\d{4})-(\d{3})$")


@dataclass(frozen=True)
class Reference:
    """A field of a record that names records of other kinds.

    ``path`` is a tuple of keys; ``"*"`` stands for every item of a list.
    """

    path: tuple[str, ...]
    targets: tuple[str, ...]


@dataclass(frozen=True)
class Kind:
    """One kind of record."""

    name: str
    folder: str
    id_re: re.Pattern[str]
    id_example: str
    references: tuple[Reference, ...] = field(default=())
    id_prefix: str | None = None  # OP / REV for sequential ids

    @property
    def schema_file(self) -> str:
        return f"{self.name}.schema.json"

    @property
    def data_dir(self) -> str:
        return f"data/{self.folder}"

    def valid_id(self, value: str) -> bool:
        return bool(self.id_re.match(value))


PARTNER = Kind("partner", "partners", SLUG_RE, "amf")
THEME = Kind("theme", "themes", SLUG_RE, "usages")
REFERENTIAL = Kind(
    "referential",
    "referentials",
    SLUG_RE,
    "gar",
    references=(Reference(("superseded_by",), ("referential",)),),
)
OPINION = Kind(
    "opinion",
    "opinions",
    OPINION_ID_RE,
    "OP-2026-001",
    references=(
        Reference(("themes", "*"), ("theme",)),
        Reference(("rapporteurs", "*"), ("partner",)),
        Reference(("referral", "by"), ("partner",)),
        Reference(("decision", "positions", "*", "partner"), ("partner",)),
        Reference(("related", "*"), ("opinion", "review")),
    ),
    id_prefix="OP",
)
REVIEW = Kind(
    "review",
    "reviews",
    REVIEW_ID_RE,
    "REV-2026-001",
    references=(
        Reference(("referential",), ("referential",)),
        Reference(("themes", "*"), ("theme",)),
        Reference(("rapporteurs", "*"), ("partner",)),
        Reference(("outcome",), ("opinion",)),
    ),
    id_prefix="REV",
)

KINDS: dict[str, Kind] = {k.name: k for k in (PARTNER, THEME, REFERENTIAL, OPINION, REVIEW)}
KIND_BY_FOLDER: dict[str, Kind] = {k.folder: k for k in KINDS.values()}


def kind_of_id(record_id: str) -> Kind | None:
    """The kind a sequential id belongs to (opinion, review), or None for slugs."""
    if OPINION_ID_RE.match(record_id):
        return OPINION
    if REVIEW_ID_RE.match(record_id):
        return REVIEW
    return None


def kind_of_path(relpath: str) -> Kind | None:
    """The kind of a repository-relative record path (``data/<folder>/<id>.yaml``), or None."""
    parts = relpath.split("/")
    if len(parts) != 3 or parts[0] != "data" or not parts[2].endswith(".yaml"):
        return None
    return KIND_BY_FOLDER.get(parts[1])
