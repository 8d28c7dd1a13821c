"""Help and version import none of the heavy libraries (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

HEAVY = ("git", "jsonschema", "jinja2", "jsonschema_rs", "referencing", "sqlite3", "yaml")
# cpne's own modules that pull the heavy ones in when a command runs
HEAVY_CPNE = ("cpne.ops.workspace", "cpne.validation.runner", "cpne.export.render")
SCRIPT = """
import json, sys
sys.argv = ["cpne", *json.loads(sys.argv[1])]
from cpne.cli.app import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
sys.stderr.write(json.dumps(sorted(sys.modules)))
"""


def imported_by(*args: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(list(args))],
        capture_output=True,
        encoding="utf-8",
        check=True,
    )
    assert done.stdout.strip(), "the command printed nothing"
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "args",
    [
        ("--help",),
        ("--version",),
        ("validate", "--help"),
        ("opinion", "--help"),
        ("opinion", "new", "--help"),
        ("renumber", "--help"),
        ("export", "report", "--help"),
    ],
)
def test_help_and_version_import_no_heavy_library(args: tuple[str, ...]) -> None:
    modules = imported_by(*args)
    assert "typer" in modules  # the check itself works
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY_CPNE)
    assert heavy == [], f"`cpne {' '.join(args)}` imports {heavy}"
