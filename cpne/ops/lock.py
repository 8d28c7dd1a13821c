"""The repository lock: two cpne processes never write at once.

The lock is the file ``cpne.lock`` in the repository's shared git folder (``.git/``, the
same for every linked work tree, so id allocation is serialised across them too), and
what makes it held is the operating system's lock on it (``flock``), taken by the process
that writes and let go by the system when that process ends, however it ends. A process
id can be reused by another program; the system's lock cannot outlive its holder.

The file's content (pid, host, user, command, time, as JSON) only says who holds it, for
messages. A second process waits up to ``wait`` seconds (0: not at all) and then fails,
naming the holder, its host and how long ago the lock was taken. A file left by a
process that ended without removing it is recovered at once (the system's lock on it
is free), with one exception: a lock written by another host is never taken, because
this host cannot see that host's processes (the message says which file to delete).

The holder removes the file before letting go of the system's lock; a process that
locked a file which is no longer the one in place (removed or replaced meanwhile)
starts again, so two processes never both believe they hold the lock.
"""

from __future__ import annotations

import contextlib
import errno
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

from cpne.errors import CpneError, LockedError, UsageError
from cpne.i18n import _, ngettext

try:
    import fcntl
except ImportError:  # no flock on this system (Windows): the writing commands say so
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "cpne.lock"
POLL_SECONDS = 0.05
# A lock file whose content cannot be read as a lock (another process is writing it, or an
# older cpne died between creating and filling it) is respected for this long after its
# last change, then recovered.
UNREADABLE_GRACE_SECONDS = 5.0
_MAX_CONTENT = 64 * 1024


@dataclass(frozen=True)
class Holder:
    """Who holds the lock."""

    pid: int
    host: str
    user: str
    command: str
    since: str

    def describe(self) -> str:
        return _("cpne process {pid} of {user} on {host}, running `{command}` since {since}").format(
            pid=self.pid, user=self.user, host=self.host, command=self.command, since=self.since
        )

    def to_bytes(self) -> bytes:
        return (json.dumps(asdict(self), ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def parse(cls, raw: bytes) -> Holder | None:
        try:
            data = json.loads(raw.decode("utf-8"))
            return cls(int(data["pid"]), str(data["host"]), str(data["user"]), str(data["command"]), str(data["since"]))
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


@dataclass(frozen=True)
class _Busy:
    """The lock is someone else's: who (None when its file cannot be read) and for how long (seconds)."""

    holder: Holder | None
    age: float


# What an attempt returns when the file vanished or was replaced meanwhile: try again at once.
_AGAIN = _Busy(None, 0.0)


def _user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (containers)
        return str(os.getuid()) if hasattr(os, "getuid") else "unknown"


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid exists on this host (it may be another program than the one expected)."""
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


def describe_age(seconds: float) -> str:
    """``42 s``, ``5 min``, ``2 h 5 min``, ``3 days`` (« 3 jours »)."""
    whole = max(0, int(seconds))
    if whole < 60:
        return _("{seconds} s").format(seconds=whole)
    if whole < 3600:
        return _("{minutes} min").format(minutes=whole // 60)
    if whole < 86400:
        hours, minutes = divmod(whole // 60, 60)
        if minutes:
            return _("{hours} h {minutes} min").format(hours=hours, minutes=minutes)
        return _("{hours} h").format(hours=hours)
    days = whole // 86400
    return ngettext("{count} day", "{count} days", days).format(count=days)


def _read(fd: int) -> bytes:
    return os.pread(fd, _MAX_CONTENT, 0)


def _age(fd: int) -> float:
    return time.time() - os.fstat(fd).st_mtime


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
        self._fd: int | None = None
        self._identity: tuple[int, int] | None = None
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
            busy = self._try()
            if busy is None:
                self.held = True
                return
            if busy is _AGAIN:
                continue
            if time.monotonic() >= deadline:
                raise self._refusal(busy)
            if not told and busy.holder is not None and self.on_wait is not None:
                self.on_wait(busy.holder)
                told = True
            time.sleep(POLL_SECONDS)

    def release(self) -> None:
        """Remove the lock file if it is still ours, then let go of the system's lock."""
        if not self.held or self._fd is None:
            return
        self.held = False
        fd, self._fd = self._fd, None
        try:
            found = os.stat(self.path, follow_symlinks=False)
            if (found.st_dev, found.st_ino) == self._identity and _read(fd) == self._token:
                os.unlink(self.path)
        except OSError:
            pass  # gone already, or not ours any more: nothing to remove
        finally:
            os.close(fd)

    # -- one attempt -----------------------------------------------------------------------

    def _try(self) -> _Busy | None:
        """Take the lock if it is free (None), else say who holds it (``_AGAIN``: try again at once)."""
        if fcntl is None:
            raise CpneError(_("cpne's repository lock needs flock, which this system does not have (Windows)"))
        opened = self._open()
        if opened is None:
            return _AGAIN
        fd, created = opened
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            busy = _Busy(Holder.parse(_read(fd)), _age(fd))
            os.close(fd)
            return busy
        except OSError as exc:
            os.close(fd)
            raise self._failure(_("cannot lock the lock file {path}: {error}"), exc) from None
        try:
            taken = self._take(fd, created)
        except BaseException:
            os.close(fd)
            raise
        if taken is not None:
            os.close(fd)
        return taken

    def _open(self) -> tuple[int, bool] | None:
        """The lock file, opened for writing (created when absent); None when it vanished meanwhile."""
        flags = os.O_RDWR | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
        try:
            return os.open(self.path, flags | os.O_CREAT | os.O_EXCL, 0o644), True
        except FileExistsError:
            pass
        except OSError as exc:
            raise self._failure(_("cannot create the lock file {path}: {error}"), exc) from None
        try:
            return os.open(self.path, flags), False
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise self._failure(_("cannot open the lock file {path}: {error}"), exc) from None

    def _take(self, fd: int, created: bool) -> _Busy | None:
        """We hold the system's lock on ``fd``: make it ours if it is still the lock file and may be taken."""
        try:
            found = os.stat(self.path, follow_symlinks=False)
        except FileNotFoundError:
            return _AGAIN
        mine = os.fstat(fd)
        if (found.st_dev, found.st_ino) != (mine.st_dev, mine.st_ino):
            return _AGAIN
        if not created:
            raw = _read(fd)
            holder = Holder.parse(raw)
            if holder is not None and holder.host != self.me.host:
                return _Busy(holder, _age(fd))  # that host's processes cannot be seen from here
            if holder is None and _age(fd) <= UNREADABLE_GRACE_SECONDS:
                return _Busy(None, _age(fd))
            # Its holder ended without removing it (crashed, killed, or its pid now names another program).
            if self.on_recover is not None:
                self.on_recover(holder)
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, self._token, 0)
        except OSError as exc:
            with contextlib.suppress(OSError):
                os.unlink(self.path)
            raise self._failure(_("cannot write the lock file {path}: {error}"), exc) from None
        self._fd = fd
        self._identity = (mine.st_dev, mine.st_ino)
        return None

    # -- messages --------------------------------------------------------------------------

    def _refusal(self, busy: _Busy) -> LockedError:
        holder = busy.holder
        age = describe_age(busy.age)
        if holder is None:
            return LockedError(
                _("the repository is locked by another cpne process (taken {age} ago)").format(age=age),
                hint=_("try again when it has finished; the lock is the file {path}").format(path=self.path),
            )
        if holder.host != self.me.host:
            hint = _(
                "cpne cannot tell from {here} whether that process still runs on {there}; if it does not, delete {path}"
            ).format(here=self.me.host, there=holder.host, path=self.path)
        else:
            hint = _("try again when it has finished")
        return LockedError(
            _("the repository is locked by {holder} (taken {age} ago)").format(holder=holder.describe(), age=age),
            hint=hint,
        )

    def _failure(self, message: str, exc: OSError) -> CpneError:
        """``message`` (translated, naming ``{path}`` and ``{error}``), or what a folder or a link there means."""
        if exc.errno == errno.EISDIR:
            return CpneError(
                _("{path} is a folder where cpne keeps its lock file").format(path=self.path),
                hint=_("neither git nor cpne makes a folder there: look at what it holds, remove it, then try again"),
            )
        if exc.errno == errno.ELOOP:
            return CpneError(
                _("{path} is a symbolic link where cpne keeps its lock file").format(path=self.path),
                hint=_("remove the link, then try again"),
            )
        return CpneError(message.format(path=self.path, error=exc.strerror or exc))


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
            raise UsageError(_("CPNE_LOCK_WAIT: '{value}' is not a number of seconds").format(value=raw)) from None
    return DEFAULT_WAIT_CREATING if creating else 0.0
