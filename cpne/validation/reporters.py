"""Reporters: a validation report as text, JSON or GitHub workflow commands, chosen by name.

Messages are in the process's language (they were built in it); codes, paths, severities
in JSON and the syntax of GitHub's workflow commands are identifiers and stay as they are.

Paths and messages may carry what a record or a file name holds: control characters are
written escaped (``\x1b``) in every format (JSON escapes them all), never raw.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from cpne.i18n import _
from cpne.records.text import escape_controls, json_safe
from cpne.validation.problems import WARNING, Problem


def text(problems: list[Problem]) -> str:
    lines = []
    for p in problems:
        label = _("{code} (warning)").format(code=p.code) if p.severity == WARNING else p.code
        lines.append(f"{escape_controls(p.path)}:{p.line}:{p.column}: {label} {escape_controls(p.message)}")
    return "".join(line + "\n" for line in lines)


def as_json(problems: list[Problem]) -> str:
    return json_safe(json.dumps([p.as_dict() for p in problems], ensure_ascii=False, indent=2)) + "\n"


def _escape_data(value: str) -> str:
    value = escape_controls(value, keep="\r\n")
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(problems: list[Problem]) -> str:
    lines = []
    for p in problems:
        level = "warning" if p.severity == WARNING else "error"
        props = f"file={_escape_property(p.path)},line={p.line},col={p.column},title={_escape_property(p.code)}"
        lines.append(f"::{level} {props}::{_escape_data(p.message)}")
    return "".join(line + "\n" for line in lines)


REPORTERS: dict[str, Callable[[list[Problem]], str]] = {"text": text, "json": as_json, "github": github}
