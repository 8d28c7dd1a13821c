"""`cpne review new|list|show|update|set-status|history` on real repositories."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.conftest import tree_state
from tests.records_helpers import cpne, new_opinion, new_review, ok, record, subjects

TODAY = date.today().isoformat()


def test_new_with_every_field(data_repo: Path) -> None:
    opinion = new_opinion(data_repo, "--date", "2026-01-05")
    result = ok(
        data_repo,
        *("review", "new", "--title", "Revue du GAR", "--referential", "gar", "--version", "4.0"),
        *("--theme", "referentiels", "--rapporteur", "men", "--rapporteur", "cdc", "--date", "2026-02-01"),
        *("--summary", "Revue de la version 4.", "--finding", "Constat 1", "--finding", "Constat 2"),
        *("--recommendation", "Recommandation 1", "--outcome", opinion, "--notes", "Note."),
    )
    assert result.stdout == "REV-2026-001\n"
    assert record(data_repo, "reviews", "REV-2026-001") == (
        "id: REV-2026-001\ntitle: Revue du GAR\nreferential: gar\nversion: '4.0'\nstatus: planned\n"
        "themes:\n- referentiels\nrapporteurs:\n- men\n- cdc\ndates:\n  opened: 2026-02-01\n"
        "summary: Revue de la version 4.\nfindings:\n- Constat 1\n- Constat 2\n"
        "recommendations:\n- Recommandation 1\noutcome: OP-2026-001\nnotes: Note.\n"
    )
    assert subjects(data_repo)[0] == "review REV-2026-001: new"


def test_new_refuses_an_unknown_referential_and_missing_options(data_repo: Path) -> None:
    before = tree_state(data_repo)
    result = cpne(
        data_repo,
        *("review", "new", "--title", "R", "--referential", "garr", "--version", "1"),
        *("--theme", "usages", "--rapporteur", "amf"),
    )
    assert result.exit_code == 1
    assert "unknown referential 'garr' (did you mean 'gar'?)" in result.stderr
    missing = cpne(data_repo, "review", "new", "--title", "R")
    assert missing.exit_code == 2
    assert "--referential, --version, --theme, --rapporteur" in missing.stderr
    assert tree_state(data_repo) == before


def test_lifecycle(data_repo: Path) -> None:
    review = new_review(data_repo, "--date", "2026-01-01")
    ok(data_repo, "review", "set-status", review, "in-progress", "--date", "2026-02-01")
    unfounded = cpne(data_repo, "review", "set-status", review, "concluded", "--date", "2026-06-30")
    assert unfounded.exit_code == 1
    assert "a concluded review needs findings or an outcome" in unfounded.stderr
    ok(data_repo, "review", "update", review, "--finding", "Le référentiel couvre bien les usages.")
    ok(data_repo, "review", "set-status", review, "concluded", "--date", "2026-06-30")
    text = record(data_repo, "reviews", review)
    assert "status: concluded\n" in text
    assert "dates:\n  opened: 2026-01-01\n  started: 2026-02-01\n  concluded: 2026-06-30\n" in text
    assert subjects(data_repo)[:3] == [
        f"review {review}: in-progress -> concluded",
        f"review {review}: update",
        f"review {review}: planned -> in-progress",
    ]
    fresh = new_review(data_repo)
    before = tree_state(data_repo)
    final = cpne(data_repo, "review", "set-status", review, "abandoned")
    assert final.exit_code == 1
    assert "'concluded' is final" in final.stderr
    skip = cpne(data_repo, "review", "set-status", fresh, "concluded")
    assert skip.exit_code == 1
    assert "from the status planned to concluded: the allowed transitions are: in-progress, abandoned" in skip.stderr
    no_date = cpne(data_repo, "review", "set-status", fresh, "abandoned", "--date", "2026-01-01")
    assert no_date.exit_code == 2
    assert "--date: the status abandoned records no date" in no_date.stderr
    reason = cpne(data_repo, "review", "set-status", fresh, "abandoned", "--reason", "x")
    assert reason.exit_code == 2
    assert tree_state(data_repo) == before


def test_abandon(data_repo: Path) -> None:
    review = new_review(data_repo)
    ok(data_repo, "review", "set-status", review, "abandoned")
    assert "status: abandoned\n" in record(data_repo, "reviews", review)
    assert cpne(data_repo, "validate").exit_code == 0


def test_list_show_update_history(data_repo: Path) -> None:
    first = new_review(data_repo, "--date", "2025-05-01")
    second = new_review(data_repo)
    ok(data_repo, "review", "set-status", second, "in-progress")

    def ids(*args: str) -> list[str]:
        return [r["id"] for r in json.loads(ok(data_repo, "review", "list", "--format", "json", *args).stdout)]

    assert ids() == [first, second]
    assert ids("--status", "in-progress") == [second]
    assert ids("--year", "2025") == [first]
    assert ids("--referential", "gar") == []
    assert ids("--theme", "usages") == [first, second]
    assert "Revue du CARMO" in ok(data_repo, "review", "show", first).stdout
    ok(data_repo, "review", "update", first, "--finding", "Nouveau constat", "--unset", "notes")
    assert "findings:\n- Nouveau constat\n" in record(data_repo, "reviews", first)
    entries = json.loads(ok(data_repo, "review", "history", second, "--format", "json").stdout)
    assert [e["status_to"] for e in entries] == ["in-progress", "planned"]
