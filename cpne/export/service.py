"""One function per export (report, register, opinion, agenda, minutes, json), and where it goes (``-o``, ``--check``).

Each export reads the register once, builds the template's context in Python
(figures included), and renders a shipped template or the user's own. Nothing
reads a clock: the only date that is not in the data is ``--date``.
"""

from __future__ import annotations

import difflib
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from cpne.errors import CpneError, UsageError, os_reason
from cpne.export import followup
from cpne.export.builder import Builder, lifecycle_of
from cpne.export.figures import compute_figures, is_event
from cpne.export.labels import format_date, labels, members_attending, parse_date, quorum_sentence
from cpne.export.reading import RawRecord, RawRegister, load_register, read_one
from cpne.export.views import Action, Group, GroupMember, Meeting, Opinion, Partner, Review, Theme
from cpne.i18n import _, ngettext
from cpne.kinds import KINDS, kind_of_id
from cpne.kinds.spec import SpecError
from cpne.repo import LANGUAGES, DataRepo

DIFF_LINES = 40


@dataclass(frozen=True)
class Options:
    """What every export accepts: language (None: cpne.yaml's), edition date, personal data, user template."""

    lang: str | None = None
    date: str | None = None
    personal_data: bool = False
    template: Path | None = None


@dataclass(frozen=True)
class ThemeSection:
    """A theme of the report with its opinions and reviews of the period."""

    theme: Theme
    opinions: tuple[Opinion, ...]
    reviews: tuple[Review, ...]


def _base(repo: DataRepo, options: Options) -> tuple[str, dict[str, Any]]:
    """The language and the variables every template receives."""
    settings = repo.settings()
    lang = options.lang or settings.language
    if lang not in LANGUAGES:
        message = _("unknown language '{lang}' (choose one of: {languages})")
        raise UsageError(message.format(lang=lang, languages=", ".join(LANGUAGES)))
    if options.date is not None and parse_date(options.date) is None:
        raise UsageError(_("--date must be a date written YYYY-MM-DD, not '{date}'").format(date=options.date))
    return lang, {
        "committee": settings.committee,
        "lang": lang,
        "L": labels(lang),
        "date": options.date,
        "personal_data": options.personal_data,
    }


def _render(name: str, context: dict[str, Any], lang: str, options: Options) -> str:
    if options.template is not None:
        from cpne.export.render import render_user

        return render_user(options.template, context, lang)
    from cpne.export.render import render_shipped

    return render_shipped(name, context, lang)


# --- report ---------------------------------------------------------------------------------


def _in_range(values: Iterable[str | None], start: str, end: str) -> bool:
    return any(v is not None and start <= v <= end for v in values)


def _opinion_in_period(o: Opinion, start: str, end: str, preparing: Container[str]) -> bool:
    """Worked on in the period: created by its end, and an event in it or still in preparation at its end."""
    d = o.dates
    if d.created > end:
        return False
    dates = (d.created, d.referred, d.consultation, d.adopted, d.published, d.withdrawn)
    return _in_range(dates, start, end) or o.status in preparing


def _review_in_period(r: Review, start: str, end: str, going_on: Container[str]) -> bool:
    """Worked on in the period: opened by its end, and opened or concluded in it or still going on at its end."""
    d = r.dates
    if d.opened > end:
        return False
    return _in_range((d.opened, d.concluded), start, end) or r.status in going_on


def _members(partners: Sequence[Partner], start: str | None, end: str | None) -> tuple[list[Partner], list[Partner]]:
    """Members (at the end of the period) and former members (who left by then)."""
    if start is None or end is None:
        return [p for p in partners if p.left is None], [p for p in partners if p.left is not None]
    during = [p for p in partners if p.joined <= end and (p.left is None or p.left >= start)]
    return (
        [p for p in during if p.left is None or p.left > end],
        [p for p in during if p.left is not None and p.left <= end],
    )


def _works(
    builder: Builder, register: RawRegister, start: str | None, end: str | None
) -> tuple[list[Opinion], list[Review], list[Opinion]]:
    """The opinions and reviews of the period (statuses at its end), and the opinions adopted or published in it."""
    opinion, review = lifecycle_of("opinion"), lifecycle_of("review")
    adopted = set(opinion.from_("adopted"))  # adopted, and what follows adoption (published)
    opinions = [builder.opinion(r, as_of=end) for r in register.records["opinion"]]
    reviews = [builder.review(r, as_of=end) for r in register.records["review"]]
    if start is None or end is None:
        return opinions, reviews, [o for o in opinions if o.status in adopted]
    preparing, going_on = set(opinion.before("adopted")), set(review.before("concluded"))
    opinions = [o for o in opinions if _opinion_in_period(o, start, end, preparing)]
    reviews = [r for r in reviews if _review_in_period(r, start, end, going_on)]
    return (
        opinions,
        reviews,
        [o for o in opinions if o.status in adopted and _in_range((o.dates.adopted, o.dates.published), start, end)],
    )


@dataclass(frozen=True)
class GroupSection:
    """A working group of the report: its status at the end of the period, its seats and texts of the period."""

    group: Group
    members: tuple[GroupMember, ...]
    opinions: tuple[Opinion, ...]


def _meetings_held(builder: Builder, register: RawRegister, start: str | None, end: str | None) -> list[Meeting]:
    """The meetings held (minutes approved or not) in the period, by date."""
    held = set(lifecycle_of("meeting").from_("held"))
    found = []
    for record in register.records["meeting"]:
        day, status = record.data.get("date"), record.data.get("status")
        if status in held and isinstance(day, str) and (start is None or end is None or start <= day <= end):
            found.append(builder.meeting(record))
    return sorted(found, key=lambda m: (m.date, m.id))


def _group_sections(
    builder: Builder, opinions: Sequence[Opinion], start: str | None, end: str | None
) -> list[GroupSection]:
    """The groups at work in the period (status at its end), with the seats held in it and the texts they prepared."""
    initial = lifecycle_of("group").initial
    sections = []
    for found in builder.groups:
        group = found
        if start is not None and end is not None:
            if group.created > end or (group.closed is not None and group.closed < start):
                continue
            if group.closed is not None and group.closed > end:  # closed after the period: at work during it
                label = builder.L["group_status"].get(initial, initial)
                group = replace(group, status=initial, status_label=label)
        seats = tuple(
            m for m in group.members if start is None or end is None or (m.joined <= end and (m.left or end) >= start)
        )
        prepared = tuple(o for o in opinions if o.prepared_by is not None and o.prepared_by.id == group.id)
        sections.append(GroupSection(group, seats, prepared))
    return sections


def _by_theme(themes: Sequence[Theme], works: Sequence[Opinion] | Sequence[Review]) -> dict[str, list[Any]]:
    """The works that name each theme, by theme id."""
    found: dict[str, list[Any]] = {t.id: [] for t in themes}
    for work in works:
        for ref in work.themes:
            if ref.id in found:
                found[ref.id].append(work)
    return found


def _theme_sections(
    themes: Sequence[Theme], opinions: Sequence[Opinion], reviews: Sequence[Review]
) -> list[ThemeSection]:
    """Each theme (by number) with the opinions and the reviews that name it."""
    by_opinion, by_review = _by_theme(themes, opinions), _by_theme(themes, reviews)
    return [ThemeSection(t, tuple(by_opinion[t.id]), tuple(by_review[t.id])) for t in themes]


def _meeting_actions(found: Sequence[Action], start: str | None, end: str | None) -> list[Action]:
    """The actions decided at a meeting (not after a text) opened in the period."""
    meeting = KINDS["meeting"]
    return [
        a
        for a in found
        if kind_of_id(a.source.id) is meeting and (start is None or end is None or start <= a.opened <= end)
    ]


def report_context(repo: DataRepo, register: RawRegister, options: Options, year: int | None) -> dict[str, Any]:
    """Every variable of the report template (see docs/templates.md)."""
    lang, context = _base(repo, options)
    builder = Builder(register, lang, personal_data=options.personal_data)
    start, end = (f"{year:04d}-01-01", f"{year:04d}-12-31") if year is not None else (None, None)
    opinions, reviews, adopted = _works(builder, register, start, end)
    members, former = _members(builder.partners, start, end)
    members = [builder.serving(p, start, end) for p in members]
    former = [builder.serving(p, start, end) for p in former]
    meetings = _meetings_held(builder, register, start, end)
    cutoff = end or options.date  # what became of the texts is judged on it: never on today's date
    opened = followup.actions(builder, register.records["action"], cutoff)
    years = sorted(
        {o.dates.created[:4] for o in opinions} | {r.dates.opened[:4] for r in reviews} | {m.date[:4] for m in meetings}
    )
    L = context["L"]
    context.update(
        {
            "year": year,
            "period": {"start": start, "end": end} if year is not None else None,
            "first_year": years[0] if years and year is None else None,
            "last_year": years[-1] if years and year is None else None,
            "status_note": (L["status_note_year"].format(date=format_date(end, lang)) if end else L["status_note_all"]),
            "figures": compute_figures(
                L,
                opinions=opinions,
                reviews=reviews,
                themes=builder.themes,
                members=members,
                former=former,
                meetings=meetings,
                partners=builder.partners,
                groups=builder.groups,
            ),
            "theme_sections": _theme_sections(builder.themes, opinions, reviews),
            "opinions": opinions,
            "adopted": adopted,
            "reviews": reviews,
            "signatories": [p for p in members if p.membership == "signatory"],
            "associated": [p for p in members if p.membership != "signatory"],
            "former_members": former,
            "meetings": meetings,
            "events": [m for m in meetings if is_event(m)],
            "group_sections": _group_sections(builder, opinions, start, end),
            "cutoff": cutoff,
            "follow_ups": followup.follow_ups(adopted, opened, cutoff),
            "meeting_actions": _meeting_actions(opened, start, end),
            "practices_endorsed": followup.endorsed(builder, register.records["practice"], start, end),
            "partners": builder.partners,
            "themes": builder.themes,
            "referentials": builder.referentials,
        }
    )
    return context


def report(repo: DataRepo, options: Options, year: int | None = None) -> str:
    """The activity report (of one year, or of the whole register)."""
    if year is not None and not 1000 <= year <= 9999:
        raise UsageError(_("--year must be a year of four digits, not {year}").format(year=year))
    _base(repo, options)  # refuse bad options before reading thousands of files
    context = report_context(repo, load_register(repo), options, year)
    return _render("report.md.j2", context, context["lang"], options)


# --- register -------------------------------------------------------------------------------


def register_context(repo: DataRepo, register: RawRegister, options: Options) -> dict[str, Any]:
    """Every variable of the register template: ``sections`` (a table per kind), each kind's records by section."""
    from cpne.export.tables import sections

    lang, context = _base(repo, options)
    tables = sections(Builder(register, lang, personal_data=options.personal_data))
    for table in tables:
        if table.key in context:
            raise SpecError(f"kind '{table.kind}': its section '{table.key}' is a name the templates already use")
        context[table.key] = list(table.records)
    context["sections"] = tables
    return context


def register(repo: DataRepo, options: Options) -> str:
    """Every record, one table per kind, sorted by id."""
    _base(repo, options)
    context = register_context(repo, load_register(repo), options)
    return _render("register.md.j2", context, context["lang"], options)


# --- one opinion ----------------------------------------------------------------------------


def opinion_context(repo: DataRepo, opinion_id: str, options: Options) -> dict[str, Any]:
    lang, context = _base(repo, options)
    OPINION = KINDS["opinion"]
    opinion_id = OPINION.normalize_id(opinion_id)  # op-2026-001 is OP-2026-001
    if not OPINION.valid_id(opinion_id):
        message = _("'{id}' is not an opinion id (example: {example})")
        raise UsageError(message.format(id=opinion_id, example=OPINION.id_example))
    path = repo.record_path(OPINION, opinion_id)
    if not path.is_file():
        raise CpneError(
            _("no opinion {id} in this register").format(id=opinion_id),
            hint=_("`cpne opinion list` shows the opinions"),
        )
    register = load_register(repo, ("partner", "theme", "referential"))
    record = read_one(repo, OPINION, path)
    register.records["opinion"] = [record]
    related = record.data.get("related")
    for other in related if isinstance(related, list) else []:
        kind = kind_of_id(other) if isinstance(other, str) else None
        if kind is None or (kind is OPINION and other == opinion_id):
            continue
        other_path = repo.record_path(kind, other)
        if other_path.is_file():
            register.records[kind.name].append(read_one(repo, kind, other_path))
    decision = record.data.get("decision")
    # the group that prepared it and the séance that adopted it, named by their titles
    _read_named(
        repo,
        register,
        [
            ("group", record.data.get("prepared_by")),
            ("meeting", decision.get("meeting") if isinstance(decision, dict) else None),
        ],
    )
    builder = Builder(register, lang, personal_data=options.personal_data)
    view = builder.opinion(record)
    L = context["L"]
    title = L["opinion_heading"].format(kind=view.kind_label, id=view.id) + L["colon"] + view.title
    sections = (
        "referral_section",
        "summary",
        "body",
        "decision",
        "withdrawal",
        "corrigenda",
        "follow_up_section",
        "references",
        "related",
    )
    # its actions: the files that name it, then those whose source it is
    named = load_register(repo, ("action",), naming=view.id).records["action"]
    found = followup.actions(builder, [r for r in named if r.data.get("source") == view.id], options.date)
    context.update(
        {
            "opinion": view,
            "cutoff": options.date,
            "follow_up": followup.follow_ups([view], found, options.date)[0],
            "title": title,
            "headings": (title, *(L[key] for key in sections)),
            "partners": builder.partners,
            "themes": builder.themes,
            "referentials": builder.referentials,
        }
    )
    return context


def opinion(repo: DataRepo, opinion_id: str, options: Options) -> str:
    """One opinion as a formal document."""
    context = opinion_context(repo, opinion_id, options)
    return _render("opinion.md.j2", context, context["lang"], options)


# --- one meeting: its agenda, its minutes ----------------------------------------------------


def _meeting_record(repo: DataRepo, meeting_id: str) -> tuple[RawRegister, RawRecord]:
    """The meeting, and what its documents name: its group, the texts and reviews of its agenda, its approval.

    Only these records are read (not the whole register): the texts adopted at a meeting are on its
    agenda (validation checks it), so the agenda's texts are the ones to look at.
    """
    MEETING = KINDS["meeting"]
    meeting_id = MEETING.normalize_id(meeting_id)  # mtg-2026-001 is MTG-2026-001
    if not MEETING.valid_id(meeting_id):
        message = _("'{id}' is not a meeting id (example: {example})")
        raise UsageError(message.format(id=meeting_id, example=MEETING.id_example))
    path = repo.record_path(MEETING, meeting_id)
    if not path.is_file():
        raise CpneError(
            _("no meeting {id} in this register").format(id=meeting_id),
            hint=_("`cpne meeting list` shows the meetings"),
        )
    register = load_register(repo, ("partner", "theme", "referential"))
    record = read_one(repo, MEETING, path)
    register.records["meeting"] = [record]
    wanted: list[tuple[str, Any]] = [("group", record.data.get("group"))]
    wanted.append(("meeting", record.data.get("minutes_approved_at")))
    items = record.data.get("agenda")
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict):
            wanted += [("opinion", item.get("opinion")), ("review", item.get("review"))]
    _read_named(repo, register, wanted)
    for name in ("group", "opinion", "review"):
        register.records[name].sort(key=lambda r: r.id)
    return register, record


def _read_named(repo: DataRepo, register: RawRegister, wanted: list[tuple[str, Any]]) -> None:
    """Add to ``register`` the records (kind name, id) that exist, each once; a malformed or missing id is
    left out (validation reports it; the document shows the id)."""
    seen: set[tuple[str, str]] = set()
    for name, other in wanted:
        if not isinstance(other, str) or (name, other) in seen:
            continue
        seen.add((name, other))
        kind = KINDS[name]
        if not kind.valid_id(other):
            continue
        other_path = repo.record_path(kind, other)
        if other_path.is_file():
            register.records[name].append(read_one(repo, kind, other_path))


def _adopted_at(builder: Builder, meeting: Meeting) -> list[Opinion]:
    """The texts of the agenda whose decision names this meeting, in the order of the agenda."""
    found: dict[str, Opinion] = {}
    for item in meeting.agenda:
        record = builder.raw("opinion", item.opinion.id) if item.opinion is not None else None
        if record is None or record.id in found:
            continue
        view = builder.opinion(record)
        if view.decision is not None and view.decision.meeting is not None and view.decision.meeting.id == meeting.id:
            found[view.id] = view
    return list(found.values())


def meeting_context(repo: DataRepo, meeting_id: str, options: Options, document: str) -> dict[str, Any]:
    """Every variable of the agenda and minutes templates (``document``: agenda or minutes)."""
    lang, context = _base(repo, options)
    register, record = _meeting_record(repo, meeting_id)
    builder = Builder(register, lang, personal_data=options.personal_data)
    view = builder.meeting(record)
    L = context["L"]
    title = L[f"{document}_title"].format(title=view.title)
    adopted = _adopted_at(builder, view)
    quorum = repo.settings().quorum
    quorum_reached = None if quorum is None or view.type != "plenary" else len(view.attending) >= quorum
    sections = (
        ("agenda",)
        if document == "agenda"
        else ("attendance", "agenda_outcomes", "texts_adopted", "minutes_text", "approval")
    )
    context.update(
        {
            "meeting": view,
            "title": title,
            "adopted": adopted,
            "quorum": quorum,
            "quorum_reached": quorum_reached,
            "attending_text": members_attending(len(view.attending), lang),
            "quorum_text": (
                quorum_sentence(quorum, quorum_reached, lang)
                if quorum is not None and quorum_reached is not None
                else None
            ),
            "headings": (
                title,
                *(L[key] for key in sections),
                *(f"{o.id} — {o.title}" for o in adopted),
            ),
            "partners": builder.partners,
            "themes": builder.themes,
            "referentials": builder.referentials,
        }
    )
    return context


def agenda(repo: DataRepo, meeting_id: str, options: Options) -> str:
    """The notice of a meeting and its agenda."""
    context = meeting_context(repo, meeting_id, options, "agenda")
    return _render("agenda.md.j2", context, context["lang"], options)


def minutes(repo: DataRepo, meeting_id: str, options: Options) -> str:
    """The minutes of a meeting."""
    context = meeting_context(repo, meeting_id, options, "minutes")
    return _render("minutes.md.j2", context, context["lang"], options)


# --- json -----------------------------------------------------------------------------------


def json_export(repo: DataRepo, options: Options) -> str:
    """Every record in one JSON document (see schemas/export.schema.json)."""
    from cpne.export.jsondoc import document, dumps

    lang, context = _base(repo, options)
    doc = document(
        repo,
        load_register(repo),
        committee=context["committee"],
        lang=lang,
        date=options.date,
        personal_data=options.personal_data,
    )
    return dumps(doc)


# --- where the export goes ------------------------------------------------------------------


def write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` atomically (the old file or the new one, never half of one).

    A symbolic link is followed (its target is replaced, the link stays); a special
    file (``/dev/stdout``, a named pipe) is written into, never replaced.
    """
    from cpne.records.writer import write_atomic

    target = path.resolve() if path.is_symlink() else path
    if target.is_dir():
        raise CpneError(_("{path} is a folder; give a file name to -o").format(path=path))
    try:
        if target.exists() and not target.is_file():
            with open(target, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
        else:
            write_atomic(target, text)
    except OSError as exc:
        raise CpneError(_("cannot write {path}: {reason}").format(path=path, reason=os_reason(exc))) from None


def stale_diff(path: Path, text: str, *, max_lines: int = DIFF_LINES) -> str | None:
    """None when ``path`` holds exactly ``text``; else a short unified diff (file → export)."""
    try:
        current = path.read_bytes()
    except FileNotFoundError:
        return _("{path} does not exist").format(path=path) + "\n"
    except IsADirectoryError:
        raise CpneError(_("{path} is a folder, not an export").format(path=path)) from None
    except OSError as exc:
        raise CpneError(_("cannot read {path}: {reason}").format(path=path, reason=os_reason(exc))) from None
    if current == text.encode("utf-8"):
        return None
    old = current.decode("utf-8", errors="replace").splitlines(keepends=True)
    new = text.splitlines(keepends=True)
    diff = list(difflib.unified_diff(old, new, fromfile=str(path), tofile=_("export"), n=2))
    if not diff:  # same text, different bytes (line ends, encoding)
        return _("{path} differs from the export in its bytes only (line ends or encoding)").format(path=path) + "\n"
    lines = [line if line.endswith("\n") else line + "\n" for line in diff[:max_lines]]
    if len(diff) > max_lines:
        more = len(diff) - max_lines
        lines.append(ngettext("... ({count} more diff line)", "... ({count} more diff lines)", more).format(count=more))
        lines.append("\n")
    return "".join(lines)


__all__ = ["Options", "agenda", "json_export", "minutes", "opinion", "register", "report", "stale_diff", "write"]
