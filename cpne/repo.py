"""Finding the data repository and reading its settings (``cpne.yaml``)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cpne import words
from cpne.errors import RepositoryNotFound, UsageError
from cpne.i18n import LANGUAGES, MARKER, _, ngettext
from cpne.kinds import KINDS, Kind

DEFAULT_COMMITTEE = "Comité des partenaires du numérique pour l'éducation"


@dataclass(frozen=True)
class Settings:
    """The settings kept in ``cpne.yaml``."""

    committee: str = DEFAULT_COMMITTEE
    language: str = "fr"
    quorum: int | None = None  # members present or represented a plenary needs to adopt a text


@dataclass(frozen=True)
class DataRepo:
    """A data repository: a folder holding ``cpne.yaml``, its schemas and its records."""

    root: Path

    @property
    def schemas_dir(self) -> Path:
        return self.root / "schemas"

    def kind_dir(self, kind: Kind) -> Path:
        return self.root / kind.data_dir

    def record_path(self, kind: Kind, record_id: str) -> Path:
        """Path of a record; the id must already have been checked against its pattern."""
        if not kind.valid_id(record_id):
            raise UsageError(
                _("'{id}' is not a valid {noun} id (example: {example})").format(
                    id=record_id, noun=words.noun(kind.name), example=kind.id_example
                )
            )
        return self.kind_dir(kind) / f"{record_id}.yaml"

    def relative(self, path: Path) -> str:
        """A path as shown to users: relative to the repository, with forward slashes."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def settings(self) -> Settings:
        return load_settings(self.root / MARKER)


def load_settings(path: Path) -> Settings:
    """Read ``cpne.yaml``; unknown keys or values are refused with the file named."""
    from cpne.records.loader import load_yaml_file

    data = load_yaml_file(path, label=MARKER)
    committee = data.get("committee", DEFAULT_COMMITTEE)
    language = data.get("language", "fr")
    quorum = data.get("quorum")
    unknown = sorted(set(data) - {"committee", "language", "quorum"})
    if unknown:
        raise RepositoryNotFound(
            ngettext(
                "unknown setting: {names} (allowed: {allowed})",
                "unknown settings: {names} (allowed: {allowed})",
                len(unknown),
            ).format(names=", ".join(unknown), allowed="committee, language, quorum"),
            path=MARKER,
        )
    if not isinstance(committee, str) or not committee.strip():
        raise RepositoryNotFound(_("'committee' must be a non-empty text"), path=MARKER)
    if language not in LANGUAGES:
        raise RepositoryNotFound(
            _("'language' must be one of {choices}").format(choices=", ".join(LANGUAGES)), path=MARKER
        )
    if quorum is not None and (isinstance(quorum, bool) or not isinstance(quorum, int) or quorum < 1):
        raise RepositoryNotFound(_("'quorum' must be a whole number of members, at least 1"), path=MARKER)
    return Settings(committee=committee, language=language, quorum=quorum)


def find_repo(explicit: str | os.PathLike[str] | None = None, *, cwd: Path | None = None) -> DataRepo:
    """Locate the data repository: ``--repo``, else ``$CPNE_REPO``, else walk up from cwd."""
    given = explicit if explicit is not None else os.environ.get("CPNE_REPO") or None
    if given is not None:
        root = Path(given).expanduser()
        if not (root / MARKER).is_file():
            raise RepositoryNotFound(
                _("{path} is not a cpne data repository (no {marker})").format(path=root, marker=MARKER),
                hint=_("create one with `cpne init PATH`"),
            )
        return DataRepo(root.resolve())
    start = (cwd or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / MARKER).is_file():
            return DataRepo(folder)
    raise RepositoryNotFound(
        _("no cpne data repository here ({marker} not found in {path} or any parent folder)").format(
            marker=MARKER, path=start
        ),
        hint=_("run inside a data repository, pass --repo PATH, set CPNE_REPO, or create one with `cpne init`"),
    )


__all__ = ["KINDS", "LANGUAGES", "MARKER", "DataRepo", "Settings", "find_repo", "load_settings"]
