"""`cpne fmt` and `cpne fmt --check`."""

from __future__ import annotations

from pathlib import Path

from cpne.records.loader import parse_text
from tests.conftest import git, run_cli, tree_state
from tests.factories import canonical, opinion


def test_fmt_on_a_canonical_repository_changes_no_byte(data_repo: Path) -> None:
    before = tree_state(data_repo)
    result = run_cli("--repo", data_repo, "fmt")
    assert result.exit_code == 0
    assert "0 of 25 files reformatted" in result.stderr
    assert tree_state(data_repo) == before


def test_fmt_rewrites_without_changing_data(data_repo: Path) -> None:
    messy = (
        "\ufeff# a comment\r\n"
        "title: 'Avis sur les ENT'\r\n"
        "id: OP-2026-001\r\n"
        "status: draft\r\n"
        "kind: opinion\r\n"
        "themes: [usages, referentiels]\r\n"
        "rapporteurs:\r\n"
        "    - amf\r\n"
        "referral: {origin: self}\r\n"
        'dates: {created: "2026-01-15"}\r\n'
        'body: "Ligne 1\\nLigne 2\\n"\r\n'
    )
    path = data_repo / "data/opinions/OP-2026-001.yaml"
    path.write_bytes(messy.encode("utf-8"))
    check = run_cli("--repo", data_repo, "fmt", "--check")
    assert check.exit_code == 1
    assert check.stdout == "data/opinions/OP-2026-001.yaml\n"
    assert path.read_bytes() == messy.encode("utf-8")
    result = run_cli("--repo", data_repo, "fmt")
    assert result.exit_code == 0
    assert "reformatted data/opinions/OP-2026-001.yaml" in result.stderr
    new = path.read_text(encoding="utf-8")
    assert parse_text(new) == parse_text(messy.removeprefix("\ufeff"))
    assert new.startswith("id: OP-2026-001\nkind: opinion\ntitle: Avis sur les ENT\n")
    assert "body: |\n  Ligne 1\n  Ligne 2\n" in new
    assert run_cli("--repo", data_repo, "fmt", "--check").exit_code == 0
    assert run_cli("--repo", data_repo, "validate", "--strict").exit_code == 0


def test_fmt_reports_unreadable_files_and_leaves_them(data_repo: Path) -> None:
    bad = data_repo / "data/opinions/OP-2026-001.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    other = data_repo / "data/opinions/OP-2026-002.yaml"
    other.write_text(canonical(data_repo, "opinion", opinion(id="OP-2026-002")) + "\n", encoding="utf-8")
    result = run_cli("--repo", data_repo, "fmt")
    assert result.exit_code == 1
    assert "data/opinions/OP-2026-001.yaml:2:1: yaml-syntax" in result.stderr
    assert bad.read_text(encoding="utf-8") == "id: [unclosed\n"
    assert other.read_text(encoding="utf-8") == canonical(data_repo, "opinion", opinion(id="OP-2026-002"))


def test_fmt_does_not_commit(data_repo: Path) -> None:
    path = data_repo / "data/themes/usages.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("number: 1\n", "") + "number: 1\n", encoding="utf-8")
    head = git(data_repo, "rev-parse", "HEAD")
    assert run_cli("--repo", data_repo, "fmt").exit_code == 0
    assert git(data_repo, "rev-parse", "HEAD") == head
    assert git(data_repo, "status", "--porcelain") == ""


def test_a_failed_write_leaves_the_file_whole(data_repo: Path) -> None:
    # A real write failure: the process may not write files larger than 2 KiB (RLIMIT_FSIZE),
    # as on a full disk the temporary file cannot be completed.
    import os
    import resource
    import signal
    import subprocess
    import sys

    body = "Paragraphe assez long pour dépasser la limite.\n" * 200
    path = data_repo / "data/opinions/OP-2026-001.yaml"
    text = canonical(data_repo, "opinion", opinion(body=body))
    path.write_text(text.replace("id: OP-2026-001\n", "") + "id: OP-2026-001\n", encoding="utf-8")
    before = tree_state(data_repo)

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (2048, 2048))

    done = subprocess.run(
        [sys.executable, "-m", "cpne", "--repo", str(data_repo), "fmt"],
        preexec_fn=limit,
        capture_output=True,
        encoding="utf-8",
        env={**os.environ},
        check=False,
    )
    assert done.returncode == 1
    assert "data/opinions/OP-2026-001.yaml: cannot write: File too large; the file is unchanged" in done.stderr
    assert "Traceback" not in done.stderr
    assert tree_state(data_repo) == before
