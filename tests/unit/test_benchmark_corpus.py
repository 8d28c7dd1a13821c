"""The benchmark corpus is a valid register (`cpne validate --strict` passes) and the same for the same seed."""

from __future__ import annotations

import random
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks.generate import PER_YEAR, Text, generate, make_opinions, practice_count
from cpne.records.loader import read_record
from tests.conftest import git, run_cli


def _records(root: Path, folder: str) -> list[dict[str, Any]]:
    return [read_record(path).data for path in sorted((root / "data" / folder).glob("*.yaml"))]


def test_generated_corpus_validates_strictly(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "corpus", size=40, seed=7)
    assert corpus.counts == {
        "partner": 50,
        "theme": 12,
        "referential": 20,
        "group": 20,
        "opinion": 40,
        "review": 4,
        "meeting": 10,
        "action": 8,
        "practice": 10,
    }
    result = run_cli("--repo", corpus.root, "validate", "--strict")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "174 files checked: 0 errors, 0 warnings" in result.stderr
    assert git(corpus.root, "status", "--porcelain", "--untracked-files=all") == ""
    assert corpus.commits == int(git(corpus.root, "rev-list", "--count", "HEAD"))
    assert corpus.commits > 40 // 5
    assert "fmt" not in result.stdout


def test_generated_meetings_and_groups_are_linked_to_the_register(tmp_path: Path) -> None:
    """Spread over four years: every kind of meeting and status, texts adopted at a séance, groups at work, actions
    following up texts and meetings, open, done and dropped."""
    corpus = generate(tmp_path / "corpus", size=60, seed=11, per_year=15)
    result = run_cli("--repo", corpus.root, "validate", "--strict")
    assert result.exit_code == 0, result.stdout + result.stderr
    meetings = {m["id"]: m for m in _records(corpus.root, "meetings")}
    groups = {g["id"]: g for g in _records(corpus.root, "groups")}
    opinions = _records(corpus.root, "opinions")
    assert len(groups) == 20 and {g["status"] for g in groups.values()} == {"active", "closed"}
    assert any("left" in m for g in groups.values() for m in g["members"])
    assert {m["id"][4:8] for m in meetings.values()} == {"2016", "2017", "2018", "2019"}
    assert all(m["id"][4:8] == m["date"][:4] for m in meetings.values())
    types = Counter(m["type"] for m in meetings.values())
    assert set(types) == {"plenary", "working-group", "sharing-day", "consensus-conference"}
    assert types["plenary"] > len(meetings) / 2
    assert {m["status"] for m in meetings.values()} >= {"planned", "held", "minutes-approved"}
    represented = [a for m in meetings.values() for a in m.get("attendance", ()) if a["presence"] == "represented"]
    assert represented and all("represented_by" in a for a in represented)
    assert any("audience" in m for m in meetings.values())
    for meeting in meetings.values():
        if meeting["status"] == "minutes-approved":
            assert meetings[meeting["minutes_approved_at"]]["date"] > meeting["date"]
    adopted = [o for o in opinions if "meeting" in o.get("decision", {})]
    assert adopted and len(adopted) < sum(1 for o in opinions if "decision" in o)
    for opinion in adopted:
        seance = meetings[opinion["decision"]["meeting"]]
        assert seance["type"] == "plenary" and seance["date"] == opinion["dates"]["adopted"]
        assert any(item.get("opinion") == opinion["id"] for item in seance["agenda"])
    assert any("prepared_by" in o for o in opinions)
    wg = [m for m in meetings.values() if m["type"] == "working-group"]
    assert wg and all(m["group"] in groups for m in wg)
    actions = _records(corpus.root, "actions")
    assert len(actions) == 60 // 5 and {a["status"] for a in actions} >= {"open", "done", "dropped"}
    by_id = {o["id"]: o for o in opinions} | meetings
    assert {a["source"][:3] for a in actions} == {"OP-", "MTG"}
    for action in actions:
        source = by_id[action["source"]]
        assert action["dates"]["opened"] >= source.get("date", source.get("dates", {}).get("adopted", "~"))
        assert action["id"][4:8] == action["dates"]["opened"][:4]
        assert ("result" in action) == (action["status"] == "done")
    practices = _records(corpus.root, "practices")
    partners = {p["id"]: p for p in _records(corpus.root, "partners")}
    assert len(practices) == practice_count(60) == 10
    assert {p["status"] for p in practices} == {"proposed", "endorsed", "retired"}
    for practice in practices:
        if "endorsed_at" in practice:
            seance = meetings[practice["endorsed_at"]]
            assert seance["status"] in ("held", "minutes-approved") and seance["date"] == practice["dates"]["endorsed"]
        for partner in practice.get("partners", ()):
            joined, left = partners[partner]["joined"], partners[partner].get("left", "9999")
            assert joined <= practice["dates"]["proposed"] <= left


def test_generated_corpus_is_deterministic(tmp_path: Path) -> None:
    first = generate(tmp_path / "a", size=15, seed=3)
    second = generate(tmp_path / "b", size=15, seed=3)
    other = generate(tmp_path / "c", size=15, seed=4)
    head = git(first.root, "rev-parse", "HEAD")
    assert git(second.root, "rev-parse", "HEAD") == head
    assert git(other.root, "rev-parse", "HEAD") != head
    body = (first.root / "data" / "opinions" / "OP-2016-001.yaml").read_text(encoding="utf-8")
    assert 1000 <= len(body.encode("utf-8")) <= 4500
    assert "é" in body


def test_large_sizes_spread_ids_over_years() -> None:
    rng = random.Random(1)
    partners = [{"id": f"p{i}", "joined": "2015-10-01"} for i in range(5)]
    opinions = make_opinions(rng, Text(rng), 2 * PER_YEAR + 1, ["t1", "t2", "t3"], partners)
    ids = [o["id"] for o in opinions]
    assert len(set(ids)) == len(ids)
    assert max(int(i[-3:]) for i in ids) <= 999
    assert {i[3:7] for i in ids} == {"2016", "2017", "2018"}
