"""The repository lock: two cpne processes never write at once.

The lock is a file, ``cpne.lock``, in the repository's shared git folder (``.git/``,
the same for every linked work tree, so id allocation is serialised across them too).
It is created atomically with its whole content (pid, host, user, command, time):
written to a temporary file, then hard-linked into place, which fails when the lock
exists (``O_CREAT|O_EXCL`` is the fallback where hard links are not available).

A second process waits up to ``wait`` seconds (0: not at all) and then fails, naming
the holder. A lock whose process is dead on this host is recovered: it is renamed
aside (atomic), checked to be the very lock found dead, and removed.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from types import TracebackType

from cpne.errors import LockedError, UsageError

LOCK_NAME = "cpne.lock"
POLL_SECONDS = 0.05
# A lock file that cannot be read as a lock (a process died between creating and filling
# it, on the O_EXCL fallback) is considered abandoned after this long.
UNREADABLE_GRACE_SECONDS = 5.0


@dataclass(frozen=True)
class Holder:
    """Who holds the lock."""

    pid: int
    host: str
    user: str
    command: str
    since: str

    def describe(self) -> str:
        return f"cpne process {self.pid} of {self.user} on {self.host}, running `{self.command}` since {self.since}"

    def to_bytes(self) -> bytes:
        return (json.dumps(asdict(self), ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def parse(cls, raw: bytes) -> Holder | None:
        try:
            data = json.loads(raw.decode("utf-8"))
            return cls(int(data["pid"]), str(data["host"]), str(data["user"]), str(data["command"]), str(data["since"]))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        return str(os.getuid()) if hasattr(os, "getuid") else "unknown"


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists on this host."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, belongs to someone else
    except OSError:
        return True
    return True


class RepoLock:
    """``with RepoLock(git_dir, "cpne opinion new"):`` — held for the duration of the block."""

    def __init__(
        self,
        git_dir: Path,
        command: str,
        *,
        wait: float = 0.0,
        on_wait: Callable[[Holder], None] | None = None,
        on_recover: Callable[[Holder | None], None] | None = None,
    ) -> None:
        self.path = git_dir / LOCK_NAME
        self.wait = max(0.0, wait)
        self.on_wait = on_wait
        self.on_recover = on_recover
        self.me = Holder(
            os.getpid(),
            socket.gethostname(),
            _user(),
            command[:200],
            datetime.now().astimezone().isoformat(timespec="seconds"),
        )
        self._token = self.me.to_bytes()
        self.held = False

    def __enter__(self) -> RepoLock:
        self.acquire()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.release()

    def acquire(self) -> None:
        deadline = time.monotonic() + self.wait
        told = False
        while True:
            if self._create():
                self.held = True
                return
            raw = self._read()
            if raw is None:
                continue  # released meanwhile: try again at once
            holder = Holder.parse(raw)
            if self._abandoned(holder):
                self._recover(raw, holder)
                continue
            if time.monotonic() >= deadline:
                raise LockedError(
                    f"the repository is locked by {holder.describe() if holder else 'another cpne process'}",
                    hint=f"try again when it has finished; if that process no longer exists, delete {self.path}",
                )
            if not told and holder is not None and self.on_wait is not None:
                self.on_wait(holder)
                told = True
            time.sleep(POLL_SECONDS)

    def release(self) -> None:
        """Remove the lock if it is still ours."""
        if not self.held:
            return
        self.held = False
        with contextlib.suppress(FileNotFoundError):
            if self.path.read_bytes() == self._token:
                self.path.unlink()

    def _create(self) -> bool:
        tmp = self.path.with_name(f"{LOCK_NAME}.{os.getpid()}.tmp")
        try:
            tmp.write_bytes(self._token)
            try:
                os.link(tmp, self.path)
                return True
            except FileExistsError:
                return False
            except OSError:
                return self._create_exclusive()  # no hard links on this file system
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()

    def _create_exclusive(self) -> bool:
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "wb") as handle:
            handle.write(self._token)
        return True

    def _read(self) -> bytes | None:
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None

    def _abandoned(self, holder: Holder | None) -> bool:
        if holder is None:
            try:
                age = time.time() - self.path.stat().st_mtime
            except FileNotFoundError:
                return False
            return age > UNREADABLE_GRACE_SECONDS
        return holder.host == self.me.host and not pid_alive(holder.pid)

    def _recover(self, raw: bytes, holder: Holder | None) -> None:
        aside = self.path.with_name(f"{LOCK_NAME}.stale.{os.getpid()}")
        try:
            os.replace(self.path, aside)
        except FileNotFoundError:
            return
        try:
            if aside.read_bytes() != raw:
                # Another process took the lock between our look and our move: give it back.
                with contextlib.suppress(FileExistsError):
                    os.link(aside, self.path)
                return
            if self.on_recover is not None:
                self.on_recover(holder)
        finally:
            with contextlib.suppress(FileNotFoundError):
                aside.unlink()


DEFAULT_WAIT_CREATING = 10.0


def wait_for(*, creating: bool) -> float:
    """Seconds to wait for the lock: ``$CPNE_LOCK_WAIT``, else 10 s to create a record and 0 (fail at once) otherwise.

    Creating waits because two people adding records at once is ordinary (each gets its
    own id); changing a record someone else is changing is not, and is said at once.
    """
    raw = os.environ.get("CPNE_LOCK_WAIT", "").strip()
    if raw:
        try:
            return max(0.0, float(raw))
        except ValueError:
            raise UsageError(f"CPNE_LOCK_WAIT: '{raw}' is not a number of seconds") from None
    return DEFAULT_WAIT_CREATING if creating else 0.0
