"""The only module that runs git: through the ``git`` binary (GitPython's ``repo.git``),
so the repository's hooks, commit signing and configuration apply.

GitPython is imported when a :class:`GitRepo` is first made, never at start-up.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cpne.errors import GitError

if TYPE_CHECKING:
    import git


def _message(exc: Exception) -> str:
    """git's own words from a failed command, without GitPython's decoration."""
    stderr = getattr(exc, "stderr", "") or ""
    stdout = getattr(exc, "stdout", "") or ""
    text = str(stderr).strip() or str(stdout).strip() or str(exc)
    for prefix in ("stderr: '", "stdout: '"):
        if text.startswith(prefix):
            text = text[len(prefix) :].rstrip("'")
    return text.strip()


class GitRepo:
    """A git work tree, driven through the git binary."""

    def __init__(self, repo: git.Repo) -> None:
        self.repo = repo
        assert repo.working_tree_dir is not None
        self.top = Path(repo.working_tree_dir).resolve()

    @classmethod
    def open(cls, path: Path) -> GitRepo:
        """The git work tree holding ``path``; GitError when there is none."""
        import git

        try:
            return cls(git.Repo(path, search_parent_directories=True))
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise GitError(
                f"{path} is not inside a git work tree", hint="run `git init` there, or `cpne init`"
            ) from None

    @classmethod
    def open_or_init(cls, path: Path) -> GitRepo:
        """The git work tree holding ``path``, created with ``git init`` when there is none."""
        import git

        try:
            return cls(git.Repo(path, search_parent_directories=True))
        except git.InvalidGitRepositoryError:
            pass
        try:
            return cls(git.Repo.init(path))
        except git.GitCommandError as exc:
            raise GitError(f"git init failed: {_message(exc)}") from None

    def run(self, *args: str, **kwargs: Any) -> str:
        """Run ``git ARGS`` in the work tree; a failure becomes a GitError with git's message."""
        import git

        try:
            out: str = self.repo.git.execute(["git", *args], **kwargs)
        except git.GitCommandError as exc:
            raise GitError(_message(exc)) from None
        return out

    def rel(self, path: Path) -> str:
        """A path relative to the work tree's top, as git wants it."""
        return path.resolve().relative_to(self.top).as_posix()

    def has_head(self) -> bool:
        return self.repo.head.is_valid()

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

        On failure the index entries this call added are taken back and GitError is raised;
        putting the files themselves back is the caller's job (it knows their old bytes).
        """
        rels = [self.rel(p) for p in paths]
        gone = [self.rel(p) for p in removed]
        new = [r for r in rels if not self.tracked(r)]
        if new:
            self.run("add", "--", *new)
        message = subject + ("\n\n" + body if body else "")
        args = ["commit", "--quiet", "--no-edit", "-m", message]
        if author:
            args += ["--author", author]
        try:
            self.run(*args, "--only", "--", *rels, *gone)
        except GitError:
            if new:
                self._unstage_new(new)
            raise
        return self.run("rev-parse", "HEAD").strip()

    def _unstage_new(self, rels: Sequence[str]) -> None:
        with contextlib.suppress(GitError):
            self.run("rm", "--cached", "--quiet", "--ignore-unmatch", "--", *rels)

    def tracked(self, rel: str) -> bool:
        """Whether git knows the path (in HEAD or in the index)."""
        return bool(self.run("ls-files", "--", rel).strip())

    @property
    def common_dir(self) -> Path:
        """The repository's shared ``.git`` folder (the same for every linked work tree)."""
        return Path(self.repo.common_dir).resolve()

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

    def move(self, old: Path, new: Path) -> None:
        """``git mv OLD NEW``: the rename is staged, like git does it."""
        self.run("mv", "--", self.rel(old), self.rel(new))

    def reset_paths(self, paths: Sequence[Path]) -> None:
        """Put the index entries of ``paths`` back as they are in HEAD (files are not touched)."""
        with contextlib.suppress(GitError):
            self.run("reset", "--quiet", "HEAD", "--", *[self.rel(p) for p in paths])

    def log_follow(self, path: Path) -> str:
        """``git log --follow`` of one file, with the patch, in a form :mod:`cpne.ops.history` parses."""
        return self.run(
            "log",
            "--follow",
            "--format=%x1e%H%x1f%aI%x1f%an%x1f%ae%x1f%s",
            "--patch",
            "--unified=0",
            "--no-color",
            "--no-ext-diff",
            "--",
            self.rel(path),
        )
