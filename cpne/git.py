"""The only module that runs git: the ``git`` binary itself (started by GitPython's ``Git.execute``,
imported on the first call, never at start-up), so the repository's hooks, commit signing
and configuration apply, and git answers every question about the repository (its top,
its shared folder, its HEAD) however it is stored. GitPython's own readers of ``.git/``
(``Repo``, its index) are never used: they misread SHA-256 repositories and expand ``$``.

Nothing here reads ``.git/`` by itself: a SHA-256 repository, a linked work tree, a path
holding ``$`` or a ``safe.directory`` refusal are git's business, and git's words reach the
user. Commit messages go to ``git commit -F -`` on stdin, so their size is not bounded by
the command line's.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from cpne.errors import GitError
from cpne.i18n import _

#: What git's messages are read in (as GitPython did): git's own words, in English, whatever the locale.
_ENV = {"LANGUAGE": "C", "LC_ALL": "C"}

#: How long an interrupted git is given to end by itself before it is killed.
STOP_SECONDS = 10.0

_warning_sink: Callable[[str], None] | None = None


def on_warning(sink: Callable[[str], None] | None) -> None:
    """Where warnings about a commit go (the CLI's stderr); without a sink, ``warning: …`` lines on stderr."""
    global _warning_sink  # noqa: PLW0603 - one sink per process, set by the command line
    _warning_sink = sink


def _warn(text: str) -> None:
    if _warning_sink is not None:
        _warning_sink(text)
    else:
        sys.stderr.write(_("warning: {message}").format(message=text) + "\n")
        sys.stderr.flush()


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def git_command(cwd: Path, *args: str, input: str | None = None) -> str:
    """``git ARGS`` run in ``cwd``; its stdout (one final newline removed). GitError with git's message on failure.

    Interrupted (Ctrl-C, SIGTERM), git is asked to stop (SIGTERM, so that it removes its own lock
    files, as it does) and waited for before the interruption goes on: whatever the caller then
    puts back, no ``index.lock`` is left behind.
    """
    from git.cmd import Git
    from git.exc import GitCommandNotFound

    if not cwd.is_dir():
        raise GitError(_("{path} is not a folder").format(path=cwd))
    try:
        started = Git().execute(  # Git(working_dir) would expand a `$` in the path: `git -C` takes it as it is
            ["git", "-C", str(cwd), *args],
            as_process=True,
            istream=subprocess.PIPE if input is not None else None,
            env=_ENV,
        )
    except GitCommandNotFound:
        raise GitError(_("git is not installed (no `git` on PATH)"), hint=_("install git, then try again")) from None
    except OSError as exc:
        raise GitError(_("cannot run git in {path}: {error}").format(path=cwd, error=exc.strerror or exc)) from None
    process = started.proc
    assert process is not None
    try:
        stdout, stderr = process.communicate(input.encode("utf-8", "surrogateescape") if input is not None else None)
    except BaseException:
        _stop(process)
        raise
    if process.returncode != 0:
        text = _decode(stderr).strip() or _decode(stdout).strip()
        if text:  # git's own words, as git said them (in English: see _ENV)
            raise GitError(_("git {command} failed: {output}").format(command=args[0], output=text), output=text)
        raise GitError(
            _("git {command} failed (exit status {status})").format(command=args[0], status=process.returncode),
            output="",
        )
    out = _decode(stdout)
    return out[:-1] if out.endswith("\n") else out


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End an interrupted git the way git ends well (SIGTERM: it removes its lock files), at worst killed."""
    with contextlib.suppress(BaseException):
        if process.poll() is None:
            process.terminate()
        try:
            process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    for stream in (process.stdin, process.stdout, process.stderr):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()


class GitRepo:
    """A git work tree, driven through the git binary."""

    def __init__(self, top: Path) -> None:
        self.top = top.resolve()
        self._common_dir: Path | None = None

    @classmethod
    def open(cls, path: Path) -> GitRepo:
        """The git work tree holding ``path``; GitError when there is none."""
        found = cls.find(path)
        if found is None:
            raise GitError(
                _("{path} is not inside a git work tree").format(path=path),
                hint=_("run `git init` there, or `cpne init`"),
            )
        return found

    @classmethod
    def open_or_init(cls, path: Path) -> GitRepo:
        """The git work tree holding ``path``, created with ``git init`` when there is none."""
        return cls.find(path) or cls.init(path)

    @classmethod
    def init(cls, path: Path) -> GitRepo:
        """``git init`` in the folder ``path``."""
        try:
            git_command(path, "init", "--quiet")
        except GitError as exc:
            said = exc.output if exc.output else exc.message
            raise GitError(_("git init failed in {path}: {output}").format(path=path, output=said)) from None
        found = cls.find(path)
        if found is None:
            raise GitError(_("git init made no work tree in {path}").format(path=path))
        return found

    @classmethod
    def find(cls, path: Path) -> GitRepo | None:
        """The git work tree holding ``path`` (None when there is none); git's own refusals are GitErrors.

        ``path`` need not exist: its nearest existing folder is asked.
        """
        folder = path
        while not folder.is_dir():
            if folder.parent == folder:
                return None
            folder = folder.parent
        try:
            return cls(Path(git_command(folder, "rev-parse", "--show-toplevel")))
        except GitError as exc:
            message = exc.output if exc.output is not None else exc.message  # git's words
            if "not a git repository" in message or "must be run in a work tree" in message:
                return None
            raise

    def run(self, *args: str, input: str | None = None) -> str:
        """Run ``git ARGS`` in the work tree; a failure becomes a GitError with git's message."""
        return git_command(self.top, *args, input=input)

    def rel(self, path: Path) -> str:
        """A path relative to the work tree's top, as git wants it."""
        return path.resolve().relative_to(self.top).as_posix()

    def head(self) -> str | None:
        """The commit HEAD points at (None on a branch with no commit yet)."""
        try:
            out = self.run("rev-parse", "--verify", "--quiet", "HEAD^{commit}")
        except GitError:
            return None
        return out.strip() or None

    def has_head(self) -> bool:
        return self.head() is not None

    def commit_paths(
        self,
        paths: Sequence[Path],
        subject: str,
        body: str = "",
        *,
        author: str | None = None,
        removed: Sequence[Path] = (),
    ) -> str:
        """Commit exactly ``paths`` (and the removal of ``removed``): other staged or unstaged work is left as it was.

        The message goes to git on stdin (``-F -``), whatever its size; hooks and signing apply.
        On failure the index entries this call added are taken back and GitError is raised;
        putting the files themselves back is the caller's job (it knows their old bytes).
        A commit made during a rebase or on a detached HEAD is made, with a warning naming the risk.
        """
        rels = [self.rel(p) for p in paths]
        gone = [self.rel(p) for p in removed]
        new = [r for r in rels if not self.tracked(r)]
        risk = self._risk()
        if new:
            self.run("add", "--", *new)
        message = subject + ("\n\n" + body if body else "")
        args = ["commit", "--quiet", "--no-edit", "-F", "-"]
        if author:
            args += ["--author", author]
        try:
            self.run(*args, "--only", "--", *rels, *gone, input=message)
        except BaseException as exc:  # refused, or interrupted (Ctrl-C, SIGTERM): the index as it was
            if new:
                self._unstage_new(new)
            if isinstance(exc, GitError) and exc.output == "" and exc.hint is None:  # git said nothing: a hook
                exc.hint = _("a hook of the repository (.git/hooks, or core.hooksPath) may have refused the commit")
            raise
        commit = self.run("rev-parse", "HEAD").strip()
        if risk:
            _warn(risk(commit))
        return commit

    def _risk(self) -> Callable[[str], str] | None:
        """What may become of a commit made now: part of a rebase, or on no branch (None: on a branch)."""
        with contextlib.suppress(GitError):
            merge, apply = self.run(
                "rev-parse", "--git-path", "rebase-merge", "--git-path", "rebase-apply"
            ).splitlines()
            if any((self.top / p).is_dir() for p in (merge, apply)):
                return lambda commit: _(
                    "a rebase is in progress: commit {commit} was made on the commit being rebased; "
                    "`git rebase --continue` keeps it in the rebased branch, `git rebase --abort` drops it"
                ).format(commit=commit[:10])
        try:
            self.run("symbolic-ref", "--quiet", "HEAD")
        except GitError:
            return lambda commit: _(
                "HEAD is detached (no branch is checked out): commit {commit} belongs to no branch "
                "and will be lost when you check out another one; keep it with `git switch -c NAME`"
            ).format(commit=commit[:10])
        return None

    def _unstage_new(self, rels: Sequence[str]) -> None:
        with contextlib.suppress(GitError):
            self.run("rm", "--cached", "--quiet", "--ignore-unmatch", "--", *rels)

    def tracked(self, rel: str) -> bool:
        """Whether git knows the path (in HEAD or in the index)."""
        return bool(self.run("ls-files", "--", rel).strip())

    @property
    def common_dir(self) -> Path:
        """The repository's shared ``.git`` folder (the same for every linked work tree)."""
        if self._common_dir is None:
            self._common_dir = (self.top / self.run("rev-parse", "--git-common-dir").strip()).resolve()
        return self._common_dir

    def status(self, paths: Sequence[Path]) -> list[str]:
        """``git status --porcelain`` lines for ``paths`` (untracked files included); empty when clean."""
        if not paths:
            return []
        out = self.run("status", "--porcelain", "--untracked-files=all", "--", *[self.rel(p) for p in paths])
        return [line for line in out.splitlines() if line.strip()]

    def branch_commits(self) -> list[str]:
        """The distinct commits that local and remote-tracking branches point at."""
        out = self.run("for-each-ref", "--format=%(objectname)", "refs/heads", "refs/remotes")
        return sorted(set(out.split()))

    def tree_names(self, commit: str, folder: Path) -> list[str]:
        """File names directly inside ``folder`` in ``commit`` (empty when the folder is absent there)."""
        rel = self.rel(folder)
        out = self.run("ls-tree", "--name-only", "--full-tree", commit, "--", rel + "/")
        return [line.rsplit("/", 1)[-1] for line in out.splitlines() if line]

    def reset_paths(self, paths: Sequence[Path]) -> None:
        """Put the index entries of ``paths`` back as they are in HEAD (files are not touched)."""
        with contextlib.suppress(GitError):
            self.run("reset", "--quiet", "HEAD", "--", *[self.rel(p) for p in paths])

    def log_versions(self, rel: str, start: str, format: str) -> str:
        """``git log`` of one path from ``start``: no rename guessing, the blobs of each side and the patch.

        Colour, external diff drivers and context lines are off whatever the user's configuration,
        so that :mod:`cpne.ops.history` can read it.
        """
        return self.run(
            "log",
            "--no-renames",
            "--raw",
            "--no-abbrev",
            "--patch",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            f"--format={format}",
            start,
            "--",
            rel,
        )

    def blob(self, rev: str, rel: str) -> str | None:
        """The blob id of ``rel`` at ``rev``, or None when it is not there (or there is no such revision)."""
        try:
            return self.run("rev-parse", "--verify", "--quiet", f"{rev}:{rel}").strip() or None
        except GitError:
            return None
