"""``history ID``: the commits that touched a record, newest first, following renames (``renumber``).

One ``git log --follow --patch`` call; the status change of each commit is read from
the ``status:`` lines of its patch (a top-level key, so never confused with text).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from cpne.errors import RecordError
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


def parse_log(out: str) -> list[Entry]:
    entries = []
    for chunk in out.split("\x1e")[1:]:
        header, _, patch = chunk.partition("\n")
        commit, when, author, email, subject = header.split("\x1f", 4)
        before = after = None
        for line in patch.splitlines():
            if line.startswith("-status: "):
                before = line[len("-status: ") :].strip()
            elif line.startswith("+status: "):
                after = line[len("+status: ") :].strip()
        entries.append(Entry(commit, when, author, email, subject.strip(), before, after))
    return entries


def history(ws: Workspace, kind: Kind, record_id: str) -> list[Entry]:
    """The record's commits, newest first. A record git never saw is a RecordError."""
    path = ws.path(kind, record_id)
    entries = parse_log(ws.git.log_follow(path))
    if not entries:
        if path.exists():
            raise RecordError(
                f"{kind.name} {record_id} has no history yet: it was never committed",
                hint="commit it (it was probably written with --no-commit)",
            )
        ws.read(kind, record_id)  # raises "no such record", with a suggestion
    return entries
