"""The journal of a change in progress, so that an interrupted change is undone by the next one.

Before a command writes, it records in ``.git/cpne-journal.json`` what every file it is
about to touch held (its bytes, or that it did not exist) and the commit HEAD pointed at.
The journal goes once the change is committed (or written, with ``--no-commit``), or put
back after a failure. If the process is killed in between (SIGKILL, a power cut), the next
command that takes the lock finds the journal: when HEAD has not moved, the change never
completed, and every file is put back as it was; when HEAD has moved, the commit went
through and only the journal is left to remove. Either way the register is in the state
before the change or after it, never between.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from cpne.git import GitRepo
from cpne.ops.lock import pid_alive
from cpne.records.writer import write_atomic, write_atomic_bytes

NAME = "cpne-journal.json"


@dataclass(frozen=True)
class Repaired:
    """What the recovery of an interrupted change did."""

    paths: list[str]  # the files put back as they were (relative to the work tree)
    completed: bool  # the change had been committed: nothing was put back
    kept: list[str] = field(default_factory=list)  # files changed by someone since: left as they are


class Journal:
    """One change in progress (use as a context: the journal is removed at the end, whatever happens)."""

    def __init__(self, git: GitRepo, files: list[tuple[Path, bytes | None, bytes | None]]) -> None:
        """``files``: (path, its bytes before — None: absent —, the bytes the change writes — None: removed)."""
        self.git = git
        self.path = git.common_dir / NAME
        entries = [
            {
                "path": git.rel(path),
                "old": None if old is None else base64.b64encode(old).decode("ascii"),
                "new": _digest(new),
            }
            for path, old, new in files
        ]
        write_atomic(self.path, json.dumps({"head": git.head(), "pid": os.getpid(), "files": entries}) + "\n")

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        with contextlib.suppress(FileNotFoundError):
            self.path.unlink()


def recover(git: GitRepo) -> Repaired | None:
    """Finish what an interrupted change left (the caller holds the lock); None when there was nothing."""
    path = git.common_dir / NAME
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        head, files = data["head"], data["files"]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        path.unlink(missing_ok=True)  # unreadable: written half by a killed process, before any file was touched
        return Repaired([], completed=False)
    _wait_for_git(git)
    if git.head() != head:
        path.unlink(missing_ok=True)
        return Repaired([], completed=True)
    rels, kept = [], []
    for entry in files:
        target = git.top / entry["path"]
        old = None if entry["old"] is None else base64.b64decode(entry["old"])
        current = _bytes(target)
        _remove_temporaries(target)
        if current is not None and _digest(current) not in (_digest(old), entry.get("new")):
            kept.append(entry["path"])  # changed by someone since the interruption: not ours to put back
            continue
        if old is None:
            target.unlink(missing_ok=True)
        else:
            write_atomic_bytes(target, old)
        rels.append(entry["path"])
    if rels:
        git.reset_paths([git.top / rel for rel in rels])
    path.unlink(missing_ok=True)
    return Repaired(rels, completed=False, kept=kept)


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.sha256(data).hexdigest()


def _bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def remove_dead_edits(git: GitRepo) -> Path:
    """Remove the folders of editing sessions whose process is gone; returns their parent, ``.git/cpne-edit``."""
    base = git.common_dir / "cpne-edit"
    with contextlib.suppress(FileNotFoundError):
        for entry in base.iterdir():
            pid = entry.name.split("-", 1)[0]
            if pid.isdigit() and not pid_alive(int(pid)):
                shutil.rmtree(entry, ignore_errors=True)
    return base


INDEX_LOCK_WAIT = 5.0


def _wait_for_git(git: GitRepo) -> None:
    """A git command the killed process had started may still be finishing: give it a few seconds."""
    lock = git.top / git.run("rev-parse", "--git-path", "index.lock").strip()
    deadline = time.monotonic() + INDEX_LOCK_WAIT
    while lock.exists() and time.monotonic() < deadline:
        time.sleep(0.05)


def _remove_temporaries(target: Path) -> None:
    """The temporary files an interrupted atomic write of ``target`` may have left beside it."""
    with contextlib.suppress(OSError):
        for stale in target.parent.glob(f".{target.name}.*.tmp"):
            stale.unlink(missing_ok=True)
