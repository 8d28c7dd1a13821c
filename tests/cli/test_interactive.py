"""Prompts, rich tables and the edit loop, tested for real through a pseudo-terminal (pexpect)."""

from __future__ import annotations

import os
import shlex
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pexpect
import pytest

from tests.conftest import git
from tests.records_helpers import cpne, new_opinion, ok, record, subjects

YEAR = date.today().isoformat()[:4]


@pytest.fixture
def terminal() -> Iterator[list[pexpect.spawn]]:
    """Spawned cpne processes, killed at the end if a test left one running."""
    children: list[pexpect.spawn] = []
    yield children
    for child in children:
        if child.isalive():
            child.terminate(force=True)


def spawn(children: list[pexpect.spawn], root: Path, *args: str, **env: str) -> pexpect.spawn:
    environment = {**os.environ, "TERM": "xterm-256color", **env}
    for name, value in env.items():
        if value == "":
            environment.pop(name, None)
    child = pexpect.spawn(
        sys.executable,
        ["-m", "cpne", "--repo", str(root), *args],
        env=environment,
        encoding="utf-8",
        timeout=15,
        dimensions=(50, 200),
    )
    children.append(child)
    return child


def finish(child: pexpect.spawn) -> tuple[str, int]:
    child.expect(pexpect.EOF)
    child.close()
    return child.before, child.exitstatus


def test_new_opinion_asks_for_what_is_missing_offering_the_register(
    data_repo: Path, terminal: list[pexpect.spawn]
) -> None:
    child = spawn(terminal, data_repo, "opinion", "new", "--summary", "Résumé donné en option.")
    child.expect_exact("Title: ")
    child.sendline("Avis sur le numérique éducatif")
    child.expect_exact("recommendation")
    child.expect_exact("Kind (number or value): ")
    child.sendline("2")
    child.expect_exact("usages")
    child.expect_exact("1. Usages numériques, à l'école et hors de l'école")
    child.expect_exact("Themes (numbers or values, separated by commas): ")
    child.sendline("nope")
    child.expect_exact("'nope' is not one of the choices")
    child.expect_exact("Themes (numbers or values, separated by commas): ")
    child.sendline("1, gouvernance")
    child.expect_exact("AMF — Association des maires de France")
    child.expect_exact("Rapporteurs (numbers or values, separated by commas): ")
    child.sendline("amf")
    rest, status = finish(child)
    assert status == 0, rest
    assert f"OP-{YEAR}-001" in rest
    text = record(data_repo, "opinions", f"OP-{YEAR}-001")
    assert "kind: recommendation\ntitle: Avis sur le numérique éducatif\n" in text
    assert "themes:\n- usages\n- gouvernance\nrapporteurs:\n- amf\n" in text
    assert "summary: Résumé donné en option.\n" in text
    assert subjects(data_repo)[0] == f"opinion OP-{YEAR}-001: new"


def test_partner_add_asks_for_the_id_and_the_signatory_name(data_repo: Path, terminal: list[pexpect.spawn]) -> None:
    child = spawn(terminal, data_repo, "partner", "add")
    child.expect_exact("Id of the new partner (e.g. amf): ")
    child.sendline("amf")
    child.expect_exact("partner 'amf' already exists")
    child.expect_exact("Id of the new partner (e.g. amf): ")
    child.sendline("anct")
    child.expect_exact("Acronym: ")
    child.sendline("ANCT")
    child.expect_exact("Current official name: ")
    child.sendline("Agence nationale de la cohésion des territoires")
    child.expect_exact("Category (number or value): ")
    child.sendline("public-institution")
    child.expect_exact("Membership (number or value): ")
    child.sendline("1")
    child.expect_exact("Name under which it signed the convention: ")
    child.sendline("Agence du numérique")
    child.expect_exact("Date it joined (YYYY-MM-DD): ")
    child.sendline("2021-13-01")
    child.expect_exact("'2021-13-01' is not a real date")
    child.expect_exact("Date it joined (YYYY-MM-DD): ")
    child.sendline("2021-03-01")
    rest, status = finish(child)
    assert status == 0, rest
    assert "anct" in rest
    text = record(data_repo, "partners", "anct")
    assert "signed_as: Agence du numérique\ncategory: public-institution\nmembership: signatory\n" in text
    assert "joined: 2021-03-01\n" in text


def test_set_status_asks_for_the_reason_and_the_decision(data_repo: Path, terminal: list[pexpect.spawn]) -> None:
    first = new_opinion(data_repo)
    child = spawn(terminal, data_repo, "opinion", "set-status", first, "withdrawn")
    child.expect_exact("Reason for the withdrawal: ")
    child.sendline("Devenu sans objet.")
    rest, status = finish(child)
    assert status == 0, rest
    assert "withdrawn_reason: Devenu sans objet.\n" in record(data_repo, "opinions", first)
    second = new_opinion(data_repo)
    ok(data_repo, "opinion", "set-status", second, "consultation")
    child = spawn(terminal, data_repo, "opinion", "set-status", second, "adopted")
    child.expect_exact("Decision mode (number or value): ")
    child.sendline("consensus")
    rest, status = finish(child)
    assert status == 0, rest
    assert "decision:\n  mode: consensus\n" in record(data_repo, "opinions", second)


def test_an_interactive_vote_asks_for_the_positions(data_repo: Path, terminal: list[pexpect.spawn]) -> None:
    record_id = new_opinion(data_repo)
    ok(data_repo, "opinion", "set-status", record_id, "consultation")
    child = spawn(terminal, data_repo, "opinion", "set-status", record_id, "adopted")
    child.expect_exact("Decision mode (number or value): ")
    child.sendline("vote")
    child.expect_exact("Positions 1: ")
    child.sendline("")  # none yet: refused, asked again
    child.expect_exact("at least one is needed")
    child.expect_exact("Positions 1: ")
    child.sendline("amf|oui")  # not a position: refused, asked again
    child.expect_exact("position 'oui' is not one of")
    child.expect_exact("Positions 1: ")
    child.sendline("amf|for")
    child.expect_exact("Positions 2: ")
    child.sendline("men|against|Réserve sur le calendrier")
    child.expect_exact("Positions 3: ")
    child.sendline("")
    rest, status = finish(child)
    assert status == 0, rest
    text = record(data_repo, "opinions", record_id)
    assert "decision:\n  mode: vote\n  positions:\n  - partner: amf\n    position: for\n" in text
    assert "  - partner: men\n    position: against\n    note: Réserve sur le calendrier\n" in text


def _two_step_editor(tmp_path: Path) -> str:
    """First call: an invalid kind. Second call: a valid title change."""
    counter = tmp_path / "calls"
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\n"
        f"counter = pathlib.Path({str(counter)!r})\n"
        "calls = int(counter.read_text()) + 1 if counter.exists() else 1\n"
        "counter.write_text(str(calls))\n"
        "path = pathlib.Path(sys.argv[1])\n"
        "text = path.read_text(encoding='utf-8')\n"
        "if calls == 1:\n"
        "    text = text.replace('kind: opinion', 'kind: avis')\n"
        "else:\n"
        "    text = text.replace('kind: avis', 'kind: opinion').replace('Avis sur les ENT', 'Avis corrigé')\n"
        "path.write_text(text, encoding='utf-8')\n",
        encoding="utf-8",
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


def test_edit_offers_to_edit_again_an_invalid_result(
    data_repo: Path, tmp_path: Path, terminal: list[pexpect.spawn]
) -> None:
    record_id = new_opinion(data_repo)
    child = spawn(terminal, data_repo, "opinion", "edit", record_id, EDITOR=_two_step_editor(tmp_path), VISUAL="")
    child.expect_exact("'kind' must be one of: opinion, recommendation, contribution")
    child.expect_exact("Edit it again? (no: abandon the changes) [Y/n]: ")
    child.sendline("y")
    rest, status = finish(child)
    assert status == 0, rest
    assert f"opinion {record_id}: edited (commit" in rest
    assert "title: Avis corrigé\n" in record(data_repo, "opinions", record_id)
    assert "kind: opinion\n" in record(data_repo, "opinions", record_id)


def test_edit_abandoned_leaves_the_record(data_repo: Path, tmp_path: Path, terminal: list[pexpect.spawn]) -> None:
    record_id = new_opinion(data_repo)
    before = record(data_repo, "opinions", record_id)
    child = spawn(terminal, data_repo, "opinion", "edit", record_id, EDITOR=_two_step_editor(tmp_path), VISUAL="")
    child.expect_exact("Edit it again? (no: abandon the changes) [Y/n]: ")
    child.sendline("n")
    rest, status = finish(child)
    assert status == 1
    assert "changes abandoned" in rest
    assert record(data_repo, "opinions", record_id) == before
    assert git(data_repo, "status", "--porcelain") == ""


def test_tables_and_panels_on_a_terminal(data_repo: Path, terminal: list[pexpect.spawn]) -> None:
    record_id = new_opinion(data_repo)
    plain, status = finish(spawn(terminal, data_repo, "opinion", "list", NO_COLOR="1"))
    assert status == 0
    assert record_id in plain
    assert "\x1b[" not in plain
    assert "━" in plain or "─" in plain  # a rich table, not the plain text one
    coloured, status = finish(spawn(terminal, data_repo, "opinion", "list", NO_COLOR=""))
    assert status == 0
    assert "\x1b[" in coloured
    panel, status = finish(spawn(terminal, data_repo, "opinion", "show", record_id, NO_COLOR="1"))
    assert status == 0
    assert "╭" in panel
    assert "Avis sur les ENT" in panel


def test_a_working_group_meeting_asks_for_its_group_and_attend_for_the_partner(
    data_repo: Path, terminal: list[pexpect.spawn]
) -> None:
    ok(data_repo, "group", "new", "gt-ia", "--title", "IA", "--mandate", "Étudier.", "--theme", "usages",
       "--lead", "amf", "--member", "men", "--date", "2024-01-10")  # fmt: skip
    child = spawn(terminal, data_repo, "meeting", "new", "--title", "Réunion du groupe", "--date", "2024-02-01")
    child.expect_exact("consensus-conference")
    child.expect_exact("Type (number or value): ")
    child.sendline("2")
    child.expect_exact("gt-ia")
    child.expect_exact("Working group (number or value): ")
    child.sendline("1")
    rest, status = finish(child)
    assert status == 0, rest
    text = record(data_repo, "meetings", "MTG-2024-001")
    assert "type: working-group\ntitle: Réunion du groupe\ndate: 2024-02-01\ngroup: gt-ia\nstatus: planned\n" in text
    child = spawn(terminal, data_repo, "meeting", "attend", "MTG-2024-001")
    child.expect_exact("AMF — Association des maires de France")
    child.expect_exact("Partner (number or value): ")
    child.sendline("men")
    child.expect_exact("Presence (number or value): ")
    child.sendline("present")
    rest, status = finish(child)
    assert status == 0, rest
    assert "attendance:\n- partner: men\n  presence: present\n" in record(data_repo, "meetings", "MTG-2024-001")
    assert subjects(data_repo)[:2] == ["meeting MTG-2024-001: attend", "meeting MTG-2024-001: new"]


def test_attend_off_a_terminal_names_what_is_missing(data_repo: Path) -> None:
    ok(data_repo, "meeting", "new", "--type", "plenary", "--title", "Séance", "--date", "2024-02-01")
    before = subjects(data_repo)
    done = cpne(data_repo, "meeting", "attend", "MTG-2024-001")
    assert done.exit_code == 2
    assert "`cpne meeting attend` needs PARTNER (partner)" in done.stderr and "Traceback" not in done.stderr
    done = cpne(data_repo, "meeting", "attend", "MTG-2024-001", "amf")
    assert done.exit_code == 2
    assert "`cpne meeting attend` needs --presence (presence)" in done.stderr
    assert subjects(data_repo) == before
