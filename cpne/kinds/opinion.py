"""opinion — an opinion, recommendation or contribution of the committee, from draft to publication.

Beyond its schema and lifecycle: a withdrawn text says why, an adopted one records its
decision, a member's referral names the member, each partner takes one position, and
positions are taken by partners who were members on the adoption date. Once adopted, the
text is followed up: whom it is addressed to (``addressees``) and the responses it receives
(``responses``, added by ``cpne opinion respond`` even to a published text), each naming a
partner by its id or an outside body by its name.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from cpne.i18n import N_, _, ngettext
from cpne.kinds.common import NOTES, RAPPORTEURS, SUMMARY, TEXT, THEMES, TITLE
from cpne.kinds.lifecycle import Lifecycle, Violation
from cpne.kinds.meeting import HELD, attending, on_agenda
from cpne.kinds.partner import member_on, membership_span
from cpne.kinds.spec import (
    SLUG_RE,
    Addition,
    CrossIssue,
    Field,
    Index,
    Kind,
    Pointer,
    Record,
    Reference,
    Shown,
    StatusInput,
    column,
    contains,
    equals,
    sequential_ids,
    shown_date,
    shown_text,
    statuses,
    year,
)
from cpne.kinds.values import DATE, REFERENCE, check_choice, parse_reference, parts
from cpne.words import agreeing, enum_label, gender, noun, with_label

POSITION_ENUM = ("decision", "positions", "*", "position")
LIFECYCLE = Lifecycle(
    initial="draft",
    transitions={
        "draft": ("consultation", "withdrawn"),
        "consultation": ("adopted", "draft", "withdrawn"),
        "adopted": ("published", "withdrawn"),
        "published": (),
        "withdrawn": (),
    },
    required_dates={
        "draft": ("created",),
        "consultation": ("created", "consultation"),
        "adopted": ("created", "consultation", "adopted"),
        "published": ("created", "consultation", "adopted", "published"),
        "withdrawn": ("created", "withdrawn"),
    },
    date_of={"consultation": "consultation", "adopted": "adopted", "published": "published", "withdrawn": "withdrawn"},
    date_order=("created", "consultation", "adopted", "published"),
    forbidden_dates={
        "draft": ("adopted", "published", "withdrawn"),
        "consultation": ("adopted", "published", "withdrawn"),
        "adopted": ("published", "withdrawn"),
        "published": ("withdrawn",),
        "withdrawn": ("published",),
    },
    closing_dates=("withdrawn",),
    other_dates=("referred",),
    dated=("draft",),  # sending a text back to draft is dated, in its consultation round
    frozen=("published", "withdrawn"),
    kind="opinion",
)
POSITION = N_("PARTNER|POSITION[|NOTE]")


def parse_position(raw: str, option: str) -> dict[str, Any]:
    """``PARTNER|POSITION[|NOTE]``, the position one of the schema's."""
    found = parts(raw, option, POSITION, 2, 3)
    item: dict[str, Any] = {
        "partner": found[0],
        "position": check_choice(
            found[1], option, KIND.enum(POSITION_ENUM), N_("position"), enum=("opinion", "position")
        ),
    }
    if len(found) == 3 and found[2]:
        item["note"] = found[2]
    return item


def _complete(record: dict[str, Any], given: frozenset[str], new: bool) -> None:
    """A referral names its origin: a member when a referring partner is given, else the committee itself."""
    if "referred_by" in given and "origin" not in given:
        record.setdefault("referral", {})["origin"] = "member"
    if new:
        record.setdefault("referral", {}).setdefault("origin", "self")


def _status_word(key: str, status: str) -> str:
    """``status`` said of a text of type ``key``, agreeing with its noun: « adopté », « adoptée »."""
    return enum_label("opinion", "status", status, "feminine" if gender(key) == "feminine" else "")


def _rules(record: Record) -> list[Violation]:
    out: list[Violation] = []
    status = record.get("status")
    key = _noun_of(record)
    if status == "withdrawn" and not record.get("withdrawn_reason"):
        message = agreeing(key, "a withdrawn {noun} needs withdrawn_reason (why it was withdrawn)")
        out.append(Violation(("status",), message.format(noun=noun(key))))
    if status != "withdrawn" and "withdrawn_reason" in record:
        message = _("withdrawn_reason is set but the status is '{status}'").format(status=status)
        out.append(Violation(("withdrawn_reason",), message))
    if isinstance(status, str) and status in LIFECYCLE.from_("adopted") and "decision" not in record:
        message = agreeing(key, "the {noun} is {status}: it needs a decision (mode, positions)")
        out.append(Violation(("status",), message.format(noun=noun(key), status=_status_word(key, status))))
    referral = record.get("referral")
    if isinstance(referral, Mapping) and referral.get("origin") == "member" and "by" not in referral:
        message = _("a referral by a member needs referral.by (the partner's id)")
        out.append(Violation(("referral",), message))
    out.extend(_decision_rules(record.get("decision")))
    out.extend(_round_rules(record))
    if record.get("corrigenda") and status not in LIFECYCLE.frozen:
        message = _("corrigenda are for published or withdrawn texts, not for a text in status '{status}'")
        out.append(Violation(("corrigenda",), message.format(status=status), "corrigenda"))
    out.extend(_response_rules(record, status))
    return out


def _response_rules(record: Record, status: Any) -> list[Violation]:
    """Responses answer an adopted text: none before adoption, none dated before it."""
    responses = record.get("responses")
    if not isinstance(responses, list) or not responses:
        return []
    if not isinstance(status, str) or status not in LIFECYCLE.from_("adopted"):
        message = _("responses are for adopted texts, not for a text in status '{status}'")
        return [Violation(("responses",), message.format(status=status), "responses")]
    dates = record.get("dates")
    adopted = dates.get("adopted") if isinstance(dates, Mapping) else None
    out = []
    for number, response in enumerate(responses):
        day = response.get("date") if isinstance(response, Mapping) else None
        if isinstance(adopted, str) and isinstance(day, str) and day < adopted:
            message = _("response {number} is dated {date}, before the text was adopted ({adopted})")
            out.append(
                Violation(
                    ("responses", number, "date"),
                    message.format(number=number + 1, date=day, adopted=adopted),
                    "date-order",
                )
            )
    return out


def parties(record: Record) -> Iterator[tuple[Pointer, str]]:
    """Every addressee and response author of a text, with where it is (partner ids or outside bodies' names)."""
    for number, value in enumerate(record.get("addressees") or []):
        if isinstance(value, str):
            yield ("addressees", number), value
    for number, response in enumerate(record.get("responses") or []):
        value = response.get("from") if isinstance(response, Mapping) else None
        if isinstance(value, str):
            yield ("responses", number, "from"), value


def _parties(record: Record, index: Index) -> Iterator[CrossIssue]:
    """An addressee or a response's author written as an id names a partner; a body's name is written in full."""
    for pointer, value in parties(record):
        if SLUG_RE.fullmatch(value) and index.get("partner", value) is None:
            message = _(
                "'{value}' is the id of no partner: give a partner's id, or the outside body's name in full"
                " (e.g. Direction du numérique pour l'éducation)"
            )
            yield CrossIssue(pointer, "unknown-ref", message.format(value=value))


def _decision_rules(decision: Any) -> list[Violation]:
    """A vote records at least one position; a consensus records no position for or against; one each."""
    out: list[Violation] = []
    if isinstance(decision, Mapping):
        positions = decision.get("positions") or []
        if decision.get("mode") == "vote" and not positions:
            message = _("a vote records at least one position (decision.positions)")
            out.append(Violation(("decision",), message, "decision"))
        if decision.get("mode") == "consensus":
            for index, position in enumerate(positions):
                if position.get("position") in ("for", "against"):
                    message = _(
                        "a consensus records no position '{position}' (abstentions and members not voting only)"
                    ).format(position=position.get("position"))
                    out.append(Violation(("decision", "positions", index, "position"), message, "decision"))
        seen: set[str] = set()
        for index, position in enumerate(decision.get("positions") or []):
            partner = position.get("partner")
            if partner in seen:
                message = _("partner '{partner}' has more than one position").format(partner=partner)
                out.append(Violation(("decision", "positions", index, "partner"), message, "duplicate-position"))
            seen.add(partner)
    return out


def _round_rules(record: Record) -> list[Violation]:
    """Consultation rounds follow each other; the last one is the current consultation (open while in it)."""
    rounds = record.get("rounds")
    dates = record.get("dates")
    if not isinstance(rounds, list) or not rounds or not isinstance(dates, Mapping):
        return []
    out: list[Violation] = []
    previous = ""
    for index, one in enumerate(rounds):
        for key in ("consultation", "returned"):
            value = one.get(key)
            if isinstance(value, str):
                if value < previous:
                    message = _("rounds go forward in time: {date} is before {previous}").format(
                        date=value, previous=previous
                    )
                    out.append(Violation(("rounds", index, key), message, "rounds"))
                previous = value
    last = len(rounds) - 1
    if dates.get("consultation") != rounds[last].get("consultation"):
        message = _("the last round is the consultation of dates.consultation")
        out.append(Violation(("rounds", last, "consultation"), message, "rounds"))
    status = record.get("status")
    if status == "consultation" and "returned" in rounds[last]:
        message = _("the text is in consultation: its last round is still open")
        out.append(Violation(("rounds", last, "returned"), message, "rounds"))
    if status == "draft" and "returned" not in rounds[last]:
        message = _("a text back in draft says when it was sent back (returned)")
        out.append(Violation(("rounds", last), message, "rounds"))
    return out


def _on_status(record: dict[str, Any], old: str, new: str, day: str) -> None:
    """Every consultation round is kept: a new round when consultation opens, its return date when sent back."""
    if new == "consultation":
        rounds = record.get("rounds")
        if not isinstance(rounds, list):
            consulted = (record.get("dates") or {}).get("consultation")
            rounds = [{"consultation": consulted}] if isinstance(consulted, str) and consulted != day else []
        record["rounds"] = [*rounds, {"consultation": day}]
    elif new == "draft" and old == "consultation":
        rounds = record.get("rounds")
        if not isinstance(rounds, list) or not rounds:
            rounds = [{"consultation": (record.get("dates") or {}).get("consultation", day)}]
        record["rounds"] = [*rounds[:-1], {**rounds[-1], "returned": day}]


def _adoption_check(record: Record) -> str | None:
    """What an adoption still lacks, as the options to give."""
    decision = record.get("decision")
    form = _("PARTNER|POSITION")
    if not isinstance(decision, Mapping):
        message = _("--decision consensus (or --decision vote with --position {form} for each member voting)")
        return message.format(form=form)
    if decision.get("mode") == "vote" and not decision.get("positions"):
        return _("--position {form} for each member voting (a vote records positions)").format(form=form)
    return None


def _cross(record: Record, index: Index) -> Iterator[CrossIssue]:
    """Positions are taken by partners who were members on the adoption date (and at its séance, if named)."""
    yield from _parties(record, index)
    adopted = (record.get("dates") or {}).get("adopted")
    decision = record.get("decision")
    if not isinstance(adopted, str) or not isinstance(decision, Mapping):
        return
    yield from _seance(record, decision, adopted, index)
    for number, position in enumerate(decision.get("positions") or []):
        partner_id = position.get("partner")
        partner = index.get("partner", partner_id)
        if partner is not None and not member_on(partner, adopted):
            message = _("partner '{partner}' was not a member on the adoption date {date} (member {span})")
            yield CrossIssue(
                ("decision", "positions", number, "partner"),
                "not-member",
                message.format(partner=partner_id, date=adopted, span=membership_span(partner)),
            )


def _seance(record: Record, decision: Mapping[str, Any], adopted: str, index: Index) -> Iterator[CrossIssue]:
    """The séance that adopted the text is a held plenary of that day, with the text on its agenda and a quorum.

    The positions are those of members present or represented at it.
    """
    meeting_id = decision.get("meeting")
    meeting = index.get("meeting", meeting_id) if isinstance(meeting_id, str) else None
    if meeting is None:
        return  # none named, or an unknown one (the reference check says so)
    at = ("decision", "meeting")
    kind, status, day = meeting.get("type"), meeting.get("status"), meeting.get("date")
    if kind != "plenary":
        message = _("{id} is a meeting of type {type}: a text is adopted in a plenary meeting")
        type_ = with_label("meeting", "type", str(kind))
        yield CrossIssue(at, "decision-meeting", message.format(id=meeting_id, type=type_))
    if status not in HELD:
        message = _(
            "{id} has the status {status}: a text is adopted at a held meeting (cpne meeting set-status {id} held)"
        )
        yield CrossIssue(
            at, "decision-meeting", message.format(id=meeting_id, status=with_label("meeting", "status", str(status)))
        )
    if day != adopted:
        message = _("{id} took place on {date}, not on the adoption date ({adopted})")
        yield CrossIssue(at, "decision-meeting", message.format(id=meeting_id, date=day, adopted=adopted))
    if not on_agenda(meeting, "opinion", str(record.get("id"))):
        message = _("{text} is not on the agenda of {id} (cpne meeting agenda {id} --add TITLE --opinion {text})")
        yield CrossIssue(at, "decision-meeting", message.format(id=meeting_id, text=record.get("id")))
    if status not in HELD:
        return  # who took part is known once it is held: positions and quorum are checked then
    present = attending(meeting)
    for number, position in enumerate(decision.get("positions") or []):
        partner = position.get("partner") if isinstance(position, Mapping) else None
        if isinstance(partner, str) and partner not in present:
            message = _("partner '{partner}' takes a position but was not present or represented at {id}")
            yield CrossIssue(
                ("decision", "positions", number, "partner"),
                "not-present",
                message.format(partner=partner, id=meeting_id),
            )
    if index.quorum is not None and len(present) < index.quorum:
        message = ngettext(
            "{id} had {count} member present or represented: the quorum is {quorum}",
            "{id} had {count} members present or represented: the quorum is {quorum}",
            len(present),
        )
        yield CrossIssue(at, "quorum", message.format(id=meeting_id, count=len(present), quorum=index.quorum))


def positions_outside(partner: Record, opinions: Iterable[Record]) -> list[str]:
    """Ids of the opinions in which ``partner`` took a position while not a member on their adoption date."""
    partner_id = partner.get("id")
    outside = []
    for data in opinions:
        dates, decision = data.get("dates"), data.get("decision")
        adopted = dates.get("adopted") if isinstance(dates, dict) else None
        if not isinstance(adopted, str) or not isinstance(decision, dict) or member_on(partner, adopted):
            continue
        if any(isinstance(p, dict) and p.get("partner") == partner_id for p in decision.get("positions") or []):
            outside.append(str(data.get("id")))
    return outside


_POSITION_HELP = N_("A vote: {choices} (repeatable).")
_DECISION = Field(
    "decision", "--decision", ("decision", "mode"), "choice", N_("decision mode"), N_("How it was decided.")
)
_POSITIONS = Field(
    "positions",
    "--position",
    ("decision", "positions"),
    "items",
    N_("positions"),
    _POSITION_HELP,
    POSITION,
    parse=parse_position,
    required_if=lambda values: values.get("decision") == "vote",
    enum=POSITION_ENUM,
)


def _noun_of(record: Record) -> str:
    """An opinion is named by its type: « recommandation OP-2026-002 »."""
    kind = record.get("kind")
    return kind if isinstance(kind, str) and kind in KIND.enum(("kind",)) else "opinion"


KIND = Kind(
    name="opinion",
    folder="opinions",
    order=40,
    help=N_("Opinions, recommendations, contributions: new, list, show, update, set-status, edit, history."),
    new_verb="new",
    new_help=N_("New opinion (status draft): allocates the next free id, writes, commits, prints the id."),
    ids=sequential_ids("OP", ("dates", "created")),
    noun_of=_noun_of,
    section="opinions",
    references=(
        Reference(("themes", "*"), ("theme",)),
        Reference(("rapporteurs", "*"), ("partner",)),
        Reference(("referral", "by"), ("partner",)),
        Reference(("decision", "positions", "*", "partner"), ("partner",)),
        Reference(("decision", "meeting"), ("meeting",)),
        Reference(("prepared_by",), ("group",)),
        Reference(("related", "*"), ("opinion", "review")),
    ),
    fields=(
        TITLE,
        Field("kind", "--kind", ("kind",), "choice", N_("kind"), N_("Kind of text."), required=True),
        THEMES,
        RAPPORTEURS,
        Field(
            "prepared_by",
            "--prepared-by",
            ("prepared_by",),
            "ref",
            N_("prepared by"),
            N_("The working group that prepared it."),
            N_("GROUP"),
            target=("group",),
        ),
        SUMMARY,
        Field(
            "body",
            "--body-file",
            ("body",),
            "text",
            N_("text (Markdown)"),
            N_("Text (Markdown) read from FILE, or - for stdin."),
            N_("FILE"),
            from_file=True,
        ),
        Field(
            "date",
            "--date",
            ("dates", "created"),
            "date",
            N_("creation date"),
            N_("Creation date (default: today)."),
            DATE,
        ),
        Field(
            "origin",
            "--origin",
            ("referral", "origin"),
            "choice",
            N_("origin of the referral"),
            N_("Who referred the matter (default: self, or member with --referred-by)."),
        ),
        Field(
            "referred_by",
            "--referred-by",
            ("referral", "by"),
            "ref",
            N_("referring partner"),
            N_("Partner who referred it."),
            N_("PARTNER"),
            target=("partner",),
        ),
        Field(
            "referred",
            "--referred",
            ("dates", "referred"),
            "date",
            N_("referral date"),
            N_("Date of the referral."),
            DATE,
        ),
        _DECISION,
        _POSITIONS,
        Field(
            "references",
            "--reference",
            ("references",),
            "items",
            N_("references"),
            N_("A document referred to (repeatable)."),
            REFERENCE,
            parse=parse_reference,
        ),
        Field(
            "related",
            "--related",
            ("related",),
            "refs",
            N_("related records"),
            N_("A related opinion or review (repeatable)."),
            N_("ID"),
            target=("opinion", "review"),
        ),
        Field("tags", "--tag", ("tags",), "texts", N_("tags"), N_("A tag (repeatable)."), N_("TAG")),
        Field(
            "addressees",
            "--addressee",
            ("addressees",),
            "refs",
            N_("addressees"),
            N_("Whom the text is addressed to: a partner's id, or an outside body's name in full (repeatable)."),
            N_("PARTNER|BODY"),
            target=("partner",),
        ),
        Field(
            "withdrawn_reason",
            "--withdrawn-reason",
            ("withdrawn_reason",),
            "text",
            N_("reason for the withdrawal"),
            N_("Reason for the withdrawal (withdrawn opinions)."),
            TEXT,
            commands=("update",),
        ),
        NOTES,
    ),
    lifecycle=LIFECYCLE,
    on_status=_on_status,
    additions=(
        Addition(
            "corrigendum",
            N_("Append a dated correction to a published or withdrawn text (the text itself stays as adopted)."),
            ("corrigenda",),
            (
                Field(
                    "date",
                    "--date",
                    ("date",),
                    "date",
                    N_("date of the correction"),
                    N_("Its date (default: today)."),
                    DATE,
                ),
                Field(
                    "text",
                    "--text",
                    ("text",),
                    "text",
                    N_("correction"),
                    N_("The correction (French)."),
                    TEXT,
                    required=True,
                ),
            ),
            statuses=LIFECYCLE.frozen,
        ),
        Addition(
            "respond",
            N_("Record a response received to an adopted or published text (the text itself does not change)."),
            ("responses",),
            (
                Field(
                    "respondent",  # ``from`` is a Python keyword (and ``author`` names the commit's author)
                    "--from",
                    ("from",),
                    "ref",
                    N_("author of the response"),
                    N_("Who responds: a partner's id, or an outside body's name in full."),
                    N_("PARTNER|BODY"),
                    target=("partner",),
                    required=True,
                ),
                Field(
                    "date",
                    "--date",
                    ("date",),
                    "date",
                    N_("date of the response"),
                    N_("Its date (default: today)."),
                    DATE,
                ),
                Field(
                    "summary",
                    "--summary",
                    ("summary",),
                    "text",
                    N_("summary of the response"),
                    N_("What the response says (French)."),
                    TEXT,
                    required=True,
                ),
                Field(
                    "url",
                    "--url",
                    ("url",),
                    "text",
                    N_("address of the response"),
                    N_("Where to read it (http:// or https://)."),
                    N_("URL"),
                ),
            ),
            statuses=("adopted", "published"),
        ),
    ),
    status_inputs=(
        StatusInput(
            (
                Field(
                    "reason",
                    "--reason",
                    ("withdrawn_reason",),
                    "text",
                    N_("reason for the withdrawal"),
                    N_("Why it is withdrawn (needed for withdrawn)."),
                    TEXT,
                ),
            ),
            statuses=("withdrawn",),
            required=("reason",),
        ),
        StatusInput(
            (
                Field(
                    "decision",
                    "--decision",
                    ("decision", "mode"),
                    "choice",
                    N_("decision mode"),
                    N_("How it was adopted."),
                ),
                _POSITIONS,
                Field(
                    "meeting",
                    "--meeting",
                    ("decision", "meeting"),
                    "ref",
                    N_("plenary meeting"),
                    N_("The plenary meeting that adopted it (its date is the adoption date)."),
                    N_("MEETING"),
                    target=("meeting",),
                ),
            ),
            statuses=("adopted",),
            ask_if_missing=("decision", "positions"),
            check=_adoption_check,
            date_from="meeting",
        ),
    ),
    unsettable=(
        "summary",
        "body",
        "decision",
        "prepared_by",
        "references",
        "related",
        "tags",
        "withdrawn_reason",
        "addressees",
        "notes",
        "referral.by",
        "dates.referred",
        "dates.consultation",
        "dates.adopted",
        "dates.published",
        "dates.withdrawn",
    ),
    settable_dates=("created", "referred", "consultation", "adopted", "published", "withdrawn"),
    complete=_complete,
    rules=_rules,
    cross=_cross,
    cross_reads=frozenset({"dates", "decision", "addressees", "responses"}),
    reads=("meeting",),
    columns=(
        column(N_("id"), "id"),
        column(N_("kind"), "kind"),
        column(N_("status"), "status"),
        column(N_("created"), "dates", "created"),
        column(N_("themes"), "themes"),
        column(N_("title"), "title"),
    ),
    filters=(
        statuses(N_("Only this status (repeatable): {choices}.")),
        contains("themes", "--theme", N_("Only this theme."), metavar=N_("THEME")),
        year(N_("Only opinions created this year."), ("dates", "created")),
        equals("kind", "--kind", N_("Kind of text."), enum=("kind",)),
        contains("rapporteurs", "--rapporteur", N_("Only this rapporteur."), metavar=N_("PARTNER")),
    ),
    register_columns=(
        shown_text("number", "id"),
        shown_text("type", "kind_label"),
        shown_text("title"),
        shown_text("status", "status_label"),
        shown_text("themes", "themes_text"),
        shown_text("rapporteurs", "rapporteurs_text"),
        Shown("referral_col", "referral_origin", "words", "referral_short"),
        *(
            shown_date(f"date_name.{name}", f"dates.{name}")
            for name in ("created", "adopted", "published", "withdrawn")
        ),
    ),
)
