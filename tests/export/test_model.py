"""The export model without the CLI: labels, dates, statuses over time, the fixture register itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from cpne.export.labels import LABELS, format_date, opinion_status
from cpne.export.model import OpinionDates, ReviewDates, opinion_status_at, review_status_at
from tests.conftest import run_cli


def test_both_languages_have_the_same_labels() -> None:
    fr, en = LABELS["fr"], LABELS["en"]
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


def dates(**kw: str) -> OpinionDates:
    values: dict[str, str | None] = dict.fromkeys(("referred", "consultation", "adopted", "published", "withdrawn"))
    values.update(kw)
    return OpinionDates(created=kw.get("created", "2024-01-01"), **{k: v for k, v in values.items() if k != "created"})


@pytest.mark.parametrize(
    ("status", "kw", "day", "expected"),
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
def test_opinion_status_at_the_end_of_a_period(status: str, kw: dict[str, str], day: str | None, expected: str) -> None:
    assert opinion_status_at(status, dates(**kw), day) == expected


def test_review_status_at_the_end_of_a_period() -> None:
    concluded = ReviewDates("2024-01-01", "2025-02-01")
    assert review_status_at("concluded", concluded, "2024-12-31") == "in-progress"
    assert review_status_at("concluded", concluded, "2025-12-31") == "concluded"
    assert review_status_at("abandoned", ReviewDates("2024-01-01", None), "2024-12-31") == "abandoned"


def test_the_fixture_register_is_valid(fixture_repo: Path) -> None:
    result = run_cli("--repo", fixture_repo, "validate", "--strict")
    assert result.exit_code == 0, result.stdout + result.stderr
