"""``cpne review``: Reviews of national referentials: new, list, show, update, set-status, edit, history (commands arrive with issue #3)."""

from __future__ import annotations

from cpne.cli.common import sub_app

app = sub_app("review", "Reviews of national referentials: new, list, show, update, set-status, edit, history (commands arrive with issue #3).")
