"""Random sequences of set-status calls never produce an invalid record, and refused ones change nothing.

Each example works on a fresh copy of one seeded repository, through the use cases of
cpne.ops.records (the same code the CLI calls), with real git commits.
"""

from __future__ import annotations

import itertools
import shutil
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpne.errors import CpneError
from cpne.kinds import KINDS, Kind
from cpne.kinds.lifecycle import Lifecycle
from cpne.ops import records
from cpne.ops.workspace import Outcome, Workspace, WriteOptions
from cpne.repo import DataRepo
from cpne.validation.runner import validate
from tests.conftest import git, run_cli, tree_state

OPINION, REVIEW = KINDS["opinion"], KINDS["review"]
assert OPINION.lifecycle is not None and REVIEW.lifecycle is not None
OPINION_LIFECYCLE, REVIEW_LIFECYCLE = OPINION.lifecycle, REVIEW.lifecycle
START = date(2026, 1, 1)

STEP = st.tuples(
    st.sampled_from(OPINION_LIFECYCLE.statuses),
    st.integers(min_value=-3, max_value=20),  # days after the creation date (negative: goes backwards)
    st.booleans(),  # give a reason
    st.booleans(),  # give a decision
)
REVIEW_STEP = st.tuples(st.sampled_from(REVIEW_LIFECYCLE.statuses), st.integers(min_value=-3, max_value=20))


def _lifecycle(kind: Kind) -> Lifecycle:
    assert kind.lifecycle is not None
    return kind.lifecycle


def _template(tmp_path: Path) -> Path:
    root = tmp_path / "template"
    assert run_cli("init", root).exit_code == 0
    return root


def _check_step(
    ws: Workspace,
    kind: Kind,
    record_id: str,
    call: Outcome | CpneError,
    before: dict[str, str],
    old: str,
    new: str,
) -> str:
    root = ws.repo.root
    lifecycle = _lifecycle(kind)
    if isinstance(call, CpneError):
        assert tree_state(root) == before
        assert not (root / ".git" / "cpne.lock").exists()
        return old
    assert lifecycle.can_move(old, new)
    assert git(root, "log", "-1", "--format=%s").strip() == f"{kind.name} {record_id}: {old} -> {new}"
    assert git(root, "status", "--porcelain") == ""
    report = validate(ws.repo)
    assert report.errors == 0, [p.message for p in report.problems]
    return new


def test_random_opinion_status_sequences(tmp_path: Path) -> None:
    template = _template(tmp_path)
    counter = itertools.count()

    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(steps=st.lists(STEP, min_size=1, max_size=5))
    def run(steps: list[tuple[str, int, bool, bool]]) -> None:
        root = tmp_path / f"r{next(counter)}"
        shutil.copytree(template, root)
        ws = Workspace(DataRepo(root))
        options = WriteOptions()
        created = records.create(
            ws,
            OPINION,
            {
                "title": "Avis",
                "kind": "opinion",
                "themes": ["usages"],
                "rapporteurs": ["amf"],
                "date": START.isoformat(),
            },
            options,
        )
        record_id, status = created.record_id, "draft"
        for new, days, reason, decision in steps:
            before = tree_state(root)
            call: Outcome | CpneError
            try:
                call = records.set_status(
                    ws,
                    OPINION,
                    record_id,
                    new,
                    options,
                    on=(START + timedelta(days=days)).isoformat(),
                    values={
                        "reason": "Retiré." if reason else None,
                        "decision": "consensus" if decision else None,
                    },
                )
            except CpneError as exc:
                call = exc
            status = _check_step(ws, OPINION, record_id, call, before, status, new)
        shutil.rmtree(root)

    run()


def test_random_review_status_sequences(tmp_path: Path) -> None:
    template = _template(tmp_path)
    counter = itertools.count()

    @settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(steps=st.lists(REVIEW_STEP, min_size=1, max_size=4))
    def run(steps: list[tuple[str, int]]) -> None:
        root = tmp_path / f"r{next(counter)}"
        shutil.copytree(template, root)
        ws = Workspace(DataRepo(root))
        options = WriteOptions()
        created = records.create(
            ws,
            REVIEW,
            {
                "title": "Revue",
                "referential": "carmo",
                "version": "3.0",
                "themes": ["usages"],
                "rapporteurs": ["amf"],
                "date": START.isoformat(),
            },
            options,
        )
        record_id, status = created.record_id, "planned"
        for new, days in steps:
            before = tree_state(root)
            call: Outcome | CpneError
            lifecycle = REVIEW_LIFECYCLE
            on = (START + timedelta(days=days)).isoformat() if lifecycle.date_of.get(new) else None
            try:
                call = records.set_status(ws, REVIEW, record_id, new, options, on=on)
            except CpneError as exc:
                call = exc
            status = _check_step(ws, REVIEW, record_id, call, before, status, new)
        shutil.rmtree(root)

    run()
