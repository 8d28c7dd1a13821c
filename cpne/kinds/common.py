"""Fields several kinds share, declared once (a title, themes, rapporteurs, a summary, notes)."""

from __future__ import annotations

from cpne.kinds.spec import Field

TITLE = Field("title", "--title", ("title",), "text", "title", "Title (French).", "TEXT", required=True)
THEMES = Field(
    "themes",
    "--theme",
    ("themes",),
    "refs",
    "themes",
    "Theme id (repeatable).",
    "THEME",
    target=("theme",),
    required=True,
)
RAPPORTEURS = Field(
    "rapporteurs",
    "--rapporteur",
    ("rapporteurs",),
    "refs",
    "rapporteurs",
    "Rapporteur: a partner id (repeatable).",
    "PARTNER",
    target=("partner",),
    required=True,
)
SUMMARY = Field("summary", "--summary", ("summary",), "text", "summary", "Short summary.", "TEXT")
NOTES = Field("notes", "--notes", ("notes",), "text", "notes", "Free notes.", "TEXT")
