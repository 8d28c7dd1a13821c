"""Changes survive being killed (issue 10, items 3, 7 and 8): an interrupted change is undone by the next
command, renumber is one journaled change, parallel theme numbers never collide, and history is exact."""

from __future__ import annotations

import json
import signal
import stat
import subprocess
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

from tests.conftest import git, tree_state
from tests.records_helpers import cpne_command, new_opinion, new_review, ok, record, run_process

YEAR = date.today().isoformat()[:4]


def _killing_hook(root: Path, pidfile: Path) -> None:
    """A pre-commit hook that kills the cpne process (SIGKILL) whose pid the test wrote, then waits."""
    hook = root / ".git" / "hooks" / "pre-commit"
    hook.write_text(
        "#!/bin/sh\n"
        f'while [ ! -s "{pidfile}" ]; do sleep 0.05; done\n'
        f'kill -9 "$(cat "{pidfile}")"\n'
        "sleep 0.5\nexit 1\n",
        encoding="utf-8",
    )
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)


def _killed(root: Path, tmp_path: Path, *args: str) -> None:
    pidfile = tmp_path / "pid"
    pidfile.unlink(missing_ok=True)
    _killing_hook(root, pidfile)
    process = subprocess.Popen(
        [*cpne_command(), "--repo", str(root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    pidfile.write_text(str(process.pid), encoding="utf-8")
    process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL
    (root / ".git" / "hooks" / "pre-commit").unlink()


def test_a_renumber_killed_before_its_commit_is_undone_by_the_next_command(data_repo: Path, tmp_path: Path) -> None:
    first = new_opinion(data_repo)
    second = new_opinion(data_repo, "--related", first, title="Avis lié")
    review = new_review(data_repo, "--outcome", first)
    before = tree_state(data_repo)
    _killed(data_repo, tmp_path, "renumber", first, f"OP-{YEAR}-040")
    assert (data_repo / ".git" / "cpne-journal.json").exists()
    assert (data_repo / "data" / "opinions" / f"OP-{YEAR}-040.yaml").exists()  # half done, as the kill left it
    repaired = run_process(data_repo, "theme", "archive", "filiere")  # any command that writes
    assert repaired.returncode == 0, repaired.stderr
    assert "an interrupted change was undone" in repaired.stderr
    assert f"data/opinions/OP-{YEAR}-040.yaml" in repaired.stderr
    git(data_repo, "reset", "-q", "--hard", "HEAD~1")  # take the archive back, to compare with before
    assert tree_state(data_repo) == before
    assert f"related:\n- {first}\n" in record(data_repo, "opinions", second)
    assert f"outcome: {first}\n" in record(data_repo, "reviews", review)
    assert not (data_repo / ".git" / "cpne-journal.json").exists()


def test_a_new_record_killed_before_its_commit_leaves_nothing(data_repo: Path, tmp_path: Path) -> None:
    before = tree_state(data_repo)
    _killed(
        data_repo,
        tmp_path,
        "partner",
        "add",
        "anct",
        "--acronym",
        "ANCT",
        "--name",
        "Agence",
        "--category",
        "public-institution",
        "--membership",
        "associated",
        "--joined",
        "2021-03-01",
    )
    assert (data_repo / "data" / "partners" / "anct.yaml").exists()
    ok(data_repo, "partner", "update", "amf", "--notes", "Note.")
    git(data_repo, "reset", "-q", "--hard", "HEAD~1")
    assert tree_state(data_repo) == before
    assert not list((data_repo / "data" / "partners").glob(".*tmp"))


def test_a_journal_left_after_the_commit_only_goes(data_repo: Path) -> None:
    record_id = new_opinion(data_repo)
    journal = data_repo / ".git" / "cpne-journal.json"
    journal.write_text(
        json.dumps({"head": "0" * 40, "files": [{"path": f"data/opinions/{record_id}.yaml", "old": None}]}),
        encoding="utf-8",
    )
    result = ok(data_repo, "theme", "archive", "filiere")
    assert "had been committed" in result.stderr
    assert (data_repo / "data" / "opinions" / f"{record_id}.yaml").exists()  # nothing was put back
    assert not journal.exists()


def test_parallel_theme_adds_get_distinct_numbers(data_repo: Path) -> None:
    def add(n: int) -> subprocess.CompletedProcess[str]:
        return run_process(
            data_repo,
            "theme",
            "add",
            f"theme-{n}",
            "--title",
            f"Thème {n}",
            "--summary",
            "Résumé.",
            env={"CPNE_LOCK_WAIT": "60"},
        )

    with ThreadPoolExecutor(max_workers=6) as pool:
        results = list(pool.map(add, range(6)))
    assert [r.returncode for r in results] == [0] * 6, [r.stderr for r in results]
    assert ok(data_repo, "validate").exit_code == 0
    numbers = sorted(
        int(line.split()[0])
        for line in ok(data_repo, "theme", "list").stdout.splitlines()[2:]
        if line.split() and line.split()[0].isdigit()
    )
    assert numbers == list(range(1, len(numbers) + 1))


def test_history_is_exact_after_an_id_collision_and_a_renumber(data_repo: Path, tmp_path: Path) -> None:
    colleague = tmp_path / "colleague"
    git(tmp_path, "clone", "-q", str(data_repo), str(colleague))
    mine = new_opinion(data_repo, title="Mon avis")
    ok(data_repo, "opinion", "set-status", mine, "consultation")
    theirs = new_opinion(colleague, title="Mon avis.")  # nearly the same text: git's guess would mix them
    assert mine == theirs
    git(data_repo, "fetch", "-q", str(colleague), "main:refs/remotes/colleague/main")
    moved = ok(data_repo, "renumber", mine).stdout.strip()
    git(data_repo, "merge", "-q", "--no-edit", "colleague/main")

    def subjects(record_id: str) -> list[str]:
        out = ok(data_repo, "opinion", "history", record_id, "--format", "json").stdout
        return [entry["subject"] for entry in json.loads(out)]

    assert subjects(moved) == [
        f"opinion {moved}: renumber from {mine}",
        f"opinion {mine}: draft -> consultation",
        f"opinion {mine}: new",
    ]
    assert subjects(mine) == [f"opinion {mine}: new"]  # the colleague's record: its one commit, nothing of mine
    moved_entry = json.loads(ok(data_repo, "opinion", "history", moved, "--format", "json").stdout)[0]
    assert moved_entry["status_from"] is None and moved_entry["status_to"] is None


def test_every_kind_has_a_history(data_repo: Path) -> None:
    ok(data_repo, "partner", "update", "amf", "--notes", "Note.")
    out = ok(data_repo, "partner", "history", "amf", "--format", "json").stdout
    assert json.loads(out)[0]["subject"] == "partner amf: update"
    for kind, record_id in (("theme", "usages"), ("referential", "carmo")):
        assert json.loads(ok(data_repo, kind, "history", record_id, "--format", "json").stdout)


def test_a_file_changed_since_the_interruption_is_left_as_it_is(data_repo: Path, tmp_path: Path) -> None:
    record_id = new_opinion(data_repo)
    _killed(data_repo, tmp_path, "opinion", "update", record_id, "--title", "Titre interrompu")
    path = data_repo / "data" / "opinions" / f"{record_id}.yaml"
    mine = path.read_text(encoding="utf-8").replace("Titre interrompu", "Titre de la main de l'utilisateur")
    path.write_text(mine, encoding="utf-8")  # the user changed the file before cpne ran again
    result = run_process(data_repo, "partner", "update", "amf", "--notes", "Note.")
    assert result.returncode == 0, result.stderr
    assert "changed since; they are left as they are" in result.stderr
    assert path.read_text(encoding="utf-8") == mine
    assert not (data_repo / ".git" / "cpne-journal.json").exists()


def test_history_reads_git_whatever_the_users_colour_and_diff_settings(data_repo: Path) -> None:
    record_id = new_opinion(data_repo)
    ok(data_repo, "opinion", "set-status", record_id, "consultation")
    git(data_repo, "config", "color.ui", "always")
    git(data_repo, "config", "diff.context", "10")
    entries = json.loads(ok(data_repo, "opinion", "history", record_id, "--format", "json").stdout)
    assert [(e["status_from"], e["status_to"]) for e in entries] == [("draft", "consultation"), (None, "draft")]
