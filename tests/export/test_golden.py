"""Golden files: the exports of the fixed fixture register, compared byte for byte.

Regenerate after an intended change: ``UPDATE_GOLDEN=1 .venv/bin/pytest tests/export -q``.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.export.conftest import GOLDEN, check_markdown, make_fixture_repo

CASES: dict[str, tuple[str, ...]] = {
    "report.md": ("report",),
    "report-2024.md": ("report", "--year", "2024", "--date", "2025-01-15"),
    "report-en-personal.md": ("report", "--lang", "en", "--include-personal-data"),
    "register.md": ("register",),
    "register-en-personal.md": ("register", "--lang", "en", "--include-personal-data", "--date", "2025-06-30"),
    "opinion-OP-2024-001.md": ("opinion", "OP-2024-001", "--date", "2025-01-15"),
    "opinion-OP-2024-002.md": ("opinion", "OP-2024-002"),
    "opinion-OP-2024-003-en.md": ("opinion", "OP-2024-003", "--lang", "en"),
    "opinion-OP-2025-001.md": ("opinion", "OP-2025-001"),
    "agenda-MTG-2025-002.md": ("agenda", "MTG-2025-002", "--date", "2025-09-30"),
    "agenda-MTG-2024-001-en.md": ("agenda", "MTG-2024-001", "--lang", "en"),
    "minutes-MTG-2024-002.md": ("minutes", "MTG-2024-002"),
    "minutes-MTG-2024-002-en-personal.md": ("minutes", "MTG-2024-002", "--lang", "en", "--include-personal-data"),
    "minutes-MTG-2024-004.md": ("minutes", "MTG-2024-004", "--date", "2024-11-25"),
    "export.json": ("json",),
}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_fixture_repo(tmp_path_factory.mktemp("golden") / "register")


def export(repo: Path, *args: str) -> str:
    result = run_cli("--repo", repo, "export", *args)
    assert result.exit_code == 0, result.stderr
    assert result.exception is None
    return result.stdout


@pytest.mark.parametrize("name", sorted(CASES))
def test_export_matches_golden_file(repo: Path, name: str) -> None:
    text = export(repo, *CASES[name])
    golden = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_bytes(text.encode("utf-8"))
    assert golden.exists(), f"no golden file {golden}; run with UPDATE_GOLDEN=1 to create it"
    assert text.encode("utf-8") == golden.read_bytes(), f"{name} differs from its golden file"


@pytest.mark.parametrize("name", sorted(n for n in CASES if n.endswith(".md")))
def test_every_markdown_export_is_well_formed(name: str) -> None:
    check_markdown((GOLDEN / name).read_text(encoding="utf-8"))


# Every export, in a process of its own: prints {name: [exit code, stdout]} as JSON.
EXPORT_ALL = """
import json, sys
from typer.testing import CliRunner
from cpne.cli.app import app
repo, cases = sys.argv[1], json.loads(sys.argv[2])
results = {}
for name, args in cases.items():
    result = CliRunner().invoke(app, ["--repo", repo, "export", *args])
    results[name] = [result.exit_code, result.stdout]
print(json.dumps(results))
"""


def test_exports_do_not_depend_on_the_process(repo: Path) -> None:
    # Another process, another hash seed (set and dict order), another locale, and a time zone where
    # the fixture's commit (2025-06-30 12:00 +02:00) is already the next day: the same text.
    env = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LANG", "TZ", "PYTHONHASHSEED")}
    done = subprocess.run(
        [sys.executable, "-c", EXPORT_ALL, str(repo), json.dumps(CASES)],
        env={**env, "PYTHONHASHSEED": "1", "TZ": "Pacific/Kiritimati", "LC_ALL": "C.UTF-8"},
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert sorted(results) == sorted(CASES)
    for name, (code, text) in results.items():
        assert code == 0, (name, text)
        assert text == export(repo, *CASES[name]), f"{name} differs from this process's export"


def test_golden_files_are_all_in_use() -> None:
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(CASES)


def test_report_charts_show_the_figures_of_the_table_beside_them() -> None:
    text = (GOLDEN / "report.md").read_text(encoding="utf-8")
    pie = re.search(r"```mermaid\npie showData\n(.*?)```\n\n.*?\n\n(\|.*?)\n\n", text, re.S)
    assert pie is not None
    slices = dict(re.findall(r'^ {4}"([^"]+)" : (\d+)$', pie.group(1), re.M))
    rows = dict(re.findall(r"^\| ([^|]+?) \| (\d+) \|$", pie.group(2), re.M))
    assert slices == {label: value for label, value in rows.items() if value != "0"}
    assert sum(map(int, slices.values())) == 6
    bars = re.search(r'x-axis "Thème" \[(.*?)\]\n.*?bar \[(.*?)\]\n```\n\n.*?\n\n(\|.*?)\n\n', text, re.S)
    assert bars is not None
    labels = [label.strip('"') for label in bars.group(1).split(", ")]
    values = bars.group(2).split(", ")
    table = re.findall(r"^\| (\d+) \| .*? \| (\d+) \| \d+ \|$", bars.group(3), re.M)
    assert list(zip(labels, values, strict=True)) == table


def test_record_content_is_never_template_source() -> None:
    for name in ("report.md", "register.md", "opinion-OP-2025-001.md", "agenda-MTG-2025-002.md"):
        text = (GOLDEN / name).read_text(encoding="utf-8")
        assert "{{ 7\\*7 }}" in text or "{{ 7*7 }}" in text
        assert "49" not in text
    opinion = (GOLDEN / "opinion-OP-2025-001.md").read_text(encoding="utf-8")
    assert "{% raw %}{{ 7*7 }}{% endraw %}" in opinion


def test_personal_data_only_when_asked(repo: Path) -> None:
    names = ("Claire Dupont", "Marc Leroy", "Sophie Martin", "Jean Durand")
    for name, args in CASES.items():
        text = (GOLDEN / name).read_text(encoding="utf-8")
        found = [n for n in names if n in text]
        if "--include-personal-data" in args:
            assert found, name
        else:
            assert found == [], name
            # the functions are still shown
            if name.startswith(("report", "register")):
                assert "Directeur du numérique pour l'éducation" in text
