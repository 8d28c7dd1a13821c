"""Records the loader must refuse: this repository's own, and the public YAML test suite when it lies beside it.

``invalid-yaml/`` holds one file per kind of YAML a record must not be (tabs, unclosed flows,
bad indentation, duplicate keys, anchors, aliases, tags, directives, several documents,
encodings, control characters, …), byte for byte as a user could save it; ``expected.json``
gives the problem each one must raise: its code and where it is (line, column). An entry
with a ``gap`` is a known weakness of the loader's location, not of the refusal.

The public YAML test suite (``../shared/testdata/yaml-test-suite/``, invalid documents only)
is an extra run: CI has it beside the clone, a clone need not. Without it, its tests are
reported skipped with the reason; with ``CPNE_YAML_SUITE=required`` (set by ``.ci/run`` when
``../shared`` exists) its absence is an error.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
INVALID_YAML = HERE / "invalid-yaml"
YAML_SUITE = HERE.parents[2] / "shared" / "testdata" / "yaml-test-suite"

# Documents of the suite that PyYAML takes although YAML 1.2 refuses them (a multi-line
# flow or quoted scalar at column 0, a tab inside a quoted scalar, "# comment" right after
# a quote or ">", an empty folded scalar with a comment). The loader reads them as mappings;
# validation then refuses them (tests/cli/test_validate.py).
PYYAML_ACCEPTS = frozenset({"9C9N", "DK95-01", "QB6E", "S98Z", "SU5Z", "X4QW"})


@dataclass(frozen=True)
class Refusal:
    """What the loader must say of one file of ``invalid-yaml/``."""

    code: str
    line: int
    column: int
    gap: str | None = None


def refusals() -> dict[str, Refusal]:
    """``expected.json``: file name -> the problem it must raise."""
    entries: dict[str, dict[str, Any]] = json.loads((INVALID_YAML / "expected.json").read_text(encoding="utf-8"))
    return {name: Refusal(**entry) for name, entry in entries.items()}


def invalid_yaml_params() -> list[Any]:
    """One parameter set per file of ``invalid-yaml/``, named after the file."""
    return [
        pytest.param(INVALID_YAML / name, refusal, id=name.removesuffix(".yaml"))
        for name, refusal in refusals().items()
    ]


def yaml_suite_params() -> list[Any]:
    """One parameter set per document of the public suite; one skipped with the reason when it is absent."""
    files = sorted(YAML_SUITE.glob("*.yaml"))
    if files:
        return [pytest.param(path, id=path.stem) for path in files]
    if os.environ.get("CPNE_YAML_SUITE") == "required":
        raise RuntimeError(f"CPNE_YAML_SUITE=required but there is no YAML test suite in {YAML_SUITE}")
    reason = f"the public YAML test suite is not beside this clone ({YAML_SUITE}); CI runs it"
    return [pytest.param(YAML_SUITE / "absent.yaml", id="absent", marks=pytest.mark.skip(reason=reason))]
