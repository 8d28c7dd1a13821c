"""The benchmark corpus is a valid register (`cpne validate --strict` passes) and the same for the same seed."""

from __future__ import annotations

import random
from pathlib import Path

from benchmarks.generate import PER_YEAR, Text, generate, make_opinions
from tests.conftest import git, run_cli


def test_generated_corpus_validates_strictly(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "corpus", size=40, seed=7)
    assert corpus.counts == {"partner": 50, "theme": 12, "referential": 20, "opinion": 40, "review": 4}
    result = run_cli("--repo", corpus.root, "validate", "--strict")
    assert result.exit_code == 0, result.stdout + result.stderr
    assert "126 files checked: 0 errors, 0 warnings" in result.stderr
    assert git(corpus.root, "status", "--porcelain", "--untracked-files=all") == ""
    assert corpus.commits == int(git(corpus.root, "rev-list", "--count", "HEAD"))
    assert corpus.commits > 40 // 5
    assert "fmt" not in result.stdout


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
