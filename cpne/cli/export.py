"""``cpne export``: the register as Markdown documents (report, register, an opinion, a meeting's agenda or
minutes) and as JSON.

The commands parse options and hand over to :mod:`cpne.export.service`; Jinja2,
Babel and GitPython are imported there, when an export runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cpne.cli import output
from cpne.cli.common import repo_from, sub_app
from cpne.errors import UsageError
from cpne.i18n import _
from cpne.repo import LANGUAGES

if TYPE_CHECKING:
    from cpne.export.service import Options

app = sub_app(
    "export", _("Markdown and JSON exports of the register: report, register, opinion, agenda, minutes, json.")
)


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="|".join(LANGUAGES),
        help=_("Language of the document (default: the register's language, cpne.yaml)."),
    ),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("-o", "--output", help=_("Write to FILE, atomically, instead of stdout."), metavar=_("FILE")),
]
CheckOption = Annotated[
    Path | None,
    typer.Option(
        "--check",
        help=_("Exit 1 with a short diff when FILE is not what the export would write (for CI)."),
        metavar=_("FILE"),
    ),
]
PersonalOption = Annotated[
    bool,
    typer.Option("--include-personal-data", help=_("Include representatives' names (left out by default).")),
]
TemplateOption = Annotated[
    Path | None,
    typer.Option(
        "--template",
        help=_("Render this Jinja2 template (sandboxed; see docs/templates.md) instead of cpne's own."),
        metavar=_("FILE"),
    ),
]
DateOption = Annotated[
    str | None,
    typer.Option(
        "--date",
        help=_("Date of the edition, printed in the document; no clock is read."),
        metavar=_("YYYY-MM-DD"),
    ),
]


def _options(
    *, lang: str | None, date: str | None, personal: bool, template: Path | None, out: Path | None, check: Path | None
) -> Options:
    from cpne.export.service import Options

    if out is not None and check is not None:
        raise UsageError(_("-o/--output and --check cannot be used together"))
    if lang is not None:
        lang = lang.strip().lower()  # FR, En: the language's code in any case
    return Options(lang=lang, date=date, personal_data=personal, template=template)


def _deliver(text: str, out: Path | None, check: Path | None) -> None:
    """The export to stdout, to a file, or compared with a file."""
    from cpne.export.service import stale_diff, write

    if check is not None:
        diff = stale_diff(check, text)
        if diff is None:
            output.message(_("{path} is up to date").format(path=check))
            return
        output.result(diff)
        output.error(
            _("{path} is stale: it is not what the export writes").format(path=check),
            _("regenerate it with the same command, -o {path} instead of --check").format(path=check),
        )
        raise typer.Exit(1)
    if out is not None:
        write(out, text)
        output.message(_("wrote {path}").format(path=out))
        return
    output.result(text)


@app.command(
    "report",
    help=_("The activity report: figures and charts, texts, reviews, meetings, working groups, events, composition."),
)
def report(
    ctx: typer.Context,
    *,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help=_("Report on one year (default: the whole register)."),
            metavar=_("YEAR"),  # its range is checked by the export, in the language
        ),
    ] = None,
    lang: LangOption = None,
    out: OutputOption = None,
    check: CheckOption = None,
    personal: PersonalOption = False,
    template: TemplateOption = None,
    date: DateOption = None,
) -> None:
    """The activity report: figures and charts, texts, reviews, meetings, working groups, events, composition."""
    from cpne.export import service

    options = _options(lang=lang, date=date, personal=personal, template=template, out=out, check=check)
    _deliver(service.report(repo_from(ctx), options, year), out, check)


@app.command("register", help=_("Every record of the register: one table per kind, sorted by id."))
def register(
    ctx: typer.Context,
    *,
    lang: LangOption = None,
    out: OutputOption = None,
    check: CheckOption = None,
    personal: PersonalOption = False,
    template: TemplateOption = None,
    date: DateOption = None,
) -> None:
    """Every record of the register: one table per kind, sorted by id."""
    from cpne.export import service

    options = _options(lang=lang, date=date, personal=personal, template=template, out=out, check=check)
    _deliver(service.register(repo_from(ctx), options), out, check)


@app.command(
    "opinion", help=_("One opinion as a formal document: heading, referral, summary, text, decision, references.")
)
def opinion(
    ctx: typer.Context,
    opinion_id: Annotated[
        str, typer.Argument(metavar=_("ID"), help=_("The opinion's id, e.g. OP-2026-001."), show_default=False)
    ],
    *,
    lang: LangOption = None,
    out: OutputOption = None,
    check: CheckOption = None,
    personal: PersonalOption = False,
    template: TemplateOption = None,
    date: DateOption = None,
) -> None:
    """One opinion as a formal document: heading, referral, summary, text, decision, references."""
    from cpne.export import service

    options = _options(lang=lang, date=date, personal=personal, template=template, out=out, check=check)
    _deliver(service.opinion(repo_from(ctx), opinion_id, options), out, check)


MeetingArgument = Annotated[
    str, typer.Argument(metavar=_("MEETING"), help=_("The meeting's id, e.g. MTG-2026-001."), show_default=False)
]


@app.command("agenda", help=_("A meeting's notice and agenda: the meeting, then each item with the text it concerns."))
def agenda(
    ctx: typer.Context,
    meeting_id: MeetingArgument,
    *,
    lang: LangOption = None,
    out: OutputOption = None,
    check: CheckOption = None,
    personal: PersonalOption = False,
    template: TemplateOption = None,
    date: DateOption = None,
) -> None:
    """A meeting's notice and agenda: the meeting, then each item with the text it concerns."""
    from cpne.export import service

    options = _options(lang=lang, date=date, personal=personal, template=template, out=out, check=check)
    _deliver(service.agenda(repo_from(ctx), meeting_id, options), out, check)


@app.command(
    "minutes",
    help=_("A meeting's minutes: attendance, agenda and outcomes, texts adopted with their votes, record, approval."),
)
def minutes(
    ctx: typer.Context,
    meeting_id: MeetingArgument,
    *,
    lang: LangOption = None,
    out: OutputOption = None,
    check: CheckOption = None,
    personal: PersonalOption = False,
    template: TemplateOption = None,
    date: DateOption = None,
) -> None:
    """A meeting's minutes: attendance, agenda and outcomes, texts adopted with their votes, record, approval."""
    from cpne.export import service

    options = _options(lang=lang, date=date, personal=personal, template=template, out=out, check=check)
    _deliver(service.minutes(repo_from(ctx), meeting_id, options), out, check)


@app.command("json", help=_("Every record in one JSON document, with schema_version and the commit it comes from."))
def json(
    ctx: typer.Context,
    *,
    out: OutputOption = None,
    check: CheckOption = None,
    personal: PersonalOption = False,
    date: DateOption = None,
) -> None:
    """Every record in one JSON document, with schema_version and the commit it comes from."""
    from cpne.export import service

    options = _options(lang=None, date=date, personal=personal, template=None, out=out, check=check)
    _deliver(service.json_export(repo_from(ctx), options), out, check)
