"""Keeping the gettext catalogs whole: ``python -m cpne.catalogs [update|compile|check]`` (Babel).

``update`` extracts every marked string of cpne (``_``, ``N_``, ``ngettext``,
``pgettext``, and ``words.agreeing`` once per gender), the words click and typer print (cpne speaks through their
``_``, see :mod:`cpne.i18n`), and the entries no code spells out: the label of every
value of every schema enum (and the variants of :data:`cpne.words.ENUM_VARIANTS`), and
each kind's noun and gender. It merges them into ``cpne/locale/LANG/LC_MESSAGES/cpne.po``
(an English entry starts as its source text), applies translations given as JSON
fragments (``--fragments DIR``), and compiles the ``.mo`` files.

``check`` lists what is wrong: a string missing from a catalog, an entry left
untranslated or fuzzy, a translation whose ``{placeholders}`` differ from the source's,
a compiled catalog older than its source. A test runs it, so CI fails on any of them.

Development only: Babel is imported here, never by a command.
"""

from __future__ import annotations

import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from cpne.i18n import CLICK_MODULES, DOMAIN, LANGUAGES, LOCALE_DIR
from cpne.words import GENDERS

PACKAGE = Path(__file__).resolve().parent
KEYWORDS: dict[str, Any] = DEFAULT_KEYWORDS
# ``words.agreeing(key, "{noun} {id}: created")``: one entry per grammatical gender
AGREEING: dict[str, Any] = {"agreeing": (2,)}
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}")
Key = tuple[str | None, str]  # (context, msgid)


def po_path(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def mo_path(language: str) -> Path:
    return po_path(language).with_suffix(".mo")


def _source_files() -> Iterator[tuple[Path, str]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        if "_bundled" not in path.parts and path.name != "catalogs.py":
            yield path, path.relative_to(PACKAGE.parent).as_posix()
    import importlib

    for name in CLICK_MODULES:
        module = importlib.import_module(name)
        if module.__file__:
            yield Path(module.__file__), name


def _enum_nodes(node: Any, path: list[str], root: dict[str, Any]) -> Iterator[tuple[list[str], list[Any]]]:
    if not isinstance(node, dict):
        return
    if "$ref" in node:
        yield from _enum_nodes(root["$defs"][str(node["$ref"]).rsplit("/", 1)[-1]], path, root)
    if "enum" in node:
        yield path, node["enum"]
    for key, sub in node.get("properties", {}).items():
        yield from _enum_nodes(sub, [*path, key], root)
    if "items" in node:
        yield from _enum_nodes(node["items"], path, root)
    for key in ("oneOf", "anyOf", "allOf"):
        for sub in node.get(key, []):
            yield from _enum_nodes(sub, path, root)


def generated() -> Iterator[tuple[str, str, str]]:
    """(context, message, where) of the entries no code spells out: enum labels, nouns, genders."""
    from cpne.kinds import KINDS
    from cpne.kinds.enums import schema_at
    from cpne.resources import schemas_dir
    from cpne.words import ENUM_VARIANTS, enum_context

    for kind in KINDS.values():
        if kind.schema_dir is not None:
            continue  # a kind shipped with its own schema ships its own words
        schema = schema_at(schemas_dir(), kind.name)
        for path, values in _enum_nodes(schema, [], schema):
            context = enum_context(kind.name, path[-1])
            for variant in ("", *ENUM_VARIANTS.get(context, ())):
                for value in values:
                    yield enum_context(kind.name, path[-1], variant), str(value), kind.schema_file
        nouns = [kind.name]
        if kind.noun_of is not None:
            nouns += [v for v in kind.enum(("kind",)) if v != kind.name]
        for key in nouns:
            for context in ("noun", "nouns", "gender"):
                yield context, key, f"kinds/{kind.name}"


def template() -> Catalog:
    """Every message cpne may show, from the code, click and typer, the schemas and the kinds."""
    pot = Catalog(domain=DOMAIN, project="cpne", fuzzy=False)
    for path, where in _source_files():
        with open(path, "rb") as handle:
            for lineno, message, _comments, context in extract_from_file(
                "python", handle.name, keywords=KEYWORDS, strip_comment_tags=True
            ):
                if message:
                    pot.add(message, locations=[(where, lineno)], context=context)
        if not where.startswith("cpne/"):
            continue
        with open(path, "rb") as handle:
            for lineno, message, _comments, _context in extract_from_file(
                "python", handle.name, keywords=AGREEING, strip_comment_tags=True
            ):
                for gender in GENDERS:
                    pot.add(message, locations=[(where, lineno)], context=gender)
    for context, message, where in generated():
        pot.add(message, locations=[(where, 0)], context=context)
    return pot


def _read(language: str) -> Catalog:
    path = po_path(language)
    if not path.is_file():
        return Catalog(locale=language, domain=DOMAIN, project="cpne", fuzzy=False)
    with open(path, "rb") as handle:
        return read_po(handle, locale=language, domain=DOMAIN)


def _key(message: Message) -> Key:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return message.context, str(msgid)


def _ids(message: Message) -> tuple[str, ...]:
    return tuple(str(i) for i in message.id) if isinstance(message.id, tuple) else (str(message.id),)


def _strings(message: Message) -> tuple[str, ...]:
    if isinstance(message.string, tuple | list):
        return tuple(str(s or "") for s in message.string)
    return (str(message.string or ""),)


def _write(language: str, po: Catalog) -> None:
    path = po_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, po, width=120, no_location=True, omit_header=False, sort_output=True, ignore_obsolete=True)
    path.write_bytes(buffer.getvalue())
    _compile(language, po)


def _compile(language: str, po: Catalog) -> None:
    buffer = io.BytesIO()
    write_mo(buffer, po, use_fuzzy=False)
    mo_path(language).write_bytes(buffer.getvalue())


def _fragments(folder: Path | None) -> dict[str, dict[Key, Any]]:
    """Translations given as JSON: ``[{"context", "id", "fr", "en"}, …]`` (a list of two for plurals)."""
    found: dict[str, dict[Key, Any]] = {language: {} for language in LANGUAGES}
    for path in sorted(folder.glob("*.json")) if folder else ():
        for entry in json.loads(path.read_text(encoding="utf-8")):
            for language in LANGUAGES:
                if entry.get(language) not in (None, ""):
                    found[language][(entry.get("context"), entry["id"])] = entry[language]
    return found


def update(fragments: Path | None = None) -> None:
    """Merge the template into each catalog, apply the fragments, write and compile."""
    given = _fragments(fragments)
    for language in LANGUAGES:
        po = _read(language)
        # a template per language: Babel inserts the template's own Message objects, which two
        # catalogs must not share (a French translation would land in the English catalog)
        pot = template()
        po.update(pot, no_fuzzy_matching=True, update_header_comment=False, update_creation_date=False)
        po.obsolete.clear()
        for message in po:
            if not message.id:
                continue
            message.flags.discard("fuzzy")
            value = given[language].get(_key(message))
            if value is not None and isinstance(value, list):  # plural forms; the last one repeats if needed
                message.string = tuple(value + value[-1:] * (po.num_plurals - len(value)))
            elif value is not None:
                message.string = value
            elif language == "en" and not any(_strings(message)):
                message.string = _ids(message) if isinstance(message.id, tuple) else message.id
        po.fuzzy = False
        _write(language, po)


def compile_all() -> None:
    for language in LANGUAGES:
        _compile(language, _read(language))


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


def problems() -> list[str]:
    """What keeps the catalogs from being whole (empty: nothing)."""
    import gettext

    wanted = {_key(m) for m in template() if m.id}
    found: list[str] = []
    for language in LANGUAGES:
        po = _read(language)
        have = {_key(m): m for m in po if m.id}
        for key in sorted(wanted - set(have), key=str):
            found.append(f"{language}: missing {_show(key)}")
        for key in sorted(set(have) - wanted, key=str):
            found.append(f"{language}: no longer used {_show(key)}")
        for key, message in sorted(have.items(), key=lambda item: str(item[0])):
            strings = _strings(message)
            if not all(strings) or "fuzzy" in message.flags:
                found.append(f"{language}: untranslated {_show(key)}")
            elif _placeholders_differ(message):
                found.append(f"{language}: placeholders differ in {_show(key)}: {strings}")
        compiled = io.BytesIO()
        write_mo(compiled, po, use_fuzzy=False)
        compiled.seek(0)
        try:
            with open(mo_path(language), "rb") as handle:
                on_disk = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        except OSError:
            on_disk = None
        if on_disk != gettext.GNUTranslations(compiled)._catalog:  # type: ignore[attr-defined]
            found.append(f"{language}: {mo_path(language).name} is stale: run `python -m cpne.catalogs compile`")
    return found


def _placeholders_differ(message: Message) -> bool:
    """A translation names the source's ``{placeholders}`` (a plural form may leave the count out)."""
    ids, strings = _ids(message), _strings(message)
    if len(ids) == 1:
        return _placeholders(strings[0]) != _placeholders(ids[0])
    allowed = set().union(*(_placeholders(i) for i in ids))
    return any(not _placeholders(s) <= allowed for s in strings)


def _show(key: Key) -> str:
    context, msgid = key
    return f"[{context}] {msgid!r}" if context else repr(msgid)


def main(argv: Iterable[str]) -> int:
    args = list(argv)
    verb = args[0] if args else "check"
    if verb == "update":
        update(Path(args[2]) if len(args) > 2 and args[1] == "--fragments" else None)
        verb = "check"
    elif verb == "compile":
        compile_all()
        return 0
    if verb == "check":
        found = problems()
        for line in found:
            print(line)
        return 1 if found else 0
    print("usage: python -m cpne.catalogs [update [--fragments DIR]|compile|check]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
