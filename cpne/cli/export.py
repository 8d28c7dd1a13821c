"""``cpne export``: placeholder until its commands land."""

from __future__ import annotations

from cpne.cli.common import sub_app

app = sub_app("export", "Markdown and JSON exports: report, register, opinion, json (commands arrive with issue #4).")
