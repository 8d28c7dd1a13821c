"""``cpne partner``: placeholder until its commands land."""

from __future__ import annotations

from cpne.cli.common import sub_app

app = sub_app("partner", "Members of the committee: add, list, show, update, retire (commands arrive with issue #3).")
