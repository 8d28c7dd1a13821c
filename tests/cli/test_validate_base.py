"""`cpne validate --base REF`: a pull request's change, its status changes, its deletions."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from cpne.words import enum_label, fold
from tests.conftest import git, run_cli
from tests.factories import adopted_opinion, canonical, opinion, write_record


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def base_report(root: Path, ref: str = "main") -> tuple[int, list[dict[str, Any]], str]:
    result = run_cli("--repo", root, "validate", "--format", "json", "--base", ref)
    assert result.exception is None
    return result.exit_code, json.loads(result.stdout), result.stderr


def test_only_changed_records_are_checked(data_repo: Path) -> None:
    write_record(data_repo, "opinion", opinion(themes=["nope"]))  # broken, but already on main
    commit_all(data_repo, "old broken record")
    git(data_repo, "switch", "-q", "-c", "pr")
    write_record(data_repo, "opinion", opinion(id="OP-2026-002"))
    commit_all(data_repo, "new opinion")
    code, problems, stderr = base_report(data_repo)
    assert (code, problems) == (0, [])
    assert "1 file checked" in stderr
    write_record(data_repo, "opinion", opinion(id="OP-2026-003", rapporteurs=["ghost"]))  # untracked counts too
    code, problems, _ = base_report(data_repo)
    assert code == 1
    assert [(p["path"], p["code"]) for p in problems] == [("data/opinions/OP-2026-003.yaml", "unknown-ref")]


def test_a_hand_edit_cannot_skip_a_step(data_repo: Path) -> None:
    write_record(data_repo, "opinion", opinion())
    commit_all(data_repo, "draft")
    git(data_repo, "switch", "-q", "-c", "pr")
    published = adopted_opinion(status="published")
    published["dates"] = {**published["dates"], "published": "2026-04-01"}
    path = write_record(data_repo, "opinion", published)
    commit_all(data_repo, "publish by hand")
    code, problems, _ = base_report(data_repo)
    assert code == 1
    [problem] = problems
    assert problem["code"] == "transition"
    label = enum_label("opinion", "status", "draft")  # the identifier as typed, its label beside it where it differs
    draft = "'draft'" if fold(label) == "draft" else f"'draft' ({label})"
    assert f"from {draft} to 'published' since main" in problem["message"]
    assert "draft -> consultation -> adopted -> published" in problem["message"]
    assert problem["line"] == path.read_text(encoding="utf-8").splitlines().index("status: published") + 1


def test_steps_made_one_commit_at_a_time_are_accepted(data_repo: Path) -> None:
    write_record(data_repo, "opinion", opinion())
    commit_all(data_repo, "draft")
    git(data_repo, "switch", "-q", "-c", "pr")
    steps = [
        opinion(status="consultation", dates={"created": "2026-01-15", "consultation": "2026-02-01"}),
        adopted_opinion(),
    ]
    for step in steps:
        write_record(data_repo, "opinion", step)
        commit_all(data_repo, f"to {step['status']}")
    code, problems, _ = base_report(data_repo)
    assert (code, problems) == (0, [])


def test_deleted_records_still_referenced(data_repo: Path) -> None:
    write_record(data_repo, "opinion", opinion())
    write_record(data_repo, "opinion", opinion(id="OP-2026-002", related=["OP-2026-001"]))
    commit_all(data_repo, "two opinions")
    git(data_repo, "switch", "-q", "-c", "pr")
    git(data_repo, "rm", "-q", "data/opinions/OP-2026-001.yaml", "data/partners/adf.yaml")
    commit_all(data_repo, "delete")
    code, problems, _ = base_report(data_repo)
    assert code == 1
    found = {(p["path"], p["pointer"], p["code"]) for p in problems}
    assert found == {
        ("data/opinions/OP-2026-002.yaml", "/related/0", "deleted-ref"),
        ("data/opinions/OP-2026-002.yaml", "/rapporteurs/1", "deleted-ref"),
    }
    assert all("deleted since main" in p["message"] for p in problems)


def test_a_changed_partner_rechecks_the_opinions_naming_it(data_repo: Path) -> None:
    write_record(data_repo, "opinion", adopted_opinion())
    commit_all(data_repo, "adopted")
    git(data_repo, "switch", "-q", "-c", "pr")
    partner = data_repo / "data/partners/adf.yaml"
    partner.write_text(
        partner.read_text(encoding="utf-8").replace("joined: 2015-10-01", "joined: 2015-10-01\nleft: 2020-01-01"),
        "utf-8",
    )
    code, problems, _ = base_report(data_repo)
    assert code == 1
    assert [(p["path"], p["code"]) for p in problems] == [("data/opinions/OP-2026-001.yaml", "not-member")]


def test_a_schema_change_validates_everything(data_repo: Path) -> None:
    write_record(data_repo, "opinion", opinion(themes=["nope"]))
    commit_all(data_repo, "broken on main")
    git(data_repo, "switch", "-q", "-c", "pr")
    schema = data_repo / "schemas/theme.schema.json"
    schema.write_text(
        schema.read_text(encoding="utf-8").replace('"title": "Thème"', '"title": "Thème du comité"'), "utf-8"
    )
    code, problems, _ = base_report(data_repo)
    assert code == 1
    assert [p["code"] for p in problems] == ["unknown-ref"]


def test_bad_base_is_a_usage_error(data_repo: Path) -> None:
    result = run_cli("--repo", data_repo, "validate", "--base", "no-such-branch")
    assert result.exit_code == 2
    assert "no such commit" in result.stderr
    both = run_cli("--repo", data_repo, "validate", "--base", "main", str(data_repo / "data"))
    assert both.exit_code == 2


def test_base_in_a_register_below_the_git_top(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "README").write_text("x\n", encoding="utf-8")
    git(tmp_path, "add", "README")
    git(tmp_path, "commit", "-q", "-m", "root")
    root = tmp_path / "registre"
    assert run_cli("init", root).exit_code == 0
    git(tmp_path, "switch", "-q", "-c", "pr")
    (root / "data/opinions/OP-2026-001.yaml").write_text(
        canonical(root, "opinion", opinion(themes=["x"])), encoding="utf-8"
    )
    code, problems, _ = base_report(root)
    assert code == 1
    assert [(p["path"], p["code"]) for p in problems] == [("data/opinions/OP-2026-001.yaml", "unknown-ref")]
