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


# -- meetings and groups (tests/meeting_helpers.py: the committee's register) ---------------------------------------


def _by_hand(root: Path, folder: str, record_id: str, old: str, new: str) -> str:
    path = root / "data" / folder / f"{record_id}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path.read_text(encoding="utf-8")


def _later_meeting_held(root: Path) -> None:
    """MTG-2026-004, a plenary held on 2026-05-05, written by hand."""
    (root / "data/meetings/MTG-2026-004.yaml").write_text(
        "id: MTG-2026-004\ntype: plenary\ntitle: Séance de mai\ndate: 2026-05-05\nstatus: held\n"
        "attendance:\n- partner: amf\n  presence: present\n",
        encoding="utf-8",
    )


APPROVED = "status: minutes-approved\nattendance:\n- partner: amf\n  presence: present\nminutes: PV.\n"


def test_a_meeting_cannot_skip_held(meeting_repo: Path) -> None:
    git(meeting_repo, "switch", "-q", "-c", "pr")
    _later_meeting_held(meeting_repo)
    text = _by_hand(meeting_repo, "meetings", "MTG-2026-002", "status: planned\n", APPROVED)
    (meeting_repo / "data/meetings/MTG-2026-002.yaml").write_text(
        text + "minutes_approved_at: MTG-2026-004\n", encoding="utf-8"
    )
    commit_all(meeting_repo, "approved without being held")
    code, problems, _ = base_report(meeting_repo)
    assert code == 1
    assert [(p["path"], p["code"], p["line"]) for p in problems] == [
        ("data/meetings/MTG-2026-002.yaml", "transition", 5)
    ]
    assert problems[0]["message"] == (
        "status changed from 'planned' to 'minutes-approved' since main, skipping the lifecycle;"
        " the lifecycle goes planned -> held -> minutes-approved"
    )


def test_a_meeting_held_then_approved_commit_by_commit_is_accepted(meeting_repo: Path) -> None:
    git(meeting_repo, "switch", "-q", "-c", "pr")
    _later_meeting_held(meeting_repo)
    _by_hand(
        meeting_repo,
        "meetings",
        "MTG-2026-002",
        "status: planned\n",
        "status: held\nattendance:\n- partner: amf\n  presence: present\n",
    )
    commit_all(meeting_repo, "held")
    _by_hand(meeting_repo, "meetings", "MTG-2026-002", "status: held\n", "status: minutes-approved\n")
    path = meeting_repo / "data/meetings/MTG-2026-002.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "minutes: PV.\nminutes_approved_at: MTG-2026-004\n", "utf-8")
    commit_all(meeting_repo, "minutes approved")
    assert base_report(meeting_repo)[:2] == (0, [])


def test_a_closed_group_cannot_be_reopened(meeting_repo: Path) -> None:
    assert run_cli("--repo", meeting_repo, "group", "close", "gt-ia", "--date", "2024-05-01").exit_code == 0
    git(meeting_repo, "switch", "-q", "-c", "pr")
    text = _by_hand(meeting_repo, "groups", "gt-ia", "status: closed\ncreated: 2024-01-10\nclosed: 2024-05-01\n",
                    "status: active\ncreated: 2024-01-10\n")  # fmt: skip
    commit_all(meeting_repo, "reopened by hand")
    code, problems, _ = base_report(meeting_repo)
    assert code == 1
    assert [(p["code"], p["line"]) for p in problems] == [("transition", text.splitlines().index("status: active") + 1)]
    assert "status changed from 'closed' to 'active' since main, skipping the lifecycle" in problems[0]["message"]


def test_a_changed_meeting_rechecks_the_texts_adopted_at_it(meeting_repo: Path) -> None:
    adopt = ("opinion", "set-status", "OP-2026-001", "adopted", "--meeting", "MTG-2026-001", "--decision", "consensus")
    assert run_cli("--repo", meeting_repo, *adopt).exit_code == 0
    git(meeting_repo, "switch", "-q", "-c", "pr")
    _by_hand(meeting_repo, "meetings", "MTG-2026-001", "date: 2026-03-10\n", "date: 2026-03-11\n")
    commit_all(meeting_repo, "the séance moved by hand")
    assert run_cli("--repo", meeting_repo, "validate").exit_code == 1  # the whole register: reported
    code, problems, _ = base_report(meeting_repo)
    assert code == 1
    assert [(p["path"], p["code"]) for p in problems] == [("data/opinions/OP-2026-001.yaml", "decision-meeting")]
