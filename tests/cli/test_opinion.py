"""`cpne opinion new|list|show|update|set-status|history` on real repositories."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.conftest import git, tree_state
from tests.records_helpers import cpne, last_commit_files, new_opinion, ok, record, subjects

TODAY = date.today().isoformat()
YEAR = TODAY[:4]


def test_new_writes_the_canonical_record_commits_it_and_prints_the_id(data_repo: Path) -> None:
    result = ok(
        data_repo,
        "opinion",
        "new",
        "--title",
        "Avis sur l'accès aux ressources",
        "--kind",
        "recommendation",
        "--theme",
        "usages",
        "--theme",
        "referentiels",
        "--rapporteur",
        "amf",
        "--summary",
        "Un résumé.",
        "--date",
        "2026-01-15",
        "--tag",
        "ressources",
        "--reference",
        "Convention de 2015|https://example.org/convention",
        "--notes",
        "Premier avis.",
    )
    assert result.stdout == "OP-2026-001\n"
    assert "recommendation OP-2026-001: created (commit " in result.stderr
    assert record(data_repo, "opinions", "OP-2026-001") == (
        "id: OP-2026-001\n"
        "kind: recommendation\n"
        "title: Avis sur l'accès aux ressources\n"
        "status: draft\n"
        "themes:\n- usages\n- referentiels\n"
        "rapporteurs:\n- amf\n"
        "referral:\n  origin: self\n"
        "dates:\n  created: 2026-01-15\n"
        "summary: Un résumé.\n"
        "references:\n- title: Convention de 2015\n  url: https://example.org/convention\n"
        "tags:\n- ressources\n"
        "notes: Premier avis.\n"
    )
    assert subjects(data_repo)[0] == "opinion OP-2026-001: new"
    assert git(data_repo, "log", "-1", "--format=%b").strip() == "Avis sur l'accès aux ressources"
    assert last_commit_files(data_repo) == ["data/opinions/OP-2026-001.yaml"]
    assert git(data_repo, "status", "--porcelain") == ""
    assert cpne(data_repo, "validate", "--strict").exit_code == 0


def test_new_takes_the_year_of_its_date_and_counts_per_year(data_repo: Path) -> None:
    assert new_opinion(data_repo, "--date", "2024-05-02") == "OP-2024-001"
    assert new_opinion(data_repo, "--date", "2024-06-02") == "OP-2024-002"
    assert new_opinion(data_repo, "--date", "2025-01-02") == "OP-2025-001"
    assert new_opinion(data_repo) == f"OP-{YEAR}-001"
    assert f"created: {TODAY}" in record(data_repo, "opinions", f"OP-{YEAR}-001")


def test_new_json_prints_the_record(data_repo: Path) -> None:
    result = ok(
        data_repo,
        "opinion",
        "new",
        "--json",
        "--title",
        "Avis",
        "--kind",
        "contribution",
        "--theme",
        "usages",
        "--rapporteur",
        "men",
        "--referred-by",
        "amf",
    )
    data = json.loads(result.stdout)
    assert data["id"] == f"OP-{YEAR}-001"
    assert data["kind"] == "contribution"
    assert data["referral"] == {"origin": "member", "by": "amf"}


def test_new_reads_the_body_from_a_file_or_stdin(data_repo: Path, tmp_path: Path) -> None:
    body = tmp_path / "body.md"
    body.write_text("# Avis\n\nLe comité recommande…\n\n- point 1\n", encoding="utf-8")
    first = new_opinion(data_repo, "--body-file", str(body))
    assert "body: |-\n  # Avis\n\n  Le comité recommande…\n\n  - point 1\n" in record(data_repo, "opinions", first)
    second = ok(
        data_repo,
        "opinion",
        "new",
        "--title",
        "Avis",
        "--kind",
        "opinion",
        "--theme",
        "usages",
        "--rapporteur",
        "amf",
        "--body-file",
        "-",
        input="Texte lu sur l'entrée standard.\nDeuxième ligne.\n",
    ).stdout.strip()
    assert "body: |-\n  Texte lu sur l'entrée standard.\n  Deuxième ligne.\n" in record(data_repo, "opinions", second)


def test_new_without_a_terminal_names_every_missing_option(data_repo: Path) -> None:
    before = tree_state(data_repo)
    result = cpne(data_repo, "opinion", "new", "--title", "Avis")
    assert result.exit_code == 2
    assert "missing options for a new opinion: --kind, --theme, --rapporteur" in result.stderr
    assert "not a terminal" in result.stderr
    assert result.stdout == ""
    assert tree_state(data_repo) == before


def test_new_refuses_an_unknown_theme_or_partner(data_repo: Path) -> None:
    before = tree_state(data_repo)
    result = cpne(
        data_repo, "opinion", "new", "--title", "A", "--kind", "opinion", "--theme", "usage", "--rapporteur", "amf"
    )
    assert result.exit_code == 1
    assert "unknown theme 'usage' (did you mean 'usages'?)" in result.stderr
    assert "nothing was written" in result.stderr
    result = cpne(
        data_repo, "opinion", "new", "--title", "A", "--kind", "opinion", "--theme", "usages", "--rapporteur", "xyz"
    )
    assert result.exit_code == 1
    assert "unknown partner 'xyz'" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_state(data_repo) == before


def _three_opinions(root: Path) -> None:
    new_opinion(root, "--date", "2025-03-01", title="Avis A")
    ok(
        root,
        "opinion",
        "new",
        "--title",
        "Recommandation B",
        "--kind",
        "recommendation",
        "--theme",
        "gouvernance",
        "--rapporteur",
        "men",
        "--date",
        "2026-02-01",
    )
    new_opinion(root, "--date", "2026-03-01", title="Avis C")
    ok(root, "opinion", "set-status", "OP-2026-002", "consultation", "--date", "2026-03-05")


def test_list_filters_and_formats(data_repo: Path) -> None:
    _three_opinions(data_repo)
    table = ok(data_repo, "opinion", "list").stdout.splitlines()
    assert table[0].split() == ["id", "kind", "status", "created", "themes", "title"]
    assert [line.split()[0] for line in table[2:]] == ["OP-2025-001", "OP-2026-001", "OP-2026-002"]
    assert "│" not in "\n".join(table)  # plain text when stdout is not a terminal

    def ids(*args: str) -> list[str]:
        return [r["id"] for r in json.loads(ok(data_repo, "opinion", "list", "--format", "json", *args).stdout)]

    assert ids("--year", "2026") == ["OP-2026-001", "OP-2026-002"]
    assert ids("--status", "consultation") == ["OP-2026-002"]
    assert ids("--status", "draft", "--status", "consultation") == ["OP-2025-001", "OP-2026-001", "OP-2026-002"]
    assert ids("--theme", "gouvernance") == ["OP-2026-001"]
    assert ids("--kind", "recommendation") == ["OP-2026-001"]
    assert ids("--rapporteur", "amf") == ["OP-2025-001", "OP-2026-002"]
    assert ids("--theme", "usages", "--year", "2025") == ["OP-2025-001"]
    csv_lines = ok(data_repo, "opinion", "list", "--format", "csv", "--year", "2025").stdout.splitlines()
    assert csv_lines == ["id,kind,status,created,themes,title", "OP-2025-001,opinion,draft,2025-03-01,usages,Avis A"]
    bad = cpne(data_repo, "opinion", "list", "--status", "approved")
    assert bad.exit_code == 2
    assert "--status: 'approved' is not one of: draft" in bad.stderr and ", consultation" in bad.stderr


def test_show_panel_yaml_and_json(data_repo: Path) -> None:
    record_id = new_opinion(data_repo, "--summary", "Résumé court.")
    panel = ok(data_repo, "opinion", "show", record_id).stdout
    assert panel.startswith(f"opinion {record_id} — Avis sur les ENT\n")
    assert "usages (Usages numériques, à l'école et hors de l'école)" in panel
    assert "rapporteurs  amf (AMF)" in panel
    assert "Résumé court." in panel
    as_yaml = ok(data_repo, "opinion", "show", record_id, "--format", "yaml").stdout
    assert as_yaml == record(data_repo, "opinions", record_id)
    as_json = json.loads(ok(data_repo, "opinion", "show", record_id, "--format", "json").stdout)
    assert as_json["summary"] == "Résumé court."
    missing = cpne(data_repo, "opinion", "show", "OP-2026-099")
    assert missing.exit_code == 1
    assert "no opinion 'OP-2026-099'" in missing.stderr


def test_update_sets_replaces_and_unsets_fields(data_repo: Path) -> None:
    record_id = new_opinion(data_repo, "--summary", "Ancien résumé.", "--tag", "a")
    result = ok(
        data_repo,
        "opinion",
        "update",
        record_id,
        "--title",
        "Nouveau titre",
        "--theme",
        "gouvernance",
        "--rapporteur",
        "men",
        "--rapporteur",
        "amf",
        "--tag",
        "b",
        "--referred",
        TODAY,
        "--unset",
        "summary",
    )
    assert f"opinion {record_id}: updated (commit" in result.stderr
    text = record(data_repo, "opinions", record_id)
    assert "title: Nouveau titre\n" in text
    assert "themes:\n- gouvernance\nrapporteurs:\n- men\n- amf\n" in text
    assert "tags:\n- b\n" in text
    assert f"referred: {TODAY}" in text
    assert "summary" not in text
    assert subjects(data_repo)[0] == f"opinion {record_id}: update"
    assert git(data_repo, "log", "-1", "--format=%b").strip() == "Nouveau titre"


def test_update_with_the_same_values_commits_nothing(data_repo: Path) -> None:
    record_id = new_opinion(data_repo)
    before = tree_state(data_repo)
    result = ok(data_repo, "opinion", "update", record_id, "--title", "Avis sur les ENT")
    assert "nothing to change" in result.stderr
    assert tree_state(data_repo) == before


def test_update_refusals(data_repo: Path) -> None:
    record_id = new_opinion(data_repo)
    before = tree_state(data_repo)
    nothing = cpne(data_repo, "opinion", "update", record_id)
    assert nothing.exit_code == 2
    assert "nothing to update" in nothing.stderr
    unset = cpne(data_repo, "opinion", "update", record_id, "--unset", "title")
    assert unset.exit_code == 2
    assert "'title' cannot be removed" in unset.stderr
    year = cpne(data_repo, "opinion", "update", record_id, "--date", "2020-01-01")
    assert year.exit_code == 1
    assert "carries year" in year.stderr
    adopted = cpne(data_repo, "opinion", "update", record_id, "--set-date", f"adopted={TODAY}")
    assert adopted.exit_code == 1
    assert "dates.adopted is set but the status is 'draft'" in adopted.stderr
    assert tree_state(data_repo) == before


def test_set_status_walks_the_lifecycle_with_dates_and_subjects(data_repo: Path) -> None:
    record_id = new_opinion(data_repo, "--date", "2026-01-10")
    ok(data_repo, "opinion", "set-status", record_id, "consultation", "--date", "2026-02-01")
    ok(
        data_repo,
        "opinion",
        "set-status",
        record_id,
        "adopted",
        "--date",
        "2026-03-01",
        "--decision",
        "vote",
        "--position",
        "amf|for",
        "--position",
        "men|abstain|Réserve sur le calendrier",
    )
    ok(data_repo, "opinion", "set-status", record_id, "published")
    text = record(data_repo, "opinions", record_id)
    assert "status: published\n" in text
    assert (
        "dates:\n  created: 2026-01-10\n  consultation: 2026-02-01\n  adopted: 2026-03-01\n"
        f"  published: {TODAY}\n" in text
    )
    assert (
        "decision:\n  mode: vote\n  positions:\n  - partner: amf\n    position: for\n"
        "  - partner: men\n    position: abstain\n    note: Réserve sur le calendrier\n" in text
    )
    assert subjects(data_repo)[:4] == [
        f"opinion {record_id}: adopted -> published",
        f"opinion {record_id}: consultation -> adopted",
        f"opinion {record_id}: draft -> consultation",
        f"opinion {record_id}: new",
    ]
    final = cpne(data_repo, "opinion", "set-status", record_id, "withdrawn", "--reason", "x")
    assert final.exit_code == 1
    assert "'published' is final: no transition is allowed" in final.stderr


def test_set_status_refuses_a_forbidden_transition_naming_the_allowed_ones(data_repo: Path) -> None:
    record_id = new_opinion(data_repo)
    before = tree_state(data_repo)
    result = cpne(data_repo, "opinion", "set-status", record_id, "published")
    assert result.exit_code == 1
    assert (
        f"opinion {record_id} cannot go from the status draft" in result.stderr
        and " to published: " in result.stderr
        and "consultation" in result.stderr.split(" to published: ")[1]
    )
    same = cpne(data_repo, "opinion", "set-status", record_id, "draft")
    assert same.exit_code == 1
    assert f"opinion {record_id} already has the status draft" in same.stderr
    unknown = cpne(data_repo, "opinion", "set-status", record_id, "approved")
    assert unknown.exit_code == 2
    assert tree_state(data_repo) == before


def test_set_status_sends_back_to_draft_and_adoption_needs_a_decision(data_repo: Path) -> None:
    record_id = new_opinion(data_repo)
    ok(data_repo, "opinion", "set-status", record_id, "consultation")
    before = tree_state(data_repo)
    result = cpne(data_repo, "opinion", "set-status", record_id, "adopted")
    assert result.exit_code == 2  # missing input is a usage error, like a withdrawal without --reason
    assert f"the status adopted of {record_id} needs --decision consensus (or --decision vote" in result.stderr
    assert tree_state(data_repo) == before
    ok(data_repo, "opinion", "set-status", record_id, "draft")
    assert "status: draft\n" in record(data_repo, "opinions", record_id)
    assert subjects(data_repo)[0] == f"opinion {record_id}: consultation -> draft"


def test_withdrawal_needs_a_reason(data_repo: Path) -> None:
    record_id = new_opinion(data_repo)
    before = tree_state(data_repo)
    result = cpne(data_repo, "opinion", "set-status", record_id, "withdrawn")
    assert result.exit_code == 2
    assert "the status withdrawn needs --reason" in result.stderr
    assert tree_state(data_repo) == before
    ok(data_repo, "opinion", "set-status", record_id, "withdrawn", "--reason", "Sans objet après la loi de 2026.")
    text = record(data_repo, "opinions", record_id)
    assert f"withdrawn: {TODAY}" in text
    assert "withdrawn_reason: Sans objet après la loi de 2026.\n" in text
    misplaced = cpne(data_repo, "opinion", "set-status", new_opinion(data_repo), "consultation", "--reason", "x")
    assert misplaced.exit_code == 2
    assert "--reason goes only with the status withdrawn" in misplaced.stderr


def test_set_status_refuses_a_date_that_goes_backwards_or_is_not_a_date(data_repo: Path) -> None:
    record_id = new_opinion(data_repo, "--date", "2026-03-01")
    before = tree_state(data_repo)
    backwards = cpne(data_repo, "opinion", "set-status", record_id, "consultation", "--date", "2026-02-01")
    assert backwards.exit_code == 1
    assert "dates.consultation (2026-02-01) is before dates.created (2026-03-01)" in backwards.stderr
    not_a_date = cpne(data_repo, "opinion", "set-status", record_id, "consultation", "--date", "2026-02-30")
    assert not_a_date.exit_code == 2
    assert "'2026-02-30' is not a real date" in not_a_date.stderr
    assert tree_state(data_repo) == before


def test_history_lists_commits_newest_first_with_status_changes(data_repo: Path) -> None:
    record_id = new_opinion(data_repo)
    ok(data_repo, "opinion", "update", record_id, "--title", "Titre revu")
    ok(data_repo, "opinion", "set-status", record_id, "consultation", "--author", "Jeanne Martin <jeanne@example.org>")
    new_opinion(data_repo)  # another record: not in this history
    entries = json.loads(ok(data_repo, "opinion", "history", record_id, "--format", "json").stdout)
    assert [e["subject"] for e in entries] == [
        f"opinion {record_id}: draft -> consultation",
        f"opinion {record_id}: update",
        f"opinion {record_id}: new",
    ]
    assert [(e["status_from"], e["status_to"]) for e in entries] == [
        ("draft", "consultation"),
        (None, None),
        (None, "draft"),
    ]
    assert entries[0]["author"] == "Jeanne Martin"
    assert entries[1]["author"] == "Secrétariat CPNE"
    assert entries[0]["date"][:10] == TODAY
    table = ok(data_repo, "opinion", "history", record_id).stdout.splitlines()
    assert table[0].split()[:4] == ["date", "author", "status", "subject"]
    assert "draft -> consultation" in table[2]
    assert "Jeanne Martin" in table[2]


def test_history_of_a_missing_record(data_repo: Path) -> None:
    result = cpne(data_repo, "opinion", "history", "OP-2026-042")
    assert result.exit_code == 1
    assert "no opinion 'OP-2026-042'" in result.stderr


def test_history_of_a_record_that_looks_like_an_older_one_starts_at_its_creation(data_repo: Path) -> None:
    first = new_opinion(data_repo)
    ok(data_repo, "opinion", "set-status", first, "consultation")
    second = new_opinion(data_repo)  # same options: git --follow sees a copy of the first one
    entries = json.loads(ok(data_repo, "opinion", "history", second, "--format", "json").stdout)
    assert [(e["subject"], e["status_to"]) for e in entries] == [(f"opinion {second}: new", "draft")]
