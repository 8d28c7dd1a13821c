"""Canonical form: stable, faithful to the data, and atomic on disk."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from cpne import resources
from cpne.records.loader import parse_text
from cpne.records.writer import dump, ordered, schema_order, write_atomic

ORDER = schema_order(json.loads((resources.schemas_dir() / "opinion.schema.json").read_text(encoding="utf-8")))

scalar_text = st.text(st.characters(codec="utf-8"), max_size=40)
texts = st.one_of(
    scalar_text,
    st.lists(scalar_text, max_size=4).map("\n".join),
    st.sampled_from(
        ["2015-10-01", "yes", "no", "~", "null", "1.0", "007", "- x", "a: b", "#c", "  lead", "trail  ", "é"]
    ),
)
values = st.recursive(
    st.one_of(texts, st.integers(), st.booleans(), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(texts, inner, max_size=4)),
    max_leaves=12,
)
records = st.dictionaries(st.sampled_from([*ORDER, "extra", "zz"]), values, min_size=1)


@settings(max_examples=300, deadline=None)
@given(records)
def test_dump_keeps_the_data(record: dict[str, Any]) -> None:
    text = dump(record, ORDER)
    assert parse_text(text) == record


@settings(max_examples=200, deadline=None)
@given(records)
def test_dump_is_idempotent_and_canonical(record: dict[str, Any]) -> None:
    text = dump(record, ORDER)
    assert dump(parse_text(text), ORDER) == text
    assert text.endswith("\n")
    assert "\r" not in text.replace("\\r", "")


def test_keys_follow_schema_order_at_every_level() -> None:
    record = {
        "title": "T",
        "id": "OP-2026-001",
        "decision": {"positions": [{"position": "for", "partner": "amf"}], "mode": "vote"},
        "unknown": 1,
        "dates": {"adopted": "2026-03-01", "created": "2026-01-01"},
    }
    assert list(ordered(record, ORDER)) == ["id", "title", "dates", "decision", "unknown"]
    text = dump(record, ORDER)
    assert text == (
        "id: OP-2026-001\n"
        "title: T\n"
        "dates:\n"
        "  created: 2026-01-01\n"
        "  adopted: 2026-03-01\n"
        "decision:\n"
        "  mode: vote\n"
        "  positions:\n"
        "  - partner: amf\n"
        "    position: for\n"
        "unknown: 1\n"
    )


def test_multiline_text_is_a_literal_block_and_accents_stay() -> None:
    assert dump({"body": "Première ligne\nseconde ligne\n"}, ORDER) == "body: |\n  Première ligne\n  seconde ligne\n"


def test_long_lines_are_not_folded() -> None:
    title = "mot " * 60 + "fin"
    assert dump({"title": title}, ORDER) == f"title: {title}\n"


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("old\n", encoding="utf-8")
    os.chmod(path, 0o640)
    write_atomic(path, "new é\n")
    assert path.read_bytes() == "new é\n".encode()
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


def test_write_atomic_leaves_the_old_file_when_writing_fails(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(path, "bad \udcff surrogate")
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["r.yaml"]


@settings(max_examples=200, deadline=None)
@given(records, st.booleans(), st.integers(2, 8), st.integers(20, 200))
def test_fmt_of_any_layout_keeps_the_data(record: dict[str, Any], flow: bool, indent: int, width: int) -> None:
    import yaml

    messy = yaml.safe_dump(record, default_flow_style=flow, indent=indent, width=width, allow_unicode=flow)
    before = parse_text(messy)
    assume(before == record)  # PyYAML's own emitter writes a raw NEL (\x85) that reads back as a space
    after = parse_text(dump(before, ORDER))
    assert after == before
