"""``renumber OLD NEW``: move a record to a free id and rewrite every reference to it, in one commit.

The way out of an id collision between two branches: on the branch whose record should
move, ``cpne renumber OP-2026-001 OP-2026-002`` (or without NEW: the next free id).
The record is written under its new id and its old file removed, its ``id`` changes, and
every record that names it (the reference fields of the kinds' specs) is rewritten in
canonical form: one change through the workspace's write path (journaled: an interrupted
renumber is undone by the next command), one commit, whose ``Cpne-Renumbered-From``
trailer lets ``history`` follow the record. Nothing is written when the moved record would
not be valid; if a rewritten record is not valid, or the commit fails, everything is put back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cpne import words
from cpne.errors import CpneError, InvalidRecord, UsageError
from cpne.i18n import LANGUAGES, _
from cpne.kinds import KIND_BY_FOLDER, KINDS, Kind, kind_of_id
from cpne.ops.history import TRAILER
from cpne.ops.workspace import FileChange, Workspace, WriteOptions, deep, title_of


@dataclass
class RenumberOutcome:
    kind: Kind
    old_id: str
    new_id: str
    text: str
    referrers: list[str] = field(default_factory=list)  # repository-relative paths rewritten
    commit: str | None = None
    dry_run: bool = False


def kind_named(name: str) -> Kind | None:
    """The kind ``name`` names: its identifier or its noun in any language, in any case (``avis``: opinion)."""
    wanted = words.fold(name)
    for kind in KINDS.values():
        spellings = {kind.name, *(words.noun(kind.name, lang=language) for language in LANGUAGES)}
        if wanted in {words.fold(spelling) for spelling in spellings}:
            return kind
    return None


def resolve_kind(ws: Workspace, record_id: str, kind_name: str | None) -> Kind:
    """The kind of the record ``record_id`` (typed in any case): from ``--kind``, the id's shape, or the folder
    holding it."""
    if kind_name is not None:
        named = kind_named(kind_name)
        if named is None:
            choices = ", ".join(
                kind.name if words.fold(noun) == kind.name else f"{kind.name} ({noun})"
                for kind in KINDS.values()
                for noun in [words.noun(kind.name)]
            )
            raise UsageError(_("--kind: '{value}' is not one of: {choices}").format(value=kind_name, choices=choices))
        return named
    by_shape = kind_of_id(record_id) or next(
        (k for k in KINDS.values() if k.ids.sequential and k.valid_id(k.normalize_id(record_id))), None
    )
    if by_shape is not None:
        return by_shape
    candidates = [k for k in KINDS.values() if k.id_prefix is None and k.valid_id(k.normalize_id(record_id))]
    if not candidates:
        examples = ", ".join(dict.fromkeys(k.id_example for k in KINDS.values()))
        raise UsageError(
            _("'{id}' is not a valid record id (examples: {examples})").format(id=record_id, examples=examples)
        )
    holders = [k for k in candidates if ws.repo.record_path(k, k.normalize_id(record_id)).exists()]
    if len(holders) > 1:
        raise UsageError(
            _("'{id}' names records of several kinds ({kinds}): say which with --kind").format(
                id=record_id, kinds=", ".join(k.name for k in holders)
            )
        )
    if not holders:
        raise CpneError(
            _("no record '{id}' (looked in {folders})").format(
                id=record_id, folders=", ".join(k.data_dir for k in candidates)
            )
        )
    return holders[0]


def _rewrite(record: dict[str, Any], pointer: tuple[str | int, ...], value: str) -> None:
    node: Any = record
    for part in pointer[:-1]:
        node = node[part]
    node[pointer[-1]] = value


def _point_to_new(kind: Kind, record: dict[str, Any], target: Kind, old_id: str, new_id: str) -> bool:
    """Rewrite in ``record`` every reference of ``kind`` to ``target``'s ``old_id``. Whether any changed."""
    changed = False
    for ref in kind.references:
        if target.name not in ref.targets:
            continue
        for pointer, value in list(ref.find(record)):
            if value == old_id:
                _rewrite(record, pointer, new_id)
                changed = True
    return changed


def renumber(
    ws: Workspace,
    old_id: str,
    new_id: str | None,
    options: WriteOptions,
    *,
    kind_name: str | None = None,
) -> RenumberOutcome:
    kind = resolve_kind(ws, old_id, kind_name)
    old_id = ws.resolve(kind, old_id)
    old_path = ws.path(kind, old_id)
    if new_id is not None:
        new_id = ws.resolve(kind, new_id)
        if new_id == old_id:
            raise UsageError(_("OLD and NEW are the same id"))
    elif kind.id_prefix is None:
        raise UsageError(_("give the new id of {noun} '{id}' (NEW)").format(noun=words.noun(kind.name), id=old_id))
    with ws.writing(options):
        loaded = ws.read(kind, old_id)
        if new_id is None:
            from cpne.ops.ids import next_id

            year = kind.year_of(loaded.data) or old_id[-8:-4]
            new_id = next_id(ws.repo, ws.git, kind, year)
        new_path = ws.path(kind, new_id)
        if new_path.exists() or ws.git.tracked(ws.git.rel(new_path)):
            raise CpneError(
                _("{noun} '{id}' already exists ({path})").format(
                    noun=words.noun(kind.name), id=new_id, path=ws.relpath(kind, new_id)
                )
            )
        data = deep(loaded.data)
        data["id"] = new_id
        _point_to_new(kind, data, kind, old_id, new_id)
        text = ws.dump(kind, data)
        referrers = _referrers(ws, kind, old_id, new_id)
        ws.ensure_clean([old_path, new_path, *(c.path for c in referrers)])
        _check_before_move(ws, kind, new_id, text)
        outcome = RenumberOutcome(kind, old_id, new_id, text, [ws.repo.relative(c.path) for c in referrers])
        if options.dry_run:
            outcome.dry_run = True
            return outcome
        moved = FileChange(new_path, text, None)

        def recheck() -> None:
            _check_written(ws, [moved, *referrers])

        body = title_of(data)
        if referrers:
            body += "\n\nReferences rewritten in: " + ", ".join(outcome.referrers)
        body += f"\n\n{TRAILER}: {ws.relpath(kind, old_id)}"
        outcome.commit = ws.apply(
            [moved, *referrers],
            f"{kind.name} {new_id}: renumber from {old_id}",
            body,
            options,
            removed=[FileChange(old_path, "", loaded.raw)],
            before_commit=recheck,
        )
        return outcome


def _referrers(ws: Workspace, target: Kind, old_id: str, new_id: str) -> list[FileChange]:
    """Every other record that names ``old_id``, rewritten to name ``new_id``."""
    from cpne.records.store import containing

    changes = []
    for kind in KINDS.values():
        if not any(target.name in ref.targets for ref in kind.references):
            continue
        for file, raw, data in containing(ws.repo, kind, old_id):
            if kind is target and file.stem == old_id:
                continue
            if data is None:
                raise CpneError(
                    _("cannot read {path}, which may name {id}").format(path=file.relpath, id=old_id),
                    hint=_("fix it first (`cpne validate`)"),
                )
            if _point_to_new(kind, data, target, old_id, new_id):
                changes.append(FileChange(file.path, ws.dump(kind, data), raw))
    return changes


def _check_before_move(ws: Workspace, kind: Kind, new_id: str, text: str) -> None:
    """Validate the moved record before anything is written.

    The old file is still in place, so a numbered kind's number (a theme's) is seen twice: that one
    problem is left to the check made once the file has moved (:func:`_check_written`).
    """
    from cpne.validation.candidate import validate_candidate

    problems = validate_candidate(ws.repo, kind, new_id, text)
    twice = f"duplicate-{kind.numbered}" if kind.numbered else None
    errors = [p for p in problems if p.is_error and p.code != twice]
    if errors:
        carried: list[object] = list(problems)
        raise InvalidRecord(
            _("{noun} {id} would not be valid; nothing was written").format(noun=words.noun(kind.name), id=new_id),
            carried,
        )


def _check_written(ws: Workspace, changes: Sequence[FileChange]) -> None:
    """Validate the moved and rewritten records in place, before the commit (everything is put back on error)."""
    from cpne.validation.candidate import validate_candidate

    for change in changes:
        kind = KIND_BY_FOLDER[change.path.parent.name]
        problems = validate_candidate(ws.repo, kind, change.path.stem, change.text)
        if any(p.is_error for p in problems):
            carried: list[object] = list(problems)
            raise InvalidRecord(
                _("{path} would not be valid; nothing was changed").format(path=ws.repo.relative(change.path)),
                carried,
            )
