"""``cpne theme``: placeholder until its commands land."""

from __future__ import annotations

from cpne.cli.common import sub_app

app = sub_app(
    "theme", "Themes of the committee's work: add, list, show, update, archive (commands arrive with issue #3)."
)
