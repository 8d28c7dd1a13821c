"""The export model without the CLI: labels, dates, statuses over time, the fixture register itself."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from cpne.export.labels import format_date, labels, opinion_status
from cpne.kinds import KINDS
from cpne.kinds.lifecycle import Lifecycle
from cpne.repo import LANGUAGES
from tests.conftest import run_cli


def lifecycle(kind: str) -> Lifecycle:
    found = KINDS[kind].lifecycle
    assert found is not None
    return found


def test_both_languages_have_the_same_labels() -> None:
    fr, en = labels("fr"), labels("en")
    assert sorted(fr) == sorted(en)
    for key, value in fr.items():
        if isinstance(value, dict):
            assert sorted(value) == sorted(en[key]), key


@pytest.mark.parametrize(
    ("iso", "lang", "text"),
    [
        ("2015-10-01", "fr", "1er octobre 2015"),
        ("2015-10-02", "fr", "2 octobre 2015"),
        ("2024-02-29", "fr", "29 février 2024"),
        ("2015-10-01", "en", "1 October 2015"),
        ("2024-08-21", "en", "21 August 2024"),
        ("not-a-date", "fr", "not-a-date"),
        ("2024-02-30", "en", "2024-02-30"),
    ],
)
def test_dates_are_written_as_each_language_writes_them(iso: str, lang: str, text: str) -> None:
    assert format_date(iso, lang) == text


def test_status_words_agree_with_the_kind() -> None:
    assert opinion_status("fr", "opinion", "adopted") == "adopté"
    assert opinion_status("fr", "recommendation", "adopted") == "adoptée"
    assert opinion_status("en", "recommendation", "adopted") == "adopted"


@pytest.mark.parametrize(
    ("status", "dates", "day", "expected"),
    [
        (
            "published",
            {"consultation": "2024-02-01", "adopted": "2024-03-01", "published": "2024-04-01"},
            None,
            "published",
        ),
        (
            "published",
            {"consultation": "2024-02-01", "adopted": "2024-03-01", "published": "2025-04-01"},
            "2024-12-31",
            "adopted",
        ),
        (
            "published",
            {"consultation": "2024-02-01", "adopted": "2025-03-01", "published": "2025-04-01"},
            "2024-12-31",
            "consultation",
        ),
        ("adopted", {"consultation": "2024-12-01", "adopted": "2025-01-10"}, "2024-06-30", "draft"),
        ("withdrawn", {"consultation": "2024-02-01", "withdrawn": "2025-01-10"}, "2024-12-31", "consultation"),
        ("withdrawn", {"withdrawn": "2024-05-10"}, "2024-12-31", "withdrawn"),
        ("draft", {"consultation": "2024-02-01"}, "2024-12-31", "draft"),  # sent back: stays a draft
    ],
)
def test_opinion_status_at_the_end_of_a_period(
    status: str, dates: dict[str, str], day: str | None, expected: str
) -> None:
    assert lifecycle("opinion").status_on(status, {"created": "2024-01-01", **dates}, day) == expected


def test_review_status_at_the_end_of_a_period() -> None:
    review = lifecycle("review")
    concluded = {"opened": "2024-01-01", "concluded": "2025-02-01"}
    assert review.status_on("concluded", concluded, "2024-12-31") == "in-progress"
    assert review.status_on("concluded", concluded, "2025-12-31") == "concluded"
    assert review.status_on("abandoned", {"opened": "2024-01-01"}, "2024-12-31") == "abandoned"


# The rules the exports applied before the lifecycle read statuses over time (kept here as the reference).
_OPINION_RANK = {s: n for n, s in enumerate(("draft", "consultation", "adopted", "published", "withdrawn"))}


def opinion_rule(status: str, dates: dict[str, str], day: str | None) -> str:
    if day is None or status == "draft" or status not in _OPINION_RANK:
        return status
    if status == "withdrawn" and dates.get("withdrawn", "9999") <= day:
        return "withdrawn"
    ceiling = _OPINION_RANK["adopted" if status == "withdrawn" else status]
    for name in ("published", "adopted", "consultation"):
        if _OPINION_RANK[name] <= ceiling and dates.get(name, "9999") <= day:
            return name
    return "draft"


def review_rule(status: str, dates: dict[str, str], day: str | None) -> str:
    if day is not None and status == "concluded" and dates.get("concluded", "") > day:
        return "in-progress"
    return status


@pytest.mark.parametrize(
    ("kind", "rule", "start", "names"),
    [
        ("opinion", opinion_rule, "created", ("referred", "consultation", "adopted", "published", "withdrawn")),
        ("review", review_rule, "opened", ("concluded",)),
    ],
)
def test_status_on_a_day_gives_the_answers_of_the_former_rules_for_every_valid_record(
    kind: str, rule: object, start: str, names: tuple[str, ...]
) -> None:
    """Every status, every combination of dates the lifecycle accepts, every day around them."""
    lc = lifecycle(kind)
    values = (None, "2024-01-01", "2024-06-01", "2025-01-01")
    days = (None, "2023-12-31", "2024-01-01", "2024-03-01", "2024-06-01", "2024-12-31", "2025-06-01")
    checked = 0
    for status in lc.statuses:
        for chosen in itertools.product(values, repeat=len(names)):
            dates = {start: "2024-01-01", **{n: v for n, v in zip(names, chosen, strict=True) if v}}
            if lc.invariants({"status": status, "dates": dates}):
                continue
            for day in days:
                assert lc.status_on(status, dates, day) == rule(status, dates, day), (status, dates, day)  # type: ignore[operator]
                checked += 1
    assert checked > 40


def test_the_date_of_a_status_is_the_date_it_sets_else_the_start() -> None:
    dates = {"created": "2024-01-01", "consultation": "2024-02-01", "adopted": "2024-03-01"}
    assert lifecycle("opinion").status_date("adopted", dates) == "2024-03-01"
    assert lifecycle("opinion").status_date("draft", dates) == "2024-01-01"
    assert lifecycle("review").status_date("in-progress", {"opened": "2024-05-01"}) == "2024-05-01"


def test_every_language_has_labels_and_every_enum_value_a_word() -> None:
    opinion = KINDS["opinion"]
    for L in map(labels, LANGUAGES):
        assert sorted(L["opinion_kind_plural"]) == sorted(opinion.enum(("kind",)))
        assert sorted(L["opinion_status_column"]) == sorted(lifecycle("opinion").statuses)
        assert sorted(L["review_status_column"]) == sorted(lifecycle("review").statuses)
        assert sorted(L["position"]) == sorted(opinion.enum(("decision", "positions", "*", "position")))


def test_the_fixture_register_is_valid(fixture_repo: Path) -> None:
    result = run_cli("--repo", fixture_repo, "validate", "--strict")
    assert result.exit_code == 0, result.stdout + result.stderr
