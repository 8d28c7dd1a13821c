"""opinion — an opinion, recommendation or contribution of the committee, from draft to publication.

Beyond its schema and lifecycle: a withdrawn text says why, an adopted one records its
decision, a member's referral names the member, each partner takes one position, and
positions are taken by partners who were members on the adoption date.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from cpne.kinds.common import NOTES, RAPPORTEURS, SUMMARY, THEMES, TITLE
from cpne.kinds.lifecycle import Lifecycle, Violation
from cpne.kinds.partner import member_on, membership_span
from cpne.kinds.spec import (
    Addition,
    CrossIssue,
    Field,
    Index,
    Kind,
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
from cpne.kinds.values import check_choice, parse_reference, parts

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
)


def parse_position(raw: str, option: str) -> dict[str, Any]:
    """``PARTNER|POSITION[|NOTE]``, the position one of the schema's."""
    found = parts(raw, option, "'PARTNER|POSITION[|NOTE]'", 2, 3)
    item: dict[str, Any] = {
        "partner": found[0],
        "position": check_choice(found[1], option, KIND.enum(POSITION_ENUM), "position", enum=("opinion", "position")),
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


def _rules(record: Record) -> list[Violation]:
    out: list[Violation] = []
    status = record.get("status")
    if status == "withdrawn" and not record.get("withdrawn_reason"):
        out.append(Violation(("status",), "a withdrawn opinion needs withdrawn_reason"))
    if status != "withdrawn" and "withdrawn_reason" in record:
        out.append(Violation(("withdrawn_reason",), f"withdrawn_reason is set but the status is '{status}'"))
    if status in LIFECYCLE.from_("adopted") and "decision" not in record:
        out.append(Violation(("status",), f"an {status} opinion needs a decision (mode, positions)"))
    referral = record.get("referral")
    if isinstance(referral, Mapping) and referral.get("origin") == "member" and "by" not in referral:
        out.append(Violation(("referral",), "a referral by a member needs referral.by (the partner's id)"))
    out.extend(_decision_rules(record.get("decision")))
    out.extend(_round_rules(record))
    if record.get("corrigenda") and status not in LIFECYCLE.frozen:
        out.append(
            Violation(
                ("corrigenda",), f"corrigenda are for published or withdrawn texts, not '{status}' ones", "corrigenda"
            )
        )
    return out


def _decision_rules(decision: Any) -> list[Violation]:
    """A vote records at least one position; a consensus records no position for or against; one each."""
    out: list[Violation] = []
    if isinstance(decision, Mapping):
        positions = decision.get("positions") or []
        if decision.get("mode") == "vote" and not positions:
            out.append(
                Violation(("decision",), "a vote records at least one position (decision.positions)", "decision")
            )
        if decision.get("mode") == "consensus":
            for index, position in enumerate(positions):
                if position.get("position") in ("for", "against"):
                    out.append(
                        Violation(
                            ("decision", "positions", index, "position"),
                            f"a consensus records no position {position.get('position')!r}"
                            " (abstentions and members not voting only)",
                            "decision",
                        )
                    )
        seen: set[str] = set()
        for index, position in enumerate(decision.get("positions") or []):
            partner = position.get("partner")
            if partner in seen:
                out.append(
                    Violation(
                        ("decision", "positions", index, "partner"),
                        f"partner '{partner}' has more than one position",
                        "duplicate-position",
                    )
                )
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
                    out.append(
                        Violation(
                            ("rounds", index, key), f"rounds go forward in time: {value} is before {previous}", "rounds"
                        )
                    )
                previous = value
    last = rounds[-1]
    if dates.get("consultation") != last.get("consultation"):
        out.append(
            Violation(
                ("rounds", len(rounds) - 1, "consultation"),
                "the last round is the consultation of dates.consultation",
                "rounds",
            )
        )
    status = record.get("status")
    if status == "consultation" and "returned" in last:
        out.append(
            Violation(
                ("rounds", len(rounds) - 1, "returned"),
                "the text is in consultation: its last round is still open",
                "rounds",
            )
        )
    if status == "draft" and "returned" not in last:
        out.append(
            Violation(
                ("rounds", len(rounds) - 1), "a text back in draft says when it was sent back (returned)", "rounds"
            )
        )
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
    decision = record.get("decision")
    if not isinstance(decision, Mapping):
        return "--decision consensus (or --decision vote with --position PARTNER|POSITION for each member voting)"
    if decision.get("mode") == "vote" and not decision.get("positions"):
        return "--position PARTNER|POSITION for each member voting (a vote records positions)"
    return None


def _cross(record: Record, index: Index) -> Iterator[CrossIssue]:
    """Positions are taken by partners who were members on the adoption date."""
    adopted = (record.get("dates") or {}).get("adopted")
    decision = record.get("decision")
    if not isinstance(adopted, str) or not isinstance(decision, Mapping):
        return
    for number, position in enumerate(decision.get("positions") or []):
        partner_id = position.get("partner")
        partner = index.get("partner", partner_id)
        if partner is not None and not member_on(partner, adopted):
            yield CrossIssue(
                ("decision", "positions", number, "partner"),
                "not-member",
                f"partner '{partner_id}' was not a member on the adoption date {adopted}"
                f" (member {membership_span(partner)})",
            )


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


_POSITION = "PARTNER|POSITION[|NOTE]"
_POSITION_HELP = "A vote: {choices} (repeatable)."
_DECISION = Field("decision", "--decision", ("decision", "mode"), "choice", "decision mode", "How it was decided.")
_POSITIONS = Field(
    "positions",
    "--position",
    ("decision", "positions"),
    "items",
    "positions",
    _POSITION_HELP,
    _POSITION,
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
    help="Opinions, recommendations, contributions: new, list, show, update, set-status, edit, history.",
    new_verb="new",
    new_help="New opinion (status draft): allocates the next free id, writes, commits, prints the id.",
    ids=sequential_ids("OP", ("dates", "created")),
    noun_of=_noun_of,
    section="opinions",
    references=(
        Reference(("themes", "*"), ("theme",)),
        Reference(("rapporteurs", "*"), ("partner",)),
        Reference(("referral", "by"), ("partner",)),
        Reference(("decision", "positions", "*", "partner"), ("partner",)),
        Reference(("related", "*"), ("opinion", "review")),
    ),
    fields=(
        TITLE,
        Field("kind", "--kind", ("kind",), "choice", "kind", "Kind of text.", required=True),
        THEMES,
        RAPPORTEURS,
        SUMMARY,
        Field(
            "body",
            "--body-file",
            ("body",),
            "text",
            "text (Markdown)",
            "Text (Markdown) read from FILE, or - for stdin.",
            "FILE",
            from_file=True,
        ),
        Field(
            "date",
            "--date",
            ("dates", "created"),
            "date",
            "creation date",
            "Creation date (default: today).",
            "YYYY-MM-DD",
        ),
        Field(
            "origin",
            "--origin",
            ("referral", "origin"),
            "choice",
            "origin of the referral",
            "Who referred the matter (default: self, or member with --referred-by).",
        ),
        Field(
            "referred_by",
            "--referred-by",
            ("referral", "by"),
            "ref",
            "referring partner",
            "Partner who referred it.",
            "PARTNER",
            target=("partner",),
        ),
        Field(
            "referred",
            "--referred",
            ("dates", "referred"),
            "date",
            "referral date",
            "Date of the referral.",
            "YYYY-MM-DD",
        ),
        _DECISION,
        _POSITIONS,
        Field(
            "references",
            "--reference",
            ("references",),
            "items",
            "references",
            "A document referred to (repeatable).",
            "TITLE|URL",
            parse=parse_reference,
        ),
        Field(
            "related",
            "--related",
            ("related",),
            "refs",
            "related records",
            "A related opinion or review (repeatable).",
            "ID",
            target=("opinion", "review"),
        ),
        Field("tags", "--tag", ("tags",), "texts", "tags", "A tag (repeatable).", "TAG"),
        Field(
            "withdrawn_reason",
            "--withdrawn-reason",
            ("withdrawn_reason",),
            "text",
            "reason for the withdrawal",
            "Reason for the withdrawal (withdrawn opinions).",
            "TEXT",
            commands=("update",),
        ),
        NOTES,
    ),
    lifecycle=LIFECYCLE,
    on_status=_on_status,
    additions=(
        Addition(
            "corrigendum",
            "Append a dated correction to a published or withdrawn text (the text itself stays as adopted).",
            ("corrigenda",),
            (
                Field(
                    "date",
                    "--date",
                    ("date",),
                    "date",
                    "date of the correction",
                    "Its date (default: today).",
                    "YYYY-MM-DD",
                ),
                Field("text", "--text", ("text",), "text", "correction", "The correction (French).", "TEXT"),
            ),
            statuses=LIFECYCLE.frozen,
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
                    "reason for the withdrawal",
                    "Why it is withdrawn (needed for withdrawn).",
                    "TEXT",
                ),
            ),
            statuses=("withdrawn",),
            required=("reason",),
        ),
        StatusInput(
            (
                Field("decision", "--decision", ("decision", "mode"), "choice", "decision mode", "How it was adopted."),
                _POSITIONS,
            ),
            statuses=("adopted",),
            ask_if_missing=("decision", "positions"),
            check=_adoption_check,
        ),
    ),
    unsettable=(
        "summary",
        "body",
        "decision",
        "references",
        "related",
        "tags",
        "withdrawn_reason",
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
    cross_reads=frozenset({"dates", "decision"}),
    columns=(
        column("id", "id"),
        column("kind", "kind"),
        column("status", "status"),
        column("created", "dates", "created"),
        column("themes", "themes"),
        column("title", "title"),
    ),
    filters=(
        statuses("Only this status (repeatable): {choices}."),
        contains("themes", "--theme", "Only this theme.", metavar="THEME"),
        year("Only opinions created this year.", ("dates", "created")),
        equals("kind", "--kind", "Kind of text.", enum=("kind",)),
        contains("rapporteurs", "--rapporteur", "Only this rapporteur.", metavar="PARTNER"),
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
