"""Words about records, in a language: enum labels, kind nouns, and words that agree with a noun.

They all live in the gettext catalogs (:mod:`cpne.i18n`), under contexts, so that no
table of words is kept in code and every enumeration comes from the schemas:

- an enum value's label: context ``KIND.KEY`` (``KEY`` the property holding the enum),
  message the value: ``pgettext("opinion.status", "adopted")`` → « adopté »; a variant
  of it (a column heading, a feminine form) adds `` (VARIANT)`` to the context;
- a kind's noun: contexts ``noun`` and ``nouns`` (plural), message the kind's name or,
  for opinions, the text's type (``recommendation``): « recommandation », « avis »;
- its grammatical gender: context ``gender`` → ``masculine`` or ``feminine``; a word
  that agrees with the noun is then read in that context: ``pgettext("feminine",
  "adopted")`` → « adoptée ». A language without gender answers ``masculine``
  everywhere.

``python -m cpne.catalogs`` writes an entry for every schema enum value, every variant
listed in :data:`ENUM_VARIANTS` and every noun, so the catalogs cannot miss one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from cpne.i18n import MARK_CLOSE, MARK_OPEN, catalog, current

GENDERS = ("masculine", "feminine")

# enum contexts that have more than one form, and the forms they have
ENUM_VARIANTS: dict[str, tuple[str, ...]] = {
    "opinion.status": ("feminine", "column"),
    "opinion.kind": ("plural",),
    "opinion.origin": ("short",),
    "partner.membership": ("short",),
    "review.status": ("column",),
}


def enum_context(kind: str, key: str, variant: str = "") -> str:
    """The catalog context of the values of ``kind``'s enum ``key`` (its variant, if any)."""
    return f"{kind}.{key}" + (f" ({variant})" if variant else "")


def enum_label(kind: str, key: str, value: str, variant: str = "", *, lang: str | None = None) -> str:
    """How ``value`` of ``kind``'s enum ``key`` is said (the value itself when the catalog has no entry)."""
    return catalog(lang or current()).pgettext(enum_context(kind, key, variant), value)


def noun(key: str, *, plural: bool = False, lang: str | None = None) -> str:
    """The noun naming a kind (``partner``) or a type of text (``recommendation``)."""
    return catalog(lang or current()).pgettext("nouns" if plural else "noun", key)


def gender(key: str, *, lang: str | None = None) -> str:
    """The grammatical gender of :func:`noun` (``masculine`` or ``feminine``)."""
    found = catalog(lang or current()).pgettext("gender", key).strip(MARK_OPEN + MARK_CLOSE)
    return found if found in GENDERS else "masculine"


def agreeing(key: str, message: str, *, lang: str | None = None) -> str:
    """``message`` (a participle, an adjective) agreeing with the noun of ``key``: « adoptée »."""
    return catalog(lang or current()).pgettext(gender(key, lang=lang), message)


def with_label(kind: str, key: str, value: str, variant: str = "") -> str:
    """An identifier as scripts type it, its label beside it where it differs: ``withdrawn (retiré)``.

    In English the identifiers are the words themselves: no label is added.
    """
    if current() == "en":
        return value
    label = enum_label(kind, key, value, variant)
    return value if fold(label) == fold(value) else f"{value} ({label})"


def with_labels(kind: str, key: str, values: Iterable[str], variant: str = "") -> str:
    """:func:`with_label` of each value, comma-separated: ``consultation, withdrawn (retiré)``."""
    return ", ".join(with_label(kind, key, value, variant) for value in values)


# the accents of Latin letters once decomposed: combining marks all (U+034F, a joiner, is not one)
_LATIN_MARKS = re.compile("[\u0300-\u034e\u0350-\u036f]+")
_SEPARATORS = re.compile(r"[-_'\u2019]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _unless_combining(found: re.Match[str]) -> str:
    return "" if unicodedata.combining(found[0]) else found[0]


def fold(text: str) -> str:
    """``text`` compared as people type it: no case, no accents, hyphens and apostrophes as spaces.

    ``cpne search`` folds whole record files: the usual text (ASCII once its accents are
    dropped) takes a fast path.
    """
    text = unicodedata.normalize("NFKD", text.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")).casefold()
    if not text.isascii():
        text = _LATIN_MARKS.sub("", text)
        if not text.isascii():  # « », n°, other scripts: only the characters beyond ASCII are looked at
            text = _NON_ASCII.sub(_unless_combining, text)
    return " ".join(_SEPARATORS.sub(" ", text).split())
