"""One register with a working group, a text in consultation and meetings, built once per worker and copied.

The meeting tests break it in one way each; building it costs a few dozen commands, copying it a few
milliseconds (the fixtures ``committee`` and ``meeting_repo``, in tests/cli/conftest.py). What it holds
(the seeded partners joined on 2015-10-01):

- rfve left the committee on 2024-06-30;
- gt-ia, created 2024-01-10: amf leads it, men is a member, adf joined on 2024-03-01;
- OP-2026-001, in consultation since 2026-02-01;
- MTG-2026-001, a plenary held on 2026-03-10: amf present, adf represented by amf, men excused,
  cdc absent, OP-2026-001 on its agenda;
- MTG-2026-002, a plenary planned on 2026-04-10;
- MTG-2026-003, a sharing day planned on 2026-03-10;
- MTG-2024-001, a meeting of gt-ia planned on 2024-04-01.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from tests.conftest import git
from tests.records_helpers import cpne, ok

PLENARY, NEXT, SHARING, WORKING = "MTG-2026-001", "MTG-2026-002", "MTG-2026-003", "MTG-2024-001"
TEXT = "OP-2026-001"


def new_meeting(root: Path, kind: str, day: str, *extra: str, title: str = "Séance plénière") -> str:
    """``cpne meeting new``; returns the id."""
    return ok(root, "meeting", "new", "--type", kind, "--title", title, "--date", day, *extra).stdout.strip()


def build(root: Path) -> None:
    """The register described above, one command (one commit) at a time."""
    ok(root, "partner", "retire", "rfve", "--date", "2024-06-30")
    group = ("--title", "Intelligence artificielle", "--mandate", "Étudier l'IA à l'école.", "--theme", "usages")
    ok(root, "group", "new", "gt-ia", *group, "--lead", "amf", "--member", "men", "--date", "2024-01-10")
    ok(root, "group", "join", "gt-ia", "adf", "--date", "2024-03-01")
    opinion = ("--title", "Avis sur les ENT", "--kind", "opinion", "--theme", "usages", "--rapporteur", "amf")
    assert ok(root, "opinion", "new", *opinion, "--date", "2026-01-15").stdout.strip() == TEXT
    ok(root, "opinion", "set-status", TEXT, "consultation", "--date", "2026-02-01")
    assert new_meeting(root, "plenary", "2026-03-10", "--place", "Paris") == PLENARY
    for partner, presence, *by in (
        ("amf", "present"),
        ("adf", "represented", "--by", "amf"),
        ("men", "excused"),
        ("cdc", "absent"),
    ):
        ok(root, "meeting", "attend", PLENARY, partner, "--presence", presence, *by)
    ok(root, "meeting", "agenda", PLENARY, "--add", "Avis sur les ENT", "--opinion", TEXT)
    ok(root, "meeting", "set-status", PLENARY, "held")
    assert new_meeting(root, "plenary", "2026-04-10", title="Séance plénière d'avril") == NEXT
    assert new_meeting(root, "sharing-day", "2026-03-10", title="Journée de partage") == SHARING
    assert new_meeting(root, "working-group", "2024-04-01", "--group", "gt-ia", title="Réunion du GT IA") == WORKING


def copy_of(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    return target


def report(root: Path, *args: str) -> list[dict[str, Any]]:
    """``cpne validate --format json`` (exit 1 when it found an error, else 0)."""
    done = cpne(root, "validate", "--format", "json", *args)
    assert done.exception is None and done.exit_code in (0, 1), done.stderr
    found: list[dict[str, Any]] = json.loads(done.stdout)
    assert done.exit_code == (1 if any(p["severity"] == "error" for p in found) else 0)
    return found


def found(root: Path, path: str) -> set[tuple[str, int]]:
    """The (code, line) of every problem ``validate`` reports in ``path``."""
    return {(p["code"], p["line"]) for p in report(root) if p["path"] == path}


def text_report(root: Path) -> list[str]:
    """``cpne validate`` as a person reads it: ``path:line:col: code message``."""
    done = cpne(root, "validate")
    return done.stdout.splitlines()


def line_of(text: str, wanted: str, after: str | None = None) -> int:
    """The number (from 1) of the line ``wanted`` in ``text``, the first after the line ``after`` if given."""
    lines = text.splitlines()
    start = lines.index(after) + 1 if after is not None else 0
    return lines.index(wanted, start) + 1


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def meeting_path(record_id: str) -> str:
    return f"data/meetings/{record_id}.yaml"


def write_meeting(root: Path, record_id: str, text: str) -> str:
    """A meeting written by hand; returns its repository-relative path."""
    (root / meeting_path(record_id)).write_text(text, encoding="utf-8")
    return meeting_path(record_id)
