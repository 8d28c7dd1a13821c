"""`cpne group new|list|show|update|join|leave|close` on real repositories, and the groups' checks."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import git, tree_state
from tests.records_helpers import cpne, ok, record, run_process, subjects

NEW = ("group", "new", "gt-ia", "--title", "Intelligence artificielle", "--mandate", "Étudier l'IA à l'école.")


def new_group(root: Path, *extra: str) -> None:
    ok(root, *NEW, "--theme", "usages", "--lead", "AMF", "--member", "men", "--date", "2024-01-10", *extra)


def problems(root: Path) -> list[tuple[str, int, str]]:
    done = cpne(root, "validate", "--format", "json")
    return [
        (p["code"], p["line"], p["message"]) for p in json.loads(done.stdout) if p["path"].startswith("data/groups")
    ]


def write(root: Path, text: str) -> None:
    (root / "data/groups").mkdir(exist_ok=True)
    (root / "data/groups/gt-x.yaml").write_text(text, encoding="utf-8")


HEAD = "id: gt-x\ntitle: X\nmandate: M\nthemes:\n- usages\nmembers:\n"


def test_new_writes_the_group_its_leads_and_members(data_repo: Path) -> None:
    result = ok(data_repo, *NEW, "--theme", "usages", "--lead", "AMF", "--member", "men", "--date", "2024-01-10")
    assert result.stdout == "gt-ia\n"
    assert record(data_repo, "groups", "gt-ia") == (
        "id: gt-ia\ntitle: Intelligence artificielle\nmandate: Étudier l'IA à l'école.\nthemes:\n- usages\n"
        "members:\n- partner: amf\n  role: lead\n  joined: 2024-01-10\n- partner: men\n  role: member\n"
        "  joined: 2024-01-10\nstatus: active\ncreated: 2024-01-10\n"
    )
    assert subjects(data_repo)[0] == "group gt-ia: new"
    assert ok(data_repo, "validate").stdout == ""


def test_new_refuses_missing_options_and_unknown_partners(data_repo: Path) -> None:
    before = tree_state(data_repo)
    missing = cpne(data_repo, *NEW, "--theme", "usages")
    assert missing.exit_code == 2 and "--lead" in missing.stderr
    unknown = cpne(data_repo, *NEW, "--theme", "usages", "--lead", "nope")
    assert unknown.exit_code == 1 and "unknown partner 'nope'" in unknown.stderr
    bad_date = cpne(data_repo, *NEW, "--theme", "usages", "--lead", "amf", "--date", "2024-13-01")
    assert bad_date.exit_code == 2
    early = cpne(data_repo, *NEW, "--theme", "usages", "--lead", "amf", "--date", "2010-01-01")
    assert early.exit_code == 1 and "not-member" in early.stderr and "2010-01-01" in early.stderr
    assert tree_state(data_repo) == before


def test_join_leave_close(data_repo: Path) -> None:
    new_group(data_repo)
    ok(data_repo, "group", "join", "gt-ia", "adf", "--role", "lead", "--date", "2024-02-01")
    ok(data_repo, "group", "join", "gt-ia", "arf")
    ok(data_repo, "group", "leave", "gt-ia", "amf", "--date", "2024-03-01")
    text = record(data_repo, "groups", "gt-ia")
    assert "- partner: amf\n  role: lead\n  joined: 2024-01-10\n  left: 2024-03-01\n" in text
    assert "- partner: adf\n  role: lead\n  joined: 2024-02-01\n" in text
    assert "- partner: arf\n  role: member\n  joined: " in text
    ok(data_repo, "group", "close", "gt-ia", "--date", "2024-05-01")
    text = record(data_repo, "groups", "gt-ia")
    assert text.endswith("status: closed\ncreated: 2024-01-10\nclosed: 2024-05-01\n")
    assert subjects(data_repo)[:5] == [
        "group gt-ia: close",
        "group gt-ia: leave",
        "group gt-ia: join",
        "group gt-ia: join",
        "group gt-ia: new",
    ]
    again = cpne(data_repo, "group", "close", "gt-ia")
    assert again.exit_code == 1 and "working group gt-ia is already closed" in again.stderr
    closed = cpne(data_repo, "group", "join", "gt-ia", "avi")
    assert closed.exit_code == 1 and "only for the status active" in closed.stderr
    assert ok(data_repo, "validate").stdout == ""


def test_join_and_leave_refusals(data_repo: Path) -> None:
    new_group(data_repo)
    before = tree_state(data_repo)
    twice = cpne(data_repo, "group", "join", "gt-ia", "men", "--date", "2024-02-01")
    assert twice.exit_code == 1 and "member-twice" in twice.stderr
    unknown = cpne(data_repo, "group", "join", "gt-ia", "nope")
    assert unknown.exit_code == 1 and "unknown partner 'nope'" in unknown.stderr
    role = cpne(data_repo, "group", "join", "gt-ia", "adf", "--role", "chair")
    assert role.exit_code == 2 and "lead, member" in role.stderr
    absent = cpne(data_repo, "group", "leave", "gt-ia", "adf")
    assert absent.exit_code == 1 and "partner 'adf' does not sit in working group gt-ia" in absent.stderr
    no_lead = cpne(data_repo, "group", "leave", "gt-ia", "amf", "--date", "2024-02-01")
    assert no_lead.exit_code == 1 and "no-lead" in no_lead.stderr
    backwards = cpne(data_repo, "group", "leave", "gt-ia", "men", "--date", "2024-01-01")
    assert backwards.exit_code == 1 and "date-order" in backwards.stderr
    before_group = cpne(data_repo, "group", "join", "gt-ia", "adf", "--date", "2023-12-31")
    assert before_group.exit_code == 1 and "before the group was created" in before_group.stderr
    assert tree_state(data_repo) == before


def test_a_partner_leaves_its_groups_before_it_retires(data_repo: Path) -> None:
    new_group(data_repo)
    before = git(data_repo, "rev-parse", "HEAD")
    refused = cpne(data_repo, "partner", "retire", "men", "--date", "2024-06-30")
    assert refused.exit_code == 1
    assert "partner men would sit in working groups when it is not a member" in refused.stderr
    assert "gt-ia (cpne group leave GROUP men --date DATE first)" in refused.stderr
    assert git(data_repo, "rev-parse", "HEAD") == before
    late = cpne(data_repo, "group", "leave", "gt-ia", "men", "--date", "2024-07-01")
    assert late.exit_code == 0
    refused = cpne(data_repo, "partner", "retire", "men", "--date", "2024-06-30")
    assert refused.exit_code == 1  # it sat in the group the day after
    ok(data_repo, "partner", "retire", "men", "--date", "2024-07-01")
    assert problems(data_repo) == []


def test_a_partner_retired_by_hand_is_reported_in_its_group(data_repo: Path) -> None:
    new_group(data_repo)
    path = data_repo / "data" / "partners" / "men.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "left: 2024-06-30\n", encoding="utf-8")
    found = problems(data_repo)
    assert [(code, line) for code, line, _ in found] == [("not-member", 10)]
    assert "left the committee on 2024-06-30" in found[0][2]


def test_validation_codes_and_lines(data_repo: Path) -> None:
    write(
        data_repo,
        HEAD + "- partner: amf\n  role: member\n  joined: 2015-01-01\n"
        "- partner: men\n  role: member\n  joined: 2020-01-01\n  left: 2019-01-01\n"
        "- partner: amf\n  role: member\n  joined: 2019-06-01\n"
        "- partner: ghost\n  role: member\n  joined: 2020-01-01\n"
        "status: active\ncreated: 2016-01-01\nclosed: 2015-06-01\n",
    )
    found = {(code, line) for code, line, _ in problems(data_repo)}
    assert found == {
        ("not-member", 7),  # amf joined the committee in 2015-10
        ("date-order", 9),  # amf joined before the group was created
        ("date-order", 13),  # men left before it joined
        ("member-twice", 14),  # amf twice at once
        ("unknown-ref", 17),
        ("no-lead", 6),
        ("closed", 22),  # closed set while active
        ("date-order", 22),  # closed before created
    }
    write(data_repo, HEAD + "- partner: amf\n  role: lead\n  joined: 2020-01-01\nstatus: closed\ncreated: 2020-01-01\n")
    assert [(code, line) for code, line, _ in problems(data_repo)] == [("closed", 10)]


def test_list_show_update_history_and_exports(data_repo: Path) -> None:
    new_group(data_repo)
    ok(data_repo, "group", "update", "gt-ia", "--mandate", "Un autre mandat.", "--theme", "gouvernance")
    assert "mandate: Un autre mandat.\nthemes:\n- gouvernance\n" in record(data_repo, "groups", "gt-ia")
    listed = json.loads(ok(data_repo, "group", "list", "--member", "men", "--format", "json").stdout)
    assert [g["id"] for g in listed] == ["gt-ia"]
    assert ok(data_repo, "group", "list", "--member", "adf", "--format", "json").stdout.strip() == "[]"
    assert "gt-ia" in ok(data_repo, "group", "list", "--status", "active", "--theme", "gouvernance").stdout
    assert "Intelligence artificielle" in ok(data_repo, "group", "show", "GT-IA").stdout
    history = json.loads(ok(data_repo, "group", "history", "gt-ia", "--format", "json").stdout)
    assert [entry["subject"] for entry in history] == ["group gt-ia: update", "group gt-ia: new"]
    document = json.loads(ok(data_repo, "export", "json").stdout)
    assert [g["id"] for g in document["groups"]] == ["gt-ia"]
    assert "| gt-ia |" in ok(data_repo, "export", "register").stdout


def test_french(data_repo: Path) -> None:
    new_group(data_repo)
    settings = data_repo / "cpne.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("language: en", "language: fr"), encoding="utf-8")
    assert "language: fr" in settings.read_text(encoding="utf-8")
    done = run_process(data_repo, "group", "leave", "gt-ia", "adf")
    assert "le partenaire « adf » ne siège pas dans le groupe de travail gt-ia" in done.stderr
    done = run_process(data_repo, "group", "join", "gt-ia", "adf", "--role", "responsable", "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "role: lead" in done.stdout
    shown = run_process(data_repo, "group", "show", "gt-ia")
    assert shown.returncode == 0, shown.stderr
    labels = [line.split("  ")[0] for line in shown.stdout.splitlines()[2:] if line and not line.startswith(" ")]
    assert "membres" in labels and "responsables" not in labels  # the list --lead and --member both fill
