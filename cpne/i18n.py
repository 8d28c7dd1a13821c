"""Every word a person reads goes through here: one gettext catalog per language (``fr``, ``en``).

Source strings are English, marked ``_("…")`` (translated where they are used),
``N_("…")`` (marked only: the kinds' specs, translated later by whoever shows them),
``ngettext`` (counts) and ``pgettext`` (a word whose meaning depends on a context:
an enum value's label, a status that agrees with its noun). Placeholders use
``str.format`` names, ``_("{kind} {id}: created").format(…)``, so a translation may
reorder them.

The language is chosen once per process, before the command line is built (help texts
are read when it is): inside a register, its ``cpne.yaml`` ``language``; outside one,
``CPNE_LANG``, else the locale (``LC_ALL``, ``LC_MESSAGES``, ``LANG``); French by
default. Exports take their own language (``--lang``): :func:`catalog` gives any
language's translations without changing the process's.

Only the standard library is imported here (``gettext``): ``cpne --help`` stays fast.
The catalogs are edited as ``cpne/locale/*/LC_MESSAGES/cpne.po`` and compiled to
``.mo`` by ``python -m cpne.catalogs`` (Babel); a test keeps them whole.
"""

from __future__ import annotations

import gettext as _gettext
import os
import re
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

DOMAIN = "cpne"
LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES = ("fr", "en")
DEFAULT = "fr"
MARKER = "cpne.yaml"

# With CPNE_I18N_MARK set, every translated string is wrapped in these two invisible
# characters: a test then finds any text that did not come from the catalog.
MARK_OPEN, MARK_CLOSE = "\u2068", "\u2069"

_LANGUAGE_LINE = re.compile(r"""^language:\s*["']?([A-Za-z_-]+)["']?\s*(?:#.*)?$""", re.MULTILINE)


class _Marked(_gettext.GNUTranslations):
    """Translations that wrap what they find in the catalog (CPNE_I18N_MARK)."""

    def gettext(self, message: str) -> str:
        found = self._catalog.get(message)  # type: ignore[attr-defined]
        return f"{MARK_OPEN}{found}{MARK_CLOSE}" if found else message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        try:
            found = self._catalog[(msgid1, self.plural(n))]  # type: ignore[attr-defined]
        except KeyError:
            return msgid1 if n == 1 else msgid2
        return f"{MARK_OPEN}{found}{MARK_CLOSE}"

    def pgettext(self, context: str, message: str) -> str:
        found = self._catalog.get(f"{context}\x04{message}")  # type: ignore[attr-defined]
        return f"{MARK_OPEN}{found}{MARK_CLOSE}" if found else message

    def npgettext(self, context: str, msgid1: str, msgid2: str, n: int) -> str:
        try:
            found = self._catalog[(f"{context}\x04{msgid1}", self.plural(n))]  # type: ignore[attr-defined]
        except KeyError:
            return msgid1 if n == 1 else msgid2
        return f"{MARK_OPEN}{found}{MARK_CLOSE}"


@cache
def catalog(language: str) -> _gettext.NullTranslations:
    """The translations of ``language`` (an unknown language, or a missing file: the English source)."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    try:
        with open(path, "rb") as handle:
            return _Marked(handle) if os.environ.get("CPNE_I18N_MARK") else _gettext.GNUTranslations(handle)
    except OSError:
        return _gettext.NullTranslations()


_active: list[str] = [DEFAULT]


def use(language: str) -> None:
    """Make ``language`` the process's language (messages, prompts, click's own words)."""
    _active[0] = language if language in LANGUAGES else DEFAULT
    _speak_through_click()


def current() -> str:
    """The process's language."""
    return _active[0]


def _(message: str) -> str:
    """``message`` in the process's language."""
    return catalog(_active[0]).gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it (it is translated where it is shown)."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for ``n``, as the language counts (French: 0 and 1 are singular)."""
    return catalog(_active[0]).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """``message`` read in ``context`` (an enum's values, a word agreeing with its noun)."""
    return catalog(_active[0]).pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return catalog(_active[0]).npgettext(context, singular, plural, n)


def _speak_through_click() -> None:
    """Point typer's ``_`` at cpne's catalog.

    typer words some of its messages ("Options", "Commands", "[default: …]", "Aborted!")
    through ``gettext.gettext``, which follows the process's locale, not the register's
    language; its module's ``_``/``ngettext`` are replaced, and its strings are kept in
    cpne's catalog (``python -m cpne.catalogs`` extracts them).
    """
    import sys

    for name in CLICK_MODULES:
        module = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            setattr(module, "_", _)  # noqa: B010 - a module's global, replaced
        if hasattr(module, "ngettext"):
            setattr(module, "ngettext", ngettext)  # noqa: B010


# typer's modules whose words are gettext calls (its copy of click, ``typer._click``, has
# none: cpne.cli.clickwords rewords what it prints)
CLICK_MODULES = ("typer.core",)


def _locale_language(env: Mapping[str, str]) -> str | None:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name)
        if value:  # the first one set decides, as for any POSIX program
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in LANGUAGES else None
    return None


def _repo_option(argv: Sequence[str]) -> str | None:
    """The value of the global ``--repo`` option, read before the command line is built."""
    for index, arg in enumerate(argv):
        if arg == "--repo" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--repo="):
            return arg[len("--repo=") :]
        if not arg.startswith("-"):
            return None  # the command's name: global options come before it
    return None


def register_language(root: Path) -> str | None:
    """The ``language`` set in ``root/cpne.yaml`` (a line read, not a YAML parse: no yaml import for --help).

    An unreadable or unusual file gives None; the command that reads the settings says what is wrong.
    """
    try:
        text = (root / MARKER).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    found = _LANGUAGE_LINE.search(text)
    if found is None:
        return DEFAULT
    return found.group(1) if found.group(1) in LANGUAGES else None


def _find_register(argv: Sequence[str], env: Mapping[str, str], cwd: Path) -> Path | None:
    given = _repo_option(argv) or env.get("CPNE_REPO") or None
    if given is not None:
        root = Path(given).expanduser()
        return root if (root / MARKER).is_file() else None
    try:
        start = cwd.resolve()
    except OSError:
        return None
    for folder in (start, *start.parents):
        if (folder / MARKER).is_file():
            return folder
    return None


def choose(argv: Sequence[str], env: Mapping[str, str] | None = None, cwd: Path | None = None) -> str:
    """The language of a run of ``cpne ARGV``: the register's, else CPNE_LANG, else the locale, else French."""
    env = os.environ if env is None else env
    try:
        root = _find_register(argv, env, cwd or Path.cwd())
    except OSError:
        root = None
    if root is not None:
        found = register_language(root)
        if found is not None:
            return found
    wanted = env.get("CPNE_LANG", "").strip().lower()
    if wanted:
        return wanted if wanted in LANGUAGES else DEFAULT
    return _locale_language(env) or DEFAULT
