"""The catalogs are whole: every string cpne shows is in them, translated, with its placeholders, compiled."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from cpne import catalogs, i18n


def test_the_catalogs_are_whole() -> None:
    found = catalogs.problems()
    assert found == [], "run `python -m cpne.catalogs update` and translate:\n" + "\n".join(found)


@pytest.fixture
def copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the catalogs that the checks read instead of cpne's."""
    folder = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, folder)  # what catalogs reads (re-exported from cpne.i18n)
    monkeypatch.setattr(catalogs, "LOCALE_DIR", folder)
    return folder


def _edit(folder: Path, language: str, change: object, *, compile_after: bool) -> None:
    path = folder / language / "LC_MESSAGES" / "cpne.po"
    with open(path, "rb") as handle:
        po = read_po(handle, locale=language)
    change(po)  # type: ignore[operator]
    with open(path, "wb") as handle:
        write_po(handle, po, no_location=True, sort_output=True)
    if compile_after:
        catalogs.compile_all()


def test_an_untranslated_entry_is_reported(copy: Path) -> None:
    def clear(po: object) -> None:
        po["Show this message and exit."].string = ""  # type: ignore[index]

    _edit(copy, "fr", clear, compile_after=True)
    assert "fr: untranslated 'Show this message and exit.'" in catalogs.problems()


def test_a_lost_placeholder_is_reported(copy: Path) -> None:
    def lose(po: object) -> None:
        for message in po:  # type: ignore[attr-defined]
            if message.id and not isinstance(message.id, tuple) and "{" in message.id and not message.context:
                message.string = "sans le nom"
                return

    _edit(copy, "fr", lose, compile_after=True)
    assert any(line.startswith("fr: placeholders differ") for line in catalogs.problems())


def test_a_missing_entry_and_a_stale_compiled_catalog_are_reported(copy: Path) -> None:
    def drop(po: object) -> None:
        po.delete("Show this message and exit.")  # type: ignore[attr-defined]

    _edit(copy, "en", drop, compile_after=False)
    found = catalogs.problems()
    assert "en: missing 'Show this message and exit.'" in found
    assert any(line.startswith("en: cpne.mo is stale") for line in found)


def test_an_entry_nothing_uses_any_more_is_reported(copy: Path) -> None:
    def add(po: object) -> None:
        po.add("A sentence no code says", string="Une phrase que le code ne dit pas")  # type: ignore[attr-defined]

    _edit(copy, "fr", add, compile_after=True)
    assert "fr: no longer used 'A sentence no code says'" in catalogs.problems()
