"""``history ID``: the commits that touched a record, newest first, following renames (``renumber``).

One ``git log --follow --patch`` call; the status change of each commit is read from
the ``status:`` lines of its patch (a top-level key, so never confused with text).

``--follow`` follows copies as well as renames: a new record that looks like an older
one (two opinions made from the same options) would inherit the older one's history.
So the history stops at the commit that made the record as a *copy*; that commit is
its creation, and its status is read from the file as it was then.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from cpne.errors import CpneError, RecordError
from cpne.kinds import Kind
from cpne.ops.workspace import Workspace


@dataclass(frozen=True)
class Entry:
    """One commit that touched the record."""

    commit: str
    date: str  # author date, ISO 8601 with offset
    author: str
    email: str
    subject: str
    status_from: str | None
    status_to: str | None

    @property
    def day(self) -> str:
        return self.date[:10]

    @property
    def status_change(self) -> str:
        if self.status_to is None:
            return ""
        if self.status_from is None:
            return self.status_to
        return f"{self.status_from} -> {self.status_to}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


STATUS_RE = re.compile(r"^status: *(\S+)", re.MULTILINE)


def parse_log(out: str, status_at: Callable[[str, str], str | None] | None = None) -> list[Entry]:
    """Entries of ``git log --follow --patch`` output; ``status_at(commit, path)`` reads a status when needed."""
    entries = []
    for chunk in out.split("\x1e")[1:]:
        header, _, patch = chunk.partition("\n")
        commit, when, author, email, subject = header.split("\x1f", 4)
        before = after = None
        copied_to = None
        for line in patch.splitlines():
            if line.startswith("-status: "):
                before = line[len("-status: ") :].strip()
            elif line.startswith("+status: "):
                after = line[len("+status: ") :].strip()
            elif line.startswith("copy to "):
                copied_to = line[len("copy to ") :].strip()
        if copied_to is not None:
            created = status_at(commit, copied_to) if status_at is not None else after
            entries.append(Entry(commit, when, author, email, subject.strip(), None, created))
            break  # what came before belongs to the record it looks like, not to this one
        entries.append(Entry(commit, when, author, email, subject.strip(), before, after))
    return entries


def history(ws: Workspace, kind: Kind, record_id: str) -> list[Entry]:
    """The record's commits, newest first. A record git never saw is a RecordError."""
    path = ws.path(kind, record_id)
    git = ws.git

    def status_at(commit: str, rel: str) -> str | None:
        try:
            match = STATUS_RE.search(git.run("show", f"{commit}:{rel}"))
        except CpneError:
            return None
        return match.group(1) if match else None

    entries = parse_log(git.log_follow(path), status_at)
    if not entries:
        if path.exists():
            raise RecordError(
                f"{kind.name} {record_id} has no history yet: it was never committed",
                hint="commit it (it was probably written with --no-commit)",
            )
        ws.read(kind, record_id)  # raises "no such record", with a suggestion
    return entries
