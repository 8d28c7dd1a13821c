"""User templates cannot exhaust memory, and include only regular files of their own folder.

Each refusal is one message naming the template file and line, exit 1, nothing on stdout.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.conftest import run_cli

LIMIT = 10_000_000


def export(repo: Path, *args: str | Path) -> tuple[int, str, str]:
    result = run_cli("--repo", repo, "export", *args)
    assert result.exception is None, result.exception
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# Each builds a value of 20 to 30 million characters (or 3 million items) on its line 2.
TOO_LARGE = {
    "repeat": "{{ 'a' * 30000000 }}",
    "repeat-list": "{{ (['a'] * 3000000) | length }}",
    "join-by-plus": "{% set s = 'a' * 9000000 %}{{ (s + s + s) | length }}",
    "concat": "{% set ns = namespace(s='a' * 1000000) %}{% for i in range(6) %}{% set ns.s = ns.s ~ ns.s %}"
    "{% endfor %}{{ ns.s | length }}",
    "method-center": "{{ ('a' * 1000).center(30000000) | length }}",
    "method-replace": "{{ ('a' * 30).replace('a', 'b' * 1000000) | length }}",
    "method-join": "{{ ('x' * 1000000).join(['a'] * 30) | length }}",
    "method-format": "{{ '{:>30000000}'.format('a') | length }}",
    "printf": "{{ ('%030000000d' % 1) | length }}",
    "filter-center": "{{ 'a' | center(30000000) | length }}",
    "filter-indent": "{{ ('a\\n' * 1000) | indent(30000) | length }}",
    "filter-replace": "{{ ('a' * 1000) | replace('a', 'b' * 30000) | length }}",
    "filter-format": "{{ '%30000000s' | format('a') | length }}",
    "filter-join": "{{ (['a' * 1000000] * 30) | join | length }}",
    "filter-wordwrap": "{{ ('a ' * 20000) | wordwrap(1, wrapstring='x' * 1000) | length }}",
    "filter-slice": "{{ ([1] | slice(3000000) | list) | length }}",
    "filter-batch": "{{ ([1] | batch(3000000, 'x') | first) | length }}",
    "power": "{{ (7 ** 3000000) > 1 }}",
    "printed-twice": "{% set ns = namespace(s='a' * 6000000) %}{% for i in range(3) %}"
    "{% set ns.s %}{{ ns.s }}{{ ns.s }}{% endset %}{% endfor %}{{ ns.s | length }}",
}


@pytest.mark.parametrize("source", list(TOO_LARGE.values()), ids=list(TOO_LARGE))
def test_a_template_cannot_build_a_huge_value(fixture_repo: Path, tmp_path: Path, source: str) -> None:
    template = write(tmp_path, "mine.md.j2", "# Titre\n" + source + "\n")
    code, out, err = export(fixture_repo, "register", "--template", template)
    assert code == 1, err
    assert out == ""
    assert f"error: {template}:2: " in err
    assert "more than a template may build" in err


def test_the_reported_template_is_refused_at_once(fixture_repo: Path, tmp_path: Path) -> None:
    template = write(tmp_path, "mine.md.j2", "{{ ('a'*10**8).center(5*10**8) }}\n")
    clock = time.monotonic()
    code, _out, err = export(fixture_repo, "register", "--template", template)
    assert time.monotonic() - clock < 10
    assert code == 1
    assert f"error: {template}:1: " in err and "100,000,000 characters" in err


def test_the_output_of_a_template_is_bounded(fixture_repo: Path, tmp_path: Path) -> None:
    source = "{% set s = 'a' * 2000 %}\n{% for i in range(60000) %}{{ s }}\n{% endfor %}"
    template = write(tmp_path, "mine.md.j2", source)
    code, out, err = export(fixture_repo, "register", "--template", template)
    assert code == 1
    assert out == ""
    assert f"error: {template}:2: " in err
    assert "more than a template may write" in err


def test_ordinary_templates_are_not_bothered(fixture_repo: Path, tmp_path: Path) -> None:
    source = (
        "{% set ns = namespace(s='') %}{% for p in partners %}{% set ns.s = ns.s ~ p.id ~ ', ' %}{% endfor %}"
        "{{ ns.s }}\n{{ 'x' * 3 }} {{ [1, 2] + [3] }} {{ '%05d' % 42 }} {{ 'a-b' | replace('-', '+') }}"
        " {{ '{:>4}'.format('z') }} {{ 'abc' | center(7) }} {{ 2 ** 10 }} {{ ['a', 'b'] | join(', ') }}\n"
    )
    template = write(tmp_path, "mine.md.j2", source)
    code, out, err = export(fixture_repo, "register", "--template", template)
    assert code == 0, err
    assert out == "amf, amgvf, arf, canope, cdc, men, \nxxx \\[1, 2, 3\\] 00042 a+b  z  abc  1024 a, b\n"


def test_a_template_file_too_large_is_refused(fixture_repo: Path, tmp_path: Path) -> None:
    template = write(tmp_path, "mine.md.j2", "a" * (LIMIT + 1))
    code, _out, err = export(fixture_repo, "register", "--template", template)
    assert code == 1
    assert f"error: {template}: " in err and "larger than" in err


def test_a_template_that_is_not_a_regular_file_is_refused(fixture_repo: Path) -> None:
    code, out, err = export(fixture_repo, "register", "--template", os.devnull)
    assert code == 1
    assert out == ""
    assert f"error: {os.devnull}: " in err and "not a regular file" in err


# --- what a template may include --------------------------------------------------------------------


def test_a_template_includes_files_of_its_folder(fixture_repo: Path, tmp_path: Path) -> None:
    folder = tmp_path / "tpl"
    write(folder, "parts/head.j2", "HEAD {{ committee }}\n")
    (folder / "alias.j2").symlink_to(folder / "parts" / "head.j2")  # a link that stays inside is fine
    template = write(folder, "mine.md.j2", '{% include "parts/head.j2" %}{% include "alias.j2" %}')
    code, out, err = export(fixture_repo, "register", "--template", template)
    assert code == 0, err
    assert out.count("HEAD Comité des partenaires") == 2


@pytest.mark.parametrize("tag", ["include", "import", "extends"])
def test_a_link_leading_out_of_the_folder_is_refused(fixture_repo: Path, tmp_path: Path, tag: str) -> None:
    secret = write(tmp_path, "secret.txt", "SECRET\n")
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "leak.j2").symlink_to(secret)
    line = '{% import "leak.j2" as leak %}' if tag == "import" else f'{{% {tag} "leak.j2" %}}'
    template = write(folder, "mine.md.j2", "# Titre\n" + line + "\n")
    code, out, err = export(fixture_repo, "register", "--template", template)
    assert code == 1
    assert "SECRET" not in out + err
    assert f"error: {template}:2: " in err
    assert f"{folder / 'leak.j2'}" in err and "symbolic link" in err


def test_a_folder_link_leading_out_is_refused(fixture_repo: Path, tmp_path: Path) -> None:
    write(tmp_path, "elsewhere/secret.j2", "SECRET\n")
    folder = tmp_path / "tpl"
    folder.mkdir()
    (folder / "lib").symlink_to(tmp_path / "elsewhere")
    template = write(folder, "mine.md.j2", '{% include "lib/secret.j2" %}')
    code, out, err = export(fixture_repo, "register", "--template", template)
    assert code == 1
    assert "SECRET" not in out + err
    assert f"{folder / 'lib' / 'secret.j2'}" in err


def test_nothing_under_dot_git_is_included(fixture_repo: Path, tmp_path: Path) -> None:
    write(tmp_path, ".git/config", "[core]\n\tSECRET = 1\n")
    (tmp_path / "config.j2").symlink_to(tmp_path / ".git" / "config")
    for name in (".git/config", "config.j2"):
        template = write(tmp_path, "mine.md.j2", f'{{% include "{name}" %}}')
        code, out, err = export(fixture_repo, "register", "--template", template)
        assert code == 1, name
        assert "SECRET" not in out + err
        assert f"{tmp_path / name}" in err and ".git" in err


def test_shipped_templates_and_missing_files_are_as_before(fixture_repo: Path, tmp_path: Path) -> None:
    template = write(tmp_path, "mine.md.j2", '{% extends "register.md.j2" %}{% block reviews %}{% endblock %}')
    code, out, _ = export(fixture_repo, "register", "--template", template)
    assert code == 0 and "## Membres" in out
    template = write(tmp_path, "mine.md.j2", '{% include "../mine.md.j2" %}')
    code, _, err = export(fixture_repo, "register", "--template", template)
    assert code == 1 and "not found" in err


def test_an_error_in_an_included_template_names_that_file(fixture_repo: Path, tmp_path: Path) -> None:
    part = write(tmp_path, "part.j2", "ok\n{{ no_such_thing }}\n")
    template = write(tmp_path, "mine.md.j2", '{% include "part.j2" %}')
    code, _, err = export(fixture_repo, "register", "--template", template)
    assert code == 1
    assert f"error: {part}:2: undefined variable" in err
