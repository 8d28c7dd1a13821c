"""The JSON export: every record in one document, a stable interface for other tools.

Shape (described by ``schemas/export.schema.json``)::

    {
      "schema_version": 1,
      "committee": "...", "language": "fr",
      "source": {"commit": "<sha of HEAD>" | null, "uncommitted_changes": true | false | null},
      "date": "YYYY-MM-DD" | null,          # --date, else null (no clock)
      "personal_data": false,               # representatives' names included?
      "partners": [...], "themes": [...], ...  # one list per kind (its spec's ``section``)
    }

Records are as stored (dates as ``YYYY-MM-DD`` text), each list sorted by id,
keys in the order of the kind's schema. ``schema_version`` changes only when
the document's shape changes in a way that breaks readers.

``source.commit`` is ``git rev-parse HEAD``; ``uncommitted_changes`` is true when
``cpne.yaml``, ``schemas/`` or ``data/`` differ from HEAD (untracked files
included), so the export may hold records that commit does not. Both are null
outside a git work tree or before the first commit.
"""

from __future__ import annotations

import json
from typing import Any

from cpne.errors import GitError
from cpne.export.reading import RawRegister
from cpne.kinds import KINDS
from cpne.repo import MARKER, DataRepo

SCHEMA_VERSION = 1


def source(repo: DataRepo) -> dict[str, Any]:
    """The commit the export is generated from, and whether the register differs from it."""
    from cpne.git import GitRepo

    try:
        git = GitRepo.open(repo.root)
        commit = git.head()  # asked of git itself: any object format (SHA-1 or SHA-256), any path
        if commit is None:
            return {"commit": None, "uncommitted_changes": None}
        paths = [git.rel(repo.root / name) for name in (MARKER, "schemas", "data")]
        status = git.run("status", "--porcelain", "--untracked-files=all", "--", *paths)
    except GitError:
        return {"commit": None, "uncommitted_changes": None}
    return {"commit": commit, "uncommitted_changes": bool(status.strip())}


def _orders(repo: DataRepo) -> dict[str, dict[str, Any]]:
    """Field order of each kind, from the repository's schemas (file order when a schema is unusable)."""
    from cpne.records.writer import schema_order

    orders: dict[str, dict[str, Any]] = {}
    for kind in KINDS.values():
        try:
            with open(repo.schemas_dir / kind.schema_file, encoding="utf-8") as handle:
                orders[kind.name] = schema_order(json.load(handle))
        except (OSError, ValueError, AttributeError):
            orders[kind.name] = {}
    return orders


def document(
    repo: DataRepo, register: RawRegister, *, committee: str, lang: str, date: str | None, personal_data: bool
) -> dict[str, Any]:
    """The export as a JSON-ready value."""
    from cpne.records.writer import ordered

    orders = _orders(repo)
    doc: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "committee": committee,
        "language": lang,
        "source": source(repo),
        "date": date,
        "personal_data": personal_data,
    }
    for kind in KINDS.values():
        records = []
        for record in register.records[kind.name]:
            data = record.data
            if kind.private is not None and not personal_data:
                data = kind.private(data)
            records.append(ordered(data, orders[kind.name]))
        doc[kind.section] = records
    return doc


def dumps(doc: dict[str, Any]) -> str:
    """The document's text: UTF-8 as written (no \\u escapes), indented, one final newline."""
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
