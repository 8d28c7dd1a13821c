"""Reading many files: worker processes give the same results, in the same order, as one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpne.records.bulk import POOL_MIN_FILES, parse_files, worker_count


def test_pool_and_single_process_agree(tmp_path: Path) -> None:
    paths = []
    for index in range(POOL_MIN_FILES + 5):
        path = tmp_path / f"r{index:05d}.yaml"
        if index % 97 == 0:
            path.write_bytes(b"id: [broken\n")
        elif index % 101 == 0:
            path.write_bytes(b"caf\xe9: 1\n")
        else:
            path.write_text(f"id: r{index}\ntitle: Avis n° {index}\n", encoding="utf-8")
        paths.append(path)
    paths.append(tmp_path / "missing.yaml")
    single = parse_files(paths, workers=1)
    pooled = parse_files(paths, workers=2)
    assert pooled == single
    assert single[1] == ({"id": "r1", "title": "Avis n° 1"}, None)
    assert single[0][1] is not None and single[0][1][0] == "yaml-syntax"
    assert single[101][1] is not None and single[101][1][0] == "encoding"
    assert single[-1] == (None, ("unreadable", "cannot read: No such file or directory", 1, 1))


def test_worker_count_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CPNE_WORKERS", "1")
    assert worker_count() == 1
    assert worker_count(3) == 3
    monkeypatch.delenv("CPNE_WORKERS")
    assert 1 <= worker_count() <= 4


def _handlers(batch: list[int]) -> list[tuple[bool, bool]]:
    import signal

    return [(signal.getsignal(signal.SIGTERM) == signal.SIG_DFL, signal.getsignal(signal.SIGINT) == signal.SIG_IGN)]


def test_workers_do_not_inherit_the_commands_signal_handlers() -> None:
    """Pool.terminate ends workers with SIGTERM: a handler raising in place (cpne.signals) would hang it."""
    import signal

    from cpne.records.bulk import in_workers
    from cpne.signals import interrupt_in_place

    before = signal.getsignal(signal.SIGINT), signal.getsignal(signal.SIGTERM)
    interrupt_in_place()
    try:
        seen = [flags for batch in in_workers(_handlers, list(range(450)), 2) for flags in batch]
    finally:
        signal.signal(signal.SIGINT, before[0])
        signal.signal(signal.SIGTERM, before[1])
    assert seen and all(flags == (True, True) for flags in seen)
