"""Expected failures of cpne, as typed errors carrying a message, a hint and an exit code.

The core raises these; the CLI translates them to one message on stderr and an exit
status in one place. Nothing here knows about the command-line framework. Messages and
hints are built translated (:mod:`cpne.i18n`) by whoever raises them.
"""

from __future__ import annotations

from cpne.i18n import N_, _


class CpneError(Exception):
    """A failure the user can act on: refused work, invalid data, git refusal (exit 1)."""

    exit_code = 1

    def __init__(
        self, message: str, *, hint: str | None = None, path: str | None = None, line: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message


class UsageError(CpneError):
    """The command was called wrongly (bad id on the command line, missing option): exit 2."""

    exit_code = 2


class RepositoryNotFound(CpneError):
    """No data repository (a folder holding cpne.yaml) where one was expected."""


class RecordError(CpneError):
    """A record could not be read or is invalid."""


class InvalidRecord(RecordError):
    """A record that the command would write does not pass validation.

    Carries the validation problems so the CLI can show every one of them.
    """

    def __init__(
        self, message: str, problems: list[object], *, path: str | None = None, details: list[str] | None = None
    ) -> None:
        super().__init__(message, path=path)
        self.problems = problems
        self.details = details  # the problems as the user should read them (options named), when known


class GitError(CpneError):
    """git refused or failed; the message carries git's own words (``output``: what git said, as it said it)."""

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        path: str | None = None,
        line: int | None = None,
        output: str | None = None,
    ) -> None:
        super().__init__(message, hint=hint, path=path, line=line)
        self.output = output


class LockedError(CpneError):
    """Another cpne process holds the repository's lock."""


class LifecycleError(CpneError):
    """A status transition the lifecycle forbids."""


def os_reason(exc: OSError) -> str:
    """Why the system refused, in the language for the usual reasons (the system's own words otherwise)."""
    import errno

    reasons = {
        errno.ENOENT: N_("no such file or directory"),
        errno.EACCES: N_("permission denied"),
        errno.EPERM: N_("operation not permitted"),
        errno.EISDIR: N_("is a directory"),
        errno.ENOTDIR: N_("not a directory"),
        errno.EEXIST: N_("already exists"),
        errno.ENOSPC: N_("no space left on the device"),
        errno.EROFS: N_("read-only file system"),
        errno.ENAMETOOLONG: N_("file name too long"),
        errno.ELOOP: N_("too many levels of symbolic links"),
    }
    found = reasons.get(exc.errno) if exc.errno is not None else None
    return _(found) if found else exc.strerror or str(exc)
