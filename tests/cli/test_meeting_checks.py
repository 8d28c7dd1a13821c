"""Every check of meetings, of working groups and of a text adopted at a meeting: its stable code, the line
``cpne validate`` reports, and the refusal of a command that would produce it (exit 1, nothing written)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import tree_state
from tests.factories import adopted_opinion, write_record
from tests.meeting_helpers import (
    NEXT,
    PLENARY,
    SHARING,
    TEXT,
    WORKING,
    commit_all,
    found,
    line_of,
    meeting_path,
    report,
    text_report,
    write_meeting,
)
from tests.records_helpers import cpne, ok, record

OPINION_PATH = f"data/opinions/{TEXT}.yaml"


def refused(root: Path, *args: str) -> str:
    """Run a command that the register's rules refuse: exit 1, nothing written, nothing committed; its stderr."""
    before = tree_state(root)
    done = cpne(root, *args)
    assert done.exit_code == 1, f"exit {done.exit_code}\n{done.stdout}\n{done.stderr}"
    assert done.exception is None
    assert tree_state(root) == before
    return done.stderr


# -- a meeting's own rules ----------------------------------------------------------------------------------------


def test_a_plenary_breaking_each_attendance_rule(meeting_repo: Path) -> None:
    path = write_meeting(
        meeting_repo,
        "MTG-2026-009",
        "id: MTG-2026-009\ntype: plenary\ntitle: Séance\ndate: 2026-05-01\n"
        "group: gt-ia\n"  # 5: only a working-group meeting names a group
        "status: held\nattendance:\n"
        "- partner: amf\n  presence: present\n"
        "- partner: amf\n  presence: excused\n"  # 10: amf twice
        "- partner: adf\n  presence: excused\n  represented_by: amf\n"  # 14: a proxy without 'represented'
        "- partner: men\n  presence: represented\n  represented_by: men\n"  # 17: men holds its own proxy
        "- partner: rfve\n  presence: present\n"  # 18: rfve left the committee in 2024
        "- partner: cdc\n  presence: represented\n  represented_by: avi\n"  # 22: avi is not recorded
        "- partner: arf\n  presence: represented\n"  # represented, its proxy not named: allowed
        "minutes_approved_at: MTG-2026-002\n",  # 25: set while the minutes are not approved; NEXT is earlier
    )
    problems = [(p["code"], p["line"], p["pointer"]) for p in report(meeting_repo) if p["path"] == path]
    assert sorted(problems) == [
        ("attendance-twice", 10, "/attendance/1/partner"),
        ("group", 5, "/group"),
        ("minutes", 25, "/minutes_approved_at"),
        ("minutes", 25, "/minutes_approved_at"),
        ("not-member", 18, "/attendance/4/partner"),
        ("represented-by", 14, "/attendance/2/represented_by"),
        ("represented-by", 17, "/attendance/3/represented_by"),
        ("represented-by", 22, "/attendance/5/represented_by"),
    ]
    lines = [line for line in text_report(meeting_repo) if line.startswith(path)]
    assert f"{path}:10:3: attendance-twice partner 'amf' is recorded twice (see line 1 of the attendance)" in lines
    assert f"{path}:14:3: represented-by represented_by goes with the presence 'represented'" in lines
    assert f"{path}:17:3: represented-by partner 'men' cannot represent itself" in lines
    assert f"{path}:22:3: represented-by 'avi' holds the proxy of 'cdc' but is not recorded as present" in lines
    assert f"{path}:5:1: group only a working-group meeting names a group; this one is of type plenary" in lines
    assert f"{path}:18:3: not-member partner 'rfve' was not a member of the committee on 2026-05-01" in "\n".join(lines)
    assert f"{path}:25:1: minutes minutes_approved_at is set but the status is held" in lines


def test_a_working_group_meeting_names_its_group_and_its_members(meeting_repo: Path) -> None:
    head = "type: working-group\ntitle: Réunion du GT\n"
    path = write_meeting(
        meeting_repo,
        "MTG-2024-009",
        f"id: MTG-2024-009\n{head}date: 2024-02-15\ngroup: gt-ia\nstatus: held\nattendance:\n"
        "- partner: amf\n  presence: present\n"
        "- partner: adf\n  presence: present\n"  # 10: adf joins gt-ia on 2024-03-01
        "- partner: arf\n  presence: excused\n"  # 12: never in gt-ia
        "- partner: men\n  presence: represented\n  represented_by: amf\n",
    )
    assert found(meeting_repo, path) == {("not-group-member", 10), ("not-group-member", 12)}
    assert f"{path}:10:3: not-group-member partner 'adf' did not sit in the group 'gt-ia' on 2024-02-15" in text_report(
        meeting_repo
    )
    # after rfve left the committee, it is reported as not a member of the committee, and only that
    write_meeting(
        meeting_repo,
        "MTG-2024-009",
        f"id: MTG-2024-009\n{head}date: 2024-07-01\ngroup: gt-ia\nstatus: planned\nattendance:\n"
        "- partner: rfve\n  presence: absent\n",
    )
    assert found(meeting_repo, path) == {("not-member", 8)}
    write_meeting(meeting_repo, "MTG-2024-009", f"id: MTG-2024-009\n{head}date: 2024-07-01\nstatus: planned\n")
    assert found(meeting_repo, path) == {("group", 2)}  # a working-group meeting without its group: at its type
    write_meeting(
        meeting_repo, "MTG-2024-009", f"id: MTG-2024-009\n{head}date: 2024-07-01\ngroup: gt-x\nstatus: planned\n"
    )
    assert found(meeting_repo, path) == {("unknown-ref", 5)}


def test_a_held_meeting_records_its_attendance(meeting_repo: Path) -> None:
    for kind, status, expected in (
        ("plenary", "held", {("attendance", 5)}),
        ("plenary", "planned", set()),
        ("working-group", "held", {("attendance", 6)}),
        ("sharing-day", "held", set()),
        ("consensus-conference", "held", set()),
    ):
        head = f"id: MTG-2026-009\ntype: {kind}\ntitle: Réunion\ndate: 2026-05-01\n"
        head += "group: gt-ia\n" if kind == "working-group" else ""
        path = write_meeting(meeting_repo, "MTG-2026-009", f"{head}status: {status}\n")
        assert found(meeting_repo, path) == expected, kind
        if kind == "plenary" and status == "held":
            message = "attendance a held meeting of type plenary records its attendance (cpne meeting attend)"
            assert f"{path}:5:1: {message}" in text_report(meeting_repo)


def _approved(root: Path, base: str, at: str, *, minutes: bool = True) -> tuple[str, str]:
    """PLENARY (2026-03-10, ``base`` its text when held) with its minutes approved at ``at``; its path and text."""
    text = base.replace("status: held", "status: minutes-approved")
    text += ("minutes: Le procès-verbal.\n" if minutes else "") + (f"minutes_approved_at: {at}\n" if at else "")
    return write_meeting(root, PLENARY, text), text


def _hold(root: Path, record_id: str) -> None:
    """A meeting held, with one partner present (by hand)."""
    text = record(root, "meetings", record_id).replace("status: planned", "status: held")
    write_meeting(root, record_id, text + "attendance:\n- partner: amf\n  presence: present\n")


def test_approved_minutes_exist_and_name_a_later_held_meeting(meeting_repo: Path) -> None:
    base = record(meeting_repo, "meetings", PLENARY)
    path, text = _approved(meeting_repo, base, "", minutes=False)
    status = line_of(text, "status: minutes-approved")
    assert sorted(p["message"] for p in report(meeting_repo) if p["path"] == path) == [
        "approved minutes name the meeting that approved them (minutes_approved_at)",
        "approved minutes need minutes (the text)",
    ]
    assert found(meeting_repo, path) == {("minutes", status)}
    path, text = _approved(meeting_repo, base, NEXT)  # later, but only planned
    at = line_of(text, f"minutes_approved_at: {NEXT}")
    assert found(meeting_repo, path) == {("minutes", at)}
    assert f"{path}:{at}:1: minutes the minutes are approved at {NEXT}, which has the status planned, not held" in (
        text_report(meeting_repo)
    )
    _hold(meeting_repo, SHARING)  # held, but the same day
    _approved(meeting_repo, base, SHARING)
    assert found(meeting_repo, path) == {("minutes", at)}
    assert (
        f"{path}:{at}:1: minutes the minutes are approved at {SHARING}, on 2026-03-10: not after this meeting"
        " (2026-03-10)" in text_report(meeting_repo)
    )
    _approved(meeting_repo, base, PLENARY)  # itself
    assert found(meeting_repo, path) == {("minutes", at)}
    _approved(meeting_repo, base, "MTG-2026-099")
    assert found(meeting_repo, path) == {("unknown-ref", at)}
    _hold(meeting_repo, NEXT)
    _approved(meeting_repo, base, NEXT)
    assert found(meeting_repo, path) == set()
    # the minutes of a later meeting approved at an earlier one
    later = record(meeting_repo, "meetings", NEXT).replace("status: held", "status: minutes-approved")
    later_path = write_meeting(meeting_repo, NEXT, later + "minutes: PV.\nminutes_approved_at: MTG-2026-001\n")
    assert found(meeting_repo, later_path) == {("minutes", line_of(later, "attendance:") + 4)}


def test_the_year_of_the_id_is_the_year_of_the_date(meeting_repo: Path) -> None:
    text = record(meeting_repo, "meetings", NEXT).replace("id: MTG-2026-002", "id: MTG-2025-002")
    path = write_meeting(meeting_repo, "MTG-2025-002", text)
    (meeting_repo / meeting_path(NEXT)).unlink()
    assert found(meeting_repo, path) == {("id-year", 1)}


def test_unknown_references_of_a_meeting(meeting_repo: Path) -> None:
    path = write_meeting(
        meeting_repo,
        "MTG-2026-009",
        "id: MTG-2026-009\ntype: plenary\ntitle: Séance\ndate: 2026-05-01\nstatus: planned\nagenda:\n"
        "- title: Un avis\n  opinion: OP-2026-099\n"  # 8
        "- title: Un examen\n  review: REV-2026-099\n"  # 10
        "attendance:\n- partner: ghost\n  presence: represented\n  represented_by: phantom\n",  # 12, 14
    )
    assert found(meeting_repo, path) == {
        ("unknown-ref", 8),
        ("unknown-ref", 10),
        ("unknown-ref", 12),
        ("unknown-ref", 14),
    }


# -- refused before the write ---------------------------------------------------------------------------------------


def test_attendance_refusals_name_the_line_they_would_break(meeting_repo: Path) -> None:
    path = meeting_path(NEXT)
    stderr = refused(meeting_repo, "meeting", "attend", NEXT, "rfve", "--presence", "present")
    assert f"{path}:7:3: not-member partner 'rfve' was not a member of the committee on 2026-04-10" in stderr
    ok(meeting_repo, "meeting", "attend", NEXT, "amf", "--presence", "present")
    stderr = refused(meeting_repo, "meeting", "attend", NEXT, "adf", "--presence", "excused", "--by", "amf")
    assert stderr.endswith(f"{path}:11:3: represented-by represented_by goes with the presence 'represented'\n")
    stderr = refused(meeting_repo, "meeting", "attend", NEXT, "adf", "--presence", "represented", "--by", "adf")
    assert stderr.endswith(f"{path}:11:3: represented-by partner 'adf' cannot represent itself\n")
    stderr = refused(meeting_repo, "meeting", "attend", NEXT, "adf", "--presence", "represented", "--by", "men")
    assert stderr.endswith(
        f"{path}:11:3: represented-by 'men' holds the proxy of 'adf' but is not recorded as present\n"
    )
    stderr = refused(meeting_repo, "meeting", "attend", NEXT, "ghost", "--presence", "present")
    assert "unknown partner 'ghost'" in stderr
    # the proxy holder cannot stop being present while it holds a proxy
    ok(meeting_repo, "meeting", "attend", NEXT, "adf", "--presence", "represented", "--by", "amf")
    stderr = refused(meeting_repo, "meeting", "attend", NEXT, "amf", "--presence", "excused")
    assert "represented-by 'amf' holds the proxy of 'adf' but is not recorded as present" in stderr
    # a working group's meeting: its members only
    stderr = refused(meeting_repo, "meeting", "attend", WORKING, "arf", "--presence", "present")
    assert f"{meeting_path(WORKING)}:8:3: not-group-member partner 'arf' did not sit in the group 'gt-ia'" in stderr
    ok(meeting_repo, "meeting", "attend", WORKING, "men", "--presence", "present")


def test_type_and_group_refusals(meeting_repo: Path) -> None:
    stderr = refused(
        meeting_repo, "meeting", "new", "--type", "plenary", "--title", "S", "--date", "2026-06-01", "--group", "gt-ia"
    )
    assert "--group 'gt-ia': group only a working-group meeting names a group" in stderr
    missing = cpne(meeting_repo, "meeting", "new", "--type", "working-group", "--title", "R", "--date", "2026-06-01")
    assert missing.exit_code == 2 and "--group" in missing.stderr
    stderr = refused(meeting_repo, "meeting", "update", WORKING, "--type", "plenary")
    assert "group only a working-group meeting names a group; this one is of type plenary" in stderr
    stderr = refused(meeting_repo, "meeting", "update", NEXT, "--type", "working-group")
    assert "group a working-group meeting names its group (group)" in stderr
    stderr = refused(meeting_repo, "meeting", "update", WORKING, "--group", "gt-x")
    assert "unknown working group 'gt-x'" in stderr
    stderr = refused(meeting_repo, "meeting", "update", NEXT, "--date", "2027-01-10")
    assert f"{meeting_path(NEXT)}:1:1: id-year id '{NEXT}' carries year 2026 but 'date' is 2027-01-10" in stderr


def test_status_refusals(meeting_repo: Path) -> None:
    stderr = refused(meeting_repo, "meeting", "set-status", NEXT, "held")
    assert "attendance a held meeting of type plenary records its attendance (cpne meeting attend)" in stderr
    ok(meeting_repo, "meeting", "set-status", SHARING, "held")  # a sharing day records no attendance
    stderr = refused(meeting_repo, "meeting", "set-status", PLENARY, "minutes-approved", "--at", NEXT)
    assert "minutes" in stderr and "cpne meeting update MTG-2026-001 --minutes-file FILE" in stderr
    ok(meeting_repo, "meeting", "update", PLENARY, "--minutes-file", "-", input="Le procès-verbal.\n")
    stderr = refused(meeting_repo, "meeting", "set-status", PLENARY, "minutes-approved", "--at", NEXT)
    assert f"--at '{NEXT}': minutes the minutes are approved at {NEXT}, which has the status planned" in stderr
    stderr = refused(meeting_repo, "meeting", "set-status", PLENARY, "minutes-approved", "--at", SHARING)
    assert "not after this meeting (2026-03-10)" in stderr
    stderr = refused(meeting_repo, "meeting", "set-status", PLENARY, "minutes-approved", "--at", "MTG-2026-099")
    assert "MTG-2026-099" in stderr
    missing = cpne(meeting_repo, "meeting", "set-status", PLENARY, "minutes-approved")
    assert missing.exit_code == 2 and "--at" in missing.stderr
    stderr = refused(meeting_repo, "meeting", "set-status", NEXT, "minutes-approved", "--at", PLENARY)
    assert "cannot go from the status planned to minutes-approved" in stderr


# -- a text adopted at a meeting --------------------------------------------------------------------------------------


def _adopted_at(root: Path, meeting: str, day: str = "2026-03-10", positions: tuple[str, ...] = ("amf", "adf")) -> str:
    """TEXT adopted at ``meeting`` on ``day`` by a vote of ``positions``; its text."""
    data = adopted_opinion(
        id=TEXT,
        dates={"created": "2026-01-15", "consultation": "2026-02-01", "adopted": day},
        decision={
            "mode": "vote",
            "positions": [{"partner": p, "position": "for"} for p in positions],
            "meeting": meeting,
        },
    )
    return write_record(root, "opinion", data).read_text(encoding="utf-8")


def test_the_meeting_that_adopts_a_text(meeting_repo: Path) -> None:
    text = _adopted_at(meeting_repo, PLENARY)
    assert found(meeting_repo, OPINION_PATH) == set()
    text = _adopted_at(meeting_repo, SHARING)  # a sharing day, planned, without the text on its agenda
    at = line_of(text, f"  meeting: {SHARING}")
    problems = [p for p in report(meeting_repo) if p["path"] == OPINION_PATH]
    assert sorted(p["message"] for p in problems if p["code"] == "decision-meeting") == [
        f"{SHARING} has the status planned: a text is adopted at a held meeting"
        f" (cpne meeting set-status {SHARING} held)",
        f"{SHARING} is a meeting of type sharing-day: a text is adopted in a plenary meeting",
        f"{TEXT} is not on the agenda of {SHARING} (cpne meeting agenda {SHARING} --add TITLE --opinion {TEXT})",
    ]
    # who took part is checked once the meeting is held: no position or quorum noise on top
    assert found(meeting_repo, OPINION_PATH) == {("decision-meeting", at)}
    _adopted_at(meeting_repo, PLENARY, day="2026-03-11")
    assert [p["message"] for p in report(meeting_repo) if p["path"] == OPINION_PATH] == [
        f"{PLENARY} took place on 2026-03-10, not on the adoption date (2026-03-11)"
    ]
    _adopted_at(meeting_repo, "MTG-2026-099")
    assert found(meeting_repo, OPINION_PATH) == {("unknown-ref", at)}


def test_positions_are_those_of_members_present_or_represented(meeting_repo: Path) -> None:
    text = _adopted_at(meeting_repo, PLENARY, positions=("amf", "adf", "men", "cdc", "avi"))
    lines = {p: line_of(text, f"  - partner: {p}") for p in ("men", "cdc", "avi")}
    assert found(meeting_repo, OPINION_PATH) == {("not-present", line) for line in lines.values()}
    assert (
        f"{OPINION_PATH}:{lines['men']}:5: not-present partner 'men' takes a position but was not present or"
        f" represented at {PLENARY}" in text_report(meeting_repo)
    )


def _quorum(root: Path, quorum: int) -> None:
    settings = root / "cpne.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        "".join(line for line in text.splitlines(True) if not line.startswith("quorum:")) + f"quorum: {quorum}\n",
        encoding="utf-8",
    )


def test_quorum(meeting_repo: Path) -> None:
    text = _adopted_at(meeting_repo, PLENARY)
    at = line_of(text, f"  meeting: {PLENARY}")
    _quorum(meeting_repo, 2)  # amf present and adf represented: reached exactly (men excused, cdc absent do not count)
    assert report(meeting_repo) == []
    _quorum(meeting_repo, 3)
    problems = [p for p in report(meeting_repo) if p["path"] == OPINION_PATH]
    assert [(p["code"], p["line"], p["message"]) for p in problems] == [
        ("quorum", at, f"{PLENARY} had 2 members present or represented: the quorum is 3")
    ]
    # the proxy holder counts once, and so does a partner recorded twice
    meeting = record(meeting_repo, "meetings", PLENARY)
    write_meeting(
        meeting_repo,
        PLENARY,
        meeting.replace("attendance:\n", "attendance:\n- partner: adf\n  presence: represented\n"),
    )
    assert found(meeting_repo, OPINION_PATH) == {("quorum", at)}
    _quorum(meeting_repo, 1)
    assert found(meeting_repo, OPINION_PATH) == set()


def test_adopted_at_a_meeting_takes_its_date(meeting_repo: Path) -> None:
    ok(meeting_repo, "opinion", "set-status", TEXT, "adopted", "--meeting", PLENARY.lower(), "--decision", "consensus")
    text = record(meeting_repo, "opinions", TEXT)
    assert "  adopted: 2026-03-10\n" in text
    assert text.endswith(f"decision:\n  mode: consensus\n  meeting: {PLENARY}\n")
    assert report(meeting_repo) == []


def test_adoption_refusals(meeting_repo: Path) -> None:
    adopt = ("opinion", "set-status", TEXT, "adopted", "--decision", "vote")
    stderr = refused(meeting_repo, *adopt, "--meeting", "MTG-2026-099", "--position", "amf|for")
    assert "no meeting 'MTG-2026-099'" in stderr and "Traceback" not in stderr
    stderr = refused(meeting_repo, *adopt, "--meeting", NEXT, "--position", "amf|for")
    assert f"--meeting '{NEXT}': decision-meeting {NEXT} has the status planned: a text is adopted at a held" in stderr
    assert "not-present" not in stderr  # who took part is checked once the meeting is held
    stderr = refused(meeting_repo, *adopt, "--meeting", PLENARY, "--position", "amf|for", "--date", "2026-03-11")
    assert f"decision-meeting {PLENARY} took place on 2026-03-10, not on the adoption date (2026-03-11)" in stderr
    stderr = refused(meeting_repo, *adopt, "--meeting", PLENARY, "--position", "amf|for", "--position", "men|against")
    assert "--position 'men|against': not-present partner 'men' takes a position but was not present" in stderr
    _quorum(meeting_repo, 3)
    commit_all(meeting_repo, "quorum 3")
    stderr = refused(meeting_repo, *adopt, "--meeting", PLENARY, "--position", "amf|for")
    assert f"quorum {PLENARY} had 2 members present or represented: the quorum is 3" in stderr


# -- a working group ----------------------------------------------------------------------------------------------

GROUP = "data/groups/gt-ia.yaml"


def _group(root: Path, members: str, tail: str) -> None:
    head = "id: gt-ia\ntitle: IA\nmandate: Étudier l'IA.\nthemes:\n- usages\nmembers:\n"
    (root / GROUP).write_text(head + members + tail, encoding="utf-8")


def test_a_group_breaking_each_rule(meeting_repo: Path) -> None:
    _group(
        meeting_repo,
        "- partner: amf\n  role: member\n  joined: 2015-01-01\n"  # 7: before amf joined the committee
        "- partner: men\n  role: lead\n  joined: 2020-01-01\n  left: 2019-01-01\n"  # 13: left before joined
        "- partner: amf\n  role: member\n  joined: 2019-06-01\n"  # 14: amf twice at once
        "- partner: rfve\n  role: member\n  joined: 2020-01-01\n",  # 17: still sits after it left the committee
        "status: active\ncreated: 2016-01-01\n",  # no current lead (6)
    )
    assert found(meeting_repo, GROUP) == {
        ("not-member", 7),
        ("date-order", 9),
        ("date-order", 13),
        ("member-twice", 14),
        ("not-member", 17),
        ("no-lead", 6),
    }
    lines = text_report(meeting_repo)
    assert f"{GROUP}:6:1: no-lead an active group needs a lead among its current members" in lines
    assert f"{GROUP}:14:3: member-twice partner 'amf' sits in the group twice at once (see member 1)" in lines
    assert (
        f"{GROUP}:17:3: not-member partner 'rfve' left the committee on 2024-06-30 but still sits in the group"
        " (give its left)" in lines
    )


def test_a_closed_group_is_dated_and_its_members_sat_while_members(meeting_repo: Path) -> None:
    members = (
        "- partner: amf\n  role: lead\n  joined: 2020-01-01\n- partner: rfve\n  role: member\n  joined: 2020-01-01\n"
    )
    _group(meeting_repo, members, "status: closed\ncreated: 2020-01-01\n")
    assert found(meeting_repo, GROUP) == {("closed", 13), ("not-member", 10)}
    assert f"{GROUP}:13:1: closed a closed group needs closed (the date it was closed)" in text_report(meeting_repo)
    _group(meeting_repo, members, "status: closed\ncreated: 2020-01-01\nclosed: 2024-12-31\n")
    assert found(meeting_repo, GROUP) == {("not-member", 10)}  # rfve sat until the group closed, after it left
    assert (
        f"{GROUP}:10:3: not-member partner 'rfve' sits in the group until 2024-12-31, after it left the committee"
        " on 2024-06-30" in text_report(meeting_repo)
    )
    _group(meeting_repo, members, "status: closed\ncreated: 2020-01-01\nclosed: 2024-06-30\n")
    assert found(meeting_repo, GROUP) == set()  # closed the day rfve left; no lead needed once closed
    _group(meeting_repo, members, "status: active\ncreated: 2020-01-01\nclosed: 2019-06-30\n")
    assert found(meeting_repo, GROUP) == {("closed", 15), ("date-order", 15), ("not-member", 10)}
