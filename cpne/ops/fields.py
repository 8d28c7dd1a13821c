"""What the command line can set on each kind of record, and how a value typed as text is checked.

One table per kind: each :class:`Field` says which option sets it, where it goes in
the record, what it must look like, whether ``add``/``new`` needs it (and so prompts
for it on a terminal), and which records it may name. The CLI passes the values it
received as a mapping ``{field key: value}`` (None or an empty list when not given);
:func:`apply_values` checks them and puts them in a record.

Pure Python: no YAML, git or schema library is imported here (``cpne --help`` loads this).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, get_args

from cpne.errors import UsageError

DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

PartnerCategory = Literal[
    "elected-officials-association", "network", "public-institution", "ministry", "company", "other"
]
Membership = Literal["signatory", "associated"]
ThemeStatus = Literal["active", "archived"]
ReferentialDomain = Literal["resources", "equipment", "uses", "training"]
ReferentialStatus = Literal["active", "superseded"]
OpinionKind = Literal["opinion", "recommendation", "contribution"]
ReferralOrigin = Literal["self", "member", "government"]
DecisionMode = Literal["consensus", "vote"]
OpinionStatus = Literal["draft", "consultation", "adopted", "published", "withdrawn"]
ReviewStatus = Literal["planned", "in-progress", "concluded", "abandoned"]

PARTNER_CATEGORIES: tuple[str, ...] = get_args(PartnerCategory)
MEMBERSHIPS: tuple[str, ...] = get_args(Membership)
THEME_STATUSES: tuple[str, ...] = get_args(ThemeStatus)
REFERENTIAL_DOMAINS: tuple[str, ...] = get_args(ReferentialDomain)
REFERENTIAL_STATUSES: tuple[str, ...] = get_args(ReferentialStatus)
OPINION_KINDS: tuple[str, ...] = get_args(OpinionKind)
REFERRAL_ORIGINS: tuple[str, ...] = get_args(ReferralOrigin)
DECISION_MODES: tuple[str, ...] = get_args(DecisionMode)
POSITIONS = ("for", "against", "abstain", "not-voting")
OPINION_DATES = ("created", "referred", "consultation", "adopted", "published", "withdrawn")
REVIEW_DATES = ("opened", "concluded")


def today() -> str:
    """Today's date as ``YYYY-MM-DD`` (records never hold date objects)."""
    return date.today().isoformat()


def check_date(value: str, option: str) -> str:
    """``value`` if it is a real date written ``YYYY-MM-DD``; a UsageError naming ``option`` otherwise."""
    value = value.strip()
    if not DATE_RE.match(value):
        raise UsageError(f"{option}: '{value}' is not a date (write YYYY-MM-DD, e.g. {today()})")
    try:
        date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option}: '{value}' is not a real date (write YYYY-MM-DD)") from None
    return value


def _parts(raw: str, option: str, shape: str, least: int, most: int) -> list[str]:
    parts = [p.strip() for p in raw.split("|")]
    if not least <= len(parts) <= most or not all(parts[:least]):
        raise UsageError(f"{option}: '{raw}' is not of the form {shape}")
    return parts


def parse_former_name(raw: str, option: str) -> dict[str, Any]:
    name, until = raw.rsplit("|", 1) if "|" in raw else (raw, "")
    if not name.strip() or not until.strip():
        raise UsageError(f"{option}: '{raw}' is not of the form 'NAME|UNTIL' (UNTIL a date YYYY-MM-DD)")
    return {"name": name.strip(), "until": check_date(until, option)}


def parse_representative(raw: str, option: str) -> dict[str, Any]:
    parts = _parts(raw, option, "'NAME|ROLE[|SINCE[|UNTIL]]'", 2, 4)
    item: dict[str, Any] = {"name": parts[0], "role": parts[1]}
    for name, value in zip(("since", "until"), parts[2:], strict=False):
        if value:
            item[name] = check_date(value, option)
    return item


def parse_position(raw: str, option: str) -> dict[str, Any]:
    parts = _parts(raw, option, "'PARTNER|POSITION[|NOTE]'", 2, 3)
    if parts[1] not in POSITIONS:
        raise UsageError(f"{option}: position '{parts[1]}' is not one of: {', '.join(POSITIONS)}")
    item: dict[str, Any] = {"partner": parts[0], "position": parts[1]}
    if len(parts) == 3 and parts[2]:
        item["note"] = parts[2]
    return item


def parse_reference(raw: str, option: str) -> dict[str, Any]:
    title, url = raw.rsplit("|", 1) if "|" in raw else ("", raw)
    if not title.strip() or not url.strip():
        raise UsageError(f"{option}: '{raw}' is not of the form 'TITLE|URL'")
    return {"title": title.strip(), "url": url.strip()}


def parse_version(raw: str, option: str) -> dict[str, Any]:
    parts = _parts(raw, option, "'VERSION[|DATE]'", 1, 2)
    item: dict[str, Any] = {"version": parts[0]}
    if len(parts) == 2 and parts[1]:
        item["date"] = check_date(parts[1], option)
    return item


@dataclass(frozen=True)
class Field:
    """One settable field of a kind."""

    key: str  # key in the values mapping (the CLI's parameter name)
    option: str  # the option a user types
    path: tuple[str, ...]  # where the value goes in the record
    type: str  # text | date | int | choice | choices | ref | refs | texts | items | append
    label: str  # how prompts and messages name it
    choices: tuple[str, ...] = ()
    target: tuple[str, ...] = ()  # kinds a ref/refs field names
    required: bool = False  # add/new needs it: prompted on a terminal, refused otherwise
    required_if: Callable[[Mapping[str, Any]], bool] | None = None  # needed given the other values
    parse: Callable[[str, str], dict[str, Any]] | None = None  # items/append: one text -> one item

    @property
    def is_list(self) -> bool:
        return self.type in ("choices", "refs", "texts", "items", "append")

    def needed(self, values: Mapping[str, Any]) -> bool:
        return self.required or (self.required_if is not None and self.required_if(values))


def _signatory(values: Mapping[str, Any]) -> bool:
    return values.get("membership") == "signatory"


PARTNER_FIELDS = (
    Field("acronym", "--acronym", ("acronym",), "text", "acronym", required=True),
    Field("name", "--name", ("name",), "text", "current official name", required=True),
    Field("category", "--category", ("category",), "choice", "category", PARTNER_CATEGORIES, required=True),
    Field("membership", "--membership", ("membership",), "choice", "membership", MEMBERSHIPS, required=True),
    Field(
        "signed_as",
        "--signed-as",
        ("signed_as",),
        "text",
        "name under which it signed the convention",
        required_if=_signatory,
    ),
    Field("joined", "--joined", ("joined",), "date", "date it joined (YYYY-MM-DD)", required=True),
    Field("left", "--left", ("left",), "date", "date it left"),
    Field("website", "--website", ("website",), "text", "website"),
    Field("former_names", "--former-name", ("former_names",), "items", "former names", parse=parse_former_name),
    Field(
        "representatives",
        "--representative",
        ("representatives",),
        "items",
        "representatives",
        parse=parse_representative,
    ),
    Field(
        "add_representatives",
        "--add-representative",
        ("representatives",),
        "append",
        "representatives",
        parse=parse_representative,
    ),
    Field("notes", "--notes", ("notes",), "text", "notes"),
)

THEME_FIELDS = (
    Field("number", "--number", ("number",), "int", "number (display order)"),
    Field("title", "--title", ("title",), "text", "title", required=True),
    Field("summary", "--summary", ("summary",), "text", "summary", required=True),
    Field("description", "--description", ("description",), "text", "description"),
    Field("status", "--status", ("status",), "choice", "status", THEME_STATUSES),
)

REFERENTIAL_FIELDS = (
    Field("acronym", "--acronym", ("acronym",), "text", "acronym", required=True),
    Field("title", "--title", ("title",), "text", "full title", required=True),
    Field("owner", "--owner", ("owner",), "text", "owner (body responsible for it)", required=True),
    Field("domains", "--domain", ("domains",), "choices", "domains", REFERENTIAL_DOMAINS, required=True),
    Field("url", "--url", ("url",), "text", "web address"),
    Field("versions", "--version", ("versions",), "items", "versions", parse=parse_version),
    Field("add_versions", "--add-version", ("versions",), "append", "versions", parse=parse_version),
    Field("status", "--status", ("status",), "choice", "status", REFERENTIAL_STATUSES),
    Field("superseded_by", "--superseded-by", ("superseded_by",), "ref", "successor", target=("referential",)),
    Field("notes", "--notes", ("notes",), "text", "notes"),
)

OPINION_FIELDS = (
    Field("title", "--title", ("title",), "text", "title", required=True),
    Field("kind", "--kind", ("kind",), "choice", "kind", OPINION_KINDS, required=True),
    Field("themes", "--theme", ("themes",), "refs", "themes", target=("theme",), required=True),
    Field("rapporteurs", "--rapporteur", ("rapporteurs",), "refs", "rapporteurs", target=("partner",), required=True),
    Field("origin", "--origin", ("referral", "origin"), "choice", "origin of the referral", REFERRAL_ORIGINS),
    Field("referred_by", "--referred-by", ("referral", "by"), "ref", "referring partner", target=("partner",)),
    Field("date", "--date", ("dates", "created"), "date", "creation date"),
    Field("referred", "--referred", ("dates", "referred"), "date", "referral date"),
    Field("summary", "--summary", ("summary",), "text", "summary"),
    Field("body", "--body-file", ("body",), "text", "text (Markdown)"),
    Field("decision", "--decision", ("decision", "mode"), "choice", "decision mode", DECISION_MODES),
    Field("positions", "--position", ("decision", "positions"), "items", "positions", parse=parse_position),
    Field("references", "--reference", ("references",), "items", "references", parse=parse_reference),
    Field("related", "--related", ("related",), "refs", "related records", target=("opinion", "review")),
    Field("tags", "--tag", ("tags",), "texts", "tags"),
    Field("withdrawn_reason", "--withdrawn-reason", ("withdrawn_reason",), "text", "reason for the withdrawal"),
    Field("notes", "--notes", ("notes",), "text", "notes"),
)

REVIEW_FIELDS = (
    Field("title", "--title", ("title",), "text", "title", required=True),
    Field(
        "referential",
        "--referential",
        ("referential",),
        "ref",
        "referential reviewed",
        target=("referential",),
        required=True,
    ),
    Field("version", "--version", ("version",), "text", "version reviewed", required=True),
    Field("themes", "--theme", ("themes",), "refs", "themes", target=("theme",), required=True),
    Field("rapporteurs", "--rapporteur", ("rapporteurs",), "refs", "rapporteurs", target=("partner",), required=True),
    Field("date", "--date", ("dates", "opened"), "date", "opening date"),
    Field("summary", "--summary", ("summary",), "text", "summary"),
    Field("findings", "--finding", ("findings",), "texts", "findings"),
    Field("recommendations", "--recommendation", ("recommendations",), "texts", "recommendations"),
    Field("outcome", "--outcome", ("outcome",), "ref", "resulting opinion", target=("opinion",)),
    Field("notes", "--notes", ("notes",), "text", "notes"),
)

FIELDS: dict[str, tuple[Field, ...]] = {
    "partner": PARTNER_FIELDS,
    "theme": THEME_FIELDS,
    "referential": REFERENTIAL_FIELDS,
    "opinion": OPINION_FIELDS,
    "review": REVIEW_FIELDS,
}

# Fields ``update --unset`` may remove (dotted for nested ones); required fields are not among them.
UNSETTABLE: dict[str, tuple[str, ...]] = {
    "partner": ("signed_as", "left", "website", "former_names", "representatives", "notes"),
    "theme": ("description",),
    "referential": ("url", "versions", "superseded_by", "notes"),
    "opinion": (
        "summary",
        "body",
        "decision",
        "references",
        "related",
        "tags",
        "withdrawn_reason",
        "notes",
        "referral.by",
        *(f"dates.{name}" for name in OPINION_DATES if name != "created"),
    ),
    "review": ("summary", "findings", "recommendations", "outcome", "notes", "dates.concluded"),
}

# Dates ``update --set-date NAME=DATE`` may set, per kind.
SETTABLE_DATES: dict[str, tuple[str, ...]] = {"opinion": OPINION_DATES, "review": REVIEW_DATES}


def field(kind: str, key: str) -> Field:
    for item in FIELDS[kind]:
        if item.key == key:
            return item
    raise KeyError(f"{kind} has no field {key}")


def given(value: Any) -> bool:
    """Whether the CLI received a value (None and empty lists mean 'not given')."""
    if isinstance(value, (list, tuple)):
        return len(value) > 0
    return value is not None


def missing(kind: str, values: Mapping[str, Any], *, skip: Iterable[str] = ()) -> list[Field]:
    """The fields that ``add``/``new`` needs and did not receive."""
    skipped = set(skip)
    return [f for f in FIELDS[kind] if f.key not in skipped and f.needed(values) and not given(values.get(f.key))]


def convert(item: Field, value: Any) -> Any:
    """Check a value received for ``item`` and turn it into what the record holds."""
    if item.type == "date":
        return check_date(str(value), item.option)
    if item.type == "int":
        return int(value)
    if item.type == "choice":
        return _choice(item, str(value))
    if item.type == "choices":
        return _unique([_choice(item, str(v)) for v in value])
    if item.type in ("refs", "texts"):
        return _unique([str(v).strip() for v in value])
    if item.type in ("items", "append"):
        assert item.parse is not None
        return [item.parse(str(v), item.option) for v in value]
    if item.type == "ref":
        return str(value).strip()
    text = str(value).replace("\r\n", "\n")
    return text.strip() if "\n" not in text else text.rstrip()


def _choice(item: Field, value: str) -> str:
    value = value.strip()
    if value not in item.choices:
        raise UsageError(f"{item.option}: '{value}' is not one of: {', '.join(item.choices)}")
    return value


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def set_path(record: dict[str, Any], path: Sequence[str], value: Any) -> None:
    node = record
    for key in path[:-1]:
        child = node.get(key)
        if not isinstance(child, dict):
            child = {}
            node[key] = child
        node = child
    node[path[-1]] = value


def get_path(record: Mapping[str, Any], path: Sequence[str]) -> Any:
    node: Any = record
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return node


def remove_path(record: dict[str, Any], path: Sequence[str]) -> bool:
    """Remove the value at ``path``; empty parent mappings go too. Whether anything was removed."""
    node: Any = record
    parents: list[tuple[dict[str, Any], str]] = []
    for key in path[:-1]:
        if not isinstance(node, dict) or not isinstance(node.get(key), dict):
            return False
        parents.append((node, key))
        node = node[key]
    if not isinstance(node, dict) or path[-1] not in node:
        return False
    del node[path[-1]]
    for parent, key in reversed(parents):
        if parent[key]:
            break
        del parent[key]
    return True


def apply_values(kind: str, record: dict[str, Any], values: Mapping[str, Any]) -> list[str]:
    """Put every given value into ``record`` (lists replace, ``append`` fields add). Returns the options used."""
    used: list[str] = []
    for item in FIELDS[kind]:
        value = values.get(item.key)
        if not given(value):
            continue
        converted = convert(item, value)
        if item.type == "append":
            current = get_path(record, item.path)
            converted = [*(current if isinstance(current, list) else []), *converted]
        set_path(record, item.path, converted)
        used.append(item.option)
    return used


def apply_set_dates(kind: str, record: dict[str, Any], specs: Sequence[str], option: str = "--set-date") -> None:
    """``NAME=DATE`` items: set ``dates.NAME`` (the lifecycle is checked when the record is validated)."""
    allowed = SETTABLE_DATES.get(kind, ())
    for spec in specs:
        name, sep, value = spec.partition("=")
        name = name.strip()
        if not sep or name not in allowed:
            raise UsageError(
                f"{option}: '{spec}' is not of the form NAME=YYYY-MM-DD with NAME one of: {', '.join(allowed)}"
            )
        set_path(record, ("dates", name), check_date(value, option))


def apply_unset(kind: str, record: dict[str, Any], names: Sequence[str]) -> None:
    """Remove optional fields named on the command line (``--unset notes``, ``--unset dates.referred``)."""
    allowed = UNSETTABLE[kind]
    for name in names:
        if name not in allowed:
            raise UsageError(f"--unset: '{name}' cannot be removed from a {kind} (possible: {', '.join(allowed)})")
        remove_path(record, tuple(name.split(".")))
