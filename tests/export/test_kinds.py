"""Exports follow the registry of kinds: every kind has its register table, its list in the JSON export and its schema.

A kind the exports know nothing particular about (here ``event``, defined by a schema and
a spec registered in a process of its own) still gets a table derived from its schema,
and its records validate against the export schema generated with it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from cpne.export.labels import labels
from cpne.export.tables import columns_of, derived_columns, label
from cpne.kinds import KINDS
from cpne.repo import LANGUAGES
from tests.conftest import run_cli
from tests.export.conftest import check_markdown
from tests.export.test_json import validator

EVENT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://example.org/schemas/event.schema.json",
    "title": "event",
    "description": "an event of the committee",
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "title", "type", "date", "status"],
    "properties": {
        "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
        "title": {"type": "string", "minLength": 1},
        "type": {"enum": ["conference", "workshop"]},
        "date": {"$ref": "#/$defs/date"},
        "status": {"enum": ["planned", "held"]},
        "place": {"type": "string"},
        "speakers": {"type": "array", "items": {"$ref": "#/$defs/speaker"}},
        "themes": {"type": "array", "items": {"type": "string"}},
    },
    "$defs": {
        "date": {"type": "string", "format": "date", "pattern": "^\\d{4}-\\d{2}-\\d{2}$"},
        "speaker": {
            "type": "object",
            "additionalProperties": False,
            "required": ["name", "organisation"],
            "properties": {"name": {"type": "string"}, "organisation": {"type": "string"}},
        },
    },
}

EVENTS = {
    "launch": "id: launch\ntitle: Lancement | du comité\ntype: conference\ndate: 2015-10-01\nstatus: held\n"
    "speakers:\n  - name: Claire Dupont\n    organisation: AMF\nthemes:\n  - usages\n",
    "atelier": "id: atelier\ntitle: Atelier numérique\ntype: workshop\ndate: 2026-03-02\nstatus: planned\n",
}

# Registers the event kind (its schema in argv[1]), then prints {name: [exit code, stdout, stderr]}
# for each export of the register in argv[2], and the export schema generated with the kind.
EXPORTS_WITH_AN_EVENT_KIND = """
import json, sys
from pathlib import Path
from cpne.kinds import register
from cpne.kinds.spec import Field, Kind, column, slug_ids

def private(data):
    speakers = data.get("speakers")
    if not isinstance(speakers, list):
        return data
    return {**data, "speakers": [{k: v for k, v in s.items() if k != "name"} for s in speakers]}

register(Kind(
    name="event", folder="events", order=60, help="Events.", ids=slug_ids("launch"), section="events",
    fields=(Field("title", "--title", ("title",), "text", "title", required=True),),
    columns=(column("id", "id"), column("title", "title")), private=private, schema_dir=Path(sys.argv[1]),
))
from typer.testing import CliRunner
from cpne.cli.app import app
from cpne.export.schema import export_schema
cases = {
    "json": ["json"], "json-personal": ["json", "--include-personal-data"],
    "register": ["register", "--date", "2026-04-01"], "register-en": ["register", "--lang", "en"],
}
out = {}
for name, args in cases.items():
    result = CliRunner().invoke(app, ["--repo", sys.argv[2], "export", *args])
    out[name] = [result.exit_code, result.stdout, result.stderr]
out["schema"] = export_schema()
print(json.dumps(out))
"""


@pytest.fixture
def with_events(fixture_repo: Path, tmp_path: Path) -> dict[str, Any]:
    """The exports of the fixture register holding two events, and the export schema, from a process of its own."""
    schemas = tmp_path / "event-schemas"
    schemas.mkdir()
    text = json.dumps(EVENT_SCHEMA, indent=2) + "\n"
    for folder in (schemas, fixture_repo / "schemas"):
        (folder / "event.schema.json").write_text(text, encoding="utf-8")
    (fixture_repo / "data" / "events").mkdir()
    for name, record in EVENTS.items():
        (fixture_repo / "data" / "events" / f"{name}.yaml").write_text(record, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", EXPORTS_WITH_AN_EVENT_KIND, str(schemas), str(fixture_repo)],
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 0, done.stderr
    results: dict[str, Any] = json.loads(done.stdout)
    for name, result in results.items():
        if name != "schema":
            assert result[0] == 0, (name, result[2])
    return results


def test_an_export_with_an_extra_kind_is_valid_against_the_schema_generated_with_it(
    with_events: dict[str, Any],
) -> None:
    schema = with_events["schema"]
    Draft202012Validator.check_schema(schema)
    generated = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    for name in ("json", "json-personal"):
        doc = json.loads(with_events[name][1])
        assert [e["id"] for e in doc["events"]] == ["atelier", "launch"]
        assert sorted(e.message for e in generated.iter_errors(doc)) == [], name
        # the committed schema knows the registered kinds only
        assert "'events' was unexpected" in " ".join(e.message for e in validator().iter_errors(doc))
    without, personal = (json.loads(with_events[name][1])["events"][1] for name in ("json", "json-personal"))
    assert without["speakers"] == [{"organisation": "AMF"}]
    assert personal["speakers"] == [{"name": "Claire Dupont", "organisation": "AMF"}]
    speaker = schema["$defs"]["event"]["$defs"]["speaker"]
    assert speaker["required"] == ["organisation"]
    assert "Le champ « name » (donnée personnelle)" in speaker["description"]


def test_an_extra_kind_gets_a_register_table_derived_from_its_schema(with_events: dict[str, Any]) -> None:
    french, english = with_events["register"][1], with_events["register-en"][1]
    check_markdown(french)
    check_markdown(english)
    assert french.index("## Examens de référentiels (4)") < french.index("## Events (2)")  # the registry's order
    table = french[french.index("## Events (2)") :]
    assert table.splitlines()[2:6] == [
        "| Identifiant | Titre | Type | Date | Statut |",
        "| --- | --- | --- | --- | --- |",
        "| atelier | Atelier numérique | workshop | 2 mars 2026 | planned |",
        "| launch | Lancement \\| du comité | conference | 1er octobre 2015 | held |",
    ]
    assert "| launch | Lancement \\| du comité | conference | 1 October 2015 | held |" in english
    assert "Claire Dupont" not in french


def test_every_kind_has_a_table() -> None:
    for kind in KINDS.values():
        assert columns_of(kind)[0].value in ("id", "record.id")


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
def test_declared_headers_and_section_titles_have_labels(lang: str) -> None:
    L = labels(lang)
    for name, kind in KINDS.items():
        assert isinstance(L.get(kind.section), str), kind.section
        for column in kind.register_columns:
            node: Any = L
            for part in column.header.split("."):
                node = node[part]
            assert isinstance(node, str), (name, column.header)
            assert label(L, column.header) == node


def test_a_derived_table_reads_the_schema_and_the_spec() -> None:
    partner = [(c.header, c.value, c.show) for c in derived_columns(KINDS["partner"])]
    assert partner == [
        ("id", "id", "text"),
        ("acronym", "record.acronym", "text"),
        ("name", "record.name", "text"),
        ("category", "record.category", "words"),
        ("membership", "record.membership", "words"),
        ("joined", "record.joined", "date"),
        ("left", "record.left", "date"),
    ]
    opinion = [c.header for c in derived_columns(KINDS["opinion"])]
    dates = ("created", "referred", "consultation", "adopted", "published", "withdrawn")
    assert opinion == ["id", "kind", "title", "status", *(f"date_name.{name}" for name in dates)]


def test_a_user_template_can_replace_any_kind_s_table_and_print_the_sections(
    fixture_repo: Path, tmp_path: Path
) -> None:
    template = tmp_path / "mine.md.j2"
    template.write_text(
        '{% extends "register.md.j2" %}{% block themes %}THEMES: {{ themes | length }}\n{% endblock %}'
        "{% block header %}{% for s in sections %}{{ s.key }}={{ s.rows | length }};{% endfor %}\n{% endblock %}",
        encoding="utf-8",
    )
    result = run_cli("--repo", fixture_repo, "export", "register", "--template", template)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(
        "partners=6;themes=5;groups=1;referentials=4;opinions=6;meetings=6;reviews=4;actions=4;practices=2;\n"
    )
    assert "THEMES: 5\n" in result.stdout
    assert "## Thèmes" not in result.stdout and "## Membres (6)" in result.stdout
    template.write_text(
        '{% extends "register.md.j2" %}{% from "_macros.md.j2" import kind_table with context %}'
        '{% block reviews %}{% for s in sections if s.key == "reviews" %}{{ kind_table(s) | safe }}{% endfor %}'
        "\n\nREVIEWS BY ID\n{% endblock %}",
        encoding="utf-8",
    )
    result = run_cli("--repo", fixture_repo, "export", "register", "--template", template)
    assert result.exit_code == 0, result.stderr
    assert (
        "| REV-2025-002 | Examen du GAR | GAR | 2025 | prévu | 3 | MEN | 1er juin 2025 |  |  |\n\nREVIEWS BY ID\n"
        in (result.stdout)
    )
