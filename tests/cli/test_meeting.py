"""`cpne meeting` and `cpne group set-status` on real repositories: what the commands write and commit, what they
refuse, and the secretariat's whole round from convening a plenary to approving its minutes, in French."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.conftest import tree_state
from tests.meeting_helpers import (
    NEXT,
    PLENARY,
    SHARING,
    TEXT,
    WORKING,
    commit_all,
    meeting_path,
    new_meeting,
)
from tests.records_helpers import cpne, ok, record, run_process, subjects

TODAY = date.today().isoformat()


def refused(root: Path, *args: str) -> str:
    """A command the register's rules refuse: exit 1, nothing written or committed; its stderr."""
    before = tree_state(root)
    done = cpne(root, *args)
    assert done.exit_code == 1, f"exit {done.exit_code}\n{done.stdout}\n{done.stderr}"
    assert done.exception is None
    assert tree_state(root) == before
    return done.stderr


def test_new_writes_the_meeting_and_takes_the_year_of_its_date(data_repo: Path) -> None:
    done = ok(data_repo, "meeting", "new", "--type", "plenary", "--title", "Séance plénière", "--date", "2025-11-20")
    assert done.stdout == "MTG-2025-001\n"
    assert record(data_repo, "meetings", "MTG-2025-001") == (
        "id: MTG-2025-001\ntype: plenary\ntitle: Séance plénière\ndate: 2025-11-20\nstatus: planned\n"
    )
    assert new_meeting(data_repo, "sharing-day", "2025-12-01", "--audience", "120", "--place", "Lyon") == "MTG-2025-002"
    assert new_meeting(data_repo, "plenary", "2026-01-20") == "MTG-2026-001"
    assert subjects(data_repo)[:3] == [
        "meeting MTG-2026-001: new",
        "meeting MTG-2025-002: new",
        "meeting MTG-2025-001: new",
    ]
    assert "place: Lyon\nstatus: planned\naudience: 120\n" in record(data_repo, "meetings", "MTG-2025-002")
    assert ok(data_repo, "validate").stdout == ""


def test_attend_again_replaces_the_partner_s_line(meeting_repo: Path) -> None:
    ok(meeting_repo, "meeting", "attend", NEXT, "amf", "--presence", "present")
    ok(meeting_repo, "meeting", "attend", NEXT, "ADF", "--presence", "represented", "--by", "amf")
    ok(meeting_repo, "meeting", "attend", NEXT, "men", "--presence", "absent")
    ok(meeting_repo, "meeting", "attend", NEXT, "adf", "--presence", "excused")
    assert record(meeting_repo, "meetings", NEXT).endswith(
        "status: planned\nattendance:\n- partner: amf\n  presence: present\n- partner: adf\n  presence: excused\n"
        "- partner: men\n  presence: absent\n"
    )
    assert subjects(meeting_repo)[:5] == [f"meeting {NEXT}: attend"] * 4 + [f"meeting {WORKING}: new"]
    assert ok(meeting_repo, "validate").stdout == ""


def test_attend_with_the_same_presence_commits_nothing(meeting_repo: Path) -> None:
    before = tree_state(meeting_repo)
    done = ok(meeting_repo, "meeting", "attend", PLENARY, "amf", "--presence", "present")
    assert tree_state(meeting_repo) == before
    assert "commit" not in done.stderr


def _approve_plenary(root: Path) -> None:
    """PLENARY's minutes written, NEXT held, the minutes approved at NEXT."""
    ok(root, "meeting", "update", PLENARY, "--minutes-file", "-", input="Le comité a adopté l'avis.\n")
    ok(root, "meeting", "attend", NEXT, "amf", "--presence", "present")
    ok(root, "meeting", "set-status", NEXT, "held")
    ok(root, "meeting", "set-status", PLENARY, "minutes-approved", "--at", NEXT)


def test_a_cancelled_or_approved_meeting_takes_no_attendance_nor_agenda(
    meeting_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _approve_plenary(meeting_repo)
    ok(meeting_repo, "meeting", "set-status", SHARING, "cancelled")
    for meeting, status in ((SHARING, "cancelled"), (PLENARY, "minutes-approved")):
        stderr = refused(meeting_repo, "meeting", "attend", meeting, "men", "--presence", "present")
        assert f"meeting {meeting} has the status {status}: `attend` is only for the statuses planned, held" in stderr
        stderr = refused(meeting_repo, "meeting", "agenda", meeting, "--add", "Questions diverses")
        assert f"meeting {meeting} has the status {status}: `agenda` is only for the statuses planned, held" in stderr
    monkeypatch.setenv("EDITOR", "true")
    for args in (("update", PLENARY, "--place", "Lyon"), ("edit", PLENARY)):
        stderr = refused(meeting_repo, "meeting", *args)
        assert f"meeting {PLENARY} has the status minutes-approved: its text is frozen" in stderr
        assert "hint" not in stderr  # neither attend nor agenda would take it
    stderr = refused(meeting_repo, "meeting", "set-status", PLENARY, "held")
    assert "cannot go from the status minutes-approved to held" in stderr
    ok(meeting_repo, "meeting", "update", SHARING, "--notes", "Reportée.")  # cancelled is not frozen


def test_agenda_items_and_their_references(meeting_repo: Path) -> None:
    ok(meeting_repo, "meeting", "agenda", NEXT, "--add", "Ouverture de la séance")
    ok(
        meeting_repo,
        "meeting",
        "agenda",
        NEXT,
        "--add",
        "Avis sur les ENT",
        "--opinion",
        TEXT.lower(),
        "--outcome",
        "Adopté",
    )
    assert record(meeting_repo, "meetings", NEXT).endswith(
        "agenda:\n- title: Ouverture de la séance\n- title: Avis sur les ENT\n  opinion: OP-2026-001\n"
        "  outcome: Adopté\n"
    )
    stderr = refused(meeting_repo, "meeting", "agenda", NEXT, "--add", "Un examen", "--review", "REV-2026-099")
    assert "unknown review 'REV-2026-099'" in stderr
    missing = cpne(meeting_repo, "meeting", "agenda", NEXT, "--opinion", TEXT)
    assert missing.exit_code == 2 and "--add" in missing.stderr


def test_a_change_to_a_meeting_may_not_break_what_was_decided_at_it(meeting_repo: Path) -> None:
    ok(meeting_repo, "opinion", "set-status", TEXT, "adopted", "--meeting", PLENARY, "--decision", "vote",
       "--position", "amf|for", "--position", "adf|against")  # fmt: skip
    opinion = record(meeting_repo, "opinions", TEXT)
    adf = opinion.splitlines().index("  - partner: adf") + 1
    at = opinion.splitlines().index(f"  meeting: {PLENARY}") + 1
    stderr = refused(meeting_repo, "meeting", "attend", PLENARY, "adf", "--presence", "absent")
    assert f"meeting {PLENARY} cannot change so: {TEXT} would no longer be valid; nothing was written" in stderr
    assert f"data/opinions/{TEXT}.yaml:{adf}:5: not-present partner 'adf' takes a position" in stderr
    stderr = refused(meeting_repo, "meeting", "update", PLENARY, "--date", "2026-03-11")
    assert f"data/opinions/{TEXT}.yaml:{at}:3: decision-meeting {PLENARY} took place on 2026-03-11" in stderr
    stderr = refused(meeting_repo, "meeting", "update", PLENARY, "--type", "sharing-day")
    assert "a text is adopted in a plenary meeting" in stderr
    ok(meeting_repo, "meeting", "update", PLENARY, "--place", "Lyon")  # what the text does not depend on
    ok(meeting_repo, "meeting", "attend", PLENARY, "cdc", "--presence", "present")
    (meeting_repo / "cpne.yaml").write_text(_with_quorum(meeting_repo, 3), encoding="utf-8")
    commit_all(meeting_repo, "quorum")
    stderr = refused(meeting_repo, "meeting", "attend", PLENARY, "cdc", "--presence", "excused")
    assert f"quorum {PLENARY} had 2 members present or represented: the quorum is 3" in stderr
    # a problem already there is left to validate: a quorum of 5 was missed, and is missed by one member fewer
    (meeting_repo / "cpne.yaml").write_text(_with_quorum(meeting_repo, 5), encoding="utf-8")
    commit_all(meeting_repo, "quorum 5")
    ok(meeting_repo, "meeting", "attend", PLENARY, "men", "--presence", "present")
    (meeting_repo / "cpne.yaml").write_text(_with_quorum(meeting_repo, 3), encoding="utf-8")
    commit_all(meeting_repo, "quorum 3 again")
    # the meeting that approved the minutes of another cannot move before it
    _approve_plenary(meeting_repo)
    stderr = refused(meeting_repo, "meeting", "update", NEXT, "--date", "2026-03-01")
    assert f"meeting {NEXT} cannot change so: {PLENARY} would no longer be valid" in stderr
    assert f"{meeting_path(PLENARY)}:" in stderr and "minutes the minutes are approved at" in stderr
    assert ok(meeting_repo, "validate").stdout == ""


def _with_quorum(root: Path, quorum: int) -> str:
    lines = (root / "cpne.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    return "".join(line for line in lines if not line.startswith("quorum:")) + f"quorum: {quorum}\n"


# -- groups -------------------------------------------------------------------------------------------------------


def test_group_set_status_closed_dates_it(meeting_repo: Path) -> None:
    ok(meeting_repo, "group", "set-status", "gt-ia", "closed", "--date", "2024-05-01")
    assert record(meeting_repo, "groups", "gt-ia").endswith("status: closed\ncreated: 2024-01-10\nclosed: 2024-05-01\n")
    assert subjects(meeting_repo)[0] == "group gt-ia: active -> closed"
    stderr = refused(meeting_repo, "group", "set-status", "gt-ia", "active")
    assert "working group gt-ia cannot go from the status closed to active" in stderr
    stderr = refused(meeting_repo, "group", "join", "gt-ia", "cdc")
    assert "only for the status active" in stderr
    assert ok(meeting_repo, "validate").stdout == ""


def test_group_close_defaults_to_today_and_refuses_a_date_before_its_creation(meeting_repo: Path) -> None:
    stderr = refused(meeting_repo, "group", "set-status", "gt-ia", "closed", "--date", "2023-12-31")
    assert "date-order closed (2023-12-31) is before created (2024-01-10)" in stderr
    stderr = refused(meeting_repo, "group", "close", "gt-ia", "--date", "2023-12-31")
    assert "date-order closed (2023-12-31) is before created (2024-01-10)" in stderr
    ok(meeting_repo, "group", "close", "gt-ia")
    assert record(meeting_repo, "groups", "gt-ia").endswith(f"status: closed\ncreated: 2024-01-10\nclosed: {TODAY}\n")
    assert subjects(meeting_repo)[0] == "group gt-ia: close"


def test_a_member_cannot_leave_before_a_meeting_of_the_group_it_attended(meeting_repo: Path) -> None:
    ok(meeting_repo, "meeting", "attend", WORKING, "men", "--presence", "absent")  # on 2024-04-01
    stderr = refused(meeting_repo, "group", "leave", "gt-ia", "men", "--date", "2024-03-31")
    assert f"partner 'men' would no longer sit in the group on the day of {WORKING}, where its attendance" in stderr
    assert "hint: give the date it really left with --date" in stderr
    ok(meeting_repo, "group", "leave", "gt-ia", "men", "--date", "2024-04-01")
    assert ok(meeting_repo, "validate").stdout == ""


# -- the secretariat's round, in French ---------------------------------------------------------------------------


@pytest.mark.usefixtures("french")
def test_the_secretariat_convenes_holds_decides_and_approves(french_repo: Path, tmp_path: Path) -> None:
    root = french_repo
    start = len(subjects(root))
    text = ok(root, "opinion", "new", "--title", "Avis sur les espaces numériques de travail", "--kind", "avis",
              "--theme", "usages", "--rapporteur", "amf", "--date", "2026-01-15").stdout.strip()  # fmt: skip
    ok(root, "opinion", "set-status", text, "consultation", "--date", "2026-02-01")
    created = ok(root, "meeting", "new", "--type", "séance plénière", "--title", "Séance plénière de mars",
                 "--date", "2026-03-10", "--place", "Paris")  # fmt: skip
    mtg = created.stdout.strip()
    assert mtg == "MTG-2026-001"
    assert f"réunion {mtg} : créée" in created.stderr
    ok(root, "meeting", "attend", mtg, "AMF", "--presence", "présent")
    ok(root, "meeting", "attend", mtg, "adf", "--presence", "représenté", "--by", "amf")
    ok(root, "meeting", "attend", mtg, "men", "--presence", "présent")
    ok(root, "meeting", "attend", mtg, "cdc", "--presence", "excusé")
    ok(root, "meeting", "agenda", mtg, "--add", "Avis sur les espaces numériques de travail", "--opinion", text)
    convocation = ok(root, "export", "agenda", mtg).stdout
    ok(root, "meeting", "set-status", mtg, "tenue")
    adopted = ok(root, "opinion", "set-status", text, "adopté", "--meeting", mtg, "--decision", "vote",
                 "--position", "amf|pour", "--position", "adf|abstention", "--position", "men|pour")  # fmt: skip
    assert "adopted (adopté)" in adopted.stderr
    minutes = tmp_path / "pv.md"
    minutes.write_text("# Procès-verbal\n\nLe comité a adopté l'avis à la majorité.\n", encoding="utf-8")
    ok(root, "meeting", "update", mtg, "--minutes-file", str(minutes))
    following = ok(root, "meeting", "new", "--type", "plenary", "--title", "Séance plénière d'avril",
                   "--date", "2026-04-14").stdout.strip()  # fmt: skip
    ok(root, "meeting", "attend", following, "amf", "--presence", "present")
    ok(root, "meeting", "attend", following, "men", "--presence", "excused")
    ok(root, "meeting", "set-status", following, "held")
    ok(root, "meeting", "set-status", mtg, "procès-verbal approuvé", "--at", following)

    assert subjects(root)[: len(subjects(root)) - start] == [
        f"meeting {mtg}: held -> minutes-approved",
        f"meeting {following}: planned -> held",
        f"meeting {following}: attend",
        f"meeting {following}: attend",
        f"meeting {following}: new",
        f"meeting {mtg}: update",
        f"opinion {text}: consultation -> adopted",
        f"meeting {mtg}: planned -> held",
        f"meeting {mtg}: agenda",
        f"meeting {mtg}: attend",
        f"meeting {mtg}: attend",
        f"meeting {mtg}: attend",
        f"meeting {mtg}: attend",
        f"meeting {mtg}: new",
        f"opinion {text}: draft -> consultation",
        f"opinion {text}: new",
    ]
    assert (root / meeting_path(mtg)).read_bytes() == (
        "id: MTG-2026-001\ntype: plenary\ntitle: Séance plénière de mars\ndate: 2026-03-10\nplace: Paris\n"
        "status: minutes-approved\nagenda:\n- title: Avis sur les espaces numériques de travail\n"
        "  opinion: OP-2026-001\nattendance:\n- partner: amf\n  presence: present\n- partner: adf\n"
        "  presence: represented\n  represented_by: amf\n- partner: men\n  presence: present\n- partner: cdc\n"
        "  presence: excused\nminutes: |-\n  # Procès-verbal\n\n  Le comité a adopté l'avis à la majorité.\n"
        "minutes_approved_at: MTG-2026-002\n"
    ).encode()
    assert (root / meeting_path(following)).read_bytes() == (
        "id: MTG-2026-002\ntype: plenary\ntitle: Séance plénière d'avril\ndate: 2026-04-14\nstatus: held\n"
        "attendance:\n- partner: amf\n  presence: present\n- partner: men\n  presence: excused\n"
    ).encode()
    shown = json.loads(ok(root, "opinion", "show", text, "--format", "json").stdout)
    assert shown["status"] == "adopted" and shown["dates"]["adopted"] == "2026-03-10"
    assert shown["decision"] == {
        "mode": "vote",
        "positions": [
            {"partner": "amf", "position": "for"},
            {"partner": "adf", "position": "abstain"},
            {"partner": "men", "position": "for"},
        ],
        "meeting": mtg,
    }
    done = run_process(root, "validate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "" and done.stderr.strip().endswith(": aucune erreur, aucun avertissement")

    # the documents: the convocation sent before the séance, the procès-verbal once approved
    assert "# Convocation et ordre du jour : Séance plénière de mars" in convocation
    assert "- Date : 10 mars 2026\n- Lieu : Paris\n" in convocation
    assert (
        "| 1 | Avis sur les espaces numériques de travail | Avis n° OP-2026-001 : Avis sur les espaces numériques"
        " de travail (en consultation) |" in convocation
    )
    out = tmp_path / "pv-mars.md"
    before = subjects(root)
    ok(root, "export", "minutes", mtg, "-o", str(out))
    assert subjects(root) == before  # a document commits nothing
    minutes_doc = out.read_text(encoding="utf-8")
    assert "# Procès-verbal : Séance plénière de mars" in minutes_doc
    for row in (
        "| ADF (Départements de France) | représenté par AMF |",
        "| CDC (Caisse des dépôts et consignations) | excusé |",
    ):
        assert row in minutes_doc
    assert "3 membres présents ou représentés." in minutes_doc
    assert "Pour : 2 · contre : 0 · abstention : 1 · ne prennent pas part au vote : 0." in minutes_doc
    assert "Le comité a adopté l'avis à la majorité." in minutes_doc
    assert minutes_doc.rstrip().endswith("Procès-verbal approuvé lors de la réunion MTG-2026-002 du 14 avril 2026.")
