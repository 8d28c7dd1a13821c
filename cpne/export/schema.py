"""The JSON Schema of ``cpne export json``, built from the kinds' schemas: ``schemas/export.schema.json`` is its output.

The document's own members (``schema_version``, ``committee``, ``language``, ``source``,
``date``, ``personal_data``) are described here. Each registered kind adds its section
(``partners``, …): a list of its records, whose items are the kind's schema embedded under
``$defs`` with an ``$id`` of its own (so that its ``#/$defs/…`` references stay its own).
An export made without personal data holds what the kind's ``private`` leaves: the
fields it removes are optional in the embedded schema. They are found by giving
``private`` a record holding every field the schema describes and seeing which go.

After a kind's schema changes (or a kind is added), regenerate the committed file::

    python -m cpne.export.schema schemas/export.schema.json

(without a file, the schema is printed). A test fails while the committed file differs.
"""

from __future__ import annotations

import copy
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from cpne.export.jsondoc import SCHEMA_VERSION
from cpne.kinds import KINDS, Kind
from cpne.repo import LANGUAGES

BASE_ID = "https://cpne.example/schemas"
REGENERATE = "python -m cpne.export.schema schemas/export.schema.json"
# what the description of an object holding personal data adds (the schemas' texts are French)
_PERSONAL = (
    "Le champ {fields} (donnée personnelle) ne figure que dans un export fait avec --include-personal-data.",
    "Les champs {fields} (données personnelles) ne figurent que dans un export fait avec --include-personal-data.",
)
_DEPTH = 12  # how deep the probe record goes into a schema that refers to itself


def _members() -> dict[str, Any]:
    """The members of the document that are not records (titles and descriptions in French, as in the kinds')."""
    return {
        "schema_version": {
            "title": "Version du format",
            "description": "Version de la forme de ce document ; elle ne change que lorsque les programmes qui le"
            " lisent doivent changer.",
            "const": SCHEMA_VERSION,
        },
        "committee": {
            "title": "Comité",
            "description": "Nom du comité, tel qu'il figure dans cpne.yaml.",
            "type": "string",
            "minLength": 1,
        },
        "language": {
            "title": "Langue",
            "description": "Langue du contenu du registre, d'après cpne.yaml : fr (français), en (anglais).",
            "enum": list(LANGUAGES),
        },
        "source": {
            "title": "Provenance",
            "description": "Le commit git à partir duquel l'export a été produit (HEAD), et si le registre en diffère.",
            "type": "object",
            "additionalProperties": False,
            "required": ["commit", "uncommitted_changes"],
            "properties": {
                "commit": {
                    "title": "Empreinte du commit",
                    "description": "Empreinte (SHA) du commit HEAD ; null hors d'un dépôt git ou avant le premier"
                    " commit.",
                    "type": ["string", "null"],
                    "pattern": "^[0-9a-f]{40}([0-9a-f]{24})?$",
                },
                "uncommitted_changes": {
                    "title": "Modifications hors commit",
                    "description": "true quand cpne.yaml, schemas/ ou data/ diffèrent du commit (fichiers non suivis"
                    " compris) ; null hors d'un dépôt git ou avant le premier commit.",
                    "type": ["boolean", "null"],
                },
            },
        },
        "date": {
            "title": "Date de l'export",
            "description": "La date donnée à l'export par --date, sinon null (aucune horloge n'est lue).",
            "type": ["string", "null"],
            "format": "date",
            "pattern": "^\\d{4}-\\d{2}-\\d{2}$",
        },
        "personal_data": {
            "title": "Données personnelles",
            "description": "true si les noms des représentants figurent dans l'export (--include-personal-data).",
            "type": "boolean",
        },
    }


def kind_schema(kind: Kind) -> dict[str, Any]:
    """The schema ``kind`` ships with (cpne's own, or the one beside the kind's module)."""
    from cpne.kinds.enums import schema_at
    from cpne.resources import schemas_dir

    return copy.deepcopy(schema_at(kind.schema_dir or schemas_dir(), kind.name))


def _probe(schema: dict[str, Any], node: dict[str, Any], depth: int = 0) -> Any:
    """A value holding every field ``node`` describes (lists of one item), for ``private`` to remove from."""
    while "$ref" in node:
        node = schema["$defs"][str(node["$ref"]).rsplit("/", 1)[-1]]
    if depth > _DEPTH:
        return None
    if "properties" in node:
        return {key: _probe(schema, sub, depth + 1) for key, sub in node["properties"].items()}
    if "items" in node:
        return [_probe(schema, node["items"], depth + 1)]
    return "x"


def _removed(before: Any, after: Any, at: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    """The paths of the fields present in ``before`` and gone from ``after`` (``*``: every item of a list)."""
    if isinstance(before, dict) and isinstance(after, dict):
        for key, value in before.items():
            if key in after:
                yield from _removed(value, after[key], (*at, key))
            else:
                yield (*at, key)
    elif isinstance(before, list) and isinstance(after, list) and before and after:
        yield from _removed(before[0], after[0], (*at, "*"))


def personal_fields(kind: Kind, schema: dict[str, Any]) -> list[tuple[str, ...]]:
    """The fields ``kind.private`` leaves out of exports without personal data."""
    if kind.private is None:
        return []
    record = _probe(schema, schema)
    return list(_removed(record, kind.private(copy.deepcopy(record))))


def _relax(schema: dict[str, Any], paths: Iterable[tuple[str, ...]]) -> None:
    """Make the fields at ``paths`` optional in ``schema``, saying so in the description of what holds them."""
    from cpne.kinds.enums import schema_node

    by_holder: dict[tuple[str, ...], list[str]] = {}
    for path in paths:
        by_holder.setdefault(path[:-1], []).append(path[-1])
    for holder, names in by_holder.items():
        node = schema_node(schema, holder)
        required = [name for name in node.get("required", []) if name not in names]
        if required:
            node["required"] = required
        else:
            node.pop("required", None)
        note = _PERSONAL[len(names) > 1].format(fields=", ".join(f"« {name} »" for name in names))
        before = str(node.get("description") or "").rstrip()
        node["description"] = f"{before}{'' if before.endswith(('.', '!', '?')) else '.'} {note}" if before else note


def embedded(kind: Kind) -> dict[str, Any]:
    """``kind``'s schema as the export embeds it: its own ``$id`` under the export's, personal data optional."""
    schema = kind_schema(kind)
    _relax(schema, personal_fields(kind, schema))
    schema.pop("$schema", None)
    schema["$id"] = f"{BASE_ID}/export/{kind.schema_file}"
    return {key: schema[key] for key in ("$id", *(k for k in schema if k != "$id"))}


def _section(kind: Kind) -> dict[str, Any]:
    """The member holding ``kind``'s records, named after the (French) title of the kind's schema."""
    title = str(kind_schema(kind).get("title") or kind.name)
    return {
        "title": f"Fiches : {title[:1].lower()}{title[1:]}",
        "description": f"Toutes les fiches du dossier data/{kind.folder}/ du registre, triées par identifiant.",
        "type": "array",
        "items": {
            "title": title,
            "description": f"Une fiche du dossier data/{kind.folder}/, telle que la décrit $defs/{kind.name}.",
            "$ref": f"#/$defs/{kind.name}",
        },
    }


def export_schema(kinds: Iterable[Kind] | None = None) -> dict[str, Any]:
    """The JSON Schema of the export of a register of ``kinds`` (None: every registered kind)."""
    chosen = list(KINDS.values() if kinds is None else kinds)
    members = _members()
    sections = {kind.section: _section(kind) for kind in chosen}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE_ID}/export.schema.json",
        "title": "Export JSON du registre",
        "description": "L'export JSON d'un registre cpne (`cpne export json`) : toutes ses fiches, et le commit dont"
        " elles proviennent. Les définitions des fiches, sous $defs, sont les schémas des types de fiches de ce"
        " dossier, intégrés avec leur propre $id, à ceci près que ce qu'un export sans données personnelles omet y"
        " est facultatif (leurs descriptions disent quels champs). Produit à partir des schémas des types de"
        f" fiches par `{REGENERATE}` : ne pas le modifier à la main.",
        "type": "object",
        "additionalProperties": False,
        "required": [*members, *sections],
        "properties": {**members, **sections},
        "$defs": {kind.name: embedded(kind) for kind in chosen},
    }


def dumps(schema: dict[str, Any]) -> str:
    """The schema's text as committed: UTF-8 as written, indented by two, one final newline."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str]) -> int:
    """``python -m cpne.export.schema [FILE]``: write the export schema to FILE, or print it."""
    text = dumps(export_schema())
    if not argv:
        sys.stdout.write(text)
        return 0
    Path(argv[0]).write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {argv[0]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
