"""Control characters: refused in records (``control-character``), escaped wherever a value is shown.

A title, a name or a commit author holding an escape sequence (ESC [ ...), a NUL or a C1
control must never reach a terminal raw: tables, CSV, panels, history and validation
messages show it escaped (``\\x1b``). Validation refuses every control character in a text
value except line breaks, and tabs in multi-line text.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pexpect
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpne.validation.canonical import quick_dump
from cpne.validation.files import control_characters
from tests.conftest import Result, git, run_cli, tree_state
from tests.factories import opinion, write_record

RAW = ("\x1b", "\x00", "\x9b", "\x07", "\x7f", "\r")
ESC_TITLE = "Avis \x1b[31mrouge\x1b[0m \x00 \x9b2J fin"
ESCAPED_TITLE = "Avis \\x1b[31mrouge\\x1b[0m \\x00 \\x9b2J fin"


def cpne(root: Path, *args: str) -> Result:
    result = run_cli("--repo", root, *args)
    assert result.exception is None, result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result


def assert_clean(text: str) -> None:
    found = [c for c in RAW if c in text]
    assert not found, (found, text)


def problems(root: Path, *args: str) -> tuple[int, list[dict[str, Any]]]:
    result = cpne(root, "validate", "--format", "json", *args)
    return result.exit_code, json.loads(result.stdout)


def located(found: list[dict[str, Any]]) -> list[tuple[str, int, str, str]]:
    return [(p["code"], p["line"], p["pointer"], p["severity"]) for p in found]


# -- validation ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "escaped"),
    [
        ("A\x1b[31mB", "\\x1b"),
        ("A\x00B", "\\x00"),
        ("A\x07B", "\\x07"),
        ("A\x7fB", "\\x7f"),
        ("A\x9b2JB", "\\x9b"),
        ("A\x85B", "\\x85"),
        ("A\rB", "\\r"),
        ("A\tB", "\\t"),  # a tab, in one-line text
        ("ligne\r\nsuite", "\\r"),  # a carriage return is no line break of a record
        ("ligne\n\x1bsuite", "\\x1b"),
    ],
    ids=["esc", "nul", "bell", "del", "csi", "nel", "cr", "tab-one-line", "crlf", "esc-multi-line"],
)
def test_control_characters_are_refused_at_the_line_of_the_value(data_repo: Path, title: str, escaped: str) -> None:
    write_record(data_repo, "opinion", opinion(title=title))
    code, found = problems(data_repo)
    assert code == 1
    assert located(found) == [("control-character", 3, "/title", "error")]
    message = found[0]["message"]
    assert escaped in message and "'title'" in message
    assert_clean(message)


def test_newlines_and_tabs_are_allowed_in_multi_line_text(data_repo: Path) -> None:
    write_record(data_repo, "opinion", opinion(body="Premier\tparagraphe.\n\n\tCode indenté.\n", summary="Résumé"))
    code, found = problems(data_repo, "--strict")
    assert (code, found) == (0, [])


def test_every_text_value_is_checked_nested_ones_too(data_repo: Path) -> None:
    record = opinion(
        referral={"origin": "member", "by": "amf"},
        references=[{"title": "Rapport\x1b]0;pwned\x07", "url": "https://example.org/r"}],
        tags=["ok", "a\x00b"],
    )
    write_record(data_repo, "opinion", record)
    code, found = problems(data_repo)
    assert code == 1
    control = [p for p in found if p["code"] == "control-character"]
    assert [p["pointer"] for p in control] == ["/references/0/title", "/tags/1"]
    assert all(p["line"] > 1 for p in control)


def test_a_partner_name_with_an_escape_sequence_is_refused_at_input(data_repo: Path) -> None:
    before = tree_state(data_repo)
    result = cpne(
        data_repo,
        *("partner", "add", "anct", "--acronym", "ANCT", "--name", "A\x1b[31mB", "--category", "other"),
        *("--membership", "associated", "--joined", "2021-03-01"),
    )
    assert result.exit_code == 1
    assert "control-character" in result.stderr
    assert_clean(result.stdout + result.stderr)
    assert tree_state(data_repo) == before


# -- display ------------------------------------------------------------------------------------------


@pytest.fixture
def dirty(data_repo: Path) -> Path:
    """A register holding an opinion whose title and tags carry control characters, committed by a bad author."""
    write_record(data_repo, "opinion", opinion(title=ESC_TITLE, tags=["t\x1b[1m"], notes="x\x00y"))
    git(data_repo, "add", "data/opinions/OP-2026-001.yaml")
    git(
        data_repo,
        "-c",
        "user.name=Eve \x1b[5mBlink",
        "commit",
        "-q",
        "-m",
        "opinion OP-2026-001: \x1b[2Jnew",
    )
    return data_repo


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_list_escapes_control_characters(dirty: Path, fmt: str) -> None:
    result = cpne(dirty, "opinion", "list", "--format", fmt)
    assert result.exit_code == 0
    assert_clean(result.stdout + result.stderr)
    if fmt == "json":
        assert json.loads(result.stdout)[0]["title"] == ESC_TITLE  # data, exactly (JSON escapes)
    else:
        assert ESCAPED_TITLE in result.stdout


@pytest.mark.parametrize("fmt", ["panel", "yaml", "json"])
def test_show_escapes_control_characters(dirty: Path, fmt: str) -> None:
    result = cpne(dirty, "opinion", "show", "OP-2026-001", "--format", fmt)
    assert result.exit_code == 0
    assert_clean(result.stdout + result.stderr)
    if fmt == "panel":
        assert ESCAPED_TITLE in result.stdout
        assert "x\\x00y" in result.stdout
    elif fmt == "json":
        assert json.loads(result.stdout)["title"] == ESC_TITLE


def test_history_escapes_control_characters(dirty: Path) -> None:
    result = cpne(dirty, "opinion", "history", "OP-2026-001")
    assert result.exit_code == 0
    assert_clean(result.stdout + result.stderr)
    assert "\\x1b[2Jnew" in result.stdout


@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_validation_reports_escape_control_characters(dirty: Path, fmt: str) -> None:
    (dirty / "data/themes/\x1b[31mstray.txt").write_text("x", encoding="utf-8")
    write_record(dirty, "theme", {"id": "a\x1bb", "number": 9, "title": "T", "summary": "S", "status": "active"}, "x")
    result = cpne(dirty, "validate", "--format", fmt)
    assert result.exit_code == 1
    assert_clean(result.stdout + result.stderr)
    if fmt != "json":
        assert "data/themes/\\x1b[31mstray.txt" in result.stdout
        assert "'a\\x1bb'" in result.stdout


def test_messages_on_stderr_escape_control_characters(dirty: Path) -> None:
    write_record(dirty, "opinion", opinion(id="OP-2026-002", title="x\x1b[31my"), name="OP-2026-002")
    result = cpne(dirty, "opinion", "show", "OP-2026-003\x1b[31m")
    assert result.exit_code == 2
    assert_clean(result.stdout + result.stderr)
    (dirty / "data/opinions/OP-2026-002.yaml").write_text('"\\e[31m": 1\n"\\e[31m": 2\n', encoding="utf-8")
    result = cpne(dirty, "opinion", "list")
    assert result.exit_code == 0
    assert_clean(result.stdout + result.stderr)


# -- on a terminal (rich) -------------------------------------------------------------------------------


@pytest.fixture
def terminal() -> Iterator[list[pexpect.spawn]]:
    children: list[pexpect.spawn] = []
    yield children
    for child in children:
        if child.isalive():
            child.terminate(force=True)


def on_terminal(children: list[pexpect.spawn], root: Path, *args: str) -> tuple[str, int]:
    env = {**os.environ, "TERM": "xterm-256color", "NO_COLOR": "1"}
    child = pexpect.spawn(
        sys.executable,
        ["-m", "cpne", "--repo", str(root), *args],
        env=env,
        encoding="utf-8",
        codec_errors="replace",
        timeout=20,
        dimensions=(50, 200),
    )
    children.append(child)
    child.expect(pexpect.EOF)
    child.close()
    return child.before, child.exitstatus


@pytest.mark.parametrize(
    "args",
    [("opinion", "list"), ("opinion", "show", "OP-2026-001"), ("opinion", "history", "OP-2026-001"), ("validate",)],
    ids=["list", "show", "history", "validate"],
)
def test_a_terminal_gets_no_raw_control_character(
    dirty: Path, terminal: list[pexpect.spawn], args: tuple[str, ...]
) -> None:
    text, _ = on_terminal(terminal, dirty, *args)
    # NO_COLOR: cpne itself writes no escape sequence; \r comes from the terminal's line discipline.
    assert_clean(text.replace("\r\n", "\n"))
    assert "\\x1b" in text


# -- the shortcut files.py takes -------------------------------------------------------------------------


@settings(max_examples=1000, deadline=None)
@given(
    st.recursive(
        st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=8)
        | st.sampled_from(["a\n", "\tb\nc", "x\ty", "a\x1b", "\x85", "\x9b", "l1\nl2\x00", "é\u2028"]),
        lambda inner: (
            st.lists(inner, min_size=1, max_size=3)
            | st.dictionaries(st.sampled_from(["id", "title", "body", "x"]), inner, min_size=1, max_size=3)
        ),
        max_leaves=6,
    ),
)
def test_text_quick_dump_writes_holds_no_control_character(value: Any) -> None:
    """files.py looks for control characters only when quick_dump cannot write the record."""
    record = {"id": "x", "title": value}
    if quick_dump(record, {}) is not None:
        assert list(control_characters(record)) == []
