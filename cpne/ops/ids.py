"""The next free opinion/review id: ``OP-YYYY-NNN``, one sequence per year.

The highest number in use is looked for in the work tree (a directory listing) and
in the kind's folder of every local and remote-tracking branch (``git ls-tree``,
once per distinct commit), so two people on two branches rarely take the same id.
No record is parsed: the cost is a listing per branch, whatever the history.
Callers allocate under the repository lock, so two processes never get the same id.
"""

from __future__ import annotations

import contextlib
import os
import re

from cpne import words
from cpne.errors import CpneError
from cpne.git import GitRepo
from cpne.i18n import _
from cpne.kinds import Kind
from cpne.repo import DataRepo

MAX_NUMBER = 999


def used_numbers(names: list[str] | set[str], kind: Kind, year: str) -> set[int]:
    assert kind.id_prefix is not None
    pattern = re.compile(rf"^{kind.id_prefix}-{re.escape(year)}-(\d{{3}})\.yaml$")
    return {int(m.group(1)) for name in names if (m := pattern.match(name))}


def next_id(repo: DataRepo, git: GitRepo, kind: Kind, year: str) -> str:
    """The first number above every one in use for ``year``, in the work tree and on every branch."""
    if kind.id_prefix is None:
        raise CpneError(_("{noun} ids are chosen, not allocated").format(noun=words.noun(kind.name)))
    folder = repo.kind_dir(kind)
    names: set[str] = set()
    with contextlib.suppress(FileNotFoundError):
        names.update(os.listdir(folder))
    for commit in git.branch_commits():
        names.update(git.tree_names(commit, folder))
    highest = max(used_numbers(names, kind, year), default=0)
    if highest >= MAX_NUMBER:
        raise CpneError(
            _("no {noun} id left for {year}: {id} is taken").format(
                noun=words.noun(kind.name), year=year, id=f"{kind.id_prefix}-{year}-{MAX_NUMBER:03d}"
            )
        )
    return f"{kind.id_prefix}-{year}-{highest + 1:03d}"
