"""Where the files shipped with cpne live: JSON Schemas and the seed register.

In a wheel they are bundled under ``cpne/_bundled/`` (see pyproject.toml); in a
source checkout or an editable install they are read from the project's own
``schemas/`` and ``data/`` folders, so the register has one source of truth.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
SEED_FOLDERS = ("partners", "themes", "referentials")


def _root() -> Path:
    bundled = _PACKAGE / "_bundled"
    if (bundled / "schemas").is_dir():
        return bundled
    return _PACKAGE.parent


def schemas_dir() -> Path:
    """Folder of the JSON Schemas shipped with this version of cpne."""
    return _root() / "schemas"


def seed_dir() -> Path:
    """Folder whose ``partners/``, ``themes/`` and ``referentials/`` seed a new register."""
    return _root() / "data"
