"""The lifecycle rules a secretariat relies on (issue 10, items 14 to 19): frozen texts and corrigenda,
decisions by vote or consensus, every consultation round kept, a review's start, missing input is exit 2,
and refusals that name the option given rather than a line of a file never written."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import git, tree_state
from tests.records_helpers import cpne, new_opinion, ok, record, subjects


def _published(root: Path) -> str:
    record_id = new_opinion(root, "--date", "2026-01-05")
    ok(root, "opinion", "set-status", record_id, "consultation", "--date", "2026-01-10")
    ok(root, "opinion", "set-status", record_id, "adopted", "--date", "2026-02-01", "--decision", "consensus")
    ok(root, "opinion", "set-status", record_id, "published", "--date", "2026-02-02")
    return record_id


def test_a_published_text_is_frozen_and_takes_corrigenda(data_repo: Path) -> None:
    record_id = _published(data_repo)
    before = tree_state(data_repo)
    for args in (("update", record_id, "--title", "Autre titre"), ("edit", record_id)):
        refused = cpne(data_repo, "opinion", *args)
        assert refused.exit_code == 1, args
        assert f"opinion {record_id} has the status published: its text is frozen" in refused.stderr
        assert "cpne opinion corrigendum" in refused.stderr
    assert tree_state(data_repo) == before
    ok(
        data_repo,
        "opinion",
        "corrigendum",
        record_id,
        "--text",
        "Lire « 2026 » au lieu de « 2025 ».",
        "--date",
        "2026-03-01",
    )
    ok(data_repo, "opinion", "corrigendum", record_id, "--text", "Annexe ajoutée.")
    text = record(data_repo, "opinions", record_id)
    assert "corrigenda:\n- date: 2026-03-01\n  text: Lire « 2026 » au lieu de « 2025 ».\n- date: " in text
    assert subjects(data_repo)[:2] == [f"opinion {record_id}: corrigendum"] * 2
    exported = ok(data_repo, "export", "opinion", record_id, "--lang", "fr").stdout
    assert "## Rectificatifs" in exported and "1er mars 2026 : Lire « 2026 » au lieu de « 2025 »." in exported


def test_a_corrigendum_is_for_final_texts_and_needs_its_text(data_repo: Path) -> None:
    draft = new_opinion(data_repo)
    before = tree_state(data_repo)
    early = cpne(data_repo, "opinion", "corrigendum", draft, "--text", "x")
    assert early.exit_code == 1 and "`corrigendum` is only for the statuses published" in early.stderr
    empty = cpne(data_repo, "opinion", "corrigendum", draft)
    assert empty.exit_code == 2 and "needs --text" in empty.stderr
    assert tree_state(data_repo) == before


def test_a_vote_records_positions_and_a_consensus_none_for_or_against(data_repo: Path) -> None:
    record_id = new_opinion(data_repo)
    ok(data_repo, "opinion", "set-status", record_id, "consultation")
    before = tree_state(data_repo)
    vote = cpne(data_repo, "opinion", "set-status", record_id, "adopted", "--decision", "vote")
    assert vote.exit_code == 2 and "needs --position PARTNER|POSITION" in vote.stderr
    consensus = cpne(
        data_repo, "opinion", "set-status", record_id, "adopted", "--decision", "consensus", "--position", "amf|for"
    )
    assert consensus.exit_code == 1
    assert "--position 'amf|for': decision a consensus records no position 'for'" in consensus.stderr
    new_vote = cpne(
        data_repo,
        "opinion",
        "new",
        "--title",
        "T",
        "--kind",
        "opinion",
        "--theme",
        "usages",
        "--rapporteur",
        "amf",
        "--decision",
        "vote",
    )
    assert new_vote.exit_code == 2 and "--position" in new_vote.stderr
    assert tree_state(data_repo) == before
    ok(data_repo, "opinion", "set-status", record_id, "adopted", "--decision", "consensus", "--position", "men|abstain")
    ok(data_repo, "validate")


def test_every_consultation_round_is_kept_and_sending_back_is_dated(data_repo: Path) -> None:
    record_id = new_opinion(data_repo, "--date", "2026-01-05")
    ok(data_repo, "opinion", "set-status", record_id, "consultation", "--date", "2026-01-10")
    ok(data_repo, "opinion", "set-status", record_id, "draft", "--date", "2026-01-20")
    ok(data_repo, "opinion", "set-status", record_id, "consultation", "--date", "2026-02-01")
    data = json.loads(ok(data_repo, "opinion", "show", record_id, "--format", "json").stdout)
    assert data["rounds"] == [
        {"consultation": "2026-01-10", "returned": "2026-01-20"},
        {"consultation": "2026-02-01"},
    ]
    assert data["dates"]["consultation"] == "2026-02-01"
    backwards = cpne(data_repo, "opinion", "set-status", record_id, "draft", "--date", "2026-01-15")
    assert backwards.exit_code == 1 and "rounds go forward in time" in backwards.stderr
    ok(data_repo, "validate")


def test_a_hand_edited_round_that_contradicts_the_status_is_reported(data_repo: Path) -> None:
    record_id = new_opinion(data_repo, "--date", "2026-01-05")
    ok(data_repo, "opinion", "set-status", record_id, "consultation", "--date", "2026-01-10")
    path = data_repo / "data" / "opinions" / f"{record_id}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "- consultation: 2026-01-10\n", "- consultation: 2026-01-10\n  returned: 2026-01-11\n"
        ),
        encoding="utf-8",
    )
    done = cpne(data_repo, "validate", "--format", "json")
    assert done.exit_code == 1
    assert [(p["code"], p["pointer"]) for p in json.loads(done.stdout)] == [("rounds", "/rounds/0/returned")]
    git(data_repo, "checkout", "--", ".")


def test_a_review_records_when_it_started(data_repo: Path) -> None:
    review = cpne(
        data_repo,
        "review",
        "new",
        "--title",
        "Revue",
        "--referential",
        "carmo",
        "--version",
        "3.0",
        "--theme",
        "usages",
        "--rapporteur",
        "amf",
        "--date",
        "2026-01-01",
    ).stdout.strip()
    early = cpne(data_repo, "review", "set-status", review, "in-progress", "--date", "2025-12-01")
    assert early.exit_code == 1 and "dates.started (2025-12-01) is before dates.opened (2026-01-01)" in early.stderr
    ok(data_repo, "review", "set-status", review, "in-progress", "--date", "2026-01-15")
    assert "  started: 2026-01-15\n" in record(data_repo, "reviews", review)


def test_corrigenda_on_a_text_that_is_not_final_are_reported(data_repo: Path) -> None:
    record_id = new_opinion(data_repo)
    path = data_repo / "data" / "opinions" / f"{record_id}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "corrigenda:\n- date: 2026-03-01\n  text: Trop tôt.\n", encoding="utf-8"
    )
    done = cpne(data_repo, "validate", "--format", "json")
    assert done.exit_code == 1
    assert [p["code"] for p in json.loads(done.stdout) if p["severity"] == "error"] == ["corrigenda"]
