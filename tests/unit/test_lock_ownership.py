"""The repository lock belongs to a live process, whatever pid its file names: ownership is the system's lock.

Real processes hold real locks: a pid reused by another program does not keep the lock
forever, a held lock is never taken whatever its file says, a lock from another host is
named with its host and age, and a folder where the lock file goes is a clear error.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cpne.errors import CpneError, LockedError
from cpne.ops.lock import LOCK_NAME, Holder, RepoLock
from tests.conftest import git, tree_state
from tests.records_helpers import cpne, new_opinion, ok, run_process

HOST = socket.gethostname()


@pytest.fixture
def other_program() -> Iterator[subprocess.Popen[bytes]]:
    """A live process that is not cpne (as when a dead cpne's pid is given to another program)."""
    process = subprocess.Popen(["sleep", "120"])
    yield process
    process.kill()
    process.wait()


def _holding(folder: Path) -> subprocess.Popen[str]:
    """Another process that takes the lock and keeps it until killed."""
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from cpne.ops.lock import RepoLock\n"
        f"lock = RepoLock(Path({str(folder)!r}), 'cpne opinion new')\n"
        "lock.acquire()\n"
        "print('held', flush=True)\n"
        "time.sleep(120)\n"
    )
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, encoding="utf-8")
    assert process.stdout is not None
    assert process.stdout.readline() == "held\n"
    return process


def _stop(process: subprocess.Popen[str]) -> None:
    process.kill()
    process.wait()
    if process.stdout is not None:
        process.stdout.close()


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_a_lock_naming_a_pid_now_used_by_another_program_is_recovered(
    tmp_path: Path, other_program: subprocess.Popen[bytes]
) -> None:
    stale = Holder(other_program.pid, HOST, "x", "cpne opinion new", "2026-01-01T00:00:00+01:00")
    (tmp_path / LOCK_NAME).write_bytes(stale.to_bytes())
    recovered: list[Holder | None] = []
    with RepoLock(tmp_path, "cpne opinion set-status", on_recover=recovered.append):
        data = json.loads((tmp_path / LOCK_NAME).read_text(encoding="utf-8"))
        assert data["pid"] == os.getpid() and data["command"] == "cpne opinion set-status"
    assert recovered == [stale]
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_set_status_goes_on_when_the_locks_pid_was_reused(
    data_repo: Path, other_program: subprocess.Popen[bytes]
) -> None:
    opinion = new_opinion(data_repo)
    lock = data_repo / ".git" / LOCK_NAME
    stale = Holder(other_program.pid, HOST, "x", "cpne opinion new", "2026-01-01T00:00:00+01:00")
    lock.write_bytes(stale.to_bytes())
    result = ok(data_repo, "opinion", "set-status", opinion, "consultation")
    assert f"recovered the lock left by cpne process {other_program.pid}" in result.stderr
    assert git(data_repo, "log", "-1", "--format=%s").strip() == f"opinion {opinion}: draft -> consultation"
    assert not lock.exists()


def test_a_held_lock_is_never_taken_whatever_its_file_says(tmp_path: Path) -> None:
    holder = _holding(tmp_path)
    try:
        dead = Holder(_dead_pid(), HOST, "x", "cpne opinion new", "2026-01-01T00:00:00+01:00")
        (tmp_path / LOCK_NAME).write_bytes(dead.to_bytes())  # a file that lies: its process is alive
        recovered: list[Holder | None] = []
        with pytest.raises(LockedError, match=f"locked by cpne process {dead.pid} "):
            RepoLock(tmp_path, "cpne theme add", on_recover=recovered.append).acquire()
        assert recovered == []
    finally:
        _stop(holder)
    with RepoLock(tmp_path, "cpne theme add"):  # its holder gone, the lock is free at once
        pass


def test_a_killed_holder_leaves_a_lock_that_is_taken_at_once(tmp_path: Path) -> None:
    holder = _holding(tmp_path)
    with pytest.raises(LockedError, match=f"locked by cpne process {holder.pid} of .* on {HOST}"):
        RepoLock(tmp_path, "cpne theme add").acquire()
    _stop(holder)
    recovered: list[Holder | None] = []
    with RepoLock(tmp_path, "cpne theme add", on_recover=recovered.append):
        pass
    assert [h.pid for h in recovered if h is not None] == [holder.pid]
    assert not (tmp_path / LOCK_NAME).exists()


def test_a_lock_of_another_host_is_named_with_its_host_and_age(tmp_path: Path) -> None:
    other = Holder(4242, "autre-poste", "jeanne", "cpne review new", "2026-03-01T10:00:00+01:00")
    path = tmp_path / LOCK_NAME
    path.write_bytes(other.to_bytes())
    taken = time.time() - (2 * 3600 + 5 * 60 + 7)
    os.utime(path, (taken, taken))
    with pytest.raises(LockedError) as refused:
        RepoLock(tmp_path, "cpne theme add").acquire()
    message = str(refused.value)
    assert "cpne process 4242 of jeanne on autre-poste" in message
    assert "taken 2 h 5 min ago" in message
    assert refused.value.hint is not None
    assert "autre-poste" in refused.value.hint and f"delete {path}" in refused.value.hint
    assert path.read_bytes() == other.to_bytes()


def test_a_held_lock_says_how_long_it_has_been_held(tmp_path: Path) -> None:
    with RepoLock(tmp_path, "cpne opinion new"), pytest.raises(LockedError, match=r"\(taken \d+ s ago\)"):
        RepoLock(tmp_path, "cpne partner update").acquire()


def test_a_folder_where_the_lock_goes_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / LOCK_NAME).mkdir()
    with pytest.raises(CpneError, match="is a folder") as refused:
        RepoLock(tmp_path, "cpne theme add").acquire()
    assert str(tmp_path / LOCK_NAME) in str(refused.value)
    assert (tmp_path / LOCK_NAME).is_dir()


def test_a_folder_where_the_lock_goes_stops_a_command_cleanly(data_repo: Path) -> None:
    (data_repo / ".git" / LOCK_NAME).mkdir()
    before = tree_state(data_repo)
    result = cpne(data_repo, "partner", "update", "amf", "--notes", "Note.")
    assert result.exit_code == 1
    assert f"{data_repo / '.git' / LOCK_NAME}" in result.stderr and "is a folder" in result.stderr
    assert "internal error" not in result.stderr
    assert tree_state(data_repo) == before


def test_a_link_where_the_lock_goes_is_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    target.write_text("keep\n", encoding="utf-8")
    (tmp_path / LOCK_NAME).symlink_to(target)
    with pytest.raises(CpneError, match="symbolic link"):
        RepoLock(tmp_path, "cpne theme add").acquire()
    assert target.read_text(encoding="utf-8") == "keep\n"


def test_waiting_creators_still_get_the_lock_in_turn(data_repo: Path) -> None:
    holder = _holding(data_repo / ".git")
    try:
        impatient = run_process(
            data_repo,
            "opinion",
            "new",
            "--title",
            "Avis",
            "--kind",
            "opinion",
            "--theme",
            "usages",
            "--rapporteur",
            "amf",
            env={"CPNE_LOCK_WAIT": "0.3"},
        )
    finally:
        _stop(holder)
    assert impatient.returncode == 1
    assert f"locked by cpne process {holder.pid}" in impatient.stderr
    assert "taken" in impatient.stderr and "ago" in impatient.stderr
