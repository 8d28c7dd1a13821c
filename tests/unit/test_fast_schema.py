"""The schema fast path (jsonschema-rs) never says "valid" where jsonschema finds a problem.

Differential tests on generated records: every mutation of a valid record that
jsonschema rejects must not pass the fast path. Where the fast path rejects a
record that jsonschema accepts, jsonschema decides (the known cases are listed
below), so reports never change.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpne import resources
from cpne.kinds import KINDS
from cpne.records.writer import schema_order
from cpne.validation import schemas as schemas_module
from cpne.validation.canonical import quick_dump
from cpne.validation.schemas import KindSchema, fast_subset, fast_validator

pytest.importorskip("jsonschema_rs")


def kind_schema(name: str) -> KindSchema:
    path = resources.schemas_dir() / KINDS[name].schema_file
    return KindSchema(KINDS[name], path, json.loads(path.read_text(encoding="utf-8")))


SCHEMAS = {name: kind_schema(name) for name in KINDS}
ORDERS = {name: schema_order(s.schema) for name, s in SCHEMAS.items()}

VALID: dict[str, dict[str, Any]] = {
    "opinion": {
        "id": "OP-2024-001",
        "kind": "opinion",
        "title": "Avis sur l'équipement des écoles",
        "status": "adopted",
        "themes": ["usages", "equipement"],
        "rapporteurs": ["amf"],
        "prepared_by": "gt-ia",
        "referral": {"origin": "member", "by": "amf"},
        "dates": {"created": "2024-01-10", "consultation": "2024-02-01", "adopted": "2024-03-01"},
        "summary": "Résumé.",
        "body": "## Contexte\n\nTexte.",
        "decision": {
            "mode": "vote",
            "meeting": "MTG-2024-001",
            "positions": [{"partner": "amf", "position": "for", "note": "Oui."}],
        },
        "references": [{"title": "Rapport", "url": "https://example.org/r"}],
        "related": ["OP-2023-004", "REV-2022-001"],
        "tags": ["école"],
        "notes": "Note.",
    },
    "review": {
        "id": "REV-2024-001",
        "title": "Examen",
        "referential": "gar",
        "version": "2.0",
        "status": "concluded",
        "themes": ["usages"],
        "rapporteurs": ["amf"],
        "dates": {"opened": "2024-01-10", "concluded": "2024-05-01"},
        "findings": ["Constat."],
        "recommendations": ["Recommandation."],
        "outcome": "OP-2024-001",
    },
    "partner": {
        "id": "amf",
        "acronym": "AMF",
        "name": "Association des maires de France",
        "signed_as": "Association des Maires de France",
        "category": "elected-officials-association",
        "membership": "signatory",
        "joined": "2015-10-01",
        "website": "https://www.amf.asso.fr",
        "former_names": [{"name": "AMF", "until": "2016-01-01"}],
        "representatives": [{"name": "Claire Martin", "role": "Titulaire", "since": "2015-10-01"}],
    },
    "theme": {"id": "usages", "number": 1, "title": "Usages", "summary": "Résumé.", "status": "active"},
    "group": {
        "id": "gt-ia",
        "title": "IA",
        "mandate": "Étudier.",
        "themes": ["usages"],
        "members": [{"partner": "amf", "role": "lead", "joined": "2024-01-10", "left": "2024-03-01"}],
        "status": "closed",
        "created": "2024-01-10",
        "closed": "2024-05-01",
        "notes": "Notes.",
    },
    "meeting": {
        "id": "MTG-2024-001",
        "type": "working-group",
        "title": "Réunion",
        "date": "2024-03-01",
        "place": "Paris",
        "group": "gt-ia",
        "status": "minutes-approved",
        "agenda": [{"title": "Point", "opinion": "OP-2024-001", "review": "REV-2024-001", "outcome": "Adopté."}],
        "attendance": [
            {"partner": "amf", "presence": "present"},
            {"partner": "adf", "presence": "represented", "represented_by": "amf"},
        ],
        "audience": 40,
        "minutes": "Texte.",
        "minutes_approved_at": "MTG-2024-002",
        "notes": "Notes.",
    },
    "action": {
        "id": "ACT-2024-001",
        "title": "Diffuser l'avis",
        "source": "OP-2024-001",
        "owner": "amf",
        "due": "2024-06-30",
        "status": "done",
        "dates": {"opened": "2024-03-05", "started": "2024-03-10", "done": "2024-05-01"},
        "result": "Avis envoyé.",
        "notes": "Notes.",
    },
    "practice": {
        "id": "achats-groupes",
        "type": "good-practice",
        "title": "Achats groupés de tablettes",
        "domain": "acquisition",
        "summary": "Des communes achètent ensemble.",
        "body": "## Contexte\n\nTexte.",
        "actors": ["local-authority", "teachers"],
        "territory": "La Réunion",
        "period": {"start": "2024-09-01", "end": "2025-06-30"},
        "themes": ["usages"],
        "partners": ["amf"],
        "status": "retired",
        "dates": {"proposed": "2024-01-10", "endorsed": "2024-03-01", "retired": "2025-09-01"},
        "endorsed_at": "MTG-2024-001",
        "references": [{"title": "Rapport", "url": "https://example.org/r"}],
        "notes": "Note.",
    },
    "referential": {
        "id": "gar",
        "acronym": "GAR",
        "title": "Gestionnaire d'accès aux ressources",
        "owner": "Ministère",
        "domains": ["resources", "uses"],
        "url": "https://gar.education.fr",
        "versions": [{"version": "1.0", "date": "2017-01-01"}],
        "status": "superseded",
        "superseded_by": "gar-2",
    },
}

# Values chosen to sit on the edges of the schemas' keywords and of the two regex engines.
TRICKY: list[Any] = [
    "",
    " ",
    "amf",
    "AMF",
    "amf\n",
    "amf-",
    "a--b",
    "a" * 64,
    "a" * 65,
    "OP-2024-001",
    "OP-2024-001\n",
    "OP-٢٠٢٤-001",  # Arabic-Indic digits: \\d in Python, not in jsonschema-rs
    "OP-2024-0001",
    "REV-2024-001",
    "2024-01-10",
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "0000-01-01",
    "2024-1-01",
    "2024-01-10\n",
    # Line breaks and control characters at the end, inside, at the start: "$" is the end of
    # the text in both paths (cpne's pattern keyword for jsonschema), so verdicts are equal.
    "amf\r",
    "amf\r\n",
    "amf\n\n",
    "\namf",
    "a\nmf",
    "amf\x00",
    "am\x1bf",
    "amf\t",
    "OP-2024-001\r",
    "REV-2024-001\n",
    "2024-01-10\r",
    "2024-01-10\n\n",
    "2024-01\n-10",
    "https://example.org\n",
    "https://example.org\r",
    "https://exa\x1bmple.org",
    "https://example.org/\x00",
    "https://example.org",
    "http://x",
    "https://exa mple.org",
    "https://a\u3000b",
    "https://a\xa0b",
    "ftp://example.org",
    "https://",
    "draft",
    "adopted",
    "for",
    "vote",
    "member",
    "resources",
    "signatory",
    "active",
    0,
    1,
    -1,
    2**70,
    True,
    False,
    None,
    1.0,
    1.5,
    [],
    ["amf"],
    ["amf", "amf"],
    ["amf", "AMF"],
    [1],
    {},
    {"origin": "self"},
    {"partner": "amf", "position": "for"},
    {"title": "x", "url": "https://e.org"},
    {"version": "1.0"},
    {"name": "x", "until": "2020-01-01"},
]


def paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a record where a value can be replaced, removed or added next to."""
    out = [at]
    if isinstance(value, dict):
        for key, sub in value.items():
            out.extend(paths(sub, (*at, key)))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            out.extend(paths(sub, (*at, index)))
    return out


def mutate(record: dict[str, Any], where: tuple[Any, ...], how: str, value: Any) -> dict[str, Any]:
    record = copy.deepcopy(record)
    if not where:
        if how == "add":
            record["extra"] = value
        return record
    parent: Any = record
    for part in where[:-1]:
        parent = parent[part]
    last = where[-1]
    if how == "set":
        parent[last] = value
    elif how == "remove":
        del parent[last]
    elif how == "add" and isinstance(parent, list):
        parent.append(value)
    elif how == "add" and isinstance(parent, dict):
        parent[f"{last}_extra"] = value
    return record


@st.composite
def mutated(draw: st.DrawFn) -> tuple[str, dict[str, Any]]:
    name = draw(st.sampled_from(sorted(VALID)))
    record = VALID[name]
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(paths(record)))
        how = draw(st.sampled_from(["set", "set", "set", "remove", "add"]))
        record = mutate(record, where, how, draw(st.sampled_from(TRICKY)))
    return name, record


def verdicts(name: str, record: dict[str, Any]) -> tuple[bool, bool, bool]:
    """(jsonschema finds no problem, the fast path says valid, the record's text is plain)."""
    schema = SCHEMAS[name]
    return not schema.issues(record), schema.fast_valid(record), quick_dump(record, ORDERS[name]) is not None


def test_every_kind_schema_is_in_the_shared_subset() -> None:
    for name, schema in SCHEMAS.items():
        assert fast_subset(schema.schema) is not None, name
        assert fast_validator(schema.schema) is not None, name
        assert verdicts(name, VALID[name]) == (True, True, True), name


@settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_fast_path_never_accepts_what_jsonschema_rejects(case: tuple[str, dict[str, Any]]) -> None:
    name, record = case
    reference, fast, plain = verdicts(name, record)
    if plain and fast:
        assert reference, record


@pytest.mark.parametrize("name", sorted(VALID))
def test_fast_path_agrees_with_jsonschema_on_one_change_at_a_time(name: str) -> None:
    """Exhaustive over single changes of one kind's record: equal verdicts, except the known stricter cases.

    One test per kind, so that the workers share them.
    """
    valid = VALID[name]
    stricter = 0
    for where in paths(valid):
        for how in ("set", "remove", "add"):
            for value in TRICKY:
                record = mutate(valid, where, how, value)
                reference, fast, plain = verdicts(name, record)
                if not plain:
                    continue
                if fast != reference:
                    assert reference and not fast, record  # only ever stricter
                    assert "٢" in json.dumps(record, ensure_ascii=False), record  # non-ASCII digits
                    stricter += 1
    if name == "opinion":
        assert stricter > 0  # the known differences were exercised (an opinion has patterns with \d)


def test_known_differences_are_decided_by_jsonschema() -> None:
    theme = SCHEMAS["theme"]
    record = {**VALID["theme"], "id": "usages-٢"}  # \d is ASCII only in jsonschema-rs: not here, [a-z0-9]
    assert theme.issues(record)
    assert not theme.fast_valid(record)
    opinion = SCHEMAS["opinion"]
    record = {**VALID["opinion"], "dates": {"created": "0000-01-01"}, "status": "draft"}
    del record["decision"]
    assert opinion.issues(record)  # year 0 is no date for Python: the fast path must agree
    assert not opinion.fast_valid(record)


@pytest.mark.parametrize(
    "schema",
    [
        {"type": "object", "patternProperties": {"^x": {"type": "string"}}},
        {"type": "string", "pattern": "(?i)^abc$"},
        {"type": "string", "pattern": "[^\\d]"},
        {"type": "string", "pattern": "\\w+"},
        {"type": "string", "format": "email"},
        {"$ref": "https://example.org/other.json"},
        {"$schema": "http://json-schema.org/draft-07/schema#", "type": "string"},
        {"properties": {"a": {"$schema": "https://json-schema.org/draft/2020-12/schema"}}},
        {"oneOf": [{"type": "string"}]},
        {"type": "array", "maxItems": 2},
        {"const": 1},
    ],
)
def test_schemas_outside_the_shared_subset_get_no_fast_path(schema: dict[str, Any]) -> None:
    assert fast_validator(schema) is None


def test_fast_path_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schemas_module, "FAST_PATH", False)
    assert not kind_schema("theme").fast_valid(VALID["theme"])


# Not U+0085, U+001C-U+001F nor U+FEFF: \\s differs there (Python counts the first ones as
# space, ECMA-262 the last); quick_dump never calls such text plain, so the fast path never
# sees it (test_text_where_s_differs_is_never_plain).
LINE_ENDS = ["\n", "\r", "\r\n", "\n\n", "\x00", "\x1b", "\x9b", "\u2028", "\t", " "]


def value_at(record: dict[str, Any], where: tuple[Any, ...]) -> Any:
    value: Any = record
    for part in where:
        value = value[part]
    return value


def text_places(record: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [where for where in paths(record) if isinstance(value_at(record, where), str)]


@pytest.mark.parametrize("end", LINE_ENDS, ids=[repr(e) for e in LINE_ENDS])
def test_both_paths_agree_on_text_with_a_line_break_or_control_character(end: str) -> None:
    """Every text of every kind with a line break or control character after, before, inside: equal verdicts.

    Whatever the text (not only what quick_dump writes): ids, dates, slugs, references and
    web addresses match whole in both, "$" being the end of the text.
    """
    for name, valid in VALID.items():
        schema = SCHEMAS[name]
        for where in text_places(valid):
            value = value_at(valid, where)
            for changed in (value + end, end + value, value[:1] + end + value[1:]):
                record = mutate(valid, where, "set", changed)
                assert schema.fast_valid(record) == (not schema.issues(record)), (name, where, changed)


INSERTED = st.sampled_from(list("\n\r\t\x00\x1b\x7f\x9b\u2028 -a0"))


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(VALID)), st.data())
def test_both_paths_agree_on_generated_text_with_control_characters(name: str, data: st.DataObject) -> None:
    """A valid text with line breaks and control characters put anywhere, in any text field: equal verdicts."""
    valid = VALID[name]
    where = data.draw(st.sampled_from(text_places(valid)))
    text = value_at(valid, where)
    for _ in range(data.draw(st.integers(1, 3))):
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.text(INSERTED, min_size=1, max_size=2)) + text[at:]
    record = mutate(valid, where, "set", text)
    schema = SCHEMAS[name]
    assert schema.fast_valid(record) == (not schema.issues(record)), record


@pytest.mark.parametrize("char", ["\x1c", "\x1f", "\x85", "\ufeff"])
def test_text_where_s_differs_is_never_plain(char: str) -> None:
    record = {**VALID["partner"], "website": f"https://example.org/{char}"}
    assert quick_dump(record, ORDERS["partner"]) is None  # so files.py asks jsonschema alone
