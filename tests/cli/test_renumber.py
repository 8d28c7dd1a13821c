"""`cpne renumber OLD NEW`: git mv, every reference rewritten, one commit; the way out of an id collision."""

from __future__ import annotations

import json
import stat
import subprocess
from datetime import date
from pathlib import Path

from tests.conftest import git, tree_state
from tests.records_helpers import cpne, new_opinion, new_review, ok, record, subjects

YEAR = date.today().isoformat()[:4]


def _linked(root: Path) -> tuple[str, str, str]:
    """An opinion, a second opinion relating to it, and a review whose outcome it is."""
    first = new_opinion(root)
    second = new_opinion(root, "--related", first, title="Avis lié")
    review = new_review(root, "--outcome", first)
    return first, second, review


def test_renumber_moves_the_file_and_rewrites_every_reference_in_one_commit(data_repo: Path) -> None:
    first, second, review = _linked(data_repo)
    ok(data_repo, "opinion", "set-status", first, "consultation")
    target = f"OP-{YEAR}-010"
    result = ok(data_repo, "renumber", first, target)
    assert result.stdout == f"{target}\n"
    assert f"opinion {first} -> {target} (commit" in result.stderr
    assert "2 records rewritten" in result.stderr
    assert not (data_repo / "data" / "opinions" / f"{first}.yaml").exists()
    assert f"id: {target}\n" in record(data_repo, "opinions", target)
    assert f"related:\n- {target}\n" in record(data_repo, "opinions", second)
    assert f"outcome: {target}\n" in record(data_repo, "reviews", review)
    assert subjects(data_repo)[0] == f"opinion {target}: renumber from {first}"
    assert sorted(git(data_repo, "show", "--name-only", "--no-renames", "--format=", "HEAD").split()) == sorted(
        [
            f"data/opinions/{first}.yaml",
            f"data/opinions/{target}.yaml",
            f"data/opinions/{second}.yaml",
            f"data/reviews/{review}.yaml",
        ]
    )
    renames = git(data_repo, "show", "--name-status", "--format=", "HEAD").splitlines()
    assert any(
        line.startswith("R") and line.endswith(f"data/opinions/{first}.yaml\tdata/opinions/{target}.yaml")
        for line in renames
    )
    assert git(data_repo, "status", "--porcelain") == ""
    assert cpne(data_repo, "validate", "--strict").exit_code == 0
    history = json.loads(ok(data_repo, "opinion", "history", target, "--format", "json").stdout)
    assert [e["subject"] for e in history] == [
        f"opinion {target}: renumber from {first}",
        f"opinion {first}: draft -> consultation",
        f"opinion {first}: new",
    ]


def test_renumber_without_new_takes_the_next_free_id(data_repo: Path) -> None:
    first = new_opinion(data_repo)
    new_opinion(data_repo)
    result = ok(data_repo, "renumber", first)
    assert result.stdout == f"OP-{YEAR}-003\n"


def test_renumber_a_theme_rewrites_opinions_and_reviews(data_repo: Path) -> None:
    opinion = new_opinion(data_repo)
    review = new_review(data_repo)
    ok(data_repo, "renumber", "usages", "usages-numeriques")
    assert "themes:\n- usages-numeriques\n" in record(data_repo, "opinions", opinion)
    assert "themes:\n- usages-numeriques\n" in record(data_repo, "reviews", review)
    assert "id: usages-numeriques\nnumber: 1\n" in record(data_repo, "themes", "usages-numeriques")
    assert cpne(data_repo, "validate", "--strict").exit_code == 0


def test_renumber_a_partner_rewrites_rapporteurs_referrals_and_positions(data_repo: Path) -> None:
    opinion = new_opinion(data_repo, "--referred-by", "amf", "--date", "2026-01-01")
    ok(data_repo, "opinion", "set-status", opinion, "consultation", "--date", "2026-01-02")
    ok(
        data_repo,
        *("opinion", "set-status", opinion, "adopted", "--date", "2026-01-03"),
        *("--decision", "vote", "--position", "amf|for", "--position", "men|for"),
    )
    ok(data_repo, "renumber", "amf", "amf-pi")
    text = record(data_repo, "opinions", opinion)
    assert "amf\n" not in text
    assert "rapporteurs:\n- amf-pi\n" in text
    assert "by: amf-pi\n" in text
    assert "- partner: amf-pi\n" in text
    assert cpne(data_repo, "validate", "--strict").exit_code == 0


def test_renumber_refusals_leave_the_repository_as_it_was(data_repo: Path) -> None:
    first = new_opinion(data_repo)
    second = new_opinion(data_repo)
    before = tree_state(data_repo)
    exists = cpne(data_repo, "renumber", first, second)
    assert exists.exit_code == 1
    assert f"opinion '{second}' already exists" in exists.stderr
    bad = cpne(data_repo, "renumber", first, "OP-26-1")
    assert bad.exit_code == 2
    assert "'OP-26-1' is not a valid opinion id" in bad.stderr
    other_kind = cpne(data_repo, "renumber", first, "REV-2026-001")
    assert other_kind.exit_code == 2
    wrong_year = cpne(data_repo, "renumber", first, "OP-1999-001")
    assert wrong_year.exit_code == 1
    assert "carries year 1999" in wrong_year.stderr
    missing = cpne(data_repo, "renumber", "OP-2026-777", "OP-2026-778")
    assert missing.exit_code == 1
    assert "no opinion 'OP-2026-777'" in missing.stderr
    traversal = cpne(data_repo, "renumber", "../../etc/passwd", "x")
    assert traversal.exit_code == 2
    same = cpne(data_repo, "renumber", first, first)
    assert same.exit_code == 2
    assert tree_state(data_repo) == before


def test_renumber_refuses_when_a_referring_record_has_uncommitted_changes(data_repo: Path) -> None:
    first, second, _ = _linked(data_repo)
    path = data_repo / "data" / "opinions" / f"{second}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "notes: en cours\n", encoding="utf-8")
    before = tree_state(data_repo)
    result = cpne(data_repo, "renumber", first, f"OP-{YEAR}-050")
    assert result.exit_code == 1
    assert f"uncommitted changes in data/opinions/{second}.yaml" in result.stderr
    assert tree_state(data_repo) == before


def test_a_refused_commit_puts_the_move_and_the_rewrites_back(data_repo: Path) -> None:
    first, _, _ = _linked(data_repo)
    hook = data_repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'renumérotation refusée' >&2\nexit 1\n", encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)
    before = tree_state(data_repo)
    result = cpne(data_repo, "renumber", first, f"OP-{YEAR}-050")
    assert result.exit_code == 1
    assert "renumérotation refusée" in result.stderr
    assert tree_state(data_repo) == before
    assert git(data_repo, "diff", "--cached") == ""


def test_dry_run_and_no_commit(data_repo: Path) -> None:
    first, second, _ = _linked(data_repo)
    before = tree_state(data_repo)
    dry = ok(data_repo, "renumber", first, f"OP-{YEAR}-050", "--dry-run")
    assert f"id: OP-{YEAR}-050\n" in dry.stdout
    assert "would become" in dry.stderr
    assert tree_state(data_repo) == before
    ok(data_repo, "renumber", first, f"OP-{YEAR}-050", "--no-commit")
    status = git(data_repo, "status", "--porcelain").splitlines()
    # written, nothing staged (like every --no-commit): the old file gone, the new one untracked
    assert f" D data/opinions/{first}.yaml" in status
    assert f"?? data/opinions/OP-{YEAR}-050.yaml" in status
    assert f" M data/opinions/{second}.yaml" in status


def test_an_id_collision_between_two_clones_is_a_conflict_that_renumber_resolves(
    data_repo: Path, tmp_path: Path
) -> None:
    colleague = tmp_path / "colleague"
    git(tmp_path, "clone", "-q", str(data_repo), str(colleague))
    mine = new_opinion(data_repo, title="Mon avis")
    theirs = new_opinion(colleague, title="Avis du collègue")
    assert mine == theirs == f"OP-{YEAR}-001"  # neither could see the other's work
    git(data_repo, "fetch", "-q", str(colleague), "main:refs/remotes/colleague/main")
    merge = subprocess.run(
        ["git", "merge", "--no-edit", "colleague/main"],
        cwd=data_repo,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert merge.returncode != 0
    assert "CONFLICT (add/add)" in merge.stdout
    git(data_repo, "merge", "--abort")
    result = ok(data_repo, "renumber", mine)
    assert result.stdout == f"OP-{YEAR}-002\n"  # the colleague's branch holds 001
    git(data_repo, "merge", "-q", "--no-edit", "colleague/main")
    assert "title: Mon avis\n" in record(data_repo, "opinions", f"OP-{YEAR}-002")
    assert "title: Avis du collègue\n" in record(data_repo, "opinions", f"OP-{YEAR}-001")
    assert cpne(data_repo, "validate", "--strict").exit_code == 0


def test_during_a_conflicted_merge_the_message_says_to_abort_it_first(data_repo: Path, tmp_path: Path) -> None:
    colleague = tmp_path / "colleague"
    git(tmp_path, "clone", "-q", str(data_repo), str(colleague))
    mine = new_opinion(data_repo, title="Mon avis")
    new_opinion(colleague, title="Avis du collègue")
    git(data_repo, "fetch", "-q", str(colleague), "main:refs/remotes/colleague/main")
    merge = subprocess.run(
        ["git", "merge", "--no-edit", "colleague/main"], cwd=data_repo, capture_output=True, check=False
    )
    assert merge.returncode != 0
    result = cpne(data_repo, "renumber", mine)  # what a user tries next: refused, saying what to do first
    assert result.exit_code == 1
    assert "abort the merge first (`git merge --abort`)" in result.stderr
    assert "Traceback" not in result.stderr
    git(data_repo, "merge", "--abort")
    assert ok(data_repo, "renumber", mine).stdout == f"OP-{YEAR}-002\n"
