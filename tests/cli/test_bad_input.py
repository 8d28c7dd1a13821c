"""Bad input: one clear message, the right exit code, and the repository byte for byte as before."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli, tree_state
from tests.records_helpers import cpne, new_opinion

NEW = ["opinion", "new", "--title", "A", "--kind", "opinion", "--theme", "usages", "--rapporteur", "amf"]

CASES = [
    # (arguments, exit code, message); {id} is a draft opinion of the repository
    (("opinion", "show", "../../etc/passwd"), 2, "'../../etc/passwd' is not a valid opinion id (example: OP-2026-001)"),
    (("opinion", "update", "OP-26-1", "--title", "x"), 2, "'OP-26-1' is not a valid opinion id"),
    (("partner", "retire", "A.M.F"), 2, "'A.M.F' is not a valid partner id (example: amf)"),
    (("review", "set-status", "OP-2026-001", "concluded"), 2, "'OP-2026-001' is not a valid review id"),
    (("opinion", "update", "OP-2026-404", "--title", "x"), 1, "no opinion 'OP-2026-404'"),
    ((*NEW[:-3], "nope", *NEW[-2:]), 1, "unknown theme 'nope'"),
    ((*NEW[:-1], "personne"), 1, "unknown partner 'personne'"),
    ((*NEW, "--date", "2026-02-30"), 2, "--date: '2026-02-30' is not a real date (write YYYY-MM-DD)"),
    ((*NEW, "--date", "demain"), 2, "--date: 'demain' is not a date (write YYYY-MM-DD"),
    ((*NEW, "--kind", "xml"), 2, "--kind: 'xml' is not one of"),  # 'avis', the French label, is accepted
    ((*NEW, "--reference", "sans adresse"), 2, "--reference: 'sans adresse' is not of the form 'TITLE|URL'"),
    ((*NEW, "--reference", "Titre|pas-une-url"), 1, "web address starting with http"),
    (
        ("opinion", "set-status", "{id}", "published"),
        1,
        "cannot go from the status draft to published: the allowed transitions are: consultation",
    ),
    (("opinion", "set-status", "{id}", "withdrawn"), 2, "the status withdrawn needs --reason"),
    (("opinion", "set-status", "{id}", "adopted", "--position", "amf|maybe"), 2, "position 'maybe' is not one of"),
    (("opinion", "update", "{id}", "--set-date", "signed=2026-01-01"), 2, "--set-date: 'signed=2026-01-01'"),
    (("opinion", "update", "{id}", "--author", "personne"), 2, "--author: 'personne' is not of the form"),
    (("renumber", "{id}", "OP-2026-1"), 2, "'OP-2026-1' is not a valid opinion id"),
    (("theme", "update", "usages", "--number", "0"), 1, "'number' must be at least 1"),
    (("partner", "update", "amf", "--joined", "2030-01-01", "--left", "2020-01-01"), 1, "left (2020-01-01) is before"),
]


@pytest.mark.parametrize(("args", "code", "message"), CASES, ids=[" ".join(c[0])[:60] for c in CASES])
def test_bad_input_is_refused_clearly_and_changes_nothing(
    data_repo: Path, args: tuple[str, ...], code: int, message: str
) -> None:
    record_id = new_opinion(data_repo)
    before = tree_state(data_repo)
    result = cpne(data_repo, *(a.replace("{id}", record_id) for a in args))
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert result.exception is None
    assert result.stdout == ""
    assert tree_state(data_repo) == before
    assert not (data_repo / ".git" / "cpne.lock").exists()


def test_a_folder_that_is_not_a_repository(tmp_path: Path) -> None:
    result = run_cli("--repo", tmp_path, *NEW)
    assert result.exit_code == 1
    assert "is not a cpne data repository (no cpne.yaml)" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_data_repository_without_git(tmp_path: Path) -> None:
    (tmp_path / "cpne.yaml").write_text("committee: Test\nlanguage: fr\n", encoding="utf-8")
    result = run_cli("--repo", tmp_path, "partner", "retire", "amf")
    assert result.exit_code == 1
    assert "not inside a git work tree" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cpne.yaml"]


def test_an_unreadable_record_is_named_with_its_line(data_repo: Path) -> None:
    record_id = new_opinion(data_repo)
    path = data_repo / "data" / "opinions" / f"{record_id}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "title: encore\n", encoding="utf-8")
    result = cpne(data_repo, "opinion", "show", record_id)
    assert result.exit_code == 1
    assert f"data/opinions/{record_id}.yaml:13: duplicate field 'title'" in result.stderr
    listed = cpne(data_repo, "opinion", "list")
    assert listed.exit_code == 0
    assert f"warning: data/opinions/{record_id}.yaml skipped (line 13: duplicate field 'title')" in listed.stderr
