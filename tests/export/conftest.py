"""Export tests: the fixed register under tests/export/fixture/, copied into a git repository with a fixed commit.

The fixture holds cpne.yaml and data/ only: its schemas/ are the project's own (schemas/), copied as
`cpne init` writes them, so the fixture is always checked against the schemas that ship.

Golden files live in tests/export/golden/. To regenerate them after an intended
change of the exports, run::

    UPDATE_GOLDEN=1 .venv/bin/pytest tests/export -q

then read the diff (`git diff tests/export/golden`) before committing it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "fixture"
GOLDEN = HERE / "golden"
SCHEMAS = HERE.parents[1] / "schemas"

# A fixed identity and date, so that the fixture's commit (shown by `export json`) has the same id every run.
FIXED_COMMIT_ENV = {
    "GIT_AUTHOR_NAME": "Secrétariat CPNE",
    "GIT_AUTHOR_EMAIL": "secretariat@example.org",
    "GIT_COMMITTER_NAME": "Secrétariat CPNE",
    "GIT_COMMITTER_EMAIL": "secretariat@example.org",
    "GIT_AUTHOR_DATE": "2025-06-30T12:00:00+02:00",
    "GIT_COMMITTER_DATE": "2025-06-30T12:00:00+02:00",
}


def _git(cwd: Path, *args: str) -> str:
    env = {**os.environ, **FIXED_COMMIT_ENV, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(
        ["git", *args], cwd=cwd, env=env, capture_output=True, text=True, encoding="utf-8", check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def copy_fixture(target: Path) -> Path:
    """The fixture register at ``target`` with the project's record schemas (not in git)."""
    shutil.copytree(FIXTURE, target)
    (target / "schemas").mkdir()
    for schema in sorted(SCHEMAS.glob("*.schema.json")):
        if schema.name != "export.schema.json":  # the export's own schema is not a record kind's
            shutil.copyfile(schema, target / "schemas" / schema.name)
    return target


def make_fixture_repo(target: Path) -> Path:
    """A copy of the fixture register, committed once with a fixed identity and date."""
    copy_fixture(target)
    _git(target, "init", "-q", "-b", "main")
    _git(target, "add", "-A")
    _git(target, "commit", "-q", "--no-gpg-sign", "-m", "fixture register")
    return target


@pytest.fixture(scope="session")
def _fixture_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture repository made once per session (per xdist worker); tests get copies."""
    return make_fixture_repo(tmp_path_factory.mktemp("fixture") / "register")


@pytest.fixture
def fixture_repo(tmp_path: Path, _fixture_template: Path) -> Path:
    root = tmp_path / "register"
    shutil.copytree(_fixture_template, root, symlinks=True)
    return root


# --- Markdown structure -------------------------------------------------------------------------


def markdown_parser() -> MarkdownIt:
    """CommonMark with GitHub's table and strikethrough extensions."""
    return MarkdownIt("commonmark").enable(["table", "strikethrough"])


def cells(row: str) -> list[str]:
    """The cells of a GFM table row, split on the pipes that are not backslash-escaped."""
    row = row.strip()
    parts: list[str] = []
    current = ""
    index = 0
    while index < len(row):
        char = row[index]
        if char == "\\" and index + 1 < len(row):
            current += row[index : index + 2]
            index += 2
            continue
        if char == "|":
            parts.append(current)
            current = ""
        else:
            current += char
        index += 1
    parts.append(current)
    if row.startswith("|"):
        parts = parts[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        parts = parts[:-1]
    return parts


def check_markdown(text: str) -> list[str]:
    """Assert the document's structure is sound; return its headings.

    Every table row has as many cells as its header, every table ends at a blank
    line (a line break inside a cell would end it early), headings are unique.
    """
    tokens = markdown_parser().parse(text)
    lines = text.split("\n")
    headings: list[str] = []
    tables = 0
    for index, token in enumerate(tokens):
        if token.type == "heading_open":
            headings.append(tokens[index + 1].content)
        if token.type == "table_open":
            tables += 1
            assert token.map is not None
            start, end = token.map
            rows = lines[start:end]
            width = len(cells(rows[0]))
            assert re.fullmatch(r"\|( :?-+:? \|)+", rows[1].strip()), rows[1]
            for row in rows:
                assert len(cells(row)) == width, f"row of {len(cells(row))} cells in a table of {width}: {row}"
            assert end == len(lines) or lines[end].strip() == "", f"table not ended by a blank line: {lines[end]!r}"
    duplicates = sorted({h for h in headings if headings.count(h) > 1})
    assert not duplicates, f"headings used more than once: {duplicates}"
    assert text.endswith("\n") and not text.endswith("\n\n")
    return headings


def inline_text(markdown_text: str) -> str:
    """What a reader sees of one paragraph or heading: text tokens joined, ``<br>`` as a line break."""
    tokens = markdown_parser().parse(markdown_text)
    inline = [t for t in tokens if t.type == "inline"]
    assert len(inline) == 1, [t.type for t in tokens]
    out = []
    for child in inline[0].children or []:
        if child.type == "text":
            out.append(child.content)
        elif (child.type == "html_inline" and child.content == "<br>") or child.type == "softbreak":
            out.append("\n")
        else:
            raise AssertionError(f"unexpected Markdown syntax in plain text: {child.type} {child.content!r}")
    return "".join(out)
