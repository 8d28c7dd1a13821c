"""``cpne referential``: placeholder until its commands land."""

from __future__ import annotations

from cpne.cli.common import sub_app

app = sub_app(
    "referential",
    "National referentials examined by the committee: add, list, show, update (commands arrive with issue #3).",
)
