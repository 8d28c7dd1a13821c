"""``edit ID``: the user's editor on a temporary copy of the record; the record itself is only written once valid.

The lock is not held while the editor is open (that can last minutes): when the edited
copy is valid, the lock is taken, the record is checked to be exactly as it was when
the editing began, and the canonical form of the edited data is written and committed.
A status changed by hand must follow the lifecycle, like ``set-status``.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cpne import words
from cpne.errors import CpneError, UsageError
from cpne.i18n import _
from cpne.kinds import Kind
from cpne.ops.journal import remove_dead_edits
from cpne.ops.records import broken_readers, check_not_frozen
from cpne.ops.workspace import Loaded, Outcome, Workspace, WriteOptions
from cpne.records.loader import LoadError, decode, parse_text
from cpne.validation.problems import ERROR, Problem


def editor_command(env: Mapping[str, str], *, interactive: bool) -> list[str]:
    """``$VISUAL``, else ``$EDITOR`` (split like a shell would), else ``vi`` on a terminal."""
    value = (env.get("VISUAL") or env.get("EDITOR") or "").strip()
    if not value:
        if interactive and shutil.which("vi"):
            return ["vi"]
        raise UsageError(_("no editor: set $VISUAL or $EDITOR (e.g. EDITOR=nano)"))
    try:
        command = shlex.split(value)
    except ValueError as exc:
        raise UsageError(
            _("cannot read the editor command '{command}': {error}").format(command=value, error=exc)
        ) from None
    if not command:
        raise UsageError(_("no editor: set $VISUAL or $EDITOR (e.g. EDITOR=nano)"))
    return command


@dataclass
class Check:
    """What the edited copy holds: unchanged, or its data and problems."""

    unchanged: bool = False
    data: dict[str, Any] | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def _edit_folder(ws: Workspace) -> Path:
    """A new folder for one editing session, under ``.git/cpne-edit/`` (what killed sessions left goes first).

    Inside the repository's git folder, not /tmp: a killed session leaves nothing in the
    system's temporary folder, and the next command that writes removes what it left.
    """
    base = remove_dead_edits(ws.git)
    base.mkdir(exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=base))


class EditSession:
    """A temporary copy of one record, edited until valid or abandoned."""

    def __init__(self, ws: Workspace, kind: Kind, record_id: str) -> None:
        record_id = ws.resolve(kind, record_id)
        path = ws.path(kind, record_id)
        ws.ensure_clean([path])
        self.ws = ws
        self.kind = kind
        self.record_id = record_id
        self.original: Loaded = ws.read(kind, record_id)
        check_not_frozen(kind, self.original.data, record_id)
        self.folder = _edit_folder(ws)
        self.file = self.folder / f"{record_id}.yaml"
        self.file.write_bytes(self.original.raw)
        self.relpath = ws.relpath(kind, record_id)

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)

    def run_editor(self, command: list[str]) -> None:
        """Open the editor on the copy; a failing editor is an error and nothing changes."""
        try:
            done = subprocess.run([*command, str(self.file)], check=False)
        except FileNotFoundError:
            raise CpneError(
                _("editor not found: {editor}").format(editor=command[0]),
                hint=_("set $VISUAL or $EDITOR to an editor"),
            ) from None
        except OSError as exc:
            raise CpneError(
                _("cannot run the editor {editor}: {error}").format(editor=command[0], error=exc.strerror)
            ) from None
        if done.returncode != 0:
            raise CpneError(
                _("the editor ({command}) exited with status {status}; {path} is unchanged").format(
                    command=shlex.join(command), status=done.returncode, path=self.relpath
                )
            )

    def check(self) -> Check:
        """Read the copy back and validate it as the record (against the whole register)."""
        raw = self.file.read_bytes()
        try:
            text = decode(raw)
            data = parse_text(text)
        except LoadError as exc:
            return Check(problems=[Problem(self.relpath, exc.line, exc.column, exc.code, exc.message)])
        if data == self.original.data:
            return Check(unchanged=True, data=data)
        from cpne.validation.candidate import validate_candidate

        problems = list(validate_candidate(self.ws.repo, self.kind, self.record_id, text))
        problems.extend(self._transition(data))
        if not problems:  # the records whose checks read this one (texts adopted at a meeting)
            problems.extend(broken_readers(self.ws, self.kind, self.record_id, self.original.data, data))
        return Check(data=data, problems=sorted(problems))

    def _transition(self, data: dict[str, Any]) -> list[Problem]:
        lifecycle = self.kind.lifecycle
        old, new = self.original.data.get("status"), data.get("status")
        if lifecycle is None or old == new or not isinstance(old, str) or not isinstance(new, str):
            return []
        if new in lifecycle.statuses and not lifecycle.can_move(old, new):
            from cpne.records.loader import locate

            line, column = locate(self.file.read_text(encoding="utf-8"), ("status",))
            message = _("the status cannot go from {old} to {new}: {allowed}").format(
                old=words.with_label(self.kind.name, "status", old),
                new=words.with_label(self.kind.name, "status", new),
                allowed=lifecycle.describe_allowed(old),
            )
            return [Problem(self.relpath, line, column, "transition", message, ERROR, self.record_id, "/status")]
        return []

    def save(self, data: dict[str, Any], options: WriteOptions) -> Outcome:
        """Write the edited data (canonical form) and commit it, if the record did not change meanwhile."""
        ws = self.ws
        with ws.writing(options):
            ws.ensure_clean([self.original.path])
            current = ws.read(self.kind, self.record_id)
            if current.raw != self.original.raw:
                raise CpneError(
                    _("{path} changed while you were editing it; nothing was written").format(path=self.relpath)
                )
            old, new = current.data.get("status"), data.get("status")
            verb = f"{old} -> {new}" if old != new else "edit"
            return ws.write_record(self.kind, self.record_id, data, verb=verb, options=options, old=current)
