"""Fields several kinds share, declared once (a title, themes, rapporteurs, a summary, notes)."""

from __future__ import annotations

from cpne.i18n import N_
from cpne.kinds.spec import Field

TEXT = N_("TEXT")
PARTNER = N_("PARTNER")

TITLE = Field("title", "--title", ("title",), "text", N_("title"), N_("Title (French)."), TEXT, required=True)
THEMES = Field(
    "themes",
    "--theme",
    ("themes",),
    "refs",
    N_("themes"),
    N_("Theme id (repeatable)."),
    N_("THEME"),
    target=("theme",),
    required=True,
)
RAPPORTEURS = Field(
    "rapporteurs",
    "--rapporteur",
    ("rapporteurs",),
    "refs",
    N_("rapporteurs"),
    N_("Rapporteur: a partner id (repeatable)."),
    PARTNER,
    target=("partner",),
    required=True,
)
SUMMARY = Field("summary", "--summary", ("summary",), "text", N_("summary"), N_("Short summary."), TEXT)
NOTES = Field("notes", "--notes", ("notes",), "text", N_("notes"), N_("Free notes."), TEXT)
# a partner named as an argument after the record's id (``group join GROUP PARTNER``, ``meeting attend MTG PARTNER``)
PARTNER_ARGUMENT = Field(
    "partner", "--partner", ("partner",), "ref", N_("partner"), N_("The partner's id."), PARTNER, target=("partner",)
)
