"""``history ID``: the commits that made a record what it is, newest first, across its renumberings.

The history is exact: it follows the record's own file content back in time (each
commit whose new version of the file is the version the record had next), not git's
guess by similarity, so two records that looked alike or took the same id on two
branches never mix. It follows a rename only where cpne made one: a ``renumber``
commit carries a ``Cpne-Renumbered-From: <old path>`` trailer.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from typing import Any

from cpne import words
from cpne.errors import RecordError
from cpne.i18n import _
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
TRAILER = "Cpne-Renumbered-From"

FORMAT = f"%x1e%H%x1f%aI%x1f%an%x1f%ae%x1f%s%x1f%(trailers:key={TRAILER},valueonly,separator=%x2C)"


@dataclass(frozen=True)
class _Commit:
    """One commit of ``git log --raw --patch`` on one path: its header, the file's blobs before and after."""

    commit: str
    when: str
    author: str
    email: str
    subject: str
    renumbered_from: str
    old_blob: str
    new_blob: str
    before: str | None  # the status before and after, read from the patch
    after: str | None


def _parse(out: str) -> list[_Commit]:
    commits = []
    for chunk in out.split("\x1e")[1:]:
        header, _, rest = chunk.partition("\n")
        commit, when, author, email, subject, renumbered = header.split("\x1f", 5)
        old_blob = new_blob = ""
        before = after = None
        for line in rest.splitlines():
            if line.startswith(":"):
                fields = line.split()
                old_blob, new_blob = fields[2], fields[3]
            elif line.startswith("-status: "):
                before = line[len("-status: ") :].strip()
            elif line.startswith("+status: "):
                after = line[len("+status: ") :].strip()
        commits.append(
            _Commit(commit, when, author, email, subject.strip(), renumbered.strip(), old_blob, new_blob, before, after)
        )
    return commits


def history(ws: Workspace, kind: Kind, record_id: str) -> list[Entry]:
    """The record's commits, newest first (its id typed in any case). A record git never saw is a RecordError."""
    record_id = ws.resolve(kind, record_id)
    path = ws.path(kind, record_id)
    git = ws.git
    rel = git.rel(path)
    entries: list[Entry] = []
    start = "HEAD"
    tracked = git.blob("HEAD", rel)
    while tracked is not None:
        out = git.log_versions(rel, start, FORMAT)
        moved: tuple[str, str] | None = None
        for one in _parse(out):
            if one.new_blob != tracked:
                continue  # another record's version of this path (an id collision, a deleted record)
            if one.renumbered_from and _absent(one.old_blob):
                entries.append(Entry(one.commit, one.when, one.author, one.email, one.subject, None, None))
                moved = (one.commit, one.renumbered_from)
                break
            entries.append(Entry(one.commit, one.when, one.author, one.email, one.subject, one.before, one.after))
            if _absent(one.old_blob):
                break  # its creation
            tracked = one.old_blob
        if moved is None:
            break
        commit, rel = moved
        start = f"{commit}^"
        tracked = git.blob(commit + "^", rel)
    if not entries:
        if path.exists():
            raise RecordError(
                _("{noun} {id} has no history yet: it was never committed").format(
                    noun=words.noun(kind.name), id=record_id
                ),
                hint=_("commit it (it was probably written with --no-commit)"),
            )
        ws.read(kind, record_id)  # raises "no such record", with a suggestion
    return entries


def _absent(blob: str) -> bool:
    """No file on that side of the diff (git writes an id of zeros, of either length)."""
    return not blob.strip("0")
