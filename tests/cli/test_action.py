"""Follow-up actions: new, set-status, list --due, and every check of theirs (its code, the line validate
reports, and the refusal of a command that would produce it: exit 1, nothing written).

The register is the committee's (tests/meeting_helpers.py) with OP-2026-001 adopted at the plenary
MTG-2026-001 (held on 2026-03-10), and two actions: ACT-2026-001 on the text, owned by amf, due 2026-06-30;
ACT-2026-002 on the plenary, owned by arf, due 2026-04-30, in progress since 2026-03-20.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pexpect
import pytest

from tests.conftest import git, tree_state
from tests.meeting_helpers import NEXT, PLENARY, TEXT, build, commit_all, found, report, text_report
from tests.records_helpers import cpne, ok, record, subjects

ON_TEXT, ON_MEETING = "ACT-2026-001", "ACT-2026-002"
ACTION = ("action", "new", "--title", "Diffuser l'avis aux académies")


@pytest.fixture(scope="module")
def followed(tmp_path_factory: pytest.TempPathFactory, _templates: dict[str, Path]) -> Path:
    """The committee's register with its text adopted and two actions, built once per module and worker."""
    root = tmp_path_factory.mktemp("followed") / "register"
    shutil.copytree(_templates["register"], root, symlinks=True)
    build(root)
    ok(root, "opinion", "set-status", TEXT, "adopted", "--meeting", PLENARY, "--decision", "consensus")
    args = ("--source", TEXT.lower(), "--owner", "AMF", "--due", "2026-06-30", "--date", "2026-03-10")
    assert ok(root, *ACTION, *args).stdout.strip() == ON_TEXT
    args = ("--source", PLENARY, "--owner", "arf", "--due", "2026-04-30", "--date", "2026-03-11")
    assert ok(root, "action", "new", "--title", "Recenser les besoins", *args).stdout.strip() == ON_MEETING
    ok(root, "action", "set-status", ON_MEETING, "in-progress", "--date", "2026-03-20")
    return root


@pytest.fixture
def repo(followed: Path, tmp_path: Path) -> Path:
    return Path(shutil.copytree(followed, tmp_path / "register", symlinks=True))


def refused(root: Path, *args: str, code: int = 1) -> str:
    """A command the rules (1) or the command line (2) refuse: nothing written, nothing committed; its stderr."""
    before = tree_state(root)
    done = cpne(root, *args)
    assert done.exit_code == code, f"exit {done.exit_code}\n{done.stdout}\n{done.stderr}"
    assert done.exception is None
    assert tree_state(root) == before
    return done.stderr


def action_path(record_id: str) -> str:
    return f"data/actions/{record_id}.yaml"


def write_action(root: Path, record_id: str, text: str) -> str:
    (root / action_path(record_id)).write_text(text, encoding="utf-8")
    return action_path(record_id)


def head(record_id: str = "ACT-2026-009", source: str = TEXT, owner: str = "amf", opened: str = "2026-03-15") -> str:
    return (
        f"id: {record_id}\ntitle: Relancer\nsource: {source}\nowner: {owner}\ndue: 2026-09-30\n"
        f"status: open\ndates:\n  opened: {opened}\n"
    )


# -- new, set-status ----------------------------------------------------------------------------------------------


def test_new_writes_one_canonical_record_and_one_commit(followed: Path) -> None:
    assert record(followed, "actions", ON_TEXT) == (
        "id: ACT-2026-001\ntitle: Diffuser l'avis aux académies\nsource: OP-2026-001\nowner: amf\n"
        "due: 2026-06-30\nstatus: open\ndates:\n  opened: 2026-03-10\n"
    )
    assert subjects(followed)[:3] == [
        f"action {ON_MEETING}: open -> in-progress",
        f"action {ON_MEETING}: new",
        f"action {ON_TEXT}: new",
    ]
    assert "  started: 2026-03-20\n" in record(followed, "actions", ON_MEETING)


def test_new_needs_its_title_source_owner_and_due_date(repo: Path) -> None:
    stderr = refused(repo, "action", "new", "--title", "T", "--source", TEXT, code=2)
    assert "--owner" in stderr and "--due" in stderr
    stderr = refused(repo, *ACTION, "--source", TEXT, "--owner", "amf", "--due", "2026-02-30", code=2)
    assert "--due" in stderr and "2026-02-30" in stderr


def test_new_refuses_a_source_that_is_not_a_text_or_a_meeting_of_the_register(repo: Path) -> None:
    stderr = refused(repo, *ACTION, "--source", "OP-2026-009", "--owner", "amf", "--due", "2026-06-30")
    assert "unknown-ref unknown opinion or meeting 'OP-2026-009' (did you mean 'OP-2026-001'?)" in stderr
    stderr = refused(repo, *ACTION, "--source", "REV-2026-001", "--owner", "amf", "--due", "2026-06-30")
    assert "schema" in stderr and "REV-2026-001" in stderr


def test_the_source_is_a_text_adopted_or_a_meeting_held_before_the_action_opened(repo: Path) -> None:
    due = ("--owner", "amf", "--due", "2026-06-30")
    stderr = refused(repo, *ACTION, "--source", TEXT, *due, "--date", "2026-03-09")
    assert "source-date the action is opened on 2026-03-09, before OP-2026-001 was adopted (2026-03-10)" in stderr
    stderr = refused(repo, *ACTION, "--source", PLENARY, *due, "--date", "2026-03-01")
    assert "source-date the action is opened on 2026-03-01, before the meeting MTG-2026-001 took place" in stderr
    stderr = refused(repo, *ACTION, "--source", NEXT, *due, "--date", "2026-04-20")
    assert "source-status MTG-2026-002 has the status planned: an action follows up a text adopted" in stderr
    ok(repo, "opinion", "new", "--title", "Brouillon", "--kind", "opinion", "--theme", "usages", "--rapporteur", "amf")
    stderr = refused(repo, *ACTION, "--source", "OP-2026-002", *due)
    assert "source-status OP-2026-002 has not been adopted" in stderr


def test_the_owner_is_a_member_and_the_action_not_due_before_it_opened(repo: Path) -> None:
    stderr = refused(repo, *ACTION, "--source", TEXT, "--owner", "rfve", "--due", "2026-06-30", "--date", "2026-03-10")
    assert "not-member partner 'rfve' was not a member of the committee while the action was open" in stderr
    stderr = refused(repo, *ACTION, "--source", TEXT, "--owner", "amf", "--due", "2026-03-01", "--date", "2026-03-10")
    assert "due-date due (2026-03-01) is before dates.opened (2026-03-10)" in stderr


def test_done_follows_in_progress_and_says_what_was_done(repo: Path) -> None:
    stderr = refused(repo, "action", "set-status", ON_TEXT, "done", "--result", "Fait.")
    assert "cannot go from the status open to done" in stderr
    stderr = refused(repo, "action", "set-status", ON_MEETING, "done", code=2)
    assert "the status done of ACT-2026-002 needs --result TEXT (what was done)" in stderr
    stderr = refused(repo, "action", "set-status", ON_MEETING, "dropped", "--result", "Fait.", code=2)
    assert "--result goes only with the status done" in stderr
    ok(repo, "action", "set-status", ON_MEETING, "done", "--result", "Besoins recensés.", "--date", "2026-04-15")
    text = record(repo, "actions", ON_MEETING)
    assert "  started: 2026-03-20\n  done: 2026-04-15\nresult: Besoins recensés.\n" in text
    # a result recorded beforehand is enough
    ok(repo, "action", "set-status", ON_TEXT, "in-progress", "--date", "2026-03-12")
    ok(repo, "action", "update", ON_TEXT, "--result", "Avis diffusé.")
    ok(repo, "action", "set-status", ON_TEXT, "done", "--date", "2026-03-30")
    assert subjects(repo)[0] == f"action {ON_TEXT}: in-progress -> done"


def test_a_dropped_action_may_say_why(repo: Path) -> None:
    ok(repo, "action", "set-status", ON_TEXT, "dropped", "--reason", "Sans objet.", "--date", "2026-04-01")
    assert record(repo, "actions", ON_TEXT).endswith("  dropped: 2026-04-01\ndropped_reason: Sans objet.\n")
    ok(repo, "action", "set-status", ON_MEETING, "dropped", "--date", "2026-04-01")
    assert "dropped_reason" not in record(repo, "actions", ON_MEETING)
    stderr = refused(repo, "action", "update", ON_MEETING, "--set-date", "dropped=2026-03-15")
    assert "dates.dropped (2026-03-15) is before dates.started (2026-03-20)" in stderr


# -- validate: every rule broken by a record written by hand --------------------------------------------------------


def test_rules_of_one_record(repo: Path) -> None:
    path = write_action(
        repo,
        "ACT-2026-009",
        "id: ACT-2026-009\ntitle: Relancer\nsource: OP-2026-001\nowner: amf\n"
        "due: 2026-03-01\n"  # 5: before it opened
        "status: done\n"  # 6: done without a result
        "dates:\n  opened: 2026-03-15\n  done: 2026-04-01\n"
        "dropped_reason: Abandon.\n",  # 10: not dropped
    )
    assert found(repo, path) == {("due-date", 5), ("result", 6), ("dropped-reason", 10)}
    lines = [line for line in text_report(repo) if line.startswith(path)]
    assert (
        f"{path}:6:1: result a done action says what was done (result: cpne action update ACT-2026-009 --result TEXT)"
        in lines
    )
    assert f"{path}:10:1: dropped-reason dropped_reason is set but the status is done" in lines
    write_action(repo, "ACT-2026-009", head().replace("status: open", "status: dropped") + "  done: 2026-04-01\n")
    assert found(repo, path) == {("lifecycle", 6), ("lifecycle", 9)}  # dropped needs its date; done is not its


def test_the_source_and_the_owner_against_the_register(repo: Path) -> None:
    cases = {
        head(source=TEXT, opened="2026-03-09"): {("source-date", 3)},
        head(source=PLENARY, opened="2026-03-09"): {("source-date", 3)},
        head(source=NEXT, opened="2026-04-20"): {("source-status", 3)},
        head(source="MTG-2026-003"): {("source-status", 3)},  # a sharing day still planned
        head(source="MTG-2026-099"): {("unknown-ref", 3)},
        head(owner="rfve"): {("not-member", 4)},
        head(owner="nobody"): {("unknown-ref", 4)},
        head(record_id="ACT-2025-001", opened="2026-03-15"): {("id-year", 1)},
    }
    for text, expected in cases.items():
        record_id = text.split("\n", 1)[0].removeprefix("id: ")
        path = write_action(repo, record_id, text)
        assert found(repo, path) == expected, text
        (repo / path).unlink()


def test_an_owner_who_left_is_a_warning_while_the_action_is_open(repo: Path) -> None:
    # rfve was a member until 2024-06-30: an action of 2024 it owned is fine once done, a warning while open
    text = head(record_id="ACT-2024-001", source="MTG-2024-001", owner="rfve", opened="2024-04-01")
    write_action(repo, "ACT-2024-001", text)
    commit_all(repo, "an action of 2024")
    ok(repo, "meeting", "attend", "MTG-2024-001", "amf", "--presence", "present")
    ok(repo, "meeting", "set-status", "MTG-2024-001", "held")
    problems = [p for p in report(repo) if p["path"] == action_path("ACT-2024-001")]
    assert [(p["code"], p["severity"], p["line"]) for p in problems] == [("owner-left", "warning", 4)]
    assert "partner 'rfve' left the committee on 2024-06-30: give the action to a member" in problems[0]["message"]
    assert cpne(repo, "validate", "--strict").exit_code == 1
    ok(repo, "action", "update", "ACT-2024-001", "--owner", "amf")
    assert [p for p in report(repo) if p["path"] == action_path("ACT-2024-001")] == []
    # handed over to a member that joined after it opened: a member while it is open
    ok(repo, "partner", "update", "arf", "--joined", "2025-01-01")
    ok(repo, "action", "update", "ACT-2024-001", "--owner", "arf")
    stderr = refused(repo, "action", "set-status", "ACT-2024-001", "dropped", "--date", "2024-12-01")
    assert "not-member partner 'arf' was not a member of the committee while the action was open" in stderr


# -- changes to the records an action reads -------------------------------------------------------------------------


def test_a_change_to_its_source_that_would_break_an_action_is_refused(repo: Path) -> None:
    stderr = refused(repo, "meeting", "update", PLENARY, "--date", "2026-03-12")
    assert f"{ON_MEETING}, {TEXT} would no longer be valid" in stderr  # and the text adopted at it
    assert "source-date the action is opened on 2026-03-11, before the meeting MTG-2026-001 took place" in stderr
    stderr = refused(repo, "opinion", "update", TEXT, "--set-date", "adopted=2026-03-11")
    assert f"{ON_TEXT} would no longer be valid" in stderr  # (the séance's check refuses it too)
    # a text withdrawn after its adoption keeps its follow-up
    ok(repo, "opinion", "set-status", TEXT, "withdrawn", "--reason", "Remplacé.", "--date", "2026-05-01")
    assert found(repo, action_path(ON_TEXT)) == set()


def test_a_partner_may_not_leave_before_the_actions_it_owns_opened(repo: Path) -> None:
    stderr = refused(repo, "partner", "retire", "arf", "--date", "2026-03-01")
    assert "partner arf owns follow-up actions open only when it would not be a member" in stderr
    assert ON_MEETING in stderr
    ok(repo, "partner", "retire", "arf", "--date", "2026-04-01")
    problems = [p for p in report(repo) if p["path"] == action_path(ON_MEETING)]
    assert [(p["code"], p["severity"]) for p in problems] == [("owner-left", "warning")]


# -- list --due ---------------------------------------------------------------------------------------------------


def _ids(stdout: str) -> list[str]:
    return [line.split()[0] for line in stdout.splitlines() if line.startswith("ACT-")]


def test_list_due_lists_open_actions_past_due_oldest_first(repo: Path) -> None:
    assert _ids(ok(repo, "action", "list").stdout) == [ON_MEETING, ON_TEXT]  # by due date
    assert _ids(ok(repo, "action", "list", "--due", "--on", "2026-04-30").stdout) == []  # due that day: not late
    assert _ids(ok(repo, "action", "list", "--due", "--on", "2026-05-01").stdout) == [ON_MEETING]
    assert _ids(ok(repo, "action", "list", "--due", "--on", "2027-01-01").stdout) == [ON_MEETING, ON_TEXT]
    assert _ids(ok(repo, "action", "list", "--due", "--on", "2027-01-01", "--owner", "amf").stdout) == [ON_TEXT]
    ok(repo, "action", "set-status", ON_MEETING, "done", "--result", "Fait.", "--date", "2026-04-15")
    assert _ids(ok(repo, "action", "list", "--due", "--on", "2027-01-01").stdout) == [ON_TEXT]
    ok(repo, "action", "set-status", ON_TEXT, "dropped")
    assert _ids(ok(repo, "action", "list", "--due", "--on", "2027-01-01").stdout) == []


def test_list_due_defaults_to_today(repo: Path) -> None:
    """Both actions were due in 2026 (the tests run later); one moved to 2999 is not late today."""
    assert _ids(ok(repo, "action", "list", "--due").stdout) == [ON_MEETING, ON_TEXT]
    ok(repo, "action", "update", ON_TEXT, "--due", "2999-12-31")
    assert _ids(ok(repo, "action", "list", "--due").stdout) == [ON_MEETING]


def test_list_due_fail_exits_1_when_an_action_is_late(repo: Path) -> None:
    done = cpne(repo, "action", "list", "--due", "--on", "2026-05-01", "--fail")
    assert done.exit_code == 1 and done.exception is None
    assert _ids(done.stdout) == [ON_MEETING] and done.stderr == "1 follow-up action\n"
    done = cpne(repo, "action", "list", "--due", "--on", "2026-05-01", "--fail", "--format", "json")
    assert done.exit_code == 1 and [r["id"] for r in json.loads(done.stdout)] == [ON_MEETING]
    done = cpne(repo, "action", "list", "--due", "--on", "2026-04-01", "--fail")
    assert done.exit_code == 0 and _ids(done.stdout) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--on", "2026-05-01"), "--on goes with --due"),
        (("--fail",), "--fail goes with --due"),
        (("--due", "--on", "2026-13-01"), "--on: '2026-13-01' is not a real date"),
        (("--due", "--on", "demain"), "--on: 'demain' is not a date"),
    ],
)
def test_list_due_usage_errors(repo: Path, args: tuple[str, ...], message: str) -> None:
    stderr = refused(repo, "action", "list", *args, code=2)
    assert message in stderr


def test_list_filters_by_status_source_and_year(repo: Path) -> None:
    assert _ids(ok(repo, "action", "list", "--status", "in-progress").stdout) == [ON_MEETING]
    assert _ids(ok(repo, "action", "list", "--source", "mtg-2026-001").stdout) == [ON_MEETING]
    assert _ids(ok(repo, "action", "list", "--year", "2025").stdout) == []
    assert "ACT-2026-001" in git(repo, "log", "-1", "--format=%s", "--", action_path(ON_TEXT))


def test_on_a_terminal_done_asks_for_the_result(repo: Path) -> None:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "cpne", "--repo", str(repo), "action", "set-status", ON_MEETING, "done", "--date", "2026-04-02"],
        env={**os.environ, "TERM": "xterm-256color"},
        encoding="utf-8",
        timeout=15,
        dimensions=(50, 200),
    )
    try:
        child.expect_exact("Result: ")
        child.sendline("Besoins recensés dans trois académies.")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0, child.before
    assert record(repo, "actions", ON_MEETING).endswith("result: Besoins recensés dans trois académies.\n")
    assert subjects(repo)[0] == f"action {ON_MEETING}: in-progress -> done"


def test_validate_base_rechecks_the_actions_of_a_text_or_meeting_changed_by_hand(repo: Path) -> None:
    base = git(repo, "rev-parse", "HEAD").strip()
    path = repo / "data" / "meetings" / f"{PLENARY}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2026-03-10", "date: 2026-03-12"), "utf-8")
    commit_all(repo, "the plenary moved by hand")
    done = cpne(repo, "validate", "--format", "json", "--base", base)
    assert done.exit_code == 1
    problems = {(p["path"], p["code"]) for p in json.loads(done.stdout)}
    assert (action_path(ON_MEETING), "source-date") in problems
    assert (action_path(ON_TEXT), "source-date") not in problems  # the text's adoption date did not move
