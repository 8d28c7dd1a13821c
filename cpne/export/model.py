"""The register read once, for exports: plain typed values sorted by id, with every figure computed here.

Records are read with the strict loader, once each. Exports assume a valid
register: a file that cannot be read, or a field of the wrong shape, stops the
export with one message naming the file and the line, and the hint to run
``cpne validate`` (which reports every problem, not the first). References to
records that do not exist are shown by their id (validation reports them).

Views (:class:`Partner`, :class:`Opinion`, …) are built for one language: they
carry both the identifiers (``status``) and the words (``status_label``), so
templates only choose what to show. Representatives' names are dropped here,
before any template sees them, unless personal data was asked for.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from cpne.errors import RecordError
from cpne.export.labels import (
    OPINION_KINDS,
    OPINION_STATUSES,
    REVIEW_STATUSES,
    format_date,
    labels,
    opinion_status,
)
from cpne.kinds import KINDS, Kind
from cpne.kinds.partner import strip_personal_data
from cpne.repo import DataRepo

VALIDATE_HINT = "run `cpne validate` to see every problem in the register"


# --- reading --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One record as read from its file."""

    kind: str
    relpath: str
    data: dict[str, Any]

    @property
    def id(self) -> str:
        value: str = self.data["id"]
        return value


@dataclass
class RawRegister:
    """The records of a repository by kind, each list sorted by id."""

    repo: DataRepo
    records: dict[str, list[RawRecord]] = field(default_factory=lambda: {name: [] for name in KINDS})


def read_one(repo: DataRepo, kind: Kind, path: Path, relpath: str | None = None) -> RawRecord:
    """Read one record strictly; a failure becomes a RecordError naming the file and line."""
    from cpne.records.loader import LoadError, read_record

    relpath = relpath or repo.relative(path)
    try:
        loaded = read_record(path)
    except LoadError as exc:
        raise RecordError(exc.message, path=relpath, line=exc.line, hint=VALIDATE_HINT) from None
    except OSError as exc:
        raise RecordError(f"cannot read: {exc.strerror}", path=relpath, hint=VALIDATE_HINT) from None
    data = loaded.data
    record = RawRecord(kind.name, relpath, data)
    if not isinstance(data.get("id"), str):
        raise Fields(repo, record).fail(("id",), "must be text (the record's id)")
    return record


def load_register(repo: DataRepo, kinds: Iterable[str] = tuple(KINDS)) -> RawRegister:
    """Every record of ``kinds``, read once (in worker processes for large registers), sorted by id."""
    from cpne.records.bulk import parse_files
    from cpne.validation.runner import list_records

    files = list_records(repo)
    chosen = [f for name in kinds for f in files[name]]
    register = RawRegister(repo)
    for file, (data, error) in zip(chosen, parse_files([f.path for f in chosen]), strict=True):
        if error is not None or data is None:
            code, message, line, _ = error or ("empty", "empty file", 1, 1)
            raise RecordError(
                message, path=file.relpath, line=line if code != "unreadable" else None, hint=VALIDATE_HINT
            )
        record = RawRecord(file.kind.name, file.relpath, data)
        if not isinstance(data.get("id"), str):
            raise Fields(repo, record).fail(("id",), "must be text (the record's id)")
        register.records[file.kind.name].append(record)
    for name in kinds:
        register.records[name].sort(key=lambda r: r.id)
    return register


class Fields:
    """Typed access to a record's fields; a wrong shape stops the export with a located message."""

    __slots__ = ("data", "record", "repo")

    def __init__(self, repo: DataRepo, record: RawRecord, data: Mapping[str, Any] | None = None) -> None:
        self.repo = repo
        self.record = record
        self.data = record.data if data is None else data

    def fail(self, pointer: tuple[str | int, ...], message: str) -> RecordError:
        from cpne.records.loader import locate

        line = 1
        try:
            text = (self.repo.root / self.record.relpath).read_text(encoding="utf-8-sig")
            line = locate(text, pointer)[0]
        except (OSError, UnicodeDecodeError):
            pass
        where = ".".join(str(p) for p in pointer)
        return RecordError(f"field '{where}' {message}", path=self.record.relpath, line=line, hint=VALIDATE_HINT)

    def text(self, key: str, *, at: tuple[str | int, ...] = ()) -> str:
        value = self.data.get(key)
        if not isinstance(value, str):
            raise self.fail((*at, key), "must be text")
        return value

    def opt_text(self, key: str, *, at: tuple[str | int, ...] = ()) -> str | None:
        value = self.data.get(key)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail((*at, key), "must be text")
        return value

    def texts(self, key: str, *, at: tuple[str | int, ...] = ()) -> tuple[str, ...]:
        value = self.data.get(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.fail((*at, key), "must be a list of texts")
        return tuple(value)

    def mapping(self, key: str, *, at: tuple[str | int, ...] = (), required: bool = False) -> Mapping[str, Any]:
        value = self.data.get(key)
        if value is None and not required:
            return {}
        if not isinstance(value, dict):
            raise self.fail((*at, key), "must be a mapping of fields")
        return value

    def mappings(self, key: str, *, at: tuple[str | int, ...] = ()) -> list[Mapping[str, Any]]:
        value = self.data.get(key)
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise self.fail((*at, key), "must be a list of mappings")
        return value

    def integer(self, key: str) -> int:
        value = self.data.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail((key,), "must be a whole number")
        return value

    def sub(self, data: Mapping[str, Any]) -> Fields:
        return Fields(self.repo, self.record, data)


# --- views ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FormerName:
    name: str
    until: str


@dataclass(frozen=True, slots=True)
class Representative:
    """A representative: ``name`` is None unless personal data was asked for."""

    name: str | None
    role: str
    since: str | None
    until: str | None


@dataclass(frozen=True, slots=True)
class Partner:
    id: str
    acronym: str
    name: str
    signed_as: str | None
    category: str
    category_label: str
    membership: str
    membership_label: str
    joined: str
    left: str | None
    website: str | None
    former_names: tuple[FormerName, ...]
    former_names_text: str
    representatives: tuple[Representative, ...]
    representatives_text: str
    notes: str | None
    record: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Theme:
    id: str
    number: int
    title: str
    summary: str
    description: str | None
    status: str
    status_label: str
    record: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Version:
    version: str
    date: str | None


@dataclass(frozen=True, slots=True)
class Referential:
    id: str
    acronym: str
    title: str
    owner: str
    domains: tuple[str, ...]
    domains_text: str
    url: str | None
    versions: tuple[Version, ...]
    versions_text: str
    status: str
    status_label: str
    superseded_by: str | None
    notes: str | None
    record: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to another record: its id and how to name it (``label``; ``known`` False if absent)."""

    id: str
    label: str
    title: str | None
    known: bool


@dataclass(frozen=True, slots=True)
class OpinionDates:
    created: str
    referred: str | None
    consultation: str | None
    adopted: str | None
    published: str | None
    withdrawn: str | None


@dataclass(frozen=True, slots=True)
class Position:
    partner: Ref
    position: str
    position_label: str
    note: str | None


@dataclass(frozen=True, slots=True)
class Decision:
    mode: str
    mode_label: str
    positions: tuple[Position, ...]
    tally: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class Link:
    title: str
    url: str


@dataclass(frozen=True, slots=True)
class Opinion:
    """An opinion. ``status`` is the status at the end of the period (report ``--year``), else the register's."""

    id: str
    kind: str
    kind_label: str
    title: str
    status: str
    status_label: str
    status_date: str
    register_status: str
    themes: tuple[Ref, ...]
    themes_text: str
    rapporteurs: tuple[Ref, ...]
    rapporteurs_text: str
    referral_origin: str
    referral_label: str
    referral_by: Ref | None
    dates: OpinionDates
    summary: str | None
    body: str | None
    decision: Decision | None
    references: tuple[Link, ...]
    related: tuple[Ref, ...]
    tags: tuple[str, ...]
    withdrawn_reason: str | None
    notes: str | None
    record: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class ReviewDates:
    opened: str
    concluded: str | None


@dataclass(frozen=True, slots=True)
class Review:
    """A referential review. ``status`` follows the same rule as :class:`Opinion`'s."""

    id: str
    title: str
    referential: Ref
    version: str
    status: str
    status_label: str
    register_status: str
    themes: tuple[Ref, ...]
    themes_text: str
    rapporteurs: tuple[Ref, ...]
    rapporteurs_text: str
    dates: ReviewDates
    summary: str | None
    findings: tuple[str, ...]
    recommendations: tuple[str, ...]
    outcome: Ref | None
    notes: str | None
    record: Mapping[str, Any]


# --- building views -------------------------------------------------------------------------


class Builder:
    """Turns raw records into views for one language; resolves references to names."""

    def __init__(self, register: RawRegister, lang: str, *, personal_data: bool) -> None:
        self.repo = register.repo
        self.lang = lang
        self.L = labels(lang)
        self.personal_data = personal_data
        self.partners = [self.partner(r) for r in register.records["partner"]]
        self.themes = sorted((self.theme(r) for r in register.records["theme"]), key=lambda t: (t.number, t.id))
        self.referentials = [self.referential(r) for r in register.records["referential"]]
        self.partner_by_id = {p.id: p for p in self.partners}
        self.theme_by_id = {t.id: t for t in self.themes}
        self.referential_by_id = {r.id: r for r in self.referentials}
        self.titles: dict[str, str] = {}
        for name in ("opinion", "review"):
            for record in register.records[name]:
                title = record.data.get("title")
                if isinstance(title, str):
                    self.titles[record.id] = title
        self._partner_refs: dict[str, Ref] = {}
        self._theme_refs: dict[str, Ref] = {}

    def date(self, value: str | None) -> str:
        return format_date(value, self.lang) if value else ""

    # references

    def partner_ref(self, partner_id: str) -> Ref:
        ref = self._partner_refs.get(partner_id)
        if ref is None:
            partner = self.partner_by_id.get(partner_id)
            if partner is None:
                ref = Ref(partner_id, partner_id, None, False)
            else:
                ref = Ref(partner_id, partner.acronym, partner.name, True)
            self._partner_refs[partner_id] = ref
        return ref

    def theme_ref(self, theme_id: str) -> Ref:
        ref = self._theme_refs.get(theme_id)
        if ref is None:
            theme = self.theme_by_id.get(theme_id)
            if theme is None:
                ref = Ref(theme_id, theme_id, None, False)
            else:
                ref = Ref(theme_id, str(theme.number), theme.title, True)
            self._theme_refs[theme_id] = ref
        return ref

    def record_ref(self, record_id: str) -> Ref:
        title = self.titles.get(record_id)
        return Ref(record_id, record_id, title, title is not None)

    def referential_ref(self, referential_id: str) -> Ref:
        referential = self.referential_by_id.get(referential_id)
        if referential is None:
            return Ref(referential_id, referential_id, None, False)
        return Ref(referential_id, referential.acronym, referential.title, True)

    # kinds

    def partner(self, record: RawRecord) -> Partner:
        f = Fields(self.repo, record)
        L = self.L
        former = []
        for index, item in enumerate(f.mappings("former_names")):
            sub = f.sub(item)
            former.append(
                FormerName(sub.text("name", at=("former_names", index)), sub.text("until", at=("former_names", index)))
            )
        reps = []
        for index, item in enumerate(f.mappings("representatives")):
            sub = f.sub(item)
            at = ("representatives", index)
            reps.append(
                Representative(
                    sub.text("name", at=at) if self.personal_data else None,
                    sub.text("role", at=at),
                    sub.opt_text("since", at=at),
                    sub.opt_text("until", at=at),
                )
            )
        data = record.data if self.personal_data else strip_personal_data(record.data)
        category = f.text("category")
        membership = f.text("membership")
        return Partner(
            id=record.id,
            acronym=f.text("acronym"),
            name=f.text("name"),
            signed_as=f.opt_text("signed_as"),
            category=category,
            category_label=L["category"].get(category, category),
            membership=membership,
            membership_label=L["membership"].get(membership, membership),
            joined=f.text("joined"),
            left=f.opt_text("left"),
            website=f.opt_text("website"),
            former_names=tuple(former),
            former_names_text="\n".join(
                L["former_name_until"].format(name=item.name, date=self.date(item.until)) for item in former
            ),
            representatives=tuple(reps),
            representatives_text=self.representatives_text(reps),
            notes=f.opt_text("notes"),
            record=data,
        )

    def representatives_text(self, reps: Iterable[Representative]) -> str:
        """One line per representative: the function (and the name, with personal data) and the period."""
        return "\n".join(self._representative_text(rep) for rep in reps)

    def _representative_text(self, rep: Representative) -> str:
        L = self.L
        text = rep.role if rep.name is None else f"{rep.name}, {rep.role}"
        if rep.since and rep.until:
            period = L["representative_period"].format(since=self.date(rep.since), until=self.date(rep.until))
        elif rep.since:
            period = L["representative_since"].format(date=self.date(rep.since))
        elif rep.until:
            period = L["representative_until"].format(date=self.date(rep.until))
        else:
            return text
        return f"{text} ({period})"

    def serving(self, partner: Partner, start: str | None, end: str | None) -> Partner:
        """``partner`` with only the representatives in office during the period (None: today's, no ``until``)."""
        if start is None or end is None:
            reps = tuple(r for r in partner.representatives if r.until is None)
        else:
            reps = tuple(
                r
                for r in partner.representatives
                if (r.since is None or r.since <= end) and (r.until is None or r.until >= start)
            )
        if reps == partner.representatives:
            return partner
        return replace(partner, representatives=reps, representatives_text=self.representatives_text(reps))

    def theme(self, record: RawRecord) -> Theme:
        f = Fields(self.repo, record)
        status = f.text("status")
        return Theme(
            id=record.id,
            number=f.integer("number"),
            title=f.text("title"),
            summary=f.text("summary"),
            description=f.opt_text("description"),
            status=status,
            status_label=self.L["theme_status"].get(status, status),
            record=record.data,
        )

    def referential(self, record: RawRecord) -> Referential:
        f = Fields(self.repo, record)
        L = self.L
        domains = f.texts("domains")
        versions = []
        for index, item in enumerate(f.mappings("versions")):
            sub = f.sub(item)
            versions.append(
                Version(sub.text("version", at=("versions", index)), sub.opt_text("date", at=("versions", index)))
            )
        status = f.text("status")
        return Referential(
            id=record.id,
            acronym=f.text("acronym"),
            title=f.text("title"),
            owner=f.text("owner"),
            domains=domains,
            domains_text=", ".join(L["domain"].get(d, d) for d in domains),
            url=f.opt_text("url"),
            versions=tuple(versions),
            versions_text=", ".join(v.version + (f" ({self.date(v.date)})" if v.date else "") for v in versions),
            status=status,
            status_label=L["referential_status"].get(status, status),
            superseded_by=f.opt_text("superseded_by"),
            notes=f.opt_text("notes"),
            record=record.data,
        )

    def opinion(self, record: RawRecord, as_of: str | None = None) -> Opinion:
        f = Fields(self.repo, record)
        L = self.L
        dates_f = f.sub(f.mapping("dates", required=True))
        at = ("dates",)
        dates = OpinionDates(
            created=dates_f.text("created", at=at),
            referred=dates_f.opt_text("referred", at=at),
            consultation=dates_f.opt_text("consultation", at=at),
            adopted=dates_f.opt_text("adopted", at=at),
            published=dates_f.opt_text("published", at=at),
            withdrawn=dates_f.opt_text("withdrawn", at=at),
        )
        kind = f.text("kind")
        register_status = f.text("status")
        status = opinion_status_at(register_status, dates, as_of)
        referral_f = f.sub(f.mapping("referral", required=True))
        origin = referral_f.text("origin", at=("referral",))
        by = referral_f.opt_text("by", at=("referral",))
        themes = tuple(self.theme_ref(t) for t in f.texts("themes"))
        rapporteurs = tuple(self.partner_ref(p) for p in f.texts("rapporteurs"))
        decision = None
        if "decision" in record.data:
            decision_f = f.sub(f.mapping("decision", required=True))
            positions = []
            tally = dict.fromkeys(("for", "against", "abstain", "not-voting"), 0)
            for index, item in enumerate(decision_f.mappings("positions", at=("decision",))):
                sub = f.sub(item)
                where = ("decision", "positions", index)
                value = sub.text("position", at=where)
                tally[value] = tally.get(value, 0) + 1
                positions.append(
                    Position(
                        self.partner_ref(sub.text("partner", at=where)),
                        value,
                        L["position"].get(value, value),
                        sub.opt_text("note", at=where),
                    )
                )
            mode = decision_f.text("mode", at=("decision",))
            decision = Decision(mode, L["decision_mode"].get(mode, mode), tuple(positions), tally)
        references = []
        for index, item in enumerate(f.mappings("references")):
            sub = f.sub(item)
            references.append(
                Link(sub.text("title", at=("references", index)), sub.text("url", at=("references", index)))
            )
        return Opinion(
            id=record.id,
            kind=kind,
            kind_label=L["opinion_kind"].get(kind, kind),
            title=f.text("title"),
            status=status,
            status_label=opinion_status(self.lang, kind, status),
            status_date=_opinion_status_date(status, dates),
            register_status=register_status,
            themes=themes,
            themes_text=", ".join(t.label for t in themes),
            rapporteurs=rapporteurs,
            rapporteurs_text=", ".join(r.label for r in rapporteurs),
            referral_origin=origin,
            referral_label=L["referral"].get(origin, origin),
            referral_by=self.partner_ref(by) if by else None,
            dates=dates,
            summary=f.opt_text("summary"),
            body=f.opt_text("body"),
            decision=decision,
            references=tuple(references),
            related=tuple(self.record_ref(r) for r in f.texts("related")),
            tags=f.texts("tags"),
            withdrawn_reason=f.opt_text("withdrawn_reason"),
            notes=f.opt_text("notes"),
            record=record.data,
        )

    def review(self, record: RawRecord, as_of: str | None = None) -> Review:
        f = Fields(self.repo, record)
        L = self.L
        dates_f = f.sub(f.mapping("dates", required=True))
        dates = ReviewDates(dates_f.text("opened", at=("dates",)), dates_f.opt_text("concluded", at=("dates",)))
        register_status = f.text("status")
        status = review_status_at(register_status, dates, as_of)
        themes = tuple(self.theme_ref(t) for t in f.texts("themes"))
        rapporteurs = tuple(self.partner_ref(p) for p in f.texts("rapporteurs"))
        outcome = f.opt_text("outcome")
        return Review(
            id=record.id,
            title=f.text("title"),
            referential=self.referential_ref(f.text("referential")),
            version=f.text("version"),
            status=status,
            status_label=L["review_status"].get(status, status),
            register_status=register_status,
            themes=themes,
            themes_text=", ".join(t.label for t in themes),
            rapporteurs=rapporteurs,
            rapporteurs_text=", ".join(r.label for r in rapporteurs),
            dates=dates,
            summary=f.opt_text("summary"),
            findings=f.texts("findings"),
            recommendations=f.texts("recommendations"),
            outcome=self.record_ref(outcome) if outcome else None,
            notes=f.opt_text("notes"),
            record=record.data,
        )


# --- statuses over time ---------------------------------------------------------------------

_OPINION_RANK = {status: rank for rank, status in enumerate(OPINION_STATUSES)}


def opinion_status_at(status: str, dates: OpinionDates, day: str | None) -> str:
    """The status an opinion had on ``day``, from its dates; never beyond its status in the register.

    A draft stays a draft (a draft sent back from consultation keeps its consultation
    date, so the dates cannot tell when it went back). None: the register's status.
    """
    if day is None or status == "draft" or status not in _OPINION_RANK:
        return status
    if status == "withdrawn":
        if dates.withdrawn is not None and dates.withdrawn <= day:
            return "withdrawn"
        ceiling = _OPINION_RANK["adopted"]
    else:
        ceiling = _OPINION_RANK[status]
    steps = (("published", dates.published), ("adopted", dates.adopted), ("consultation", dates.consultation))
    for name, value in steps:
        if _OPINION_RANK[name] <= ceiling and value is not None and value <= day:
            return name
    return "draft"


def _opinion_status_date(status: str, dates: OpinionDates) -> str:
    value = {
        "consultation": dates.consultation,
        "adopted": dates.adopted,
        "published": dates.published,
        "withdrawn": dates.withdrawn,
    }.get(status)
    return value or dates.created


def review_status_at(status: str, dates: ReviewDates, day: str | None) -> str:
    """The status a review had on ``day``: concluded once its conclusion date is passed, in progress before.

    Abandoned, planned and in-progress reviews keep their status (no date says when it changed).
    """
    if day is None or status != "concluded":
        return status
    if dates.concluded is not None and dates.concluded > day:
        return "in-progress"
    return status


# --- figures --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Count:
    """One figure: an identifier, its label, its value."""

    key: str
    label: str
    value: int


@dataclass(frozen=True, slots=True)
class KindRow:
    """Opinions of one kind, counted by status (in :data:`OPINION_STATUSES` order)."""

    kind: str
    label: str
    counts: tuple[int, ...]
    total: int


@dataclass(frozen=True, slots=True)
class ThemeCount:
    theme: Theme
    opinions: int
    reviews: int


@dataclass(frozen=True, slots=True)
class Figures:
    """Every number of the report, computed once."""

    statuses: tuple[Count, ...]  # column headers of by_kind (value: the column's total)
    by_kind: tuple[KindRow, ...]
    opinions: int
    by_status: tuple[Count, ...]  # the status chart: the same counts as ``statuses``
    by_theme: tuple[ThemeCount, ...]
    theme_bars: tuple[Count, ...]  # for the theme chart (label: the theme's number)
    reviews_by_status: tuple[Count, ...]
    reviews: int
    signatories: int
    associated: int
    members: int
    former_members: int


def compute_figures(
    L: Mapping[str, Any],
    *,
    opinions: Sequence[Opinion],
    reviews: Sequence[Review],
    themes: Sequence[Theme],
    members: Sequence[Partner],
    former: Sequence[Partner],
) -> Figures:
    counts: dict[tuple[str, str], int] = {}
    for o in opinions:
        counts[(o.kind, o.status)] = counts.get((o.kind, o.status), 0) + 1
    rows = []
    for kind in OPINION_KINDS:
        values = tuple(counts.get((kind, status), 0) for status in OPINION_STATUSES)
        rows.append(KindRow(kind, L["opinion_kind_plural"][kind], values, sum(values)))
    status_totals = tuple(
        Count(s, L["opinion_status_column"][s], sum(counts.get((k, s), 0) for k in OPINION_KINDS))
        for s in OPINION_STATUSES
    )
    per_theme_o: dict[str, int] = {}
    per_theme_r: dict[str, int] = {}
    for o in opinions:
        for t in o.themes:
            per_theme_o[t.id] = per_theme_o.get(t.id, 0) + 1
    for r in reviews:
        for t in r.themes:
            per_theme_r[t.id] = per_theme_r.get(t.id, 0) + 1
    by_theme = tuple(ThemeCount(t, per_theme_o.get(t.id, 0), per_theme_r.get(t.id, 0)) for t in themes)
    review_counts: dict[str, int] = {}
    for r in reviews:
        review_counts[r.status] = review_counts.get(r.status, 0) + 1
    signatories = sum(1 for p in members if p.membership == "signatory")
    return Figures(
        statuses=status_totals,
        by_kind=tuple(rows),
        opinions=len(opinions),
        by_status=status_totals,
        by_theme=by_theme,
        theme_bars=tuple(Count(t.theme.id, str(t.theme.number), t.opinions) for t in by_theme),
        reviews_by_status=tuple(
            Count(s, L["review_status_column"][s], review_counts.get(s, 0)) for s in REVIEW_STATUSES
        ),
        reviews=len(reviews),
        signatories=signatories,
        associated=len(members) - signatories,
        members=len(members),
        former_members=len(former),
    )


__all__ = [
    "Builder",
    "Figures",
    "Opinion",
    "Partner",
    "RawRecord",
    "RawRegister",
    "Referential",
    "Review",
    "Theme",
    "compute_figures",
    "load_register",
    "read_one",
]
