"""Options that take one of a few values, typed as the identifier or as its label, in any case, with or without accents.

The values of the kinds' schemas (statuses, kinds of text, categories…) are checked by
:func:`cpne.kinds.values.check_choice`, which knows their labels in every language. The
others — output formats, kinds of record, languages, CI providers — are listed here with
their labels (:func:`choose`). Either way the value kept is the identifier, and a refusal
lists the identifiers with their labels beside them where they differ.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from cpne import words
from cpne.errors import UsageError
from cpne.i18n import _, pgettext

Labels = Mapping[str, Sequence[str]]  # identifier -> the labels that name it too (the first one is shown)


def choose(value: str, option: str, labels: Labels) -> str:
    """The identifier ``value`` names, by itself or by one of its labels; a UsageError listing them otherwise."""
    typed = words.fold(value)
    for identifier, names in labels.items():
        if typed == words.fold(identifier) or any(typed == words.fold(name) for name in names):
            return identifier
    raise UsageError(
        _("{option}: '{value}' is not one of: {choices}").format(
            option=option, value=value.strip(), choices=listed(labels)
        )
    )


def listed(labels: Labels) -> str:
    """``table (tableau), json, csv``: each identifier, its label beside it where it differs."""
    return ", ".join(_with_label(identifier, names) for identifier, names in labels.items())


def _with_label(identifier: str, names: Sequence[str]) -> str:
    label = names[0] if names else identifier
    return identifier if words.fold(label) == words.fold(identifier) else f"{identifier} ({label})"


def formats(names: Iterable[str]) -> dict[str, list[str]]:
    """The output formats ``names`` (``table``, ``json``…) with their labels."""
    known = {
        "table": pgettext("format", "table"),
        "panel": pgettext("format", "panel"),
        "yaml": "YAML",
        "json": "JSON",
        "csv": "CSV",
        "text": pgettext("format", "text"),
        "github": "GitHub",
    }
    return {name: [known.get(name, name)] for name in names}


def kinds(names: Iterable[str]) -> dict[str, list[str]]:
    """Kinds of record with their nouns (``opinion``, « avis »), as ``--kind`` lists them."""
    return {name: [words.noun(name)] for name in names}


def languages(codes: Iterable[str]) -> dict[str, list[str]]:
    """Languages by their code, or by their name in the language or in English (``fr``, ``français``, ``French``)."""
    names = {"fr": [pgettext("language", "French"), "French"], "en": [pgettext("language", "English"), "English"]}
    return {code: names.get(code, []) for code in codes}
