"""`cpne validate`: every check of DESIGN.md "Validation", located, in three formats, with exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import run_cli, tree_state
from tests.data import Refusal, invalid_yaml_params, yaml_suite_params
from tests.factories import adopted_opinion, canonical, opinion, review, write_record


def validate(root: Path, *args: str) -> tuple[int, list[dict[str, Any]], str]:
    result = run_cli("--repo", root, "validate", "--format", "json", *args)
    assert result.exception is None, result.exception
    assert "Traceback" not in result.stderr
    return result.exit_code, json.loads(result.stdout), result.stderr


def codes(problems: list[dict[str, Any]]) -> list[Any]:
    return [p["code"] for p in problems]


def test_seeded_repository_is_valid(data_repo: Path) -> None:
    result = run_cli("--repo", data_repo, "validate")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "25 files checked: 0 errors, 0 warnings" in result.stderr


def test_this_projects_register_is_valid() -> None:
    project = Path(__file__).resolve().parents[2]
    result = run_cli("--repo", project, "validate", "--strict")
    assert result.exit_code == 0, result.stdout


def test_valid_records_of_every_kind(data_repo: Path) -> None:
    write_record(data_repo, "opinion", opinion())
    write_record(data_repo, "opinion", adopted_opinion(id="OP-2026-002", related=["OP-2026-001", "REV-2026-001"]))
    write_record(data_repo, "review", review(outcome="OP-2026-002"))
    code, problems, stderr = validate(data_repo, "--strict")
    assert (code, problems) == (0, []), problems
    assert "28 files checked" in stderr


def test_schema_error_points_at_the_offending_item(data_repo: Path) -> None:
    path = write_record(data_repo, "opinion", opinion(themes=["usages", "Bad Theme"]))
    code, problems, _ = validate(data_repo)
    assert code == 1
    [problem] = problems
    assert problem["path"] == "data/opinions/OP-2026-001.yaml"
    assert problem["pointer"] == "/themes/1"
    line = path.read_text(encoding="utf-8").splitlines().index("- Bad Theme") + 1
    assert problem["line"] == line
    assert problem["column"] == 3
    assert problem["code"] == "schema"
    assert "lower case" in str(problem["message"])


@pytest.mark.parametrize(
    ("record", "pointer", "needle"),
    [
        (opinion(colour="blue"), "/colour", "unknown field 'colour'"),
        ({k: v for k, v in opinion().items() if k != "title"}, "", "missing required field 'title'"),
        (opinion(kind="avis"), "/kind", "must be one of: opinion, recommendation, contribution"),
        (opinion(dates={"created": "2026-02-30"}), "/dates/created", "not a real date"),
        (opinion(dates={"created": "15/01/2026"}), "/dates/created", "YYYY-MM-DD"),
        (opinion(title=""), "/title", "must not be empty"),
        (opinion(themes=[]), "/themes", "at least 1 item"),
        (opinion(themes=["usages", "usages"]), "/themes/1", "more than once"),
        (opinion(title=12), "/title", "put it in quotes"),
        (opinion(referral={"origin": "self", "by": "amf", "when": "now"}), "/referral/when", "unknown field 'when'"),
        (opinion(references=[{"title": "x", "url": "ftp:/x"}]), "/references/0/url", "web address"),
    ],
)
def test_schema_messages_say_what_to_fix(data_repo: Path, record: dict[str, object], pointer: str, needle: str) -> None:
    write_record(data_repo, "opinion", record, name="OP-2026-001")
    code, problems, _ = validate(data_repo)
    assert code == 1
    assert any(p["pointer"] == pointer and needle in str(p["message"]) for p in problems), problems


def test_id_must_match_file_name_and_year(data_repo: Path) -> None:
    write_record(data_repo, "opinion", opinion(id="OP-2026-002"), name="OP-2026-001")
    write_record(data_repo, "opinion", opinion(id="OP-2025-003"), name="OP-2025-003")
    code, problems, _ = validate(data_repo)
    assert code == 1
    assert sorted(codes(problems)) == ["id-mismatch", "id-year"]


def test_duplicate_ids_are_reported_on_both_files(data_repo: Path) -> None:
    write_record(data_repo, "opinion", opinion(id="OP-2026-002"), name="OP-2026-001")
    write_record(data_repo, "opinion", opinion(id="OP-2026-002"))
    _, problems, _ = validate(data_repo)
    duplicates = [p for p in problems if p["code"] == "duplicate-id"]
    assert {p["path"] for p in duplicates} == {"data/opinions/OP-2026-001.yaml", "data/opinions/OP-2026-002.yaml"}


def test_record_in_the_wrong_folder(data_repo: Path) -> None:
    (data_repo / "data/partners/OP-2026-001.yaml").write_text(
        canonical(data_repo, "opinion", opinion()), encoding="utf-8"
    )
    code, problems, _ = validate(data_repo)
    assert code == 1
    assert codes(problems) == ["wrong-folder"]
    assert "move it to data/opinions/" in str(problems[0]["message"])


def test_unknown_references_are_located_with_a_suggestion(data_repo: Path) -> None:
    write_record(
        data_repo,
        "opinion",
        adopted_opinion(
            themes=["usage"],
            rapporteurs=["amf", "xyz"],
            referral={"origin": "member", "by": "nobody"},
            decision={"mode": "consensus", "positions": [{"partner": "ghost", "position": "for"}]},
            related=["OP-2020-001"],
        ),
    )
    write_record(data_repo, "review", review(referential="carmoo", outcome="OP-2019-001"))
    code, problems, _ = validate(data_repo)
    assert code == 1
    refs = {(p["path"], p["pointer"]): p["message"] for p in problems if p["code"] == "unknown-ref"}
    assert refs[("data/opinions/OP-2026-001.yaml", "/themes/0")] == "unknown theme 'usage' (did you mean 'usages'?)"
    assert ("data/opinions/OP-2026-001.yaml", "/rapporteurs/1") in refs
    assert ("data/opinions/OP-2026-001.yaml", "/referral/by") in refs
    assert ("data/opinions/OP-2026-001.yaml", "/decision/positions/0/partner") in refs
    assert ("data/opinions/OP-2026-001.yaml", "/related/0") in refs
    assert ("data/reviews/REV-2026-001.yaml", "/referential") in refs
    assert ("data/reviews/REV-2026-001.yaml", "/outcome") in refs


def test_superseded_by_must_name_a_referential(data_repo: Path) -> None:
    path = data_repo / "data/referentials/carine.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("status: active", "status: superseded\nsuperseded_by: nope"), "utf-8"
    )
    _, problems, _ = validate(data_repo)
    assert [(p["code"], p["pointer"]) for p in problems if p["severity"] == "error"] == [
        ("unknown-ref", "/superseded_by")
    ]


@pytest.mark.parametrize(
    ("record", "needle"),
    [
        (
            opinion(status="adopted", dates={"created": "2026-01-15", "consultation": "2026-02-01"}),
            "needs dates.adopted",
        ),
        (opinion(status="consultation"), "needs dates.consultation"),
        (adopted_opinion(decision=None), "needs a decision"),
        (opinion(status="withdrawn", dates={"created": "2026-01-15", "withdrawn": "2026-02-01"}), "withdrawn_reason"),
        (
            opinion(dates={"created": "2026-01-15", "adopted": "2026-02-01"}),
            "dates.adopted is set but the status is 'draft'",
        ),
        (
            adopted_opinion(dates={"created": "2026-01-15", "consultation": "2026-03-01", "adopted": "2026-02-01"}),
            "before dates.consultation",
        ),
        (
            opinion(
                status="withdrawn", withdrawn_reason="x", dates={"created": "2026-01-15", "withdrawn": "2026-01-01"}
            ),
            "dates.withdrawn (2026-01-01) is before dates.created",
        ),
        (opinion(referral={"origin": "member"}), "needs referral.by"),
        (
            adopted_opinion(decision={"mode": "vote", "positions": [{"partner": "amf", "position": "for"}] * 2}),
            "more than one position",
        ),
    ],
)
def test_lifecycle_invariants(data_repo: Path, record: dict[str, object], needle: str) -> None:
    if record.get("decision") is None:
        record.pop("decision", None)
    write_record(data_repo, "opinion", record)
    code, problems, _ = validate(data_repo)
    assert code == 1
    assert any(needle in str(p["message"]) for p in problems), problems


def test_positions_need_members_on_the_adoption_date(data_repo: Path) -> None:
    partner = data_repo / "data/partners/avi.yaml"
    partner.write_text(
        partner.read_text(encoding="utf-8").replace("joined: 2015-10-01", "joined: 2015-10-01\nleft: 2020-12-31"),
        "utf-8",
    )
    positions = [{"partner": "amf", "position": "for"}, {"partner": "avi", "position": "against"}]
    write_record(data_repo, "opinion", adopted_opinion(decision={"mode": "vote", "positions": positions}))
    code, problems, _ = validate(data_repo)
    assert code == 1
    [problem] = problems
    assert problem["code"] == "not-member"
    assert problem["pointer"] == "/decision/positions/1/partner"
    assert "2020-12-31" in str(problem["message"])
    # a retired partner still validates on opinions adopted while it was a member
    old = adopted_opinion(
        id="OP-2019-001",
        dates={"created": "2019-01-15", "consultation": "2019-02-01", "adopted": "2019-03-01"},
        decision={"mode": "vote", "positions": positions},
    )
    write_record(data_repo, "opinion", old)
    _, problems, _ = validate(data_repo)
    assert [p["path"] for p in problems] == ["data/opinions/OP-2026-001.yaml"]


def test_theme_numbers_are_unique(data_repo: Path) -> None:
    path = data_repo / "data/themes/filiere.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("number: 6", "number: 1"), "utf-8")
    _, problems, _ = validate(data_repo)
    assert sorted(p["path"] for p in problems if p["code"] == "duplicate-number") == [
        "data/themes/filiere.yaml",
        "data/themes/usages.yaml",
    ]


def test_warnings_pass_unless_strict(data_repo: Path) -> None:
    path = write_record(data_repo, "review", review(version="2"))
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    code, problems, stderr = validate(data_repo)
    assert code == 0
    assert sorted(codes(problems)) == ["non-canonical", "outdated-version"]
    assert "0 errors, 2 warnings" in stderr
    code, _, _ = validate(data_repo, "--strict")
    assert code == 1


def test_text_and_github_formats(data_repo: Path) -> None:
    write_record(data_repo, "opinion", opinion(themes=["zzz"]))
    text = run_cli("--repo", data_repo, "validate")
    assert text.exit_code == 1
    assert text.stdout.startswith("data/opinions/OP-2026-001.yaml:6:3: unknown-ref unknown theme 'zzz'")
    assert "1 error" in text.stderr
    github = run_cli("--repo", data_repo, "validate", "--format", "github")
    assert github.exit_code == 1
    assert github.stdout.startswith(
        "::error file=data/opinions/OP-2026-001.yaml,line=6,col=3,title=unknown-ref::unknown theme"
    )


def test_paths_limit_the_report_but_not_the_references(data_repo: Path) -> None:
    good = write_record(data_repo, "opinion", opinion())
    write_record(data_repo, "opinion", opinion(id="OP-2026-002", themes=["nope"]))
    code, problems, stderr = validate(data_repo, str(good))
    assert (code, problems) == (0, [])
    assert "1 file checked" in stderr
    code, problems, _ = validate(data_repo, str(data_repo / "data/opinions"))
    assert code == 1 and len(problems) == 1


def test_bad_paths_are_usage_errors(data_repo: Path) -> None:
    missing = run_cli("--repo", data_repo, "validate", str(data_repo / "nope.yaml"))
    assert missing.exit_code == 2
    assert "no such file" in missing.stderr
    outside = run_cli("--repo", data_repo, "validate", str(data_repo / "cpne.yaml"))
    assert outside.exit_code == 2
    assert "not a record" in outside.stderr


def test_broken_schema_is_reported_and_others_still_checked(data_repo: Path) -> None:
    (data_repo / "schemas/theme.schema.json").write_text('{"type": "object", "required": 3}', encoding="utf-8")
    (data_repo / "schemas/review.schema.json").write_text("{not json", encoding="utf-8")
    write_record(data_repo, "opinion", opinion(themes=["nope"]))
    _, problems, _ = validate(data_repo)
    assert ("schemas/theme.schema.json", "schema-invalid") in {(p["path"], p["code"]) for p in problems}
    assert ("schemas/review.schema.json", "schema-invalid") in {(p["path"], p["code"]) for p in problems}
    assert "unknown-ref" in codes(problems)


def test_stray_files_are_warnings(data_repo: Path) -> None:
    (data_repo / "data/opinions/notes.txt").write_text("x", encoding="utf-8")
    (data_repo / "data/misc").mkdir()
    (data_repo / "data/opinions/OP-2026-001.yml").write_text("x: 1", encoding="utf-8")
    _, problems, _ = validate(data_repo)
    assert sorted((p["code"], p["severity"]) for p in problems) == [
        ("file-name", "error"),
        ("stray-file", "warning"),
        ("stray-file", "warning"),
    ]


BAD_FILES: list[tuple[str, bytes, str]] = [
    ("empty", b"", "empty"),
    ("list", b"- a\n- b\n", "not-mapping"),
    ("big", b"body: " + b"x" * (2 * 1024 * 1024) + b"\n", "too-large"),
    ("latin1", "title: café\n".encode("latin-1"), "encoding"),
    ("duplicate", b"id: OP-2026-001\nid: OP-2026-001\n", "duplicate-key"),
    ("alias", b"a: &x 1\nb: *x\n", "alias"),
    ("tag", b"id: !!str OP-2026-001\n", "tag"),
    ("syntax", b"id: [unclosed\n", "yaml-syntax"),
    ("two-docs", b"a: 1\n---\nb: 1\n", "multiple-documents"),
]


@pytest.mark.parametrize(("name", "raw", "code"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files_are_one_located_error(data_repo: Path, name: str, raw: bytes, code: str) -> None:
    path = data_repo / "data/opinions/OP-2026-001.yaml"
    path.write_bytes(raw)
    before = tree_state(data_repo)
    result = run_cli("--repo", data_repo, "validate")
    assert result.exit_code == 1
    assert result.exception is None
    assert "Traceback" not in result.stdout + result.stderr
    [line] = result.stdout.splitlines()
    assert line.startswith("data/opinions/OP-2026-001.yaml:")
    assert f": {code} " in line
    assert tree_state(data_repo) == before


def test_bom_and_crlf_are_accepted_but_not_canonical(data_repo: Path) -> None:
    text = canonical(data_repo, "opinion", opinion())
    path = data_repo / "data/opinions/OP-2026-001.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    code, problems, _ = validate(data_repo)
    assert code == 0
    assert codes(problems) == ["non-canonical"]


@pytest.fixture(scope="module")
def shared_repo(tmp_path_factory: pytest.TempPathFactory, _templates: dict[str, Path]) -> Path:
    """One seeded repository for this module's file-by-file cases: each rewrites the same record."""
    root = tmp_path_factory.mktemp("validate") / "register"
    shutil.copytree(_templates["register"], root, symlinks=True)
    return root


def validate_bad_record(root: Path, raw: bytes) -> list[str]:
    """Validate ``raw`` as the register's only opinion, which must fail cleanly; return stdout's lines."""
    (root / "data/opinions/OP-2026-001.yaml").write_bytes(raw)
    result = run_cli("--repo", root, "validate")
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.exception is None, result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize(("path", "expected"), invalid_yaml_params())
def test_invalid_yaml_files_fail_validation_with_one_located_error(
    shared_repo: Path, path: Path, expected: Refusal
) -> None:
    lines = validate_bad_record(shared_repo, path.read_bytes())
    assert lines[0].startswith("data/opinions/OP-2026-001.yaml:"), lines
    _, line_number, column, rest = lines[0].split(":", 3)
    assert rest.startswith(f" {expected.code} "), lines
    located = (int(line_number), int(column)) == (expected.line, expected.column)
    if expected.gap:
        assert not (located and len(lines) == 1), f"fixed: drop the gap of {path.name} in expected.json"
        pytest.xfail(expected.gap)
    assert len(lines) == 1, lines
    assert located, lines


@pytest.mark.parametrize("path", yaml_suite_params())
def test_yaml_suite_documents_fail_validation_cleanly(shared_repo: Path, path: Path) -> None:
    lines = validate_bad_record(shared_repo, path.read_bytes())
    assert lines and all(line.startswith("data/opinions/OP-2026-001.yaml:") for line in lines), lines
