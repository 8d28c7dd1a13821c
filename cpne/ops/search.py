"""Finding records by a word of their text: the core of ``cpne search`` (no command line here).

A record matches when one of its searched fields contains the text, compared as
:func:`cpne.words.fold` compares words: no case, no accents, hyphens and apostrophes as
spaces, runs of spaces as one. To stay fast on large registers each file is read as bytes
and folded whole, and only the files whose folded text holds the folded needle are parsed.
That first test can only let too much through (the file holds the fields' text and more),
except for text the file spells with YAML escapes (``"\\u00e9"``), which cpne never writes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from cpne.errors import os_reason
from cpne.i18n import _
from cpne.kinds import KINDS, Kind
from cpne.records.bulk import in_workers, use_workers
from cpne.records.loader import LoadError, decode, parse_text
from cpne.records.store import RECORD_SUFFIX, RecordFile, ids
from cpne.repo import DataRepo
from cpne.words import fold

# the fields searched, in the order a match is reported; the first ones name the record
SEARCHED = ("id", "title", "name", "summary", "body", "minutes", "mandate", "result", "notes")
TITLE_FIELDS = frozenset({"id", "title", "name"})  # a match here ranks first (``name``: a partner's title)
EXCERPT = 80  # characters of the matching line shown around the match
ELLIPSIS = "…"


@dataclass(frozen=True)
class Hit:
    """One record found: where the text was first seen in it, and one line of that field."""

    kind: str
    id: str
    title: str
    field: str
    line: str
    rank: int = 1  # 0: the id or the title matched
    noun: str = ""  # the key of the record's noun (an opinion's type of text: ``recommendation``)

    def as_dict(self) -> dict[str, str]:
        """What ``--format json`` prints (the rank is the order of the list)."""
        found = asdict(self)
        del found["rank"], found["noun"]
        return found


@dataclass
class Found:
    """The records found, best first, and the files that held the text but could not be read (path, reason)."""

    hits: list[Hit] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)


# one file to look into: (kind name, path, path in the repository, folded needle)
Job = tuple[str, str, str, str]
# what came of it: a hit, a file skipped (path, reason), or nothing
Looked = tuple[Hit | None, tuple[str, str] | None]


def search(repo: DataRepo, text: str, kinds: Sequence[str] | None = None, workers: int | None = None) -> Found:
    """Every record of ``kinds`` (default: all, in kind order) holding ``text`` in a searched field, ranked.

    Large registers are searched in worker processes (reading, folding and parsing dominate).
    """
    needle = fold(text)
    if not needle:
        raise ValueError("empty search text")
    jobs: list[Job] = []
    for name in kinds_named(KINDS if kinds is None else kinds):
        kind = KINDS[name]
        folder = os.fspath(repo.kind_dir(kind))  # ids() refused it if it leads outside the repository
        for stem in ids(repo, kind):
            relpath = f"{kind.data_dir}/{stem}{RECORD_SUFFIX}"
            jobs.append((name, os.path.join(folder, stem + RECORD_SUFFIX), relpath, needle))
    count = use_workers(len(jobs), workers)
    looked = _look_all(jobs) if count == 1 else [r for batch in in_workers(_look_all, jobs, count) for r in batch]
    found = Found()
    for hit, skipped in looked:
        if hit is not None:
            found.hits.append(hit)
        elif skipped is not None:
            found.skipped.append(skipped)
    found.hits.sort(key=lambda h: h.rank)  # stable: kinds came in order, and ids sorted within a kind
    return found


def _look_all(jobs: list[Job]) -> list[Looked]:
    return [_look(*job) for job in jobs]


def _look(name: str, path: str, relpath: str, needle: str) -> Looked:
    """One file: parsed only when its folded text holds the needle."""
    kind = KINDS[name]
    file = RecordFile(kind, path, relpath)
    try:
        raw = file.read_bytes()
    except OSError as exc:
        return None, (relpath, os_reason(exc))
    try:
        decoded = decode(raw)
        if needle not in fold(decoded):
            return None, None
        data = parse_text(decoded)
    except LoadError as exc:
        return None, (relpath, _("line {line}: {message}").format(line=exc.line, message=exc.message))
    return match(kind, data, needle), None


def match(kind: Kind, data: Mapping[str, Any], needle: str) -> Hit | None:
    """The record as a hit when a searched field holds ``needle`` (already folded), else None."""
    title = data.get("title") or data.get("name") or ""
    for key in SEARCHED:
        value = data.get(key)
        if not isinstance(value, str) or needle not in fold(value):
            continue
        return Hit(
            kind=kind.name,
            id=str(data.get("id", "")),
            title=str(title),
            field=key,
            line=excerpt(value, needle),
            rank=0 if key in TITLE_FIELDS else 1,
            noun=kind.noun_key(data),
        )
    return None


def span(line: str, needle: str) -> tuple[int, int] | None:
    """Where the first match of ``needle`` (folded) lies in ``line``, as indices of ``line``, else None.

    Folding changes lengths (« ß » is two letters, accents go), so the place is found by halving:
    the end is the shortest start of the line holding the needle, the start the shortest end of that.
    """
    if needle not in fold(line):
        return None
    low, high = len(needle), len(line)  # fold(line[:high]) holds it
    while low < high:
        middle = (low + high) // 2
        low, high = (low, middle) if needle in fold(line[:middle]) else (middle + 1, high)
    end = high
    low, high = 0, end  # fold(line[low:end]) holds it
    while low < high:
        middle = (low + high + 1) // 2
        low, high = (middle, high) if needle in fold(line[middle:end]) else (low, middle - 1)
    return low, end


def excerpt(value: str, needle: str, width: int = EXCERPT) -> str:
    """The first line of ``value`` holding ``needle`` (folded), cut to about ``width`` characters around it.

    When the text spans a line break, the field's text is taken as one line.
    """
    lines = [line for line in value.splitlines() if needle in fold(line)] or [" ".join(value.split())]
    line = lines[0].strip()
    found = span(line, needle) if len(line) > width else None
    if found is None:
        return line
    start, end = found
    room = max(0, width - (end - start)) // 2
    first = max(0, start - room)
    last = min(len(line), max(end, first + width))
    first = max(0, min(first, last - width))
    cut = line[first:last].strip()
    return (ELLIPSIS if first > 0 else "") + cut + (ELLIPSIS if last < len(line) else "")


def matches(text: str, needle: str) -> bool:
    """Whether ``text`` holds ``needle`` as search compares them."""
    return fold(needle) in fold(text)


def kinds_named(names: Iterable[str]) -> list[str]:
    """The kinds among ``names``, in kind order."""
    wanted = set(names)
    return [name for name in KINDS if name in wanted]
