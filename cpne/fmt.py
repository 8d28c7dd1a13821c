"""``cpne fmt``: rewrite records into the canonical form without changing their data."""

from __future__ import annotations

from dataclasses import dataclass, field

from cpne.errors import CpneError
from cpne.i18n import _
from cpne.records import store
from cpne.records.loader import LoadError, decode, parse_text
from cpne.records.writer import dump, schema_order, write_atomic
from cpne.repo import DataRepo
from cpne.validation.problems import Problem
from cpne.validation.schemas import SchemaProblem, load_schema


@dataclass
class FmtResult:
    """Files that differ from the canonical form (rewritten unless checking), and files that could not be read."""

    changed: list[str] = field(default_factory=list)
    unreadable: list[Problem] = field(default_factory=list)
    files: int = 0


def format_repository(repo: DataRepo, *, check: bool) -> FmtResult:
    """Canonicalise every record (or, with ``check``, only list those that are not canonical)."""
    result = FmtResult()
    for kind_name, files in store.listing(repo).files.items():
        if not files:
            continue
        try:
            order = schema_order(load_schema(repo.schemas_dir / f"{kind_name}.schema.json"))
        except SchemaProblem as exc:
            raise CpneError(exc.message, path=repo.relative(exc.path), line=exc.line) from None
        for record in files:
            result.files += 1
            try:
                raw = record.read_bytes()
                data = parse_text(decode(raw))
            except OSError as exc:
                result.unreadable.append(
                    Problem(record.relpath, 1, 1, "unreadable", _("cannot read: {error}").format(error=exc.strerror))
                )
                continue
            except LoadError as exc:
                result.unreadable.append(Problem(record.relpath, exc.line, exc.column, exc.code, exc.message))
                continue
            canonical = dump(data, order)
            if raw != canonical.encode("utf-8"):
                result.changed.append(record.relpath)
                if not check:
                    try:
                        write_atomic(record.path, canonical)
                    except OSError as exc:
                        raise CpneError(
                            _("cannot write: {error}; the file is unchanged").format(error=exc.strerror),
                            path=record.relpath,
                        ) from None
    return result
