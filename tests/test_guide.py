"""docs/guide.md shows real runs: replayed here, its examples must come out as written."""

from __future__ import annotations

import difflib

from tests.guide import GUIDE, replay


def test_the_guide_shows_what_cpne_prints() -> None:
    written = GUIDE.read_text(encoding="utf-8")
    now = replay(written)
    diff = "\n".join(
        difflib.unified_diff(written.split("\n"), now.split("\n"), "docs/guide.md", "replayed", lineterm="")
    )
    assert written == now, f"docs/guide.md is out of date (python -m tests.guide rewrites it):\n{diff}"
