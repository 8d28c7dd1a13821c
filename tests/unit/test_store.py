"""cpne.records.store: the one reader of data/ lists what is there and reads it, judging nothing."""

from __future__ import annotations

from pathlib import Path

from cpne.kinds import KINDS
from cpne.records import store
from cpne.records.bulk import POOL_MIN_FILES
from cpne.repo import DataRepo

PARTNER = "id: {id}\nacronym: X\nname: X\ncategory: other\nmembership: associated\njoined: '2020-01-01'\n"


def _repo(root: Path) -> DataRepo:
    (root / "cpne.yaml").write_text("committee: C\n", encoding="utf-8")
    return DataRepo(root)


def test_listing_sorts_records_and_reports_strays_without_judging_them(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    partners = tmp_path / "data/partners"
    partners.mkdir(parents=True)
    for name in ("b.yaml", "a.yaml", "c.yml", "notes.txt", ".hidden.yaml"):
        (partners / name).write_text(PARTNER.format(id=name.split(".")[0]), encoding="utf-8")
    (partners / "folder.yaml").mkdir()
    (tmp_path / "data/misc").mkdir()
    (tmp_path / "data/README").write_text("x", encoding="utf-8")
    found = store.listing(repo)
    assert [f.relpath for f in found.files["partner"]] == ["data/partners/a.yaml", "data/partners/b.yaml"]
    assert [f.stem for f in found.files["partner"]] == ["a", "b"]
    assert all(found.files[name] == [] for name in KINDS if name != "partner")
    assert sorted((s.relpath, s.reason) for s in found.strays) == [
        ("data/README", "not-a-record-folder"),
        ("data/misc", "not-a-record-folder"),
        ("data/partners/c.yml", "yml-suffix"),
        ("data/partners/folder.yaml", "not-a-record"),
        ("data/partners/notes.txt", "not-a-record"),
    ]
    assert store.ids(repo, KINDS["partner"]) == ["a", "b", "folder"]  # a listing, no judgement
    assert store.ids(repo, KINDS["theme"]) == []


def test_listing_an_empty_register(tmp_path: Path) -> None:
    found = store.listing(_repo(tmp_path))
    assert found.strays == [] and all(group == [] for group in found.files.values())


def test_records_reads_every_file_and_skips_unreadable_ones_with_their_reason(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    partners = tmp_path / "data/partners"
    partners.mkdir(parents=True)
    (partners / "amf.yaml").write_text(PARTNER.format(id="amf"), encoding="utf-8")
    (partners / "bad.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (partners / "latin.yaml").write_bytes("name: é\n".encode("latin-1"))
    got = store.records(repo, KINDS["partner"])
    assert [r["id"] for r in got.records] == ["amf"]
    assert [path for path, _ in got.skipped] == ["data/partners/bad.yaml", "data/partners/latin.yaml"]
    assert got.skipped[0][1].startswith("line ")


def test_records_of_a_large_kind_come_back_in_order_from_the_worker_pool(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    partners = tmp_path / "data/partners"
    partners.mkdir(parents=True)
    ids = [f"p{n:05d}" for n in range(POOL_MIN_FILES + 3)]
    for record_id in ids:
        (partners / f"{record_id}.yaml").write_text(PARTNER.format(id=record_id), encoding="utf-8")
    got = store.records(repo, KINDS["partner"])
    assert [r["id"] for r in got.records] == ids and got.skipped == []


def test_containing_parses_only_the_files_holding_the_text(tmp_path: Path) -> None:
    repo = _repo(tmp_path)
    partners = tmp_path / "data/partners"
    partners.mkdir(parents=True)
    (partners / "amf.yaml").write_text(PARTNER.format(id="amf"), encoding="utf-8")
    (partners / "arf.yaml").write_text(PARTNER.format(id="arf"), encoding="utf-8")
    (partners / "broken.yaml").write_text("id: amf\nid: twice\n", encoding="utf-8")
    found = [(f.stem, data is not None) for f, _, data in store.containing(repo, KINDS["partner"], "amf")]
    assert found == [("amf", True), ("broken", False)]


def test_record_file_checks_the_id_before_building_a_path(tmp_path: Path) -> None:
    import pytest

    from cpne.errors import UsageError

    repo = _repo(tmp_path)
    with pytest.raises(UsageError, match="not a valid partner id"):
        store.record_file(repo, KINDS["partner"], "../../etc/passwd")
    file = store.record_file(repo, KINDS["opinion"], "OP-2026-001")
    assert file.relpath == "data/opinions/OP-2026-001.yaml" and file.stem == "OP-2026-001"


def test_search_finds_the_same_records_in_the_worker_pool_as_in_this_process(tmp_path: Path) -> None:
    from cpne.ops.search import search

    repo = _repo(tmp_path)
    partners = tmp_path / "data/partners"
    partners.mkdir(parents=True)
    ids = [f"p{n:05d}" for n in range(POOL_MIN_FILES + 3)]
    for number, record_id in enumerate(ids):
        notes = "notes: Plan d'équipement.\n" if number % 100 == 7 else ""
        (partners / f"{record_id}.yaml").write_text(PARTNER.format(id=record_id) + notes, encoding="utf-8")
    (partners / "p99999.yaml").write_text("id: p99999\nnotes: équipement\nnotes: twice\n", encoding="utf-8")
    alone, pooled = search(repo, "EQUIPEMENT", workers=1), search(repo, "EQUIPEMENT", workers=2)
    assert [h.id for h in pooled.hits] == [h.id for h in alone.hits] == ids[7::100]
    assert pooled.skipped == alone.skipped and [path for path, _ in pooled.skipped] == ["data/partners/p99999.yaml"]
