"""Continuous-integration files that ``cpne init --ci`` writes into a data repository."""

from __future__ import annotations

from pathlib import Path

from cpne import __version__

TEMPLATES = Path(__file__).resolve().parent
PROVIDERS = {"github": ".github/workflows/cpne.yml", "gitlab": ".gitlab-ci.yml"}


def workflow(provider: str, install: str | None = None) -> tuple[str, str]:
    """The path (relative to the repository) and text of ``provider``'s workflow.

    ``install`` is what ``pip install`` receives (default: this version of cpne).
    """
    spec = install or f"cpne=={__version__}"
    text = (TEMPLATES / f"{provider}.yml").read_text(encoding="utf-8")
    return PROVIDERS[provider], text.replace("@CPNE_INSTALL@", spec.replace("'", ""))
