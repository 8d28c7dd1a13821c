"""quick_dump writes exactly what writer.dump writes, whenever it answers (differential, hypothesis)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from cpne import resources
from cpne.records.loader import parse_text
from cpne.records.writer import dump, schema_order
from cpne.validation.canonical import is_canonical, quick_dump

ORDER = schema_order(json.loads((resources.schemas_dir() / "opinion.schema.json").read_text(encoding="utf-8")))

# Characters that change how libyaml writes text: indicators, spaces, breaks, quotes,
# non-ASCII (no-break space, YAML 1.1 breaks, BOM, astral), controls.
TRICKY = "-?:,[]{}#&*!|>'\"%@` \t\n\r.=~<0123456789aZéÉ\xa0\x85\u2028\u2029\ufeff\x7f\x1c😀«»’"
texts = st.one_of(
    st.text(alphabet=TRICKY, max_size=12),
    st.sampled_from(
        [
            "",
            "yes",
            "No",
            "null",
            "~",
            "1.0",
            "2024-01-01",
            "0x1F",
            "1_000",
            ".inf",
            "<<",
            "=",
            "---",
            "...x",
            "a: b",
            "a:b",
            "x #y",
            "x#y",
            "- x",
            "-x",
            "trailing ",
            " leading",
            "ends:",
            "l'école",
            "« guillemets »",
            "ligne 1\nligne 2",
            "ligne 1\nligne 2\n",
            "ligne 1\n\nligne 3",
            "a\n\n",
            " a\nb",
            "a \nb",
            "a\n b",
            "\na",
            "## Titre\n\n- point\n- point",
            "tab\tin",
        ]
    ),
    st.text(max_size=30),
)
scalars = st.one_of(texts, st.integers(), st.booleans(), st.none(), st.floats(allow_nan=False))
keys = st.one_of(st.sampled_from([*ORDER, "positions", "partner", "note", "extra"]), texts)
values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)),
    max_leaves=12,
)
records = st.dictionaries(keys, values, max_size=8)

# Mostly text quick_dump can write: the interesting decisions are plain or quoted,
# literal block or not, and where the indentation goes.
PLAIN = "-?:#' \n.aZé0123456789\xa0,[]"
plain_texts = st.one_of(st.text(alphabet=PLAIN, min_size=1, max_size=10), st.sampled_from(["yes", "1.0", "---", "a"]))
plain_values = st.recursive(
    st.one_of(plain_texts, st.integers(), st.booleans()),
    lambda children: st.one_of(
        st.lists(children, min_size=1, max_size=3),
        st.dictionaries(st.one_of(plain_texts, st.sampled_from(list(ORDER))), children, min_size=1, max_size=3),
    ),
    max_leaves=10,
)
plain_records = st.dictionaries(st.one_of(st.sampled_from(list(ORDER)), plain_texts), plain_values, min_size=1)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records)
@example({"id": "OP-2024-001", "themes": ["a", "b"], "decision": {"positions": [{"partner": "x", "note": "a\nb"}]}})
@example({"version": "2.0", "title": "a: b", "body": "x\n"})
def test_quick_dump_is_dump_whenever_it_answers(record: dict[str, Any]) -> None:
    quick = quick_dump(record, ORDER)
    if quick is not None:
        assert quick == dump(record, ORDER)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plain_records)
def test_quick_dump_is_dump_on_plain_records(record: dict[str, Any]) -> None:
    quick = quick_dump(record, ORDER)
    if quick is not None:
        assert quick == dump(record, ORDER)


def test_quick_dump_answers_for_every_record_cpne_ships() -> None:
    seed = resources.seed_dir()
    checked = 0
    for folder in resources.SEED_FOLDERS:
        schema = json.loads((resources.schemas_dir() / f"{folder[:-1]}.schema.json").read_text(encoding="utf-8"))
        order = schema_order(schema)
        for path in sorted((seed / folder).glob("*.yaml")):
            raw = path.read_bytes()
            data = parse_text(raw.decode("utf-8"))
            assert quick_dump(data, order) == raw.decode("utf-8"), path
            assert is_canonical(raw, data, order)
            checked += 1
    assert checked >= 20


def test_quick_dump_declines_what_it_does_not_reproduce() -> None:
    declined: list[Any] = ["tab\there", "emoji 😀", "nel\x85", [], {}, 1.5]
    for value in declined:
        assert quick_dump({"notes": value}, ORDER) is None, value


def test_is_canonical_falls_back_to_dump(tmp_path: Path) -> None:
    data = {"id": "OP-2024-001", "title": "tab\there"}
    assert quick_dump(data, ORDER) is None
    text = dump(data, ORDER)
    assert is_canonical(text.encode("utf-8"), data, ORDER)
    assert not is_canonical(text.encode("utf-8") + b"\n", data, ORDER)
