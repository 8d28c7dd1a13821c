"""cpne.ops.lock: the repository lock file, its content, waiting, and recovery of abandoned locks."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest

from cpne.errors import LockedError
from cpne.ops.lock import LOCK_NAME, UNREADABLE_GRACE_SECONDS, Holder, RepoLock, pid_alive


def _dead_pid() -> int:
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_the_lock_holds_who_and_what_and_is_removed_on_release(tmp_path: Path) -> None:
    with RepoLock(tmp_path, "cpne opinion new") as lock:
        data = json.loads((tmp_path / LOCK_NAME).read_text(encoding="utf-8"))
        assert data["pid"] == os.getpid()
        assert data["host"] == socket.gethostname()
        assert data["command"] == "cpne opinion new"
        assert data["user"]
        assert data["since"][:4].isdigit()
        assert lock.held
    assert not (tmp_path / LOCK_NAME).exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_held_lock_is_refused_at_once_naming_the_holder(tmp_path: Path) -> None:
    with RepoLock(tmp_path, "cpne opinion new"):
        clock = time.monotonic()
        with pytest.raises(LockedError, match=rf"locked by cpne process {os.getpid()} .* running `cpne opinion new`"):
            RepoLock(tmp_path, "cpne partner update").acquire()
        assert time.monotonic() - clock < 1
    assert not (tmp_path / LOCK_NAME).exists()


def test_waiting_takes_the_lock_once_released(tmp_path: Path) -> None:
    first = RepoLock(tmp_path, "first")
    first.acquire()
    waited: list[Holder] = []
    threading.Timer(0.3, first.release).start()
    second = RepoLock(tmp_path, "second", wait=10, on_wait=waited.append)
    second.acquire()
    assert [h.command for h in waited] == ["first"]
    assert json.loads((tmp_path / LOCK_NAME).read_text(encoding="utf-8"))["command"] == "second"
    second.release()


def test_waiting_gives_up_after_the_time_allowed(tmp_path: Path) -> None:
    with RepoLock(tmp_path, "first"):
        clock = time.monotonic()
        with pytest.raises(LockedError):
            RepoLock(tmp_path, "second", wait=0.3).acquire()
        assert 0.25 < time.monotonic() - clock < 5


def test_a_lock_of_a_dead_process_is_recovered(tmp_path: Path) -> None:
    dead = Holder(_dead_pid(), socket.gethostname(), "x", "cpne opinion new", "2026-01-01T00:00:00")
    (tmp_path / LOCK_NAME).write_bytes(dead.to_bytes())
    recovered: list[Holder | None] = []
    with RepoLock(tmp_path, "cpne theme add", on_recover=recovered.append):
        assert json.loads((tmp_path / LOCK_NAME).read_text(encoding="utf-8"))["command"] == "cpne theme add"
    assert recovered == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_lock_of_another_host_is_never_taken(tmp_path: Path) -> None:
    other = Holder(_dead_pid(), "another-host", "x", "cpne opinion new", "2026-01-01T00:00:00")
    (tmp_path / LOCK_NAME).write_bytes(other.to_bytes())
    with pytest.raises(LockedError, match="on another-host"):
        RepoLock(tmp_path, "cpne theme add").acquire()
    assert (tmp_path / LOCK_NAME).read_bytes() == other.to_bytes()


def test_an_unreadable_lock_is_respected_while_fresh_then_recovered(tmp_path: Path) -> None:
    path = tmp_path / LOCK_NAME
    path.write_bytes(b"")
    with pytest.raises(LockedError, match="another cpne process"):
        RepoLock(tmp_path, "x").acquire()
    old = time.time() - UNREADABLE_GRACE_SECONDS - 10
    os.utime(path, (old, old))
    with RepoLock(tmp_path, "x"):
        pass
    assert not path.exists()


def test_release_never_removes_someone_elses_lock(tmp_path: Path) -> None:
    lock = RepoLock(tmp_path, "mine")
    lock.acquire()
    other = Holder(1, "h", "u", "theirs", "t")
    (tmp_path / LOCK_NAME).write_bytes(other.to_bytes())
    lock.release()
    assert (tmp_path / LOCK_NAME).read_bytes() == other.to_bytes()


def test_pid_alive() -> None:
    assert pid_alive(os.getpid())
    assert not pid_alive(_dead_pid())
    assert not pid_alive(0)
    assert Holder.parse(b"not json") is None
    assert Holder.parse(b'{"pid": "x"}') is None
