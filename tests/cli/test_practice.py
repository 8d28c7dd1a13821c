"""`cpne practice add|list|show|update|set-status|history` on real repositories, and the practices' checks.

The register is the committee's (tests/meeting_helpers.py): MTG-2026-001 a plenary held on 2026-03-10,
MTG-2026-002 a plenary planned on 2026-04-10, rfve a member until 2024-06-30.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import git, tree_state
from tests.meeting_helpers import NEXT, PLENARY, commit_all, found
from tests.records_helpers import cpne, ok, record, subjects

ADD = (
    "practice",
    "add",
    "achats-groupes",
    "--type",
    "good-practice",
    "--title",
    "Achats groupés de tablettes",
    "--domain",
    "acquisition",
    "--summary",
    "Des communes achètent ensemble.",
    "--theme",
    "usages",
)
PATH = "data/practices/achats-groupes.yaml"


def add(root: Path, *extra: str) -> None:
    ok(root, *ADD, "--date", "2026-02-01", *extra)


def write(root: Path, name: str, text: str) -> str:
    """A practice written by hand; returns its repository-relative path."""
    (root / "data/practices").mkdir(exist_ok=True)
    (root / f"data/practices/{name}.yaml").write_text(text, encoding="utf-8")
    return f"data/practices/{name}.yaml"


HEAD = (
    "id: {id}\ntype: initiative\ntitle: Club\ndomain: uses\nsummary: Un club.\nthemes:\n- usages\n"
    "partners:\n- {partner}\nstatus: {status}\ndates:\n"
)


def practice(name: str, status: str, dates: str, more: str = "", partner: str = "amf") -> str:
    """A practice's text: ``dates`` the lines under ``dates:``, ``more`` the lines after them."""
    return HEAD.format(id=name, partner=partner, status=status) + dates + more


def test_add_writes_the_practice_and_commits_it(meeting_repo: Path) -> None:
    body = meeting_repo.parent / "body.md"
    body.write_text("## Contexte\n\nDes communes s'associent.\n", encoding="utf-8")
    result = ok(
        meeting_repo,
        *ADD,
        "--date",
        "2026-02-01",
        "--body-file",
        str(body),
        "--actor",
        "local-authority",
        "--actor",
        "company",
        "--territory",
        "La Réunion",
        "--start",
        "2024-09-01",
        "--partner",
        "AMF",
        "--reference",
        "Rapport|https://example.org/r",
    )
    assert result.stdout == "achats-groupes\n"
    assert record(meeting_repo, "practices", "achats-groupes") == (
        "id: achats-groupes\ntype: good-practice\ntitle: Achats groupés de tablettes\ndomain: acquisition\n"
        "summary: Des communes achètent ensemble.\nbody: |-\n  ## Contexte\n\n  Des communes s'associent.\n"
        "actors:\n- local-authority\n- company\nterritory: La Réunion\nperiod:\n  start: 2024-09-01\n"
        "themes:\n- usages\npartners:\n- amf\nstatus: proposed\ndates:\n  proposed: 2026-02-01\n"
        "references:\n- title: Rapport\n  url: https://example.org/r\n"
    )
    assert subjects(meeting_repo)[0] == "practice achats-groupes: new"
    assert ok(meeting_repo, "validate").stdout == ""


def test_add_without_a_date_is_proposed_today(meeting_repo: Path) -> None:
    from datetime import date

    ok(meeting_repo, *ADD)
    assert f"dates:\n  proposed: {date.today().isoformat()}\n" in record(meeting_repo, "practices", "achats-groupes")


def test_add_refuses_bad_input_and_leaves_the_register_unchanged(meeting_repo: Path) -> None:
    before = tree_state(meeting_repo)
    missing = cpne(meeting_repo, *ADD[:5], "--title", "T")
    assert missing.exit_code == 2 and "--domain" in missing.stderr and "--summary" in missing.stderr
    kind = cpne(meeting_repo, *ADD, "--type", "habit")
    assert kind.exit_code == 2 and "good-practice, initiative, experiment" in kind.stderr
    actor = cpne(meeting_repo, *ADD, "--actor", "mayor")
    assert actor.exit_code == 2 and "--actor: 'mayor' is not one of" in actor.stderr
    day = cpne(meeting_repo, *ADD, "--start", "2024-02-30")
    assert day.exit_code == 2 and "--start" in day.stderr
    theme = cpne(meeting_repo, *ADD, "--theme", "nope")
    assert theme.exit_code == 1 and "unknown theme 'nope'" in theme.stderr
    period = cpne(meeting_repo, *ADD, "--start", "2024-09-01", "--end", "2024-06-30")
    assert (
        period.exit_code == 1 and "period the period ends (2024-06-30) before it starts (2024-09-01)" in period.stderr
    )
    gone = cpne(meeting_repo, *ADD, "--partner", "rfve", "--date", "2025-01-01")
    assert gone.exit_code == 1 and "not-member" in gone.stderr
    assert "partner 'rfve' was not a member on 2025-01-01, when the practice was proposed" in gone.stderr
    slug = cpne(meeting_repo, *ADD[:2], "Achats Groupés", *ADD[3:])
    assert slug.exit_code == 2
    assert tree_state(meeting_repo) == before
    add(meeting_repo)
    again = cpne(meeting_repo, *ADD)
    assert again.exit_code == 1 and "already exists" in again.stderr


def test_endorsed_at_a_held_meeting_takes_its_date_then_retired(meeting_repo: Path) -> None:
    add(meeting_repo)
    ok(meeting_repo, "practice", "set-status", "achats-groupes", "endorsed", "--meeting", PLENARY.lower())
    text = record(meeting_repo, "practices", "achats-groupes")
    assert (
        "status: endorsed\ndates:\n  proposed: 2026-02-01\n  endorsed: 2026-03-10\nendorsed_at: MTG-2026-001\n" in text
    )
    assert subjects(meeting_repo)[0] == "practice achats-groupes: proposed -> endorsed"
    back = cpne(meeting_repo, "practice", "set-status", "achats-groupes", "proposed")
    assert back.exit_code == 1 and "cannot go from the status endorsed to proposed" in back.stderr
    stray = cpne(meeting_repo, "practice", "set-status", "achats-groupes", "retired", "--meeting", PLENARY)
    assert stray.exit_code == 2 and "--meeting goes only with the status endorsed" in stray.stderr
    early = cpne(meeting_repo, "practice", "set-status", "achats-groupes", "retired", "--date", "2026-03-01")
    assert early.exit_code == 1 and "dates.retired (2026-03-01) is before dates.endorsed (2026-03-10)" in early.stderr
    ok(meeting_repo, "practice", "set-status", "achats-groupes", "retired", "--date", "2026-06-01")
    text = record(meeting_repo, "practices", "achats-groupes")
    assert "status: retired\ndates:\n  proposed: 2026-02-01\n  endorsed: 2026-03-10\n  retired: 2026-06-01\n" in text
    assert "endorsed_at: MTG-2026-001\n" in text  # kept: it was endorsed there
    assert ok(meeting_repo, "validate").stdout == ""
    history = ok(meeting_repo, "practice", "history", "achats-groupes").stdout
    assert "proposed -> endorsed" in history and "endorsed -> retired" in history


def test_endorsement_refusals(meeting_repo: Path) -> None:
    add(meeting_repo)
    before = tree_state(meeting_repo)
    endorse = ("practice", "set-status", "achats-groupes", "endorsed")
    alone = cpne(meeting_repo, *endorse)
    assert alone.exit_code == 2 and "the status endorsed needs --meeting" in alone.stderr
    planned = cpne(meeting_repo, *endorse, "--meeting", NEXT)
    assert planned.exit_code == 1 and "endorsed-meeting" in planned.stderr
    assert f"{NEXT} has the status planned: a practice is endorsed at a held meeting" in planned.stderr
    other_day = cpne(meeting_repo, *endorse, "--meeting", PLENARY, "--date", "2026-03-11")
    assert other_day.exit_code == 1
    assert f"{PLENARY} took place on 2026-03-10, not on the date the practice was endorsed (2026-03-11)" in (
        other_day.stderr
    )
    unknown = cpne(meeting_repo, *endorse, "--meeting", "MTG-2026-009")
    assert unknown.exit_code == 1 and "MTG-2026-009" in unknown.stderr
    malformed = cpne(meeting_repo, *endorse, "--meeting", "séance")
    assert malformed.exit_code in (1, 2) and "Traceback" not in malformed.stderr
    assert tree_state(meeting_repo) == before


def test_a_meeting_or_a_partner_may_not_change_so_that_a_practice_no_longer_fits(meeting_repo: Path) -> None:
    add(meeting_repo, "--partner", "arf")
    ok(meeting_repo, "practice", "set-status", "achats-groupes", "endorsed", "--meeting", PLENARY)
    before = tree_state(meeting_repo)
    moved = cpne(meeting_repo, "meeting", "update", PLENARY, "--date", "2026-03-11")
    assert moved.exit_code == 1
    assert f"meeting {PLENARY} cannot change so: achats-groupes would no longer be valid" in moved.stderr
    assert f"{PATH}:" in moved.stderr and "endorsed-meeting" in moved.stderr
    late = cpne(meeting_repo, "partner", "update", "arf", "--joined", "2026-03-01")
    assert late.exit_code == 1
    assert "partner arf supports practices proposed when it would not be a member (from 2026-03-01)" in late.stderr
    assert tree_state(meeting_repo) == before
    ok(meeting_repo, "partner", "retire", "arf", "--date", "2026-05-01")  # leaving later leaves it valid
    assert ok(meeting_repo, "validate").stdout == ""


def test_validate_reports_each_rule_on_hand_written_practices(meeting_repo: Path) -> None:
    cases = {
        # endorsed without the meeting that endorsed it
        "no-meeting": practice("no-meeting", "endorsed", "  proposed: 2026-02-01\n  endorsed: 2026-03-10\n"),
        # a meeting named, never endorsed
        "stray-meeting": practice("stray-meeting", "proposed", "  proposed: 2026-02-01\n", f"endorsed_at: {PLENARY}\n"),
        # retired after an endorsement whose meeting is gone from the record
        "retired": practice(
            "retired", "retired", "  proposed: 2026-02-01\n  endorsed: 2026-03-10\n  retired: 2026-05-01\n"
        ),
        # the period ends before it starts
        "period": practice("period", "proposed", "  proposed: 2026-02-01\n", "", "amf").replace(
            "themes:", "period:\n  start: 2025-09-01\n  end: 2025-06-30\nthemes:"
        ),
        # endorsed at a meeting not held, and the dates go backwards
        "planned": practice(
            "planned", "endorsed", "  proposed: 2026-05-01\n  endorsed: 2026-04-10\n", f"endorsed_at: {NEXT}\n"
        ),
        # endorsed at a held meeting of another day
        "other-day": practice(
            "other-day", "endorsed", "  proposed: 2026-02-01\n  endorsed: 2026-03-12\n", f"endorsed_at: {PLENARY}\n"
        ),
        # a partner that had left the committee when it was proposed
        "gone": practice("gone", "proposed", "  proposed: 2025-01-01\n", "", "rfve"),
        # a meeting that does not exist
        "unknown": practice(
            "unknown", "endorsed", "  proposed: 2026-02-01\n  endorsed: 2026-03-10\n", "endorsed_at: MTG-2026-099\n"
        ),
    }
    for name, text in cases.items():
        write(meeting_repo, name, text)
    commit_all(meeting_repo, "practices written by hand")
    expected = {
        "no-meeting": {("endorsement", 10)},
        "stray-meeting": {("endorsement", 13)},
        "retired": {("endorsement", 13)},
        "period": {("period", 8)},
        "planned": {("lifecycle", 13), ("endorsed-meeting", 14)},
        "other-day": {("endorsed-meeting", 14)},
        "gone": {("not-member", 9)},
        "unknown": {("unknown-ref", 14)},
    }
    for name, codes in expected.items():
        assert found(meeting_repo, f"data/practices/{name}.yaml") == codes, name
    text = cpne(meeting_repo, "validate").stdout
    assert "data/practices/planned.yaml:14:1: endorsed-meeting MTG-2026-002 has the status planned" in text
    assert "MTG-2026-001 took place on 2026-03-10, not on the date the practice was endorsed (2026-03-12)" in text
    assert "partner 'rfve' was not a member on 2025-01-01, when the practice was proposed (member from" in text


def test_list_filters(meeting_repo: Path) -> None:
    add(meeting_repo, "--territory", "La Réunion", "--actor", "local-authority", "--partner", "amf")
    ok(
        meeting_repo,
        "practice",
        "add",
        "club-robotique",
        "--type",
        "initiative",
        "--title",
        "Club de robotique",
        "--domain",
        "uses",
        "--summary",
        "Des élèves construisent des robots.",
        "--theme",
        "usages",
        "--actor",
        "pupils",
        "--territory",
        "Académie de Lyon",
        "--date",
        "2026-01-05",
    )
    ok(meeting_repo, "practice", "set-status", "club-robotique", "endorsed", "--meeting", PLENARY)

    def ids(*filters: str) -> list[str]:
        listed = json.loads(ok(meeting_repo, "practice", "list", "--format", "json", *filters).stdout)
        return [p["id"] for p in listed]

    assert ids() == ["club-robotique", "achats-groupes"]  # in the order they were proposed
    assert ids("--type", "initiative") == ["club-robotique"]
    assert ids("--domain", "acquisition") == ["achats-groupes"]
    assert ids("--status", "endorsed") == ["club-robotique"]
    assert ids("--status", "endorsed", "--status", "proposed") == ["club-robotique", "achats-groupes"]
    assert ids("--theme", "USAGES") == ["club-robotique", "achats-groupes"]
    assert ids("--actor", "pupils") == ["club-robotique"]
    assert ids("--partner", "amf") == ["achats-groupes"]
    assert ids("--territory", "reunion") == ["achats-groupes"]
    assert ids("--territory", "ACADÉMIE") == ["club-robotique"]
    assert ids("--territory", "Paris") == []
    table = ok(meeting_repo, "practice", "list").stdout
    assert table.splitlines()[0].split() == ["id", "type", "domain", "status", "title"]
    assert "club-robotique  field initiative  uses         endorsed  Club de robotique" in table
    bad = cpne(meeting_repo, "practice", "list", "--domain", "cooking")
    assert bad.exit_code == 2 and "--domain: 'cooking' is not one of" in bad.stderr


def test_update_show_and_unset(meeting_repo: Path) -> None:
    add(meeting_repo, "--start", "2024-09-01", "--end", "2025-06-30")
    ok(meeting_repo, "practice", "update", "achats-groupes", "--territory", "Guyane", "--unset", "period.end")
    text = record(meeting_repo, "practices", "achats-groupes")
    assert "territory: Guyane\nperiod:\n  start: 2024-09-01\nthemes:" in text
    shown = ok(meeting_repo, "practice", "show", "achats-groupes").stdout
    assert "territory" in shown and "Guyane" in shown
    status = cpne(meeting_repo, "practice", "update", "achats-groupes", "--end", "2024-01-01")
    assert status.exit_code == 1 and "period" in status.stderr
    assert git(meeting_repo, "status", "--porcelain") == ""


@pytest.mark.usefixtures("french")
def test_a_french_register_speaks_of_practices_in_french(french_repo: Path) -> None:
    """Types, domains, actors and statuses typed by their French labels; messages agree with « pratique »."""
    sharing_day = ("--type", "journée de partage", "--title", "Journée de partage", "--date", "2026-03-10")
    meeting = ok(french_repo, "meeting", "new", *sharing_day).stdout.strip()
    ok(french_repo, "meeting", "set-status", meeting, "tenue")
    club = ("--type", "initiative de terrain", "--title", "Club", "--domain", "usages", "--summary", "Un club.")
    added = ok(
        french_repo, "practice", "add", "club", *club, "--theme", "usages", "--actor", "élèves", "--date", "2026-02-01"
    )
    assert "pratique club : créée" in added.stderr
    assert "type: initiative\ntitle: Club\ndomain: uses\n" in record(french_repo, "practices", "club")
    endorsed = ok(
        french_repo, "practice", "set-status", "club", "validée", "--meeting", meeting, "--date", "2026-03-10"
    )
    assert "pratique club : proposed (proposée) -> endorsed (validée)" in endorsed.stderr
    table = ok(french_repo, "practice", "list", "--actor", "élèves").stdout
    assert table.splitlines()[0].split() == ["identifiant", "type", "domaine", "statut", "titre"]
    assert "initiative de terrain  usages   validée" in table
    back = cpne(french_repo, "practice", "set-status", "club", "proposée")
    assert back.exit_code == 1
    assert "pratique club : ne peut pas passer du statut endorsed (validée) à proposed (proposée)" in back.stderr
    moved = cpne(french_repo, "meeting", "update", meeting, "--date", "2026-03-11")
    assert moved.exit_code == 1
    assert f"{meeting} a eu lieu le 2026-03-11, pas le jour où la pratique a été validée (2026-03-10)" in moved.stderr


def test_validate_base_rechecks_the_practices_a_changed_meeting_endorsed(meeting_repo: Path) -> None:
    add(meeting_repo)
    ok(meeting_repo, "practice", "set-status", "achats-groupes", "endorsed", "--meeting", PLENARY)
    path = meeting_repo / f"data/meetings/{PLENARY}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("date: 2026-03-10", "date: 2026-03-11"), encoding="utf-8")
    commit_all(meeting_repo, "the plenary moved by hand")
    done = cpne(meeting_repo, "validate", "--base", "HEAD~1")
    assert done.exit_code == 1
    assert f"{PATH}:12:1: endorsed-meeting {PLENARY} took place on 2026-03-11" in done.stdout
