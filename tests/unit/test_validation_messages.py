"""Schema messages in cpne's own words, one per JSON Schema keyword, in English and in French.

jsonschema's wording ("'xml' is not one of […]", "is a required property") never reaches a
user: each keyword has a message naming the field's path; a keyword cpne has no words for keeps
jsonschema's message inside a translated frame.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cpne.kinds import KINDS
from cpne.validation.schemas import KindSchema
from cpne.validation.wording import describe, field_name

SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "c": {"const": "x"},
        "alt": {"anyOf": [{"type": "integer"}, {"type": "string", "maxLength": 2}]},
        "one": {"oneOf": [{"type": "string"}, {"type": "string", "minLength": 1}]},
        "n": {"not": {"type": "string"}},
        "has": {"type": "array", "contains": {"const": 1}},
        "max": {"maximum": 3},
        "emin": {"exclusiveMinimum": 0},
        "mul": {"multipleOf": 5},
        "few": {"type": "array", "maxItems": 1},
        "many": {"type": "array", "minItems": 2},
        "obj": {"type": "object", "minProperties": 2, "maxProperties": 0},
        "dep": {"type": "object", "dependentRequired": {"a": ["b"]}},
        "short": {"type": "string", "minLength": 3},
        "long": {"type": "string", "maxLength": 1},
        "mail": {"format": "email"},
        "ev": {"type": "object", "properties": {"a": {}}, "unevaluatedProperties": False},
        "kind": {"enum": ["opinion", "recommendation"]},
        "t": {"type": ["string", "null"]},
        "list": {
            "type": "array",
            "items": {"type": "object", "properties": {"who": {}}, "required": ["who"], "additionalProperties": False},
        },
        "none": {"type": "object", "additionalProperties": False},
    },
}
DATA: dict[str, Any] = {
    "c": "y",
    "alt": "abcd",
    "one": "a",
    "n": "s",
    "has": [2],
    "max": 4,
    "emin": 0,
    "mul": 7,
    "few": [1, 2],
    "many": [1],
    "obj": {"a": 1},
    "dep": {"a": 1},
    "short": "ab",
    "long": "ab",
    "mail": "nope",
    "ev": {"a": 1, "b": 2},
    "kind": "Recommendation",
    "t": 3,
    "list": [{"who": "x"}, {"what": 1}],
    "none": {"x": 1},
}

ENGLISH = [
    (("alt",), "'alt' matches none of the allowed forms; the closest: 'alt' must be a whole number, not text ('abcd')"),
    (("c",), "'c' must be 'x', not text ('y')"),
    (("dep",), "missing field 'b': it is required when 'a' is set"),
    (("emin",), "'emin' must be more than 0, not 0"),
    (
        ("ev",),
        "'ev' is not valid here (rule 'unevaluatedProperties' of the schema:"
        " Unevaluated properties are not allowed ('b' was unexpected))",
    ),
    (("few",), "'few' has too many items: at most 1 (2 given)"),
    (("has",), "'has' has no item of the required form"),
    (("kind",), "'kind' is written 'recommendation', not 'Recommendation': files keep the identifier"),
    (("list", 1), "missing required field 'who' in item 2 of 'list'"),
    (("list", 1, "what"), "unknown field 'what' in item 2 of 'list' (allowed here: who)"),
    (("long",), "'long' is too long: at most 1 character (2 given)"),
    (("mail",), "'mail': 'nope' is not a valid email"),
    (("many",), "'many' needs at least 2 items"),
    (("max",), "'max' must be at most 3, not 4"),
    (("mul",), "'mul' must be a multiple of 5, not 7"),
    (("n",), "'n' holds a value that is not allowed here"),
    (("none", "x"), "unknown field 'x' in 'none' (no field is allowed here)"),
    (("obj",), "'obj' needs at least 2 fields"),
    (("obj",), "'obj' has too many fields: at most 0 (1 given)"),
    (("one",), "'one' matches more than one of the allowed forms"),
    (("short",), "'short' needs at least 3 characters (2 given)"),
    (("t",), "'t' must be text or nothing (null), not a number (3)"),
]

FRENCH = [
    (
        ("alt",),
        "« alt » ne correspond à aucune des formes permises ; la plus proche :"
        " « alt » doit être un nombre entier, pas du texte (« abcd »)",
    ),
    (("c",), "« c » doit être « x », pas du texte (« y »)"),
    (("dep",), "champ « b » absent : il est obligatoire quand « a » est renseigné"),
    (("emin",), "« emin » doit valoir plus de 0, pas 0"),
    (
        ("ev",),
        "« ev » n'est pas valide ici (règle « unevaluatedProperties » du schéma :"
        " Unevaluated properties are not allowed ('b' was unexpected))",
    ),
    (("few",), "« few » a trop d'éléments : 1 au plus (2 ici)"),
    (("has",), "« has » ne contient aucun élément de la forme demandée"),
    (("kind",), "« kind » s'écrit « recommendation », pas « Recommendation » : les fiches gardent l'identifiant"),
    (("list", 1), "champ obligatoire « who » absent de l'élément 2 de « list »"),
    (("list", 1, "what"), "champ inconnu « what » dans l'élément 2 de « list » (champs possibles ici : who)"),
    (("long",), "« long » est trop long : 1 caractère au plus (2 ici)"),
    (("mail",), "« mail » : « nope » n'est pas un email valide"),
    (("many",), "« many » doit compter au moins 2 éléments"),
    (("max",), "« max » doit valoir au plus 3, pas 4"),
    (("mul",), "« mul » doit être un multiple de 5, pas 7"),
    (("n",), "« n » contient une valeur interdite ici"),
    (("none", "x"), "champ inconnu « x » dans « none » (aucun champ n'est permis ici)"),
    (("obj",), "« obj » doit compter au moins 2 champs"),
    (("obj",), "« obj » a trop de champs : 0 au plus (1 ici)"),
    (("one",), "« one » correspond à plusieurs des formes permises"),
    (("short",), "« short » doit compter au moins 3 caractères (2 ici)"),
    (("t",), "« t » doit être du texte ou rien (null), pas un nombre (3)"),
]


def issues(schema: dict[str, Any], data: Any) -> list[tuple[tuple[str | int, ...], str]]:
    checked = KindSchema(KINDS["opinion"], Path("test.schema.json"), schema)
    return [(issue.pointer, issue.message) for issue in checked.issues(data)]


def test_every_keyword_has_words_of_its_own() -> None:
    assert issues(SCHEMA, DATA) == ENGLISH


def test_every_keyword_has_french_words(french: None) -> None:
    assert issues(SCHEMA, DATA) == FRENCH


def test_a_false_schema_names_the_value() -> None:
    assert issues(False, {"a": 1}) == [((), "a mapping of fields is not allowed here")]  # type: ignore[arg-type]
    assert issues({"type": "object"}, []) == [((), "the record must be a mapping of fields, not a list")]


def test_an_enum_lists_identifiers_with_their_labels(french: None) -> None:
    schema = {"properties": {"status": {"enum": ["draft", "adopted", "withdrawn"]}}}
    [(_, message)] = issues(schema, {"status": "fini"})
    assert message == (
        "« status » doit valoir l'une de ces valeurs : draft (en préparation), adopted (adopté), withdrawn (retiré)"
        " (trouvé : du texte (« fini »))"
    )
    [(_, typed_label)] = issues(schema, {"status": "adopté"})
    assert typed_label == "« status » s'écrit « adopted », pas « adopté » : les fiches gardent l'identifiant"


def test_fields_are_named_by_their_path() -> None:
    assert field_name(()) == "the record"
    assert field_name(("dates", "created")) == "'dates.created'"
    assert field_name(("themes", 1)) == "item 2 of 'themes'"
    assert field_name(("decision", "positions", 0, "partner")) == "'partner' in item 1 of 'decision.positions'"
    assert describe(True) == "true/false (true)"
    assert describe(None) == "nothing (null)"


def test_fields_are_named_in_french(french: None) -> None:
    assert field_name(()) == "la fiche"
    assert (
        field_name(("decision", "positions", 0, "partner")) == "« partner » dans l'élément 1 de « decision.positions »"
    )
    assert describe(1.5) == "un nombre (1.5)"
