"""A kind made of a schema and a spec only (tests/kinds/event/) works end to end, through every generic command.

cpne runs in a subprocess that registers the ``event`` kind before building its command
line (``python -m tests.kinds.event.run``), so the other tests never see it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import GIT_ENV, git

PROJECT = Path(__file__).resolve().parents[2]
AUTHOR = "Secrétariat CPNE <secretariat@example.org>"


def cpne(*args: str | Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "PYTHONPATH": str(PROJECT), "CPNE_LOCK_WAIT": "0"}
    return subprocess.run(
        [sys.executable, "-m", "tests.kinds.event.run", *map(str, args)],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        encoding="utf-8",
        stdin=subprocess.DEVNULL,
        check=False,
    )


def ok(*args: str | Path) -> str:
    done = cpne(*args)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def _template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("event") / "register"
    ok("init", root, "--author", AUTHOR, "--language", "en")
    return root


@pytest.fixture
def register(tmp_path: Path, _template: Path) -> Path:
    """A fresh register (a copy, git history included) that knows the event kind."""
    root = tmp_path / "register"
    shutil.copytree(_template, root, symlinks=True)
    return root


def new_event(register: Path) -> str:
    return ok(
        "--repo",
        register,
        "event",
        "new",
        "--title",
        "Journée de partage",
        "--date",
        "2025-03-01",
        "--theme",
        "usages",
        "--partner",
        "amf",
        "--author",
        AUTHOR,
    ).strip()


def test_init_copies_the_kinds_schema(register: Path) -> None:
    schema = PROJECT / "tests/kinds/event/event.schema.json"
    assert (register / "schemas/event.schema.json").read_bytes() == schema.read_bytes()


def test_new_list_show_update_set_status_history(register: Path) -> None:
    repo = ("--repo", register)
    new = ok(
        *repo,
        "event",
        "new",
        "--title",
        "Journée de partage",
        "--date",
        "2025-03-01",
        "--theme",
        "usages",
        "--partner",
        "amf",
        "--author",
        AUTHOR,
    )
    assert new == "EV-2025-001\n"
    assert git(register, "log", "-1", "--format=%s").strip() == "event EV-2025-001: new"
    record = (register / "data/events/EV-2025-001.yaml").read_text(encoding="utf-8")
    assert record.startswith("id: EV-2025-001\ntitle: Journée de partage\nstatus: planned\n")

    listed = ok(*repo, "event", "list", "--status", "planned", "--year", "2025", "--theme", "usages")
    assert "EV-2025-001" in listed and "Journée de partage" in listed
    assert "EV-2025-001" not in ok(*repo, "event", "list", "--year", "2024")
    refused = cpne(*repo, "event", "list", "--status", "ended")
    assert refused.returncode == 2 and "'ended' is not one of: planned, held, cancelled" in refused.stderr

    shown = ok(*repo, "event", "show", "EV-2025-001")
    assert "partners  amf (AMF)" in shown
    assert json.loads(ok(*repo, "event", "show", "EV-2025-001", "--format", "json"))["themes"] == ["usages"]

    ok(*repo, "event", "update", "EV-2025-001", "--place", "Paris", "--format-of-event", "on-site")
    bad = cpne(*repo, "event", "update", "EV-2025-001", "--format-of-event", "hybrid")
    assert bad.returncode == 2
    ok(*repo, "event", "set-status", "EV-2025-001", "held", "--date", "2025-03-02")
    skip = cpne(*repo, "event", "set-status", "EV-2025-001", "planned")
    assert skip.returncode == 1 and "'held' is final" in skip.stderr

    history = json.loads(ok(*repo, "event", "history", "EV-2025-001", "--format", "json"))
    assert [entry["subject"] for entry in history] == [
        "event EV-2025-001: planned -> held",
        "event EV-2025-001: update",
        "event EV-2025-001: new",
    ]
    assert ok(*repo, "validate") == ""


def test_renumber_moves_it_and_rewrites_references_to_it_and_from_it(register: Path) -> None:
    repo = ("--repo", register)
    new_event(register)
    assert ok(*repo, "renumber", "EV-2025-001") == "EV-2025-002\n"
    assert not (register / "data/events/EV-2025-001.yaml").exists()
    moved = register / "data/events/EV-2025-002.yaml"
    assert "id: EV-2025-002\n" in moved.read_text(encoding="utf-8")
    ok(*repo, "renumber", "usages", "usages-numeriques", "--kind", "theme")
    assert "- usages-numeriques\n" in moved.read_text(encoding="utf-8")
    assert ok(*repo, "validate") == ""


def test_validation_checks_the_ids_year_references_and_the_canonical_form(register: Path) -> None:
    repo = ("--repo", register)
    stray = register / "data/events/EV-2024-009.yaml"
    stray.write_text(
        "id: EV-2024-009\ntitle: Hors\nstatus: planned\nthemes: [inconnu]\ndates: {announced: '2025-01-01'}\n",
        encoding="utf-8",
    )
    done = cpne(*repo, "validate", "--format", "json")
    assert done.returncode == 1
    codes = {(p["code"], p["line"]) for p in json.loads(done.stdout) if p["path"] == "data/events/EV-2024-009.yaml"}
    assert ("id-year", 1) in codes and ("unknown-ref", 4) in codes and ("non-canonical", 1) in codes
    assert "data/events/EV-2024-009.yaml" in cpne(*repo, "fmt", "--check").stdout
    ok(*repo, "fmt")
    assert "themes:\n- inconnu\n" in stray.read_text(encoding="utf-8")
    stray.unlink()


def test_exports_include_the_kind(register: Path) -> None:
    repo = ("--repo", register)
    new_event(register)
    document = json.loads(ok(*repo, "export", "json"))
    assert [e["id"] for e in document["events"]] == ["EV-2025-001"]
    assert document["events"][0]["themes"] == ["usages"]
    table = ok(*repo, "export", "register").split("\n## ")[-1]
    assert table.startswith("Events (1)") or table.startswith("Évènements (1)") or "(1)" in table.splitlines()[0]
    assert "| EV-2025-001 |" in table
