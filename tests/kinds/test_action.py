"""The follow-up actions' pure helpers: lateness on a day (for ``list --due`` and the activity report) and the
owner's membership over the action's life."""

from __future__ import annotations

from typing import Any

import pytest

from cpne.kinds.action import KIND, LIFECYCLE, OPEN, late, owned_while_member


def action(status: str = "open", due: str = "2026-06-30", **dates: str) -> dict[str, Any]:
    return {"id": "ACT-2026-001", "status": status, "due": due, "dates": {"opened": "2026-03-01", **dates}}


def test_the_open_statuses_are_those_not_final() -> None:
    assert OPEN == ("open", "in-progress")
    assert all(LIFECYCLE.is_final(status) for status in LIFECYCLE.statuses if status not in OPEN)


@pytest.mark.parametrize(
    ("record", "on", "expected"),
    [
        (action(), "2026-06-30", False),  # due that day: not late yet
        (action(), "2026-07-01", True),
        (action("in-progress"), "2026-07-01", True),
        (action("done"), "2026-07-01", False),
        (action("dropped"), "2027-01-01", False),
        ({"status": "open"}, "2027-01-01", False),  # no due date (the schema reports it)
    ],
)
def test_late(record: dict[str, Any], on: str, expected: bool) -> None:
    assert late(record, on) is expected
    assert KIND.filters[1].test(record, on) is expected  # --due is this test


@pytest.mark.parametrize(
    ("partner", "record", "expected"),
    [
        ({"joined": "2015-10-01"}, action(), True),
        ({"joined": "2015-10-01", "left": "2026-02-28"}, action(), False),  # left before it opened
        ({"joined": "2015-10-01", "left": "2026-03-01"}, action(), True),  # a member on its first day
        ({"joined": "2026-05-01"}, action(), True),  # handed over to a later member while it is open
        ({"joined": "2026-05-01"}, action("done", done="2026-04-30"), False),  # joined after it was done
        ({"joined": "2026-05-01"}, action("dropped", dropped="2026-05-01"), True),
    ],
)
def test_an_owner_is_a_member_some_day_the_action_is_open(
    partner: dict[str, Any], record: dict[str, Any], expected: bool
) -> None:
    assert owned_while_member(partner, record) is expected
