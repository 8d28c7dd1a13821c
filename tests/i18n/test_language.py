"""Which language a run speaks: the register's, else CPNE_LANG, else the locale, else French."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpne import i18n


def _register(folder: Path, settings: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "cpne.yaml").write_text(settings, encoding="utf-8")
    return folder


def test_the_registers_language_wins_over_the_environment(tmp_path: Path) -> None:
    root = _register(tmp_path / "reg", "committee: CPNE\nlanguage: en\n")
    env = {"CPNE_LANG": "fr", "LANG": "fr_FR.UTF-8"}
    assert i18n.choose(["opinion", "list"], env, root) == "en"
    (root / "data" / "opinions").mkdir(parents=True)
    assert i18n.choose(["opinion", "list"], env, root / "data" / "opinions") == "en"


def test_a_register_without_a_language_line_speaks_french(tmp_path: Path) -> None:
    root = _register(tmp_path / "reg", "committee: CPNE\n")
    assert i18n.choose([], {"CPNE_LANG": "en"}, root) == "fr"


def test_repo_option_and_cpne_repo_name_the_register(tmp_path: Path) -> None:
    root = _register(tmp_path / "reg", "committee: CPNE\nlanguage: 'en'  # the secretariat's choice\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    assert i18n.choose(["--repo", str(root), "validate"], {}, elsewhere) == "en"
    assert i18n.choose([f"--repo={root}", "validate"], {}, elsewhere) == "en"
    assert i18n.choose(["validate"], {"CPNE_REPO": str(root)}, elsewhere) == "en"
    # an option of the command, after its name, is not the global --repo
    assert i18n.choose(["validate", "--repo", str(root)], {}, elsewhere) == "fr"


def test_outside_a_register_cpne_lang_then_the_locale_decide(tmp_path: Path) -> None:
    assert i18n.choose([], {"CPNE_LANG": "en"}, tmp_path) == "en"
    assert i18n.choose([], {"CPNE_LANG": "EN "}, tmp_path) == "en"
    assert i18n.choose([], {"CPNE_LANG": "de"}, tmp_path) == "fr"
    assert i18n.choose([], {"LANG": "en_GB.UTF-8"}, tmp_path) == "en"
    assert i18n.choose([], {"LC_ALL": "fr_FR.UTF-8", "LANG": "en_US.UTF-8"}, tmp_path) == "fr"
    assert i18n.choose([], {"LC_MESSAGES": "en_US", "LANG": "fr_FR"}, tmp_path) == "en"
    assert i18n.choose([], {"LANG": "C.UTF-8"}, tmp_path) == "fr"
    assert i18n.choose([], {}, tmp_path) == "fr"


def test_an_unreadable_or_unknown_language_falls_back_to_the_environment(tmp_path: Path) -> None:
    root = _register(tmp_path / "reg", "committee: CPNE\nlanguage: klingon\n")
    assert i18n.choose([], {"CPNE_LANG": "en"}, root) == "en"
    broken = _register(tmp_path / "broken", "")
    (broken / "cpne.yaml").write_bytes(b"\xff\xfe language: en")
    assert i18n.choose([], {"CPNE_LANG": "en"}, broken) == "en"


@given(st.text(max_size=40))
def test_any_cpne_lang_value_gives_a_known_language(value: str) -> None:
    assert i18n.choose([], {"CPNE_LANG": value}, Path("/nonexistent-cpne")) in i18n.LANGUAGES


def test_use_switches_the_catalog_and_typer_speaks_through_it() -> None:
    import typer.core

    words = typer.core._  # type: ignore[attr-defined]
    try:
        i18n.use("fr")
        assert i18n.current() == "fr"
        assert typer.core._("Commands") == "Commandes"  # type: ignore[attr-defined]
        i18n.use("xx")
        assert i18n.current() == i18n.DEFAULT
    finally:
        i18n.use("en")
    assert typer.core._("Commands") == "Commands"  # type: ignore[attr-defined]
    assert words is typer.core._  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_each_language_has_a_compiled_catalog(language: str) -> None:
    assert (i18n.LOCALE_DIR / language / "LC_MESSAGES" / "cpne.mo").is_file()
