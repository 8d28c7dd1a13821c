"""``cpne search TEXT``: the records holding a word, title matches first. The finding is :mod:`cpne.ops.search`."""

from __future__ import annotations

from typing import Annotated

import typer

from cpne import words
from cpne.cli import choices, output
from cpne.cli.common import repo_from
from cpne.errors import UsageError
from cpne.i18n import _, ngettext, pgettext
from cpne.kinds import KINDS

SEARCH_FORMATS = ("table", "json")


def register(app: typer.Typer) -> None:
    help_text = _(
        "Find the records whose id, title, summary, text, minutes, mandate, result or notes hold TEXT"
        " (case and accents ignored); title matches first."
    )
    app.command("search", help=help_text)(search)


def search(
    ctx: typer.Context,
    *,
    text: Annotated[str, typer.Argument(metavar=_("TEXT"), help=_("The words to look for."), show_default=False)],
    kind: Annotated[
        str | None,
        typer.Option(
            "--kind",
            metavar=_("KIND"),
            help=_("Search only this kind of record: {choices}.").format(choices=choices.listed(choices.kinds(KINDS))),
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            metavar=_("FORMAT"),
            help=_("Output format: {choices}.").format(choices=choices.listed(choices.formats(SEARCH_FORMATS))),
        ),
    ] = "table",
) -> None:
    """Find records by a word; the help is given to ``app.command``."""
    from cpne.cli.records import field_label
    from cpne.ops.search import search as run

    fmt = choices.choose(fmt, "--format", choices.formats(SEARCH_FORMATS))
    kinds = None if kind is None else [choices.choose(kind, "--kind", choices.kinds(KINDS))]
    if not words.fold(text):
        raise UsageError(_("TEXT is empty: give a word to look for"))
    found = run(repo_from(ctx), text, kinds)
    for relpath, reason in found.skipped:
        output.warning(_("{path} skipped ({reason}); run `cpne validate`").format(path=relpath, reason=reason))
    if fmt == "json":
        output.as_json([hit.as_dict() for hit in found.hits])
    elif found.hits:
        output.table(
            [
                pgettext("search", "kind"),
                pgettext("search", "id"),
                pgettext("search", "title"),
                pgettext("search", "field"),
                pgettext("search", "line"),
            ],
            [
                [words.noun(hit.noun), hit.id, hit.title, field_label(KINDS[hit.kind], (hit.field,)), hit.line]
                for hit in found.hits
            ],
        )
    count = len(found.hits)
    if count:
        said = ngettext("{count} record found", "{count} records found", count).format(count=count)
    else:
        said = _("no record found")
    output.message(said)
