"""`cpne opinion|review edit`: $VISUAL/$EDITOR on a temporary copy; written and committed only when valid."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

import pytest

from tests.conftest import tree_state
from tests.records_helpers import cpne, new_opinion, new_review, ok, record, subjects


def editor(tmp_path: Path, body: str, name: str = "editor.py") -> str:
    """An 'editor' that rewrites the file it is given with ``body`` (Python using ``text``)."""
    script = tmp_path / name
    script.write_text(
        "import sys, pathlib\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "text = path.read_text(encoding='utf-8')\n" + body + "\npath.write_text(text, encoding='utf-8')\n",
        encoding="utf-8",
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def test_a_valid_edit_is_written_in_canonical_form_and_committed(
    data_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_id = new_opinion(data_repo)
    monkeypatch.setenv(
        "EDITOR",
        editor(tmp_path, "text = text.replace('title: Avis sur les ENT', 'title: \"Avis révisé\"') + 'tags: [ent]\\n'"),
    )
    result = ok(data_repo, "opinion", "edit", record_id)
    assert f"opinion {record_id}: edited (commit" in result.stderr
    text = record(data_repo, "opinions", record_id)
    assert "title: Avis révisé\n" in text
    assert text.endswith("tags:\n- ent\n")
    assert subjects(data_repo)[0] == f"opinion {record_id}: edit"


def test_visual_wins_over_editor(data_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record_id = new_review(data_repo)
    monkeypatch.setenv("VISUAL", editor(tmp_path, "text = text.replace('Revue du CARMO', 'Par VISUAL')", "v.py"))
    monkeypatch.setenv("EDITOR", editor(tmp_path, "text = text.replace('Revue du CARMO', 'Par EDITOR')", "e.py"))
    ok(data_repo, "review", "edit", record_id)
    assert "title: Par VISUAL\n" in record(data_repo, "reviews", record_id)


def test_a_status_changed_by_hand_follows_the_lifecycle(
    data_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_id = new_opinion(data_repo, "--date", "2026-01-01")
    monkeypatch.setenv(
        "EDITOR",
        editor(
            tmp_path,
            "text = text.replace('status: draft', 'status: consultation')"
            ".replace('  created: 2026-01-01', '  created: 2026-01-01\\n  consultation: 2026-01-02')",
        ),
    )
    ok(data_repo, "opinion", "edit", record_id)
    assert subjects(data_repo)[0] == f"opinion {record_id}: draft -> consultation"
    monkeypatch.setenv("EDITOR", editor(tmp_path, "text = text.replace('status: consultation', 'status: published')"))
    before = tree_state(data_repo)
    result = cpne(data_repo, "opinion", "edit", record_id)
    assert result.exit_code == 1
    assert "transition the status cannot go from consultation" in result.stderr and " to published" in result.stderr
    assert "changes abandoned" in result.stderr
    assert tree_state(data_repo) == before


def test_an_invalid_result_without_a_terminal_is_abandoned(
    data_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_id = new_opinion(data_repo)
    monkeypatch.setenv("EDITOR", editor(tmp_path, "text = text.replace('kind: opinion', 'kind: avis')"))
    before = tree_state(data_repo)
    result = cpne(data_repo, "opinion", "edit", record_id)
    assert result.exit_code == 1
    assert f"data/opinions/{record_id}.yaml:2:1: schema 'kind' must be one of: opinion" in result.stderr
    assert f"changes abandoned: data/opinions/{record_id}.yaml is unchanged" in result.stderr
    assert tree_state(data_repo) == before
    monkeypatch.setenv("EDITOR", editor(tmp_path, "text = 'title: [unclosed\\n'"))
    broken = cpne(data_repo, "opinion", "edit", record_id)
    assert broken.exit_code == 1
    assert "invalid YAML" in broken.stderr
    assert tree_state(data_repo) == before


def test_an_unchanged_record_commits_nothing(data_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record_id = new_opinion(data_repo)
    monkeypatch.setenv("EDITOR", editor(tmp_path, "text = text + '# juste un commentaire\\n'"))
    before = tree_state(data_repo)
    result = ok(data_repo, "opinion", "edit", record_id)
    assert "no changes; nothing to commit" in result.stderr
    assert tree_state(data_repo) == before


def test_an_editor_that_fails_changes_nothing(data_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record_id = new_opinion(data_repo)
    before = tree_state(data_repo)
    monkeypatch.setenv("EDITOR", "false")
    result = cpne(data_repo, "opinion", "edit", record_id)
    assert result.exit_code == 1
    assert f"the editor (false) exited with status 1; data/opinions/{record_id}.yaml is unchanged" in result.stderr
    monkeypatch.setenv("EDITOR", "no-such-editor-cpne")
    missing = cpne(data_repo, "opinion", "edit", record_id)
    assert missing.exit_code == 1
    assert "editor not found: no-such-editor-cpne" in missing.stderr
    monkeypatch.delenv("EDITOR")
    monkeypatch.delenv("VISUAL", raising=False)
    unset = cpne(data_repo, "opinion", "edit", record_id)
    assert unset.exit_code == 2
    assert "set $VISUAL or $EDITOR" in unset.stderr
    assert tree_state(data_repo) == before


def test_edit_refuses_a_record_with_uncommitted_changes(
    data_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    record_id = new_opinion(data_repo)
    path = data_repo / "data" / "opinions" / f"{record_id}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "notes: en cours\n", encoding="utf-8")
    monkeypatch.setenv("EDITOR", editor(tmp_path, "raise SystemExit('the editor must not be opened')"))
    before = tree_state(data_repo)
    result = cpne(data_repo, "opinion", "edit", record_id)
    assert result.exit_code == 1
    assert "uncommitted changes" in result.stderr
    assert tree_state(data_repo) == before


def test_edit_dry_run_and_no_commit(data_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    record_id = new_opinion(data_repo)
    monkeypatch.setenv("EDITOR", editor(tmp_path, "text = text.replace('Avis sur les ENT', 'Avis modifié')"))
    before = tree_state(data_repo)
    dry = ok(data_repo, "opinion", "edit", record_id, "--dry-run")
    assert "title: Avis modifié\n" in dry.stdout
    assert tree_state(data_repo) == before
    ok(data_repo, "opinion", "edit", record_id, "--no-commit")
    assert "title: Avis modifié\n" in record(data_repo, "opinions", record_id)
    assert subjects(data_repo)[0] == f"opinion {record_id}: new"
