"""The validation cache, the worker pool and the fast paths report exactly what the plain path reports.

And the cache never serves a stale result: a changed file, schema, cpne source
or version is checked again.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

import cpne
from cpne.kinds import KINDS
from cpne.records import bulk, store
from cpne.records.writer import dump
from cpne.repo import DataRepo
from cpne.validation import cache as result_cache
from cpne.validation import canonical, checking, files, runner, schemas
from tests.conftest import git

OPINION = """\
id: {id}
kind: opinion
title: Avis sur l'équipement
status: draft
themes:
- usages
rapporteurs:
- amf
referral:
  origin: self
dates:
  created: {year}-01-10
body: |-
  ## Contexte

  Texte de l'avis.
"""

# One file per kind of problem the per-file and cross-record checks find.
BROKEN = {
    "data/opinions/OP-2024-010.yaml": "id: OP-2024-010\nkind: [unclosed\n",
    "data/opinions/OP-2024-011.yaml": OPINION.format(id="OP-2024-011", year=2024).replace(
        "kind: opinion", "kind: avis"
    ),
    "data/opinions/OP-2024-012.yaml": OPINION.format(id="OP-2024-013", year=2024),
    "data/opinions/OP-2024-014.yaml": OPINION.format(id="OP-2024-014", year=2024).replace("- usages", "- inconnu"),
    "data/opinions/OP-2024-015.yaml": OPINION.format(id="OP-2024-015", year=2024).replace(
        "status: draft", "status: adopted"
    ),
    "data/opinions/OP-2024-016.yaml": OPINION.format(id="OP-2024-016", year=2024).replace("title:", "title:  "),
    "data/opinions/OP-2024-017.yaml": OPINION.format(id="OP-2024-017", year=2024) + "kind: opinion\n",
    "data/opinions/OP-2024-018.yaml": OPINION.format(id="OP-2024-018", year=2023),
    "data/opinions/OP-2024-019.yaml": OPINION.format(id="OP-2024-019", year=2024).replace("amf", "amf\\t", 0)
    + 'notes: "tab\\there"\n',
    "data/opinions/OP-2024-020.yaml": OPINION.format(id="OP-2024-020", year=2024).replace(
        "origin: self", "origin: member"
    ),
    "data/opinions/OP-2024-021.yaml": "\ufeff" + OPINION.format(id="OP-2024-021", year=2024),
    "data/opinions/OP-2024-022.yaml": OPINION.format(id="OP-2024-022", year=2024).replace("2024-01-10", "0000-01-10"),
    "data/opinions/OP-2024-023.yaml": OPINION.format(id="OP-2024-023", year=2024).replace(
        "body:", "related:\n- OP-2024-999\nbody:"
    ),
    "data/opinions/OP-2024-024.yaml": OPINION.format(id="OP-2024-024", year=2024).encode("utf-8").decode("utf-8")
    + "extra: &a 1\n",
    "data/reviews/REV-2024-001.yaml": OPINION.format(id="OP-2024-030", year=2024),
    "data/opinions/OP-2024-031.yml": OPINION.format(id="OP-2024-031", year=2024),
    "data/opinions/README.txt": "not a record\n",
    "data/themes/doublon.yaml": "id: doublon\nnumber: 1\ntitle: Doublon\nsummary: Même numéro.\nstatus: active\n",
}


def make_register(root: Path, count: int = 12) -> None:
    """Valid opinions, then every broken file above."""
    for number in range(1, count + 1):
        record_id = f"OP-2024-{number:03d}" if number < 10 else f"OP-2025-{number:03d}"
        year = 2024 if number < 10 else 2025
        (root / "data" / "opinions" / f"{record_id}.yaml").write_text(
            OPINION.format(id=record_id, year=year), encoding="utf-8"
        )
    for relpath, text in BROKEN.items():
        (root / relpath).write_text(text, encoding="utf-8")
    (root / "data" / "opinions" / "OP-2024-019.yaml").write_bytes(b"id: OP-2024-019\ntitle: \xff\n")


def plain(root: Path, monkeypatch: pytest.MonkeyPatch, paths: tuple[Path, ...] = ()) -> list[dict[str, object]]:
    """Problems found without any fast path: no cache, no workers, jsonschema and writer.dump only."""
    with monkeypatch.context() as patch:
        patch.setattr(schemas, "FAST_PATH", False)
        patch.setattr(files, "quick_dump", lambda data, order: None)
        report = runner.validate(DataRepo(root), paths, cache=False, workers=1)
    return [p.as_dict() for p in report.problems]


def fast(root: Path, paths: tuple[Path, ...] = (), **options: Any) -> list[dict[str, object]]:
    return [p.as_dict() for p in runner.validate(DataRepo(root), paths, **options).problems]


@pytest.fixture
def register(data_repo: Path) -> Path:
    make_register(data_repo)
    return data_repo


def test_the_register_has_problems_of_every_kind(register: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    codes = {p["code"] for p in plain(register, monkeypatch)}
    assert codes >= {
        "yaml-syntax",
        "schema",
        "id-mismatch",
        "unknown-ref",
        "lifecycle",
        "non-canonical",
        "id-year",
        "encoding",
        "wrong-folder",
        "file-name",
        "stray-file",
        "duplicate-number",
        "alias",
    }


def test_cache_and_workers_report_exactly_the_plain_problems(register: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = plain(register, monkeypatch)
    assert fast(register, cache=False, workers=1) == expected
    monkeypatch.setattr(bulk, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(bulk, "POOL_BATCH", 3)
    assert fast(register, cache=False, workers=2) == expected
    assert fast(register, cache=True, workers=2) == expected  # fills the cache
    assert (register / ".git" / "cpne-cache" / "validate.sqlite").is_file()
    assert fast(register, cache=True, workers=2) == expected  # served from it
    assert fast(register, cache=True, workers=1) == expected


def test_partial_validation_matches_too(register: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chosen = (
        register / "data" / "opinions" / "OP-2024-014.yaml",
        register / "data" / "opinions" / "OP-2024-012.yaml",
        register / "data" / "themes",
    )
    expected = plain(register, monkeypatch, chosen)
    assert expected
    assert fast(register, chosen, cache=True) == expected  # cache empty: fills it
    assert fast(register, chosen, cache=True) == expected
    assert fast(register, cache=True) == plain(register, monkeypatch)
    assert fast(register, chosen, cache=True) == expected  # from a full cache


class Counter:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.calls = 0
        original = files.FileChecker.check_bytes

        def counting(checker: files.FileChecker, *args: Any) -> files.FileResult:
            self.calls += 1
            return original(checker, *args)

        monkeypatch.setattr(files.FileChecker, "check_bytes", counting)


def test_an_edited_file_is_checked_again(register: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    counter = Counter(monkeypatch)
    fast(register, cache=True, workers=1)
    total = counter.calls
    assert total > 20
    counter.calls = 0
    before = fast(register, cache=True, workers=1)
    assert counter.calls == 0  # everything served from the cache
    target = register / "data" / "opinions" / "OP-2024-003.yaml"
    stat = target.stat()
    text = target.read_text(encoding="utf-8")
    edited = text.replace("kind: opinion", "kind: opinioN")  # same size
    assert len(edited) == len(text)
    target.write_text(edited, encoding="utf-8")
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time too
    after = fast(register, cache=True, workers=1)
    assert counter.calls == 1
    assert [p for p in after if p not in before] == [p for p in plain(register, monkeypatch) if p not in before]
    assert any(p["path"] == "data/opinions/OP-2024-003.yaml" and p["code"] == "schema" for p in after)
    target.write_text(text, encoding="utf-8")
    assert fast(register, cache=True, workers=1) == before


def test_a_changed_schema_checks_everything_again(register: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast(register, cache=True)
    counter = Counter(monkeypatch)
    schema = register / "schemas" / "opinion.schema.json"
    schema.write_text(
        schema.read_text(encoding="utf-8").replace(
            '"required": [\n    "id",', '"required": [\n    "summary",\n    "id",'
        ),
        encoding="utf-8",
    )
    problems = fast(register, cache=True, workers=1)
    assert counter.calls > 20
    assert problems == plain(register, monkeypatch)
    assert any("missing required field 'summary'" in str(p["message"]) for p in problems)


def test_a_new_cpne_version_or_source_checks_everything_again(register: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fast(register, cache=True)
    counter = Counter(monkeypatch)
    fast(register, cache=True)
    assert counter.calls == 0
    monkeypatch.setattr(cpne, "__version__", "99.0")
    result_cache.environment_digest.cache_clear()
    try:
        assert fast(register, cache=True, workers=1) == plain(register, monkeypatch)
        assert counter.calls > 20
    finally:
        result_cache.environment_digest.cache_clear()


def test_the_source_of_cpne_is_part_of_the_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "cpne"
    shutil.copytree(Path(cpne.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(cpne, "__file__", str(package / "__init__.py"))
    result_cache.environment_digest.cache_clear()
    try:
        first = result_cache.environment_digest()
        result_cache.environment_digest.cache_clear()
        with open(package / "validation" / "rules.py", "a", encoding="utf-8") as handle:
            handle.write("# a change\n")
        assert result_cache.environment_digest() != first
    finally:
        result_cache.environment_digest.cache_clear()


def test_a_corrupt_cache_is_an_empty_one(register: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = fast(register, cache=True)
    database = register / ".git" / "cpne-cache" / "validate.sqlite"
    for suffix in ("-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    database.write_bytes(b"not a database" * 100)
    assert fast(register, cache=True) == expected


def test_no_cache_outside_git(tmp_path: Path, data_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(data_repo, copy, ignore=shutil.ignore_patterns(".git"))
    assert result_cache.ResultCache.open(copy, "x") is None
    assert fast(copy, cache=True) == plain(copy, monkeypatch) == []


def test_cache_can_be_turned_off(register: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CPNE_CACHE", "0")
    fast(register)
    assert not (register / ".git" / "cpne-cache").exists()


def test_the_cache_lives_in_a_worktree_own_git_dir(data_repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "wt"
    git(data_repo, "worktree", "add", "-q", str(other))
    assert fast(other, cache=True) == []
    dot_git = result_cache.git_dir(other)
    assert dot_git is not None and (dot_git / "cpne-cache" / "validate.sqlite").is_file()
    assert dot_git != data_repo / ".git"


def test_validate_candidate_is_unchanged_by_the_cache(data_repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo = DataRepo(data_repo)
    text = OPINION.format(id="OP-2024-001", year=2024).replace("- usages", "- inconnu")
    before = runner.validate_candidate(repo, KINDS["opinion"], "OP-2024-001", text)
    fast(data_repo, cache=True)  # the schemas are now known to be checked
    assert runner.validate_candidate(repo, KINDS["opinion"], "OP-2024-001", text) == before
    assert [p.code for p in before] == ["unknown-ref"]


def test_quick_dump_is_used_for_the_canonical_check(data_repo: Path) -> None:
    order = files.FileChecker(checking.load_schemas(DataRepo(data_repo), [])).orders["opinion"]
    data = {"id": "OP-2024-001", "title": "x"}
    assert canonical.quick_dump(data, order) == dump(data, order)


def test_a_full_run_forgets_results_of_files_gone_or_changed(register: Path) -> None:
    import sqlite3

    fast(register, cache=True)
    target = register / "data" / "opinions" / "OP-2024-003.yaml"
    target.write_text(target.read_text(encoding="utf-8").replace("Texte", "Autre texte"), encoding="utf-8")
    (register / "data" / "opinions" / "OP-2024-004.yaml").unlink()
    fast(register, (target,), cache=True)  # a partial run adds, never forgets
    fast(register, cache=True)
    database = register / ".git" / "cpne-cache" / "validate.sqlite"
    with contextlib.closing(sqlite3.connect(database)) as db:
        files = {row[0].split("\0")[0] for row in db.execute("SELECT file FROM results")}
        rows = db.execute("SELECT count(*) FROM results").fetchone()[0]
    records = store.listing(DataRepo(register)).files
    assert files == {f.relpath for group in records.values() for f in group}
    assert rows == len(files)


MEETING = """\
id: {id}
type: plenary
title: Séance plénière
date: {date}
status: {status}
"""
HELD = (
    MEETING
    + """\
agenda:
- title: Examen de l'avis
  opinion: OP-2024-040
attendance:
- partner: amf
  presence: present
- partner: arf
  presence: represented
  represented_by: amf
- partner: adf
  presence: absent
"""
)
ADOPTED = (
    OPINION.replace("status: draft", "status: adopted").replace(
        "  created: {year}-01-10\n", "  created: {year}-01-10\n  consultation: {year}-01-20\n  adopted: {adopted}\n"
    )
    + "decision:\n  mode: vote\n  positions:\n  - partner: amf\n    position: for\n{more}  meeting: {meeting}\n"
)

# Cross-record problems that read meetings: the séance of a text, proxies, the approval of minutes.
SEANCES = {
    "data/meetings/MTG-2024-001.yaml": HELD.format(id="MTG-2024-001", date="2024-03-01", status="held"),
    "data/meetings/MTG-2024-002.yaml": MEETING.format(id="MTG-2024-002", date="2024-04-01", status="planned"),
    "data/meetings/MTG-2024-003.yaml": MEETING.format(id="MTG-2024-003", date="2024-02-01", status="minutes-approved")
    + "minutes: Procès-verbal.\nminutes_approved_at: MTG-2024-002\n",
    "data/meetings/MTG-2024-004.yaml": HELD.format(id="MTG-2024-004", date="2024-05-01", status="held").replace(
        "represented_by: amf", "represented_by: adf"
    ),
    "data/opinions/OP-2024-040.yaml": ADOPTED.format(
        id="OP-2024-040",
        year=2024,
        adopted="2024-03-01",
        meeting="MTG-2024-001",
        more="  - partner: adf\n    position: against\n",
    ),
    "data/opinions/OP-2024-041.yaml": ADOPTED.format(
        id="OP-2024-041", year=2024, adopted="2024-03-02", meeting="MTG-2024-001", more=""
    ),
    "data/opinions/OP-2024-042.yaml": ADOPTED.format(
        id="OP-2024-042", year=2024, adopted="2024-04-01", meeting="MTG-2024-002", more=""
    ),
    "data/opinions/OP-2024-043.yaml": ADOPTED.format(
        id="OP-2024-043", year=2024, adopted="2024-04-01", meeting="MTG-2024-999", more=""
    ),
}


def test_checks_reading_meetings_report_exactly_the_plain_problems(
    register: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Texts wait for the meetings they read, whichever arrives first from the workers or the cache."""
    (register / "data" / "meetings").mkdir(exist_ok=True)
    for relpath, text in SEANCES.items():
        (register / relpath).write_text(text, encoding="utf-8")
    expected = plain(register, monkeypatch)
    codes = {p["code"] for p in expected if str(p["path"]).startswith(("data/meetings", "data/opinions/OP-2024-04"))}
    assert codes >= {"decision-meeting", "not-present", "represented-by", "minutes", "unknown-ref"}
    assert fast(register, cache=False, workers=1) == expected
    monkeypatch.setattr(bulk, "POOL_MIN_FILES", 1)
    monkeypatch.setattr(bulk, "POOL_BATCH", 1)
    for _ in range(3):  # results come in any order
        assert fast(register, cache=False, workers=2) == expected
    assert fast(register, cache=True, workers=2) == expected  # fills the cache
    assert fast(register, cache=True, workers=2) == expected  # served from it
    chosen = (register / "data" / "opinions" / "OP-2024-040.yaml", register / "data" / "meetings" / "MTG-2024-003.yaml")
    assert fast(register, chosen, cache=True) == plain(register, monkeypatch, chosen)  # the others read from disk
