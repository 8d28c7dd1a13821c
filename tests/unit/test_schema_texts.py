"""The schemas cpne ships speak French to whoever edits a record: editors show their titles and descriptions.

Every schema shipped in ``schemas/`` (the kinds' and the export's) gives its root, every property at
every depth, every definition under ``$defs`` and every list's ``items`` a non-empty ``title`` and
``description``; the description of an enumeration explains each value as ``value (meaning)``. The
texts are French: a title is not the field's name, no description is an English sentence, and the
typography is French (a space before ``:`` and ``;``, plain spaces only). Identifiers (field names,
enum values, ids) stay as stored, so they are allowed inside the French text.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cpne.export.schema import dumps, export_schema
from cpne.kinds import KINDS

PROJECT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((PROJECT / "schemas").glob("*.schema.json"))
BIN = Path(sys.executable).parent

# Words that only an English sentence has (French has none of them; "an", "or", "for" are left out:
# French words or enum values).
ENGLISH = frozenset(
    {
        *("the", "of", "and", "is", "are", "was", "with", "when", "which", "this", "that", "from", "to", "its"),
        *("their", "be", "been", "has", "have", "must", "should", "will", "not", "only", "every", "each", "if"),
    }
)


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def described(
    node: dict[str, Any], name: str, pointer: str = "", base: dict[str, Any] | None = None
) -> Iterator[tuple[str, str, dict[str, Any], dict[str, Any]]]:
    """(pointer, name, node, schema resource its ``$ref`` resolves in) of every node that must be described.

    The root, every value of ``properties`` and ``$defs`` and every ``items`` schema; a node with its own
    ``$id`` (the kinds' schemas embedded in the export's) is the base of the references below it.
    """
    base = node if base is None or "$id" in node else base
    yield pointer, name, node, base
    for key in ("properties", "$defs"):
        for child, sub in node.get(key, {}).items():
            yield from described(sub, child, f"{pointer}/{key}/{child}", base)
    if isinstance(node.get("items"), dict):
        yield from described(node["items"], name, f"{pointer}/items", base)


def resolve(node: dict[str, Any], base: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        ref = str(node["$ref"])
        assert ref.startswith("#/$defs/"), ref
        node = base["$defs"][ref[len("#/$defs/") :]]
    return node


def enum_of(node: dict[str, Any], base: dict[str, Any]) -> list[str]:
    """The values a node (or, for a list, each of its items) takes from an enumeration."""
    node = resolve(node, base)
    if "enum" in node:
        return [str(value) for value in node["enum"]]
    if isinstance(node.get("items"), dict):
        return enum_of(node["items"], base)
    return []


def identifiers(schema: Any) -> set[str]:
    """Every field name, definition name and enum value of a schema: they may appear in its French texts."""
    found: set[str] = set()
    if isinstance(schema, dict):
        for key in ("properties", "$defs"):
            found.update(schema.get(key, {}))
        found.update(str(value) for value in schema.get("enum", []))
        for value in schema.values():
            found |= identifiers(value)
    elif isinstance(schema, list):
        for value in schema:
            found |= identifiers(value)
    return found


def plain(text: str) -> str:
    """A name as a title would repeat it: no case, hyphens and underscores as spaces (accents kept: « Thèmes »)."""
    return " ".join(re.sub(r"[-_]", " ", text.casefold()).split())


def each_node() -> Iterator[tuple[str, str, str, dict[str, Any], dict[str, Any]]]:
    for path in SHIPPED:
        for pointer, name, node, base in described(load(path), path.name.split(".")[0]):
            yield path.name, pointer or "/", name, node, base


def test_the_walk_sees_every_shipped_schema_and_every_kind() -> None:
    names = {path.name for path in SHIPPED}
    assert {kind.schema_file for kind in KINDS.values()} | {"export.schema.json"} <= names
    pointers = {f"{file}#{pointer}" for file, pointer, *_ in each_node()}
    assert "opinion.schema.json#/$defs/position/properties/position" in pointers
    assert "referential.schema.json#/properties/domains/items" in pointers
    assert "export.schema.json#/$defs/partner/$defs/representative/properties/name" in pointers


@pytest.mark.parametrize("path", SHIPPED, ids=[path.name for path in SHIPPED])
def test_every_property_has_a_title_and_a_description(path: Path) -> None:
    missing = [
        f"{path.name}#{pointer or '/'} ({key})"
        for pointer, _name, node, _base in described(load(path), path.name)
        for key in ("title", "description")
        if not isinstance(node.get(key), str) or not node[key].strip()
    ]
    assert not missing, "no French title or description at:\n" + "\n".join(missing)


@pytest.mark.parametrize("path", SHIPPED, ids=[path.name for path in SHIPPED])
def test_an_enumeration_explains_each_value(path: Path) -> None:
    """``status``: « État du texte : draft (en préparation), consultation (en consultation), … »."""
    unexplained = []
    for pointer, _name, node, base in described(load(path), path.name):
        description = str(node.get("description", ""))
        for value in enum_of(node, base):
            if not re.search(rf"(?<![\w-]){re.escape(value)} \(\w", description):
                unexplained.append(f"{path.name}#{pointer}: {value}")
    assert not unexplained, "an enum value without « value (meaning) » in its description:\n" + "\n".join(unexplained)


def test_enumerations_are_found() -> None:
    """The walk does see the enumerations (a list's items included), so the test above checks something."""
    found = {(file, pointer): enum_of(node, base) for file, pointer, _name, node, base in each_node()}
    assert found["opinion.schema.json", "/properties/status"][:2] == ["draft", "consultation"]
    assert found["referential.schema.json", "/properties/domains"] == ["resources", "equipment", "uses", "training"]
    assert found["export.schema.json", "/properties/language"] == ["fr", "en"]
    assert found["export.schema.json", "/$defs/review/properties/status"][0] == "planned"


def test_titles_are_french_not_field_names() -> None:
    """A title says what the field is (« Date d'entrée »), not its identifier again (« Joined », « Status »).

    A French word spelt like the field but for its accents is French (« Thèmes », « Décision »); one
    spelt the same (« Dates », « Version ») says more instead (« Dates des étapes », « Version publiée »).
    """
    wrong = [
        f"{file}#{pointer}: {node['title']!r}"
        for file, pointer, name, node, _base in each_node()
        if plain(str(node.get("title", ""))) == plain(name) or not str(node.get("title", ""))[:1].isupper()
    ]
    assert not wrong, "titles that repeat the field's name or do not start with a capital:\n" + "\n".join(wrong)


def test_descriptions_are_french_sentences() -> None:
    wrong = []
    for path in SHIPPED:
        schema = load(path)
        allowed = identifiers(schema)
        for pointer, _name, node, _base in described(schema, path.name):
            text = str(node.get("description", ""))
            if re.match(r"(?:The|A|An)\b", text):
                wrong.append(f"{path.name}#{pointer}: starts with an English article: {text!r}")
            english = {
                word
                for word in re.findall(r"(?<!\w)[A-Za-z][\w.-]*", text)
                if word.lower().rstrip(".") in ENGLISH and word.rstrip(".") not in allowed
            }
            if english:
                wrong.append(f"{path.name}#{pointer}: English words {sorted(english)}: {text!r}")
    assert not wrong, "\n".join(wrong)


def test_french_typography() -> None:
    """« Statut : … », « … ; … »: a plain space before a colon or a semicolon (web addresses aside)."""
    wrong = []
    for file, pointer, _name, node, _base in each_node():
        for key in ("title", "description"):
            text = str(node.get(key, ""))
            if re.search(r"[^ ](?::(?!//)|;)", text) or "\u00a0" in text or "\u202f" in text:
                wrong.append(f"{file}#{pointer} ({key}): {text!r}")
            if '"' in text or "  " in text or text != text.strip():
                wrong.append(f"{file}#{pointer} ({key}): {text!r}")
    assert not wrong, "\n".join(wrong)


def test_the_export_schema_describes_the_kinds_in_french_as_generated() -> None:
    """The export's own members and its sections are French too, the committed file being the generator's."""
    schema = export_schema()
    assert (PROJECT / "schemas" / "export.schema.json").read_text(encoding="utf-8") == dumps(schema)
    assert schema["properties"]["partners"]["title"] == "Fiches : partenaire"
    assert "data/opinions/" in schema["properties"]["opinions"]["description"]
    representative = schema["$defs"]["partner"]["$defs"]["representative"]
    assert representative["description"].endswith(
        " Le champ « name » (donnée personnelle) ne figure que dans un export fait avec --include-personal-data."
    )


def test_check_jsonschema_reads_them() -> None:
    """A real tool of the field accepts the schemas and checks the register's records with them."""
    metaschema = subprocess.run(
        [str(BIN / "check-jsonschema"), "--check-metaschema", *map(str, SHIPPED)],
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert metaschema.returncode == 0, metaschema.stdout + metaschema.stderr
    records = sorted((PROJECT / "data" / "partners").glob("*.yaml"))
    assert records
    checked = subprocess.run(
        [
            str(BIN / "check-jsonschema"),
            "--schemafile",
            str(PROJECT / "schemas" / "partner.schema.json"),
            *map(str, records),
        ],
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
