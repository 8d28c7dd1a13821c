"""Every value of every enum a command takes can be typed by its label, in either language, as people type."""

from __future__ import annotations

import unicodedata

import pytest

from cpne.kinds import KINDS
from cpne.kinds.spec import enum_key
from cpne.kinds.values import match_choice
from cpne.words import ENUM_VARIANTS, enum_context, enum_label

# the enums of the options, status inputs and list filters of every kind
ENUMS = sorted(
    {
        (kind.name, item.enum_path)
        for kind in KINDS.values()
        for item in (*kind.fields, *(f for spec in kind.status_inputs for f in spec.fields))
        if item.type in ("choice", "choices")
    }
    | {(kind.name, item.enum) for kind in KINDS.values() for item in kind.filters if item.enum}
)


def _unaccented(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@pytest.mark.parametrize(("kind", "path"), ENUMS, ids=lambda x: ".".join(x) if isinstance(x, tuple) else x)
def test_each_label_names_its_value(kind: str, path: tuple[str, ...]) -> None:
    choices = KINDS[kind].enum(path)
    key = enum_key(path)
    assert choices
    for value in choices:
        assert match_choice(value, choices, (kind, key)) == value
        for language in ("fr", "en"):
            for variant in ("", *ENUM_VARIANTS.get(enum_context(kind, key), ())):
                label = enum_label(kind, key, value, variant, lang=language)
                for typed in (label, label.upper(), _unaccented(label).lower(), f"  {label} "):
                    assert match_choice(typed, choices, (kind, key)) == value, (language, variant, typed)


def test_french_labels_people_type() -> None:
    cases = {
        ("opinion", ("kind",)): {"avis": "opinion", "Recommandation": "recommendation"},
        ("opinion", ("status",)): {"adopté": "adopted", "adopte": "adopted", "RETIRÉ": "withdrawn"},
        ("partner", ("membership",)): {"signataire": "signatory", "associé": "associated"},
        ("partner", ("category",)): {"établissement public": "public-institution"},
    }
    for (kind, path), typed in cases.items():
        choices = KINDS[kind].enum(path)
        for text, value in typed.items():
            assert match_choice(text, choices, (kind, enum_key(path))) == value, text
    assert match_choice("nothing like it", KINDS["opinion"].enum(("status",)), ("opinion", "status")) is None
