"""The builder: raw records turned into views for one language, references resolved to names.

Representatives' names are dropped here (through the kind's ``private``), before any
template sees them, unless personal data was asked for. A reference to a record that
does not exist is shown by its id (validation reports it). The status an opinion or a
review held at the end of a period, or on the day of a meeting, is read from its dates by
its kind's lifecycle.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import Any

from cpne.export.fields import Fields
from cpne.export.labels import format_date, labels, opinion_status
from cpne.export.reading import RawRecord, RawRegister
from cpne.export.views import (
    Action,
    AgendaItem,
    Attendance,
    Concern,
    Corrigendum,
    Decision,
    Entry,
    FormerName,
    Group,
    GroupMember,
    Link,
    Meeting,
    Opinion,
    OpinionDates,
    Partner,
    Party,
    Position,
    Practice,
    Ref,
    Referential,
    Representative,
    Response,
    Review,
    ReviewDates,
    Theme,
    Version,
)
from cpne.kinds import KINDS, Kind
from cpne.kinds.action import late
from cpne.kinds.lifecycle import Lifecycle
from cpne.kinds.meeting import attending
from cpne.kinds.opinion import POSITION_ENUM


def lifecycle_of(kind: str) -> Lifecycle:
    """The lifecycle of ``kind`` (an error for a kind without one)."""
    lifecycle = KINDS[kind].lifecycle
    if lifecycle is None:
        raise LookupError(f"kind '{kind}' has no lifecycle")
    return lifecycle


class Builder:
    """Turns raw records into views for one language; resolves references to names."""

    def __init__(self, register: RawRegister, lang: str, *, personal_data: bool) -> None:
        self.register = register
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
        self._refs: dict[tuple[str, str], Ref] = {}
        self._raw: dict[str, dict[str, RawRecord]] = {}
        self.groups = [self.group(r) for r in register.records["group"]]
        self.group_by_id = {g.id: g for g in self.groups}
        # the kinds that have a view of their own, every record by id; any other kind is shown as Entry views
        self._views: dict[str, Callable[[], list[Any]]] = {
            "partner": lambda: self.partners,
            "theme": lambda: sorted(self.themes, key=lambda t: t.id),
            "referential": lambda: self.referentials,
            "opinion": lambda: [self.opinion(r) for r in register.records["opinion"]],
            "review": lambda: [self.review(r) for r in register.records["review"]],
            "group": lambda: self.groups,
            "meeting": lambda: [self.meeting(r) for r in register.records["meeting"]],
            "action": lambda: [self.action(r) for r in register.records["action"]],
            "practice": lambda: [self.practice(r) for r in register.records["practice"]],
        }

    def date(self, value: str | None) -> str:
        return format_date(value, self.lang) if value else ""

    def views(self, kind: Kind) -> list[Any]:
        """A view of every record of ``kind``, by id (an :class:`Entry` for a kind without a view of its own)."""
        make = self._views.get(kind.name)
        if make is None:
            return [self.entry(kind, record) for record in self.register.records[kind.name]]
        return make()

    def raw(self, kind: str, record_id: str) -> RawRecord | None:
        """The record of ``kind`` with this id among those read, None when it was not read (or does not exist)."""
        by_id = self._raw.get(kind)
        if by_id is None:
            by_id = self._raw[kind] = {r.id: r for r in self.register.records[kind]}
        return by_id.get(record_id)

    def stored(self, kind: Kind, record: RawRecord) -> dict[str, Any]:
        """The record as templates may see it: without personal data unless it was asked for."""
        if kind.private is None or self.personal_data:
            return record.data
        return kind.private(record.data)

    # references

    def _ref(self, kind: str, record_id: str, found: Any, show: Callable[[Any], tuple[str, str]]) -> Ref:
        """A reference to a record of ``kind`` (``found``: its view, or None), named by ``show`` (label, title)."""
        ref = self._refs.get((kind, record_id))
        if ref is None:
            ref = Ref(record_id, record_id, None, False) if found is None else Ref(record_id, *show(found), True)
            self._refs[(kind, record_id)] = ref
        return ref

    def partner_ref(self, partner_id: str) -> Ref:
        partner = self.partner_by_id.get(partner_id)
        return self._ref("partner", partner_id, partner, lambda p: (p.acronym, p.name))

    def theme_ref(self, theme_id: str) -> Ref:
        theme = self.theme_by_id.get(theme_id)
        return self._ref("theme", theme_id, theme, lambda t: (str(t.number), t.title))

    def referential_ref(self, referential_id: str) -> Ref:
        referential = self.referential_by_id.get(referential_id)
        return self._ref("referential", referential_id, referential, lambda r: (r.acronym, r.title))

    def group_ref(self, group_id: str) -> Ref:
        group = self.group_by_id.get(group_id)
        return self._ref("group", group_id, group, lambda g: (g.id, g.title))

    def meeting_ref(self, meeting_id: str) -> Ref:
        record = self.raw("meeting", meeting_id)
        title = record.data.get("title") if record is not None else None
        return Ref(meeting_id, meeting_id, title if isinstance(title, str) else None, record is not None)

    def party(self, value: str) -> Party:
        """A partner named by its id (shown by its acronym), or an outside body named in full."""
        if value in self.partner_by_id:
            ref = self.partner_ref(value)
            return Party(ref.label, ref.title, value)
        return Party(value, None, None)

    def record_ref(self, record_id: str) -> Ref:
        title = self.titles.get(record_id)
        return Ref(record_id, record_id, title, title is not None)

    # kinds

    def entry(self, kind: Kind, record: RawRecord) -> Entry:
        """A record of a kind without a view of its own (its status words: the labels' ``<kind>_status``)."""
        f = Fields(self.repo, record)
        title = f.opt_text("title") if "title" in record.data else f.opt_text("name")
        status = f.opt_text("status")
        words = self.L.get(f"{kind.name}_status")
        label = words.get(status, status) if isinstance(words, dict) and status is not None else status
        return Entry(record.id, title, status, label, self.stored(kind, record))

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
            record=self.stored(KINDS["partner"], record),
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

    def _response(self, f: Fields, number: int) -> Response:
        at = ("responses", number)
        return Response(
            f.text("date", at=at), self.party(f.text("from", at=at)), f.text("summary", at=at), f.opt_text("url", at=at)
        )

    def _decision(self, f: Fields) -> Decision:
        """An opinion's decision: its mode, each partner's position, and the tally by position."""
        decision_f = f.sub(f.mapping("decision", required=True))
        positions = []
        tally = dict.fromkeys(KINDS["opinion"].enum(POSITION_ENUM), 0)
        for index, item in enumerate(decision_f.mappings("positions", at=("decision",))):
            sub = f.sub(item)
            where = ("decision", "positions", index)
            value = sub.text("position", at=where)
            tally[value] = tally.get(value, 0) + 1
            positions.append(
                Position(
                    self.partner_ref(sub.text("partner", at=where)),
                    value,
                    self.L["position"].get(value, value),
                    sub.opt_text("note", at=where),
                )
            )
        mode = decision_f.text("mode", at=("decision",))
        meeting = decision_f.opt_text("meeting", at=("decision",))
        return Decision(
            mode,
            self.L["decision_mode"].get(mode, mode),
            tuple(positions),
            tally,
            self.meeting_ref(meeting) if meeting else None,
        )

    def _links(self, f: Fields, key: str) -> tuple[Link, ...]:
        links = []
        for index, item in enumerate(f.mappings(key)):
            sub = f.sub(item)
            links.append(Link(sub.text("title", at=(key, index)), sub.text("url", at=(key, index))))
        return tuple(links)

    def opinion(self, record: RawRecord, as_of: str | None = None) -> Opinion:
        """An opinion; with ``as_of``, its status is the one it held on that day."""
        f = Fields(self.repo, record)
        L = self.L
        raw_dates = f.mapping("dates", required=True)
        dates_f = f.sub(raw_dates)
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
        lifecycle = lifecycle_of("opinion")
        status = lifecycle.status_on(register_status, raw_dates, as_of)
        referral_f = f.sub(f.mapping("referral", required=True))
        origin = referral_f.text("origin", at=("referral",))
        by = referral_f.opt_text("by", at=("referral",))
        themes = tuple(self.theme_ref(t) for t in f.texts("themes"))
        rapporteurs = tuple(self.partner_ref(p) for p in f.texts("rapporteurs"))
        prepared_by = f.opt_text("prepared_by")
        decision = self._decision(f) if "decision" in record.data else None
        references = self._links(f, "references")
        return Opinion(
            id=record.id,
            kind=kind,
            kind_label=L["opinion_kind"].get(kind, kind),
            title=f.text("title"),
            status=status,
            status_label=opinion_status(self.lang, kind, status),
            status_date=lifecycle.status_date(status, raw_dates) or dates.created,
            register_status=register_status,
            themes=themes,
            themes_text=", ".join(t.label for t in themes),
            rapporteurs=rapporteurs,
            rapporteurs_text=", ".join(r.label for r in rapporteurs),
            prepared_by=self.group_ref(prepared_by) if prepared_by else None,
            referral_origin=origin,
            referral_label=L["referral"].get(origin, origin),
            referral_by=self.partner_ref(by) if by else None,
            dates=dates,
            summary=f.opt_text("summary"),
            body=f.opt_text("body"),
            decision=decision,
            references=references,
            related=tuple(self.record_ref(r) for r in f.texts("related")),
            tags=f.texts("tags"),
            withdrawn_reason=f.opt_text("withdrawn_reason"),
            corrigenda=tuple(
                Corrigendum(
                    f.sub(item).text("date", at=("corrigenda", i)), f.sub(item).text("text", at=("corrigenda", i))
                )
                for i, item in enumerate(f.mappings("corrigenda"))
            ),
            addressees=tuple(self.party(a) for a in f.texts("addressees")),
            responses=tuple(self._response(f.sub(item), i) for i, item in enumerate(f.mappings("responses"))),
            notes=f.opt_text("notes"),
            record=record.data,
        )

    def review(self, record: RawRecord, as_of: str | None = None) -> Review:
        """A referential review; with ``as_of``, its status is the one it held on that day."""
        f = Fields(self.repo, record)
        raw_dates = f.mapping("dates", required=True)
        dates_f = f.sub(raw_dates)
        dates = ReviewDates(dates_f.text("opened", at=("dates",)), dates_f.opt_text("concluded", at=("dates",)))
        register_status = f.text("status")
        status = lifecycle_of("review").status_on(register_status, raw_dates, as_of)
        themes = tuple(self.theme_ref(t) for t in f.texts("themes"))
        rapporteurs = tuple(self.partner_ref(p) for p in f.texts("rapporteurs"))
        outcome = f.opt_text("outcome")
        return Review(
            id=record.id,
            title=f.text("title"),
            referential=self.referential_ref(f.text("referential")),
            version=f.text("version"),
            status=status,
            status_label=self.L["review_status"].get(status, status),
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

    def group(self, record: RawRecord) -> Group:
        """A working group with every seat it has had (its members and leads, past ones included)."""
        f = Fields(self.repo, record)
        L = self.L
        members = []
        for index, item in enumerate(f.mappings("members")):
            sub = f.sub(item)
            at = ("members", index)
            role = sub.text("role", at=at)
            members.append(
                GroupMember(
                    self.partner_ref(sub.text("partner", at=at)),
                    role,
                    L["group_role"].get(role, role),
                    sub.text("joined", at=at),
                    sub.opt_text("left", at=at),
                )
            )
        themes = tuple(self.theme_ref(t) for t in f.texts("themes"))
        status = f.text("status")
        return Group(
            id=record.id,
            title=f.text("title"),
            mandate=f.text("mandate"),
            themes=themes,
            themes_text=", ".join(t.label for t in themes),
            members=tuple(members),
            status=status,
            status_label=L["group_status"].get(status, status),
            created=f.text("created"),
            closed=f.opt_text("closed"),
            notes=f.opt_text("notes"),
            record=self.stored(KINDS["group"], record),
        )

    def _concern(self, kind: str, record_id: str, day: str) -> Concern:
        """The text or review an agenda item concerns, with the status it held on the meeting's ``day``."""
        L = self.L
        record = self.raw(kind, record_id)
        if record is None:
            return Concern(kind, record_id, None, None, None, None, False, f"{record_id} {L['unknown_record']}")
        if kind == "opinion":
            text = self.opinion(record, as_of=day)
            line = L["concern_opinion"].format(
                kind=text.kind_label, id=text.id, title=text.title, status=text.status_label
            )
            return Concern(kind, text.id, text.kind_label, text.title, text.status, text.status_label, True, line)
        review = self.review(record, as_of=day)
        line = L["concern_review"].format(id=review.id, title=review.title, status=review.status_label)
        return Concern(kind, review.id, None, review.title, review.status, review.status_label, True, line)

    def _attendance(self, f: Fields, day: str) -> list[Attendance]:
        """The attendance of a meeting, by partner id; a partner present with its representatives of that day."""
        L = self.L
        lines = []
        for index, item in enumerate(f.mappings("attendance")):
            sub = f.sub(item)
            at = ("attendance", index)
            partner_id = sub.text("partner", at=at)
            presence = sub.text("presence", at=at)
            by = sub.opt_text("represented_by", at=at)
            by_ref = self.partner_ref(by) if by else None
            label = L["meeting_presence"].get(presence, presence)
            partner = self.partner_by_id.get(partner_id)
            reps = self.serving(partner, day, day).representatives if partner and presence == "present" else ()
            lines.append(
                Attendance(
                    partner=self.partner_ref(partner_id),
                    presence=presence,
                    presence_label=label,
                    represented_by=by_ref,
                    text=L["represented_by"].format(partner=by_ref.label) if by_ref else label,
                    representatives=reps,
                    representatives_text=self.representatives_text(reps),
                )
            )
        return sorted(lines, key=lambda line: line.partner.id)

    def meeting(self, record: RawRecord) -> Meeting:
        """A meeting: its agenda (each text or review with its status that day), attendance, minutes, approval."""
        f = Fields(self.repo, record)
        L = self.L
        day = f.text("date")
        agenda = []
        for index, item in enumerate(f.mappings("agenda")):
            sub = f.sub(item)
            at = ("agenda", index)
            opinion_id, review_id = sub.opt_text("opinion", at=at), sub.opt_text("review", at=at)
            opinion = self._concern("opinion", opinion_id, day) if opinion_id else None
            review = self._concern("review", review_id, day) if review_id else None
            agenda.append(
                AgendaItem(
                    number=index + 1,
                    title=sub.text("title", at=at),
                    opinion=opinion,
                    review=review,
                    concerns_text="\n".join(c.text for c in (opinion, review) if c is not None),
                    outcome=sub.opt_text("outcome", at=at),
                )
            )
        type_, status = f.text("type"), f.text("status")
        group = f.opt_text("group")
        approver = f.opt_text("minutes_approved_at")
        approver_record = self.raw("meeting", approver) if approver else None
        approved_on = approver_record.data.get("date") if approver_record is not None else None
        return Meeting(
            id=record.id,
            type=type_,
            type_label=L["meeting_type"].get(type_, type_),
            title=f.text("title"),
            date=day,
            place=f.opt_text("place"),
            group=self.group_ref(group) if group else None,
            status=status,
            status_label=L["meeting_status"].get(status, status),
            agenda=tuple(agenda),
            attendance=tuple(self._attendance(f, day)),
            attending=tuple(self.partner_ref(p) for p in attending(record.data)),
            audience=f.opt_integer("audience"),
            minutes=f.opt_text("minutes"),
            minutes_approved_at=self.meeting_ref(approver) if approver else None,
            minutes_approved_on=approved_on if isinstance(approved_on, str) else None,
            notes=f.opt_text("notes"),
            record=self.stored(KINDS["meeting"], record),
        )

    def action(self, record: RawRecord, cutoff: str | None = None) -> Action:
        """A follow-up action as it stood on ``cutoff`` (None: as the register holds it, lateness not judged)."""
        f = Fields(self.repo, record)
        raw_dates = f.mapping("dates", required=True)
        lifecycle = lifecycle_of("action")
        status = lifecycle.status_on(f.text("status"), raw_dates, cutoff)
        due = f.text("due")
        closing = lifecycle.date_of.get(status) if lifecycle.is_final(status) else None
        closed = raw_dates.get(closing) if closing else None
        source = f.text("source")
        return Action(
            id=record.id,
            title=f.text("title"),
            source=self.record_ref(source) if source in self.titles else self.meeting_ref(source),
            owner=self.partner_ref(f.text("owner")),
            due=due,
            opened=f.sub(raw_dates).text("opened", at=("dates",)),
            status=status,
            status_label=self.L["action_status"].get(status, status),
            closed=closed if isinstance(closed, str) else None,
            result=f.opt_text("result") if status == "done" else None,
            late=cutoff is not None and late({"status": status, "due": due}, cutoff),
            record=self.stored(KINDS["action"], record),
        )

    def practice(self, record: RawRecord) -> Practice:
        f = Fields(self.repo, record)
        type_, domain, status = f.text("type"), f.text("domain"), f.text("status")
        dates = f.sub(f.mapping("dates", required=True))
        endorsed_at = f.opt_text("endorsed_at")
        return Practice(
            id=record.id,
            title=f.text("title"),
            type=type_,
            type_label=self.L["practice_type"].get(type_, type_),
            domain=domain,
            domain_label=self.L["practice_domain"].get(domain, domain),
            territory=f.opt_text("territory"),
            status=status,
            status_label=self.L["practice_status"].get(status, status),
            endorsed=dates.opt_text("endorsed", at=("dates",)),
            endorsed_at=self.meeting_ref(endorsed_at) if endorsed_at else None,
            record=self.stored(KINDS["practice"], record),
        )


__all__ = ["Builder", "lifecycle_of"]
