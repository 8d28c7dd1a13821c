"""``cpne opinion``: Opinions, recommendations and contributions: new, list, show, update, set-status, edit, history (commands arrive with issue #3)."""

from __future__ import annotations

from cpne.cli.common import sub_app

app = sub_app("opinion", "Opinions, recommendations and contributions: new, list, show, update, set-status, edit, history (commands arrive with issue #3).")
