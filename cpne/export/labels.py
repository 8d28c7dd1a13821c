"""The words of each export language, and dates written as each language writes them.

Record fields and enum values are English identifiers; what a reader sees comes from
the gettext catalogs (:mod:`cpne.i18n`), like every other word cpne shows (French by
default, English with ``--lang en``). :func:`labels` gives the table a template reads
as ``L``:

- the exports' own words (``L.title``, ``L.edition``, ``L.date_name.adopted``…):
  English source text under the catalog context ``export``;
- one table per enum of every kind's schema, ``L.<kind>_<key>`` (``opinion_status``,
  ``partner_category``, ``referential_domains``), and one per variant of it listed in
  :data:`cpne.words.ENUM_VARIANTS`, ``L.<kind>_<key>_<variant>`` (``opinion_status_feminine``,
  ``opinion_status_column``, ``opinion_kind_plural``): value → label, read with
  :func:`cpne.words.enum_label` over the values the schema lists. A few tables keep the
  shorter names templates have used (:data:`ALIASES`: ``category``, ``membership``…);
- ``L.feminine_kinds``: the kinds and text types whose noun is feminine (statuses agree
  with them: « avis adopté », « recommandation adoptée »), from the catalog's genders.

Dates are formatted by Babel (``d MMMM y``); French writes the first day of a month as
an ordinal, ``1er octobre 2015``, which Babel's patterns cannot express, so that one
case is added here.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any

from cpne.i18n import catalog
from cpne.words import ENUM_VARIANTS, enum_context, enum_label, gender

# the names templates have long used for some enum tables (the table's name by kind and key beside)
ALIASES: dict[str, str] = {
    "category": "partner_category",
    "membership": "partner_membership",
    "referral": "opinion_origin",
    "referral_short": "opinion_origin_short",
    "decision_mode": "opinion_mode",
    "position": "opinion_position",
    "domain": "referential_domains",
}


def _words(pgettext: Callable[[str, str], str]) -> dict[str, Any]:
    """The exports' own words (catalog context ``export``); ``pgettext`` is one language's."""
    return {
        "committee_label": pgettext("export", "Committee"),
        "edition": pgettext("export", "Edition of {date}."),
        "period_year": pgettext("export", "Period covered: {start} to {end}."),
        "period_all": pgettext("export", "Period covered: since the register began."),
        "period_all_years": pgettext("export", "Period covered: {first} to {last}."),
        "status_note_year": pgettext("export", "Statuses are those of {date}, from the dates held in the register."),
        "status_note_all": pgettext("export", "Statuses are those held in the register."),
        "number": pgettext("export", "No."),
        "id": pgettext("export", "Id"),
        "title": pgettext("export", "Title"),
        "type": pgettext("export", "Type"),
        "status": pgettext("export", "Status"),
        "date": pgettext("export", "Date"),
        "total": pgettext("export", "Total"),
        "count": pgettext("export", "Count"),
        "themes": pgettext("export", "Themes"),
        "theme": pgettext("export", "Theme"),
        "theme_heading": pgettext("export", "Theme {number}: {title}"),
        "rapporteurs": pgettext("export", "Rapporteurs"),
        "summary": pgettext("export", "Summary"),
        "none": pgettext("export", "none"),
        "acronym": pgettext("export", "Acronym"),
        "name": pgettext("export", "Name"),
        "signed_as": pgettext("export", "Signed as"),
        "category_col": pgettext("export", "Category"),
        "membership_col": pgettext("export", "Membership"),
        "created": pgettext("export", "Created"),  # a group's (its register table's header)
        "closed": pgettext("export", "Closed"),
        "joined": pgettext("export", "Joined"),
        "left": pgettext("export", "Left"),
        "website": pgettext("export", "Website"),
        "former_names": pgettext("export", "Former names"),
        "former_name_until": pgettext("export", "{name} (until {date})"),
        "representatives": pgettext("export", "Representation"),
        "representative_since": pgettext("export", "since {date}"),
        "representative_period": pgettext("export", "from {since} to {until}"),
        "representative_until": pgettext("export", "until {date}"),
        "owner": pgettext("export", "Owner"),  # a referential's, an action's
        "source": pgettext("export", "Follows up"),  # an action's text or meeting
        "due": pgettext("export", "Due"),
        "domains": pgettext("export", "Domains"),
        "versions": pgettext("export", "Versions"),
        "superseded_by": pgettext("export", "Superseded by"),
        "referential": pgettext("export", "Referential"),
        "version": pgettext("export", "Version"),
        "outcome": pgettext("export", "Resulting opinion"),
        "date_name": {
            "created": pgettext("export", "Created"),
            "referred": pgettext("export", "Referred"),
            "consultation": pgettext("export", "Consultation"),
            "adopted": pgettext("export", "Adopted"),
            "published": pgettext("export", "Published"),
            "withdrawn": pgettext("export", "Withdrawn"),
            "opened": pgettext("export", "Opened"),
            "concluded": pgettext("export", "Concluded"),
            "closed": pgettext("export", "Closed"),
            "done": pgettext("export", "Done"),
            "proposed": pgettext("export", "Proposed"),
            "endorsed": pgettext("export", "Endorsed"),
            "retired": pgettext("export", "Retired"),
        },
        "colon": pgettext("export", ": "),
        "semicolon": pgettext("export", "; "),
        "referral_col": pgettext("export", "Referral"),
        "findings": pgettext("export", "Findings"),
        "recommendations": pgettext("export", "Recommendations"),
        "report_title": pgettext("export", "Activity report"),
        "report_title_year": pgettext("export", "Activity report {year}"),
        "figures_year": pgettext("export", "The year in figures"),
        "figures_all": pgettext("export", "The committee in figures"),
        "opinions_by_kind_status": pgettext("export", "Texts by type and status"),
        "reviews_by_status": pgettext("export", "Referential reviews, by status"),
        "members_figures": pgettext("export", "Members"),
        "signatories": pgettext("export", "Signatories"),
        "associated": pgettext("export", "Associated members"),
        "former_members": pgettext("export", "Former members"),
        "members_total": pgettext("export", "All members"),
        "chart_by_status": pgettext("export", "Texts by status"),
        "chart_by_theme": pgettext("export", "Texts by theme"),
        "texts_col": pgettext("export", "Texts"),
        "reviews_col": pgettext("export", "Reviews"),
        "archived_suffix": pgettext("export", " (archived)"),
        "chart_theme_axis": pgettext("export", "Theme"),
        "chart_count_axis": pgettext("export", "Count"),
        "chart_theme_note": pgettext("export", "A text may belong to several themes: it is counted in each."),
        "chart_table_note": pgettext("export", "The same figures, as a table:"),
        "no_opinions": pgettext("export", "No opinion, recommendation or contribution in the period."),
        "no_reviews": pgettext("export", "No referential review in the period."),
        "work_by_theme": pgettext("export", "Work by theme"),
        "theme_opinions": pgettext("export", "Opinions, recommendations and contributions"),
        "theme_reviews": pgettext("export", "Referential reviews"),
        "theme_nothing": pgettext("export", "No work in the period."),
        "adopted_published": pgettext("export", "Texts adopted and published"),
        "no_adopted": pgettext("export", "No text adopted or published in the period."),
        "reviews_section": pgettext("export", "Referential reviews"),
        "composition": pgettext("export", "Composition of the committee"),
        "composition_note": pgettext(
            "export",
            "Representatives' names are left out of this document (personal data); only their functions are shown.",
        ),
        "composition_note_personal": pgettext(
            "export",
            "This document holds the names of the members' representatives (personal data).",
        ),
        "no_members": pgettext("export", "No member."),
        "register_title": pgettext("export", "Register"),
        "register_state": pgettext("export", "State of the register on {date}."),
        "partners": pgettext("export", "Members"),
        "themes_section": pgettext("export", "Themes"),
        "referentials": pgettext("export", "National referentials"),
        "opinions": pgettext("export", "Opinions, recommendations and contributions"),
        "reviews": pgettext("export", "Referential reviews"),
        "groups": pgettext("export", "Working groups"),
        "meetings": pgettext("export", "Meetings"),
        "actions": pgettext("export", "Follow-up actions"),
        "practices": pgettext("export", "Good practices and initiatives"),
        "domain_col": pgettext("export", "Domain"),  # a practice's (its register table's header)
        "territory": pgettext("export", "Territory"),
        "empty_kind": pgettext("export", "No record."),
        "opinion_heading": pgettext("export", "{kind} No. {id}"),
        "status_line": pgettext("export", "Status: {status}."),
        "document_date": pgettext("export", "Document issued on {date}."),
        "referral_section": pgettext("export", "Referral"),
        "referred_by": pgettext("export", "{origin}: {by}."),
        "referred_on": pgettext("export", "Referred on {date}."),
        "body": pgettext("export", "Text"),
        "decision": pgettext("export", "Decision"),
        "decision_mode_line": pgettext("export", "Decision by {mode}."),
        "prepared_by": pgettext("export", "Prepared by"),
        "adopted_at": pgettext("export", "Adopted at the plenary meeting {meeting}."),
        "positions_tally": pgettext(
            "export",
            "For: {in_favour} · against: {against} · abstention: {abstain} · not voting: {not_voting}.",
        ),
        "member": pgettext("export", "Member"),
        "position_col": pgettext("export", "Position"),
        "note": pgettext("export", "Note"),
        "no_positions": pgettext("export", "No individual position is recorded."),
        "references": pgettext("export", "References"),
        "related": pgettext("export", "Related work"),
        "withdrawal": pgettext("export", "Withdrawal"),
        "corrigenda": pgettext("export", "Corrigenda"),
        "tags": pgettext("export", "Keywords"),
        "unknown_record": pgettext("export", "(not found in the register)"),
        # meetings: the agenda and the minutes
        "agenda_title": pgettext("export", "Notice of meeting and agenda: {title}"),
        "minutes_title": pgettext("export", "Minutes: {title}"),
        "place": pgettext("export", "Place"),
        "group": pgettext("export", "Working group"),
        "audience": pgettext("export", "Participants"),
        "agenda": pgettext("export", "Agenda"),
        "agenda_outcomes": pgettext("export", "Agenda and outcomes"),
        "agenda_item": pgettext("export", "Item"),
        "concerns": pgettext("export", "Text or review concerned"),
        "outcome_col": pgettext("export", "Outcome"),
        "no_agenda": pgettext("export", "No item on the agenda."),
        "concern_opinion": pgettext("export", "{kind} No. {id}: {title} ({status})"),
        "concern_review": pgettext("export", "Review No. {id}: {title} ({status})"),
        "attendance": pgettext("export", "Attendance"),
        "presence": pgettext("export", "Presence"),
        "represented_by": pgettext("export", "represented by {partner}"),
        "no_attendance": pgettext("export", "No attendance is recorded."),
        "texts_adopted": pgettext("export", "Texts adopted"),
        "no_texts_adopted": pgettext("export", "No text adopted at this meeting."),
        "minutes_text": pgettext("export", "Record of the discussion"),
        "no_minutes_text": pgettext("export", "The register holds no record of the discussion yet."),
        "approval": pgettext("export", "Approval of the minutes"),
        "minutes_approved": pgettext("export", "Minutes approved at meeting {id} on {date}."),
        "minutes_approved_undated": pgettext("export", "Minutes approved at meeting {id}."),
        "minutes_not_approved": pgettext("export", "Minutes not yet approved."),
        # the report's meetings, working groups and events
        "meetings_by_type": pgettext("export", "Meetings held, by type"),
        "attendance_section": pgettext("export", "Members' attendance at meetings"),
        "attendance_note": pgettext(
            "export",
            "Plenary and working-group meetings held in the period with their attendance recorded, counted for "
            "each member that could take part: a member of the committee that day, and of the group for a "
            "working group's meeting. A member represented counts as attending.",
        ),
        "meetings_col": pgettext("export", "Meetings"),
        "attended_col": pgettext("export", "Present or represented"),
        "rate_col": pgettext("export", "Rate"),
        "no_attendance_period": pgettext("export", "No meeting with its attendance recorded in the period."),
        "mandate": pgettext("export", "Mandate"),
        "role": pgettext("export", "Role"),
        "group_members": pgettext("export", "Members of the group"),
        "prepared_texts": pgettext("export", "Texts prepared"),
        "no_prepared_texts": pgettext("export", "No text prepared by the group in the period."),
        "no_groups": pgettext("export", "No working group in the period."),
        "events_section": pgettext("export", "Sharing days and consensus conferences"),
        "no_events": pgettext("export", "No sharing day or consensus conference in the period."),
        # what became of the texts: addressees, responses, follow-up actions; the practices endorsed
        "follow_up_section": pgettext("export", "Follow-up"),
        "follow_up_report": pgettext("export", "What became of the texts adopted"),
        "follow_up_on": pgettext("export", "Follow-up as it stood on {date}."),
        "follow_up_undated": pgettext(
            "export", "Follow-up as the register holds it (give --year or --date to see which actions are late)."
        ),
        "addressees": pgettext("export", "Addressees"),
        "responses": pgettext("export", "Responses received"),
        "response_link": pgettext("export", "read it"),
        "actions_tally": pgettext("export", "{done} done, {open} open, {dropped} dropped"),
        "actions_tally_late": pgettext("export", "{done} done, {open} open (of which {late} late), {dropped} dropped"),
        "action_col": pgettext("export", "Action"),
        "action_late": pgettext("export", "late"),
        "meeting_actions": pgettext("export", "Actions decided at meetings"),
        "practices_endorsed": pgettext("export", "Good practices and initiatives endorsed"),
        "no_practices_endorsed": pgettext("export", "No practice endorsed in the period."),
    }


def _enum_nodes(node: Any, key: str, root: dict[str, Any]) -> Iterator[tuple[str, list[Any]]]:
    """(key of the property holding it, values) of every enum under ``node``, as the catalogs list them."""
    if not isinstance(node, dict):
        return
    if "$ref" in node:
        yield from _enum_nodes(root.get("$defs", {}).get(str(node["$ref"]).rsplit("/", 1)[-1]), key, root)
    if "enum" in node and key:
        yield key, node["enum"]
    for name, sub in node.get("properties", {}).items():
        yield from _enum_nodes(sub, name, root)
    if "items" in node:
        yield from _enum_nodes(node["items"], key, root)
    for combined in ("oneOf", "anyOf", "allOf"):
        for sub in node.get(combined, []):
            yield from _enum_nodes(sub, key, root)


def enums() -> dict[tuple[str, str], tuple[str, ...]]:
    """Every enum of every kind's schema: (kind, key) → its values, in the schema's order."""
    from cpne.kinds import KINDS
    from cpne.kinds.enums import schema_at
    from cpne.resources import schemas_dir

    found: dict[tuple[str, str], tuple[str, ...]] = {}
    for kind in KINDS.values():
        schema = schema_at(kind.schema_dir or schemas_dir(), kind.name)
        for key, values in _enum_nodes(schema, "", schema):
            known = found.get((kind.name, key), ())
            found[(kind.name, key)] = known + tuple(str(v) for v in values if str(v) not in known)
    return found


def _enum_tables(lang: str) -> dict[str, dict[str, str]]:
    """``<kind>_<key>`` (and ``<kind>_<key>_<variant>``): value → label, for every enum of the schemas."""
    tables: dict[str, dict[str, str]] = {}
    for (kind, key), values in enums().items():
        for variant in ("", *ENUM_VARIANTS.get(enum_context(kind, key), ())):
            name = f"{kind}_{key}" + (f"_{variant}" if variant else "")
            tables[name] = {value: enum_label(kind, key, value, variant, lang=lang) for value in values}
    return tables


def _nouns() -> list[str]:
    """The kinds' names and the opinion's text types: the nouns statuses agree with."""
    from cpne.kinds import KINDS

    found: list[str] = []
    for kind in KINDS.values():
        found.append(kind.name)
        if kind.noun_of is not None:
            found += kind.enum(("kind",))
    return list(dict.fromkeys(found))


@cache
def _labels(lang: str, kinds: tuple[str, ...]) -> dict[str, Any]:
    table: dict[str, Any] = {"lang": lang}
    enum_tables = _enum_tables(lang)
    table.update(enum_tables)
    table.update({alias: enum_tables.get(name, {}) for alias, name in ALIASES.items()})
    table["feminine_kinds"] = [key for key in _nouns() if gender(key, lang=lang) == "feminine"]
    table.update(_words(catalog(lang).pgettext))
    return table


def labels(lang: str) -> dict[str, Any]:
    """The label table of ``lang`` (one of :data:`cpne.repo.LANGUAGES`), read from its catalog."""
    from cpne.kinds import KINDS

    return _labels(lang, tuple(KINDS))


def opinion_status(lang: str, kind: str, status: str) -> str:
    """An opinion's status as a word that agrees with its kind (French: "avis adopté", "recommandation adoptée")."""
    variant = "feminine" if gender(kind, lang=lang) == "feminine" else ""
    return enum_label("opinion", "status", status, variant, lang=lang)


def members_attending(count: int, lang: str) -> str:
    """« 5 membres présents ou représentés. » (each member present or represented counted once)."""
    text = catalog(lang).npgettext(
        "export", "{count} member present or represented.", "{count} members present or represented.", count
    )
    return text.format(count=count)


def quorum_sentence(quorum: int, reached: bool, lang: str) -> str:
    """Whether a meeting reached the quorum of ``cpne.yaml``: « Le quorum de 3 membres est atteint. »"""
    words = catalog(lang)
    if reached:
        text = words.npgettext(
            "export", "The quorum of {quorum} member is reached.", "The quorum of {quorum} members is reached.", quorum
        )
    else:
        text = words.npgettext(
            "export",
            "The quorum of {quorum} member is not reached.",
            "The quorum of {quorum} members is not reached.",
            quorum,
        )
    return text.format(quorum=quorum)


def capitalized(label: str) -> str:
    """A label that starts a table row or a line: « séance plénière » → « Séance plénière »."""
    return label[:1].upper() + label[1:]


@cache
def format_percent(part: int, whole: int, lang: str) -> str:
    """``part`` of ``whole`` as a whole percentage written as the language writes it: ``67 %``, ``67%``."""
    from decimal import Decimal

    from babel.numbers import format_percent as babel_percent

    hundredths = (200 * part + whole) // (2 * whole) if whole > 0 else 0  # half up: 1 of 8 is 13 %
    text: str = babel_percent(Decimal(hundredths) / 100, locale=lang)
    return text


def parse_date(value: str) -> datetime.date | None:
    """An ISO ``YYYY-MM-DD`` date, or None when the text is not one."""
    try:
        return datetime.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


@cache
def format_date(value: str, lang: str) -> str:
    """``2015-10-01`` as the language writes it: ``1er octobre 2015``, ``1 October 2015``.

    Text that is not an ISO date is returned as it is (validation reports it).
    """
    day = parse_date(value)
    if day is None:
        return value
    from babel.dates import format_date as babel_format

    text: str = babel_format(day, "d MMMM y", locale=lang)
    if lang == "fr" and day.day == 1:
        text = "1er" + text[1:]
    return text
