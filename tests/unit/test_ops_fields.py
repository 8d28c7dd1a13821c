"""cpne.ops.fields and cpne.kinds.values: values typed as text checked and put in records."""

from __future__ import annotations

from typing import Any

import pytest

from cpne.errors import UsageError
from cpne.kinds import KINDS
from cpne.kinds import values as typed
from cpne.kinds.opinion import parse_position
from cpne.ops import fields


def test_check_date() -> None:
    assert typed.check_date("2026-02-28", "--date") == "2026-02-28"
    assert typed.check_date(" 2024-02-29 ", "--date") == "2024-02-29"
    with pytest.raises(UsageError, match="'2026-02-29' is not a real date"):
        typed.check_date("2026-02-29", "--date")
    with pytest.raises(UsageError, match=r"--joined: '1/2/2026' is not a date \(write YYYY-MM-DD"):
        typed.check_date("1/2/2026", "--joined")
    with pytest.raises(UsageError):
        typed.check_date("20260101", "--date")


def test_structured_options() -> None:
    assert parse_position("amf|for", "--position") == {"partner": "amf", "position": "for"}
    assert parse_position("men | abstain | Réserve", "--position") == {
        "partner": "men",
        "position": "abstain",
        "note": "Réserve",
    }
    with pytest.raises(UsageError, match="position 'oui' is not one of: for, against, abstain"):
        parse_position("amf|oui", "--position")
    assert typed.parse_reference("Rapport | annexe|https://x.fr/a", "--reference") == {
        "title": "Rapport | annexe",
        "url": "https://x.fr/a",
    }
    assert typed.parse_reference("Rapport|https://x.fr", "--reference") == {"title": "Rapport", "url": "https://x.fr"}
    assert typed.parse_former_name("Ancien nom|2019-01-01", "--former-name") == {
        "name": "Ancien nom",
        "until": "2019-01-01",
    }
    assert typed.parse_representative("A B|rôle||2024-01-01", "--representative") == {
        "name": "A B",
        "role": "rôle",
        "until": "2024-01-01",
    }
    assert typed.parse_version("3.0", "--version") == {"version": "3.0"}
    assert typed.parse_version("3.0|2018-12-01", "--version") == {"version": "3.0", "date": "2018-12-01"}
    for parse, raw in (
        (typed.parse_representative, "seul"),
        (typed.parse_representative, "|rôle"),
        (typed.parse_former_name, "Nom"),
        (typed.parse_version, "1|2|3"),
        (typed.parse_reference, "https://x.fr"),
    ):
        with pytest.raises(UsageError, match="is not of the form"):
            parse(raw, "--opt")


def test_apply_values_sets_nested_paths_and_replaces_or_appends_lists() -> None:
    record: dict[str, Any] = {"id": "x", "representatives": [{"name": "A", "role": "r"}]}
    used = fields.apply_values(
        KINDS["partner"],
        record,
        {"name": "  Nom  ", "joined": "2020-01-01", "add_representatives": ["B|s"], "notes": None, "former_names": []},
    )
    assert used == ["--name", "--joined", "--add-representative"]
    assert record == {
        "id": "x",
        "representatives": [{"name": "A", "role": "r"}, {"name": "B", "role": "s"}],
        "name": "Nom",
        "joined": "2020-01-01",
    }
    opinion: dict[str, Any] = {}
    fields.apply_values(
        KINDS["opinion"],
        opinion,
        {"referred_by": "amf", "date": "2026-01-01", "themes": ["a", "b", "a"], "body": "L1\r\nL2\n\n"},
    )
    assert opinion == {
        "referral": {"by": "amf"},
        "dates": {"created": "2026-01-01"},
        "themes": ["a", "b"],
        "body": "L1\nL2",
    }


def test_unset_and_set_dates() -> None:
    record: dict[str, Any] = {"referral": {"origin": "member", "by": "amf"}, "dates": {"created": "2026-01-01"}}
    fields.apply_set_dates(KINDS["opinion"], record, ["referred=2026-01-02"])
    assert record["dates"] == {"created": "2026-01-01", "referred": "2026-01-02"}
    fields.apply_unset(KINDS["opinion"], record, ["referral.by", "dates.referred", "notes"])
    assert record == {"referral": {"origin": "member"}, "dates": {"created": "2026-01-01"}}
    with pytest.raises(UsageError, match=r"'dates\.created' cannot be removed"):
        fields.apply_unset(KINDS["opinion"], record, ["dates.created"])
    with pytest.raises(UsageError, match="NAME one of: opened, started, concluded"):
        fields.apply_set_dates(KINDS["review"], record, ["adopted=2026-01-01"])
    with pytest.raises(UsageError, match="not a real date"):
        fields.apply_set_dates(KINDS["opinion"], record, ["adopted=2026-13-01"])


def test_missing_follows_conditions() -> None:
    assert [f.option for f in fields.missing(KINDS["opinion"], {"title": "x", "themes": []})] == [
        "--kind",
        "--theme",
        "--rapporteur",
    ]
    partner = {"acronym": "A", "name": "N", "category": "other", "membership": "associated", "joined": "2020-01-01"}
    assert fields.missing(KINDS["partner"], partner) == []
    assert [f.option for f in fields.missing(KINDS["partner"], {**partner, "membership": "signatory"})] == [
        "--signed-as"
    ]


def test_choice_values_are_checked() -> None:
    with pytest.raises(UsageError, match="--domain: 'games' is not one of"):
        fields.apply_values(KINDS["referential"], {}, {"domains": ["uses", "games"]})
