"""Schema patterns match the whole text: ``$`` is the end of the text, not "before a final newline".

Python's ``re`` lets ``^amf$`` match ``"amf\\n"``; JSON Schema patterns are ECMA-262 regular
expressions, where ``$`` (without the multiline flag) is the end of the input, as in jsonschema-rs.
jsonschema is given patterns compiled with that meaning, so ids, dates, slugs and web
addresses with a trailing line break are schema errors, in both paths alike.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from cpne import resources
from cpne.kinds import KINDS
from cpne.validation.patterns import compile_pattern, end_anchored
from cpne.validation.schemas import KindSchema
from tests.conftest import run_cli
from tests.factories import canonical, opinion


def kind_schema(name: str) -> KindSchema:
    path = resources.schemas_dir() / KINDS[name].schema_file
    return KindSchema(KINDS[name], path, json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(
    ("pattern", "text", "matches"),
    [
        ("^amf$", "amf", True),
        ("^amf$", "amf\n", False),
        ("^amf$", "amf\r", False),
        ("^amf$", "\namf", False),
        (r"^\d{4}-\d{2}-\d{2}$", "2024-01-10\n", False),
        (r"^https?://\S+$", "https://example.org\n", False),
        (r"^https?://\S+$", "https://example.org", True),
        ("^[a-z0-9]+(-[a-z0-9]+)*$", "a-b\n", False),
        ("^(OP|REV)-\\d{4}-\\d{3}$", "REV-2024-001\n", False),
        ("(a$|b$)", "a\n", False),
        ("(a$|b$)", "xb", True),
        ("[$]", "$", True),  # $ in a class is a dollar sign
        ("[^$]$", "a\n", True),  # the class takes the newline; $ is then the end
        (r"^\$$", "$", True),  # an escaped dollar sign
        (r"^\$$", "$\n", False),
        (r"^\\$", "\\", True),  # an escaped backslash, then the end
        (r"^\\$", "\\\n", False),
        (r"[\]$]x$", "$x", True),  # an escaped ] does not close the class
        ("a", "xay", True),  # unanchored: a search, as JSON Schema says
        ("^a", "a\n", True),
    ],
)
def test_dollar_is_the_end_of_the_text(pattern: str, text: str, matches: bool) -> None:
    assert bool(compile_pattern(pattern).search(text)) is matches
    # ECMA-262's reading, spelled in Python: $ only at the very end
    assert bool(re.search(end_anchored(pattern), text)) is matches


def test_patterns_without_a_dollar_are_left_as_they_are() -> None:
    for pattern in ("^a", r"\d+", "[a-z]", r"\$", "[$]"):
        assert end_anchored(pattern) == pattern


TRAILING: list[tuple[str, dict[str, Any], str]] = [
    ("theme", {"id": "usages\n"}, "/id"),
    ("partner", {"joined": "2015-10-01\n"}, "/joined"),
    ("partner", {"website": "https://www.amf.asso.fr\n"}, "/website"),
    ("partner", {"id": "amf\r"}, "/id"),
    ("opinion", {"id": "OP-2024-001\n"}, "/id"),
    ("opinion", {"themes": ["usages\n"]}, "/themes/0"),
    ("opinion", {"related": ["REV-2022-001\n"]}, "/related/0"),
    ("opinion", {"dates": {"created": "2024-01-10\n"}}, "/dates/created"),
]

VALID: dict[str, dict[str, Any]] = {
    "theme": {"id": "usages", "number": 1, "title": "Usages", "summary": "Résumé.", "status": "active"},
    "partner": {
        "id": "amf",
        "acronym": "AMF",
        "name": "Association des maires de France",
        "category": "elected-officials-association",
        "membership": "signatory",
        "joined": "2015-10-01",
        "website": "https://www.amf.asso.fr",
    },
    "opinion": {
        "id": "OP-2024-001",
        "kind": "opinion",
        "title": "Avis",
        "status": "draft",
        "themes": ["usages"],
        "rapporteurs": ["amf"],
        "referral": {"origin": "self"},
        "dates": {"created": "2024-01-10"},
        "related": ["REV-2022-001"],
    },
}


@pytest.mark.parametrize(("kind", "change", "pointer"), TRAILING, ids=[f"{k}{p}" for k, _, p in TRAILING])
def test_a_trailing_line_break_is_a_schema_error(kind: str, change: dict[str, Any], pointer: str) -> None:
    schema = kind_schema(kind)
    assert schema.issues(VALID[kind]) == []
    record = {**VALID[kind], **change}
    issues = schema.issues(record)
    assert [("".join(f"/{p}" for p in i.pointer)) for i in issues] == [pointer]
    assert "\\n" in issues[0].message or "\\r" in issues[0].message  # quoted, escaped
    assert "\n" not in issues[0].message and "\r" not in issues[0].message
    assert not schema.is_valid(record)


def test_validate_strict_refuses_a_date_and_an_address_with_a_trailing_line_break(data_repo: Path) -> None:
    path = data_repo / "data/partners/amf.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("joined: 2015-10-01\n", 'joined: "2015-10-01\\n"\n')
    text = text.replace("website: https://www.amf.asso.fr\n", 'website: "https://www.amf.asso.fr\\n"\n')
    path.write_text(text, encoding="utf-8")
    (data_repo / "data/opinions/OP-2026-001.yaml").write_text(
        canonical(data_repo, "opinion", opinion(themes=["usages\n"])), encoding="utf-8"
    )
    result = run_cli("--repo", data_repo, "validate", "--strict", "--format", "json")
    assert result.exit_code == 1
    found = {(p["path"], p["code"], p["pointer"]) for p in json.loads(result.stdout)}
    assert {
        ("data/partners/amf.yaml", "schema", "/joined"),
        ("data/partners/amf.yaml", "schema", "/website"),
        ("data/opinions/OP-2026-001.yaml", "schema", "/themes/0"),
    } <= found
