"""Whom a text is addressed to and the responses it receives (issue 13): ``--addressee``, ``opinion respond``."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import tree_state
from tests.records_helpers import cpne, new_opinion, ok, record, subjects


def _adopted(root: Path, *extra: str) -> str:
    record_id = new_opinion(root, "--date", "2026-01-05", *extra)
    ok(root, "opinion", "set-status", record_id, "consultation", "--date", "2026-01-10")
    ok(root, "opinion", "set-status", record_id, "adopted", "--date", "2026-02-01", "--decision", "consensus")
    return record_id


def test_addressees_are_partner_ids_in_any_case_or_bodies_named_in_full(data_repo: Path) -> None:
    record_id = _adopted(data_repo)
    ok(
        data_repo,
        "opinion",
        "update",
        record_id,
        "--addressee",
        "MEN",
        "--addressee",
        "Direction du numérique pour l'éducation",
    )
    text = record(data_repo, "opinions", record_id)
    assert "addressees:\n- men\n- Direction du numérique pour l'éducation\n" in text
    assert ok(data_repo, "validate").exit_code == 0


def test_an_addressee_written_as_an_id_must_name_a_partner(data_repo: Path) -> None:
    record_id = _adopted(data_repo)
    before = tree_state(data_repo)
    refused = cpne(data_repo, "opinion", "update", record_id, "--addressee", "DNE")
    assert refused.exit_code == 1
    assert "unknown-ref" in refused.stderr and "'dne' is the id of no partner" in refused.stderr
    assert tree_state(data_repo) == before


def test_responses_are_recorded_on_adopted_and_published_texts(data_repo: Path) -> None:
    record_id = _adopted(data_repo, "--addressee", "men")
    ok(
        data_repo,
        "opinion",
        "respond",
        record_id,
        "--from",
        "men",
        "--date",
        "2026-03-01",
        "--summary",
        "Le ministère engage une concertation.",
    )
    ok(data_repo, "opinion", "set-status", record_id, "published", "--date", "2026-02-02")
    before = tree_state(data_repo)
    frozen = cpne(data_repo, "opinion", "update", record_id, "--addressee", "amf")
    assert frozen.exit_code == 1 and "cpne opinion respond" in frozen.stderr
    assert tree_state(data_repo) == before
    ok(
        data_repo,
        "opinion",
        "respond",
        record_id,
        "--from",
        "Région Bretagne",
        "--date",
        "2026-04-02",
        "--summary",
        "La région reprend la recommandation 2.",
        "--url",
        "https://example.org/reponse",
    )
    text = record(data_repo, "opinions", record_id)
    assert (
        "responses:\n- from: men\n  date: 2026-03-01\n  summary: Le ministère engage une concertation.\n"
        "- from: Région Bretagne\n  date: 2026-04-02\n  summary: La région reprend la recommandation 2.\n"
        "  url: https://example.org/reponse\n"
    ) in text
    assert subjects(data_repo)[0] == f"opinion {record_id}: respond"
    assert ok(data_repo, "validate").exit_code == 0


def test_a_response_is_refused_before_adoption_or_dated_before_it(data_repo: Path) -> None:
    draft = new_opinion(data_repo)
    before = tree_state(data_repo)
    early = cpne(data_repo, "opinion", "respond", draft, "--from", "men", "--summary", "x")
    assert early.exit_code == 1 and "`respond` is only for the statuses adopted, published" in early.stderr
    record_id = _adopted(data_repo)
    before = tree_state(data_repo)
    dated = cpne(data_repo, "opinion", "respond", record_id, "--from", "men", "--date", "2026-01-20", "--summary", "x")
    assert dated.exit_code == 1
    assert "response 1 is dated 2026-01-20, before the text was adopted (2026-02-01)" in dated.stderr
    unknown = cpne(data_repo, "opinion", "respond", record_id, "--from", "xyz", "--summary", "x")
    assert unknown.exit_code == 1 and "'xyz' is the id of no partner" in unknown.stderr
    bad_url = cpne(data_repo, "opinion", "respond", record_id, "--from", "men", "--summary", "x", "--url", "nope")
    assert bad_url.exit_code == 1 and "url" in bad_url.stderr
    for missing, option in ((("--summary", "x"), "--from"), (("--from", "men"), "--summary")):
        result = cpne(data_repo, "opinion", "respond", record_id, *missing)
        assert result.exit_code == 2 and f"needs {option}" in result.stderr
    assert tree_state(data_repo) == before


def test_validate_reports_responses_on_a_text_not_adopted(data_repo: Path) -> None:
    draft = new_opinion(data_repo)
    path = data_repo / "data" / "opinions" / f"{draft}.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "responses:\n- from: men\n  date: 2026-03-01\n  summary: Trop tôt.\n",
        encoding="utf-8",
    )
    result = cpne(data_repo, "validate")
    assert result.exit_code == 1
    assert f"{draft}.yaml" in result.stdout and "responses" in result.stdout
    assert "responses are for adopted texts, not for a text in status 'draft'" in result.stdout
