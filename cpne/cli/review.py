"""``cpne review``: placeholder until its commands land."""

from __future__ import annotations

from cpne.cli.common import sub_app

app = sub_app(
    "review",
    "Reviews of national referentials: new, list, show, update, set-status, edit, history (arriving with #3).",
)
