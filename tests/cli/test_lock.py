"""Rule 6: two cpne processes never write at once. Real processes, a real lock in .git/."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import time
from datetime import date
from pathlib import Path

from tests.conftest import git, tree_state
from tests.records_helpers import commit_count, cpne, cpne_command, ok, run_process

YEAR = date.today().isoformat()[:4]
NEW = ["opinion", "new", "--title", "Avis", "--kind", "opinion", "--theme", "usages", "--rapporteur", "amf"]


def _blocking_hook(root: Path, started: Path, go: Path) -> None:
    """A pre-commit hook that says it started, then waits (at most 30 s) for the test to let it go."""
    path = root / ".git" / "hooks" / "pre-commit"
    path.write_text(
        f'#!/bin/sh\ntouch "{started}"\ni=0\nwhile [ ! -e "{go}" ] && [ $i -lt 300 ]; do sleep 0.1; i=$((i+1)); done\n',
        encoding="utf-8",
    )
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


def _wait_for(path: Path, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


def _start(root: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*cpne_command(), "--repo", str(root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env={**os.environ},
    )


def test_a_second_process_fails_fast_naming_the_holder(data_repo: Path, tmp_path: Path) -> None:
    started, go = tmp_path / "started", tmp_path / "go"
    _blocking_hook(data_repo, started, go)
    holder = _start(data_repo, *NEW)
    try:
        _wait_for(started)
        lock = json.loads((data_repo / ".git" / "cpne.lock").read_text(encoding="utf-8"))
        assert lock["pid"] == holder.pid
        assert lock["host"] == socket.gethostname()
        assert lock["command"] == "cpne opinion new"
        assert set(lock) == {"pid", "host", "user", "command", "since"}
        before = tree_state(data_repo)
        clock = time.monotonic()
        second = run_process(data_repo, "partner", "update", "amf", "--notes", "Note.")
        assert time.monotonic() - clock < 10
        assert second.returncode == 1
        assert f"the repository is locked by cpne process {holder.pid}" in second.stderr
        assert "running `cpne opinion new`" in second.stderr
        impatient = run_process(data_repo, *NEW, env={"CPNE_LOCK_WAIT": "0.3"})
        assert impatient.returncode == 1
        assert f"locked by cpne process {holder.pid}" in impatient.stderr
        after = tree_state(data_repo)
        assert after == before
    finally:
        go.touch()
        out, err = holder.communicate(timeout=60)
    assert holder.returncode == 0, err
    assert out == f"OP-{YEAR}-001\n"
    assert not (data_repo / ".git" / "cpne.lock").exists()


def test_new_waits_for_a_short_lock(data_repo: Path, tmp_path: Path) -> None:
    started, go = tmp_path / "started", tmp_path / "go"
    _blocking_hook(data_repo, started, go)
    first = _start(data_repo, *NEW)
    try:
        _wait_for(started)
        (data_repo / ".git" / "hooks" / "pre-commit").unlink()
        said = tmp_path / "second.err"
        with open(said, "w", encoding="utf-8") as sink:
            second = subprocess.Popen(
                [*cpne_command(), "--repo", str(data_repo), *NEW],
                stdout=subprocess.PIPE,
                stderr=sink,
                text=True,
                encoding="utf-8",
            )
            deadline = time.monotonic() + 30  # the second one says it waits (however slow the machine), then goes on
            while "waiting for the lock" not in said.read_text(encoding="utf-8"):
                assert time.monotonic() < deadline and second.poll() is None, "the second process never waited"
                time.sleep(0.05)
            go.touch()
            out2, _ = second.communicate(timeout=60)
        err2 = said.read_text(encoding="utf-8")
    finally:
        go.touch()
        out1, err1 = first.communicate(timeout=60)
    assert first.returncode == 0, err1
    assert second.returncode == 0, err2
    assert "waiting for the lock held by cpne process" in err2
    assert {out1, out2} == {f"OP-{YEAR}-001\n", f"OP-{YEAR}-002\n"}


def _dead_pid() -> int:
    done = subprocess.Popen(["true"])
    done.wait()
    return done.pid


def test_a_lock_left_by_a_dead_process_is_recovered(data_repo: Path) -> None:
    pid = _dead_pid()
    lock = data_repo / ".git" / "cpne.lock"
    lock.write_text(
        json.dumps(
            {"pid": pid, "host": socket.gethostname(), "user": "x", "command": "cpne opinion new", "since": "hier"}
        ),
        encoding="utf-8",
    )
    result = ok(data_repo, "partner", "update", "amf", "--notes", "Note.")
    assert f"recovered the lock left by cpne process {pid}, which ended without releasing it" in result.stderr
    assert not lock.exists()
    assert git(data_repo, "log", "-1", "--format=%s").strip() == "partner amf: update"


def test_a_lock_from_another_host_is_not_taken(data_repo: Path) -> None:
    lock = data_repo / ".git" / "cpne.lock"
    lock.write_text(
        json.dumps({"pid": 1, "host": "autre-poste", "user": "jeanne", "command": "cpne review new", "since": "10:00"}),
        encoding="utf-8",
    )
    before = tree_state(data_repo)
    result = cpne(data_repo, "partner", "update", "amf", "--notes", "Note.")
    assert result.exit_code == 1
    assert "locked by cpne process 1 of jeanne on autre-poste, running `cpne review new` since 10:00" in result.stderr
    assert f"delete {lock}" in result.stderr
    assert tree_state(data_repo) == before
    assert lock.exists()


def test_the_lock_is_released_after_a_refusal(data_repo: Path) -> None:
    result = cpne(data_repo, "opinion", "set-status", "OP-2026-001", "consultation")
    assert result.exit_code == 1
    assert not (data_repo / ".git" / "cpne.lock").exists()


def test_four_new_opinions_at_once_never_collide_or_get_lost(data_repo: Path) -> None:
    commits = commit_count(data_repo)
    processes = [_start(data_repo, *NEW[:2], "--title", f"Avis {n}", *NEW[4:]) for n in range(4)]
    results = [(p.communicate(timeout=120), p.returncode) for p in processes]
    for (_, err), code in results:
        assert code == 0, err
    ids = sorted(out.strip() for (out, _), _ in results)
    assert ids == [f"OP-{YEAR}-00{n}" for n in range(1, 5)]
    assert commit_count(data_repo) == commits + 4
    titles = sorted(
        line.split(": ", 1)[1]
        for n in range(1, 5)
        for line in (data_repo / "data" / "opinions" / f"OP-{YEAR}-00{n}.yaml").read_text(encoding="utf-8").splitlines()
        if line.startswith("title: ")
    )
    assert titles == ["Avis 0", "Avis 1", "Avis 2", "Avis 3"]
    assert git(data_repo, "status", "--porcelain") == ""
    assert cpne(data_repo, "validate").exit_code == 0
