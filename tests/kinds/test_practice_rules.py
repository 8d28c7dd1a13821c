"""The practice kind's rules and helpers called directly (the command-line tests are in tests/cli/test_practice.py)."""

from __future__ import annotations

from typing import Any

from cpne.kinds.practice import KIND, endorsed_between, practices_outside


def practice(**overrides: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "ateliers",
        "domain": "uses",
        "status": "endorsed",
        "dates": {"proposed": "2024-04-02", "endorsed": "2024-06-12"},
        "endorsed_at": "MTG-2024-003",
        "partners": ["amf"],
    }
    record.update(overrides)
    return record


def codes(record: dict[str, Any]) -> list[tuple[tuple[str | int, ...], str]]:
    assert KIND.rules is not None
    return [(v.pointer, v.code) for v in KIND.rules(record)]


def test_the_endorsing_meeting_goes_with_the_endorsement_date() -> None:
    assert codes(practice()) == []
    lacking = practice()
    del lacking["endorsed_at"]
    assert codes(lacking) == [(("status",), "endorsement")]
    retired = {**lacking, "status": "retired", "dates": {**lacking["dates"], "retired": "2025-01-01"}}
    assert codes(retired) == [(("dates", "endorsed"), "endorsement")]
    never = practice(status="proposed", dates={"proposed": "2024-04-02"})
    assert codes(never) == [(("endorsed_at",), "endorsement")]


def test_a_period_ends_on_or_after_its_start() -> None:
    assert codes(practice(period={"start": "2024-01-01", "end": "2024-01-01"})) == []
    assert codes(practice(period={"start": "2024-01-02", "end": "2024-01-01"})) == [(("period", "end"), "period")]
    assert codes(practice(period={"start": "2024-01-02"})) == []


def test_practices_outside_a_partners_membership() -> None:
    records = [
        practice(),
        practice(id="other", partners=["adf"]),
        practice(id="late", dates={"proposed": "2030-01-01"}),
    ]
    assert practices_outside({"id": "amf", "joined": "2024-05-01"}, records) == ["ateliers"]
    assert practices_outside({"id": "amf", "joined": "2015-10-01", "left": "2025-01-01"}, records) == ["late"]
    assert practices_outside({"id": "amf", "joined": "2015-10-01"}, records) == []


def test_endorsed_between_counts_the_year_s_endorsements_retired_ones_included() -> None:
    records = [
        practice(),
        practice(
            id="b", domain="training", status="retired", dates={"proposed": "2024-01-01", "endorsed": "2024-02-01"}
        ),
        practice(id="c", domain="uses", dates={"proposed": "2023-01-01", "endorsed": "2023-12-31"}),
        practice(id="d", status="proposed", dates={"proposed": "2024-01-01"}),
    ]

    def by_domain(year: int) -> dict[str, int]:
        counts: dict[str, int] = {}
        for record in records:
            if endorsed_between(record, f"{year}-01-01", f"{year}-12-31"):
                counts[record["domain"]] = counts.get(record["domain"], 0) + 1
        return counts

    assert by_domain(2024) == {"uses": 1, "training": 1}
    assert by_domain(2023) == {"uses": 1}
    assert by_domain(2025) == {}
    assert [r["id"] for r in records if endorsed_between(r, None, None)] == ["ateliers", "b", "c"]
