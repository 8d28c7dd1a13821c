"""`cpne export ...` from the command line: options, outputs, user templates, and every error path."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.export.conftest import check_markdown

PROJECT = Path(__file__).resolve().parents[2]


def export(repo: Path, *args: str | Path) -> tuple[int, str, str]:
    result = run_cli("--repo", repo, "export", *args)
    assert result.exception is None, result.exception
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


# --- languages, dates, years ----------------------------------------------------------------


def test_language_comes_from_cpne_yaml_and_lang_overrides_it(fixture_repo: Path) -> None:
    _, french, _ = export(fixture_repo, "report")
    assert french.startswith("# Rapport d'activité\n")
    assert "1er octobre 2015" in french
    _, english, _ = export(fixture_repo, "report", "--lang", "en")
    assert english.startswith("# Activity report\n")
    assert "1 October 2015" in english
    marker = fixture_repo / "cpne.yaml"
    marker.write_text(marker.read_text(encoding="utf-8").replace("language: fr", "language: en"), encoding="utf-8")
    _, default, _ = export(fixture_repo, "report")
    assert default == english
    _, forced, _ = export(fixture_repo, "report", "--lang", "fr")
    assert forced == french


def test_no_clock_a_date_comes_from_the_data_or_from_date(fixture_repo: Path) -> None:
    _, plain, _ = export(fixture_repo, "register")
    assert "État du registre" not in plain
    _, dated, _ = export(fixture_repo, "register", "--date", "2025-10-01")
    assert "État du registre au 1er octobre 2025." in dated
    _, doc, _ = export(fixture_repo, "opinion", "OP-2024-001", "--date", "2025-03-01", "--lang", "en")
    assert "Document issued on 1 March 2025." in doc


@pytest.mark.parametrize("value", ["2025-13-01", "01/10/2025", "tomorrow", "2025-02-30"])
def test_a_bad_date_is_a_usage_error(fixture_repo: Path, value: str) -> None:
    code, out, err = export(fixture_repo, "report", "--date", value)
    assert code == 2
    assert out == ""
    assert f"--date must be a date written YYYY-MM-DD, not '{value}'" in err


def test_year_report_covers_the_work_of_that_year(fixture_repo: Path) -> None:
    _, text, _ = export(fixture_repo, "report", "--year", "2024")
    check_markdown(text)
    assert text.startswith("# Rapport d'activité 2024\n")
    assert "OP-2025-001" not in text and "REV-2025-001" not in text
    assert "### OP-2023-001 — " in text  # adopted in 2023, published in 2024
    cdc = "| CDC | Caisse des dépôts et consignations | Établissement public | 1er octobre 2015 | 30 juin 2024 |"
    assert cdc in text
    _, text_2023, _ = export(fixture_repo, "report", "--year", "2023")
    # at the end of 2023, OP-2023-001 was adopted, not yet published; Canopé had not joined
    row = "| OP-2023-001 | Avis sur le socle numérique dans les écoles | Avis | adopté | 14 décembre 2023 |"
    assert row in text_2023
    assert "Canopé" not in text_2023
    assert "| CDC |" in text_2023
    assert "Anciens membres" not in text_2023


def test_lang_offers_the_languages_of_cpne_yaml(fixture_repo: Path) -> None:
    from cpne.repo import LANGUAGES

    refused = run_cli("--repo", fixture_repo, "export", "report", "--lang", "de")
    assert refused.exit_code == 2
    assert f"unknown language 'de' (choose one of: {', '.join(LANGUAGES)})" in refused.stderr


def test_a_year_out_of_range_is_a_usage_error(fixture_repo: Path) -> None:
    code, _, err = export(fixture_repo, "report", "--year", "99")
    assert code == 2
    assert "--year" in err


# --- output, check --------------------------------------------------------------------------


def test_output_file_is_written_atomically(fixture_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "report.md"
    code, out, err = export(fixture_repo, "report", "-o", target)
    assert code == 0
    assert out == ""
    assert f"wrote {target}" in err
    _, stdout_text, _ = export(fixture_repo, "report")
    assert target.read_bytes() == stdout_text.encode("utf-8")
    assert [p.name for p in target.parent.iterdir()] == ["report.md"]


def test_a_failed_write_leaves_the_old_file(
    fixture_repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    target.write_text("old report\n", encoding="utf-8")

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    code, _, err = export(fixture_repo, "report", "-o", target)
    assert code == 1
    assert "cannot write" in err and "no space left on the device" in err
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["register", "report.md"]  # no temporary file left


def test_output_through_a_symbolic_link_updates_its_target(fixture_repo: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    assert export(fixture_repo, "register", "-o", link)[0] == 0
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("# Registre\n")


def test_output_to_a_special_file_writes_into_it(fixture_repo: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read)
    reader.start()
    code, _, err = export(fixture_repo, "register", "-o", fifo)
    reader.join(timeout=10)
    assert code == 0, err
    assert received and received[0].startswith(b"# Registre\n")
    assert fifo.is_fifo()  # not replaced by a regular file


def test_output_to_a_folder_is_refused(fixture_repo: Path, tmp_path: Path) -> None:
    code, _, err = export(fixture_repo, "report", "-o", tmp_path)
    assert code == 1
    assert "is a folder" in err


def test_check_passes_on_a_fresh_file_and_fails_with_a_short_diff_on_a_stale_one(
    fixture_repo: Path, tmp_path: Path
) -> None:
    target = tmp_path / "report.md"
    assert export(fixture_repo, "report", "-o", target)[0] == 0
    code, out, err = export(fixture_repo, "report", "--check", target)
    assert (code, out) == (0, "")
    assert "is up to date" in err
    theme = fixture_repo / "data" / "themes" / "usages.yaml"
    theme.write_text(theme.read_text(encoding="utf-8").replace("observe", "suit de près"), encoding="utf-8")
    before = target.read_bytes()
    code, out, err = export(fixture_repo, "report", "--check", target)
    assert code == 1
    assert out.startswith(f"--- {target}\n+++ export\n")
    assert "-Le comité observe" in out and "+Le comité suit de près" in out
    assert len(out.splitlines()) <= 41
    assert "is stale" in err and f"-o {target}" in err
    assert target.read_bytes() == before  # --check never writes


def test_check_diff_is_cut_short(fixture_repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("".join(f"line {i}\n" for i in range(200)), encoding="utf-8")
    code, out, _ = export(fixture_repo, "report", "--check", target)
    assert code == 1
    assert out.splitlines()[-1].startswith("... (") and "more diff lines" in out
    assert len(out.splitlines()) == 41


def test_check_of_a_missing_file_fails(fixture_repo: Path, tmp_path: Path) -> None:
    code, out, err = export(fixture_repo, "register", "--check", tmp_path / "nope.md")
    assert code == 1
    assert "does not exist" in out
    assert "is stale" in err


def test_output_and_check_together_are_a_usage_error(fixture_repo: Path, tmp_path: Path) -> None:
    code, _, err = export(fixture_repo, "report", "-o", tmp_path / "a.md", "--check", tmp_path / "b.md")
    assert code == 2
    assert "cannot be used together" in err
    assert not (tmp_path / "a.md").exists()


# --- opinion ids ------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", ["../../etc/passwd", "OP-24-1", "op-24-1", "REV-2024-001", "OP-2024-001.yaml"])
def test_a_bad_opinion_id_is_refused_before_any_path_is_built(fixture_repo: Path, bad: str) -> None:
    code, out, err = export(fixture_repo, "opinion", bad)
    assert code == 2
    assert out == ""
    assert f"'{bad}' is not an opinion id (example: OP-2026-001)" in err


def test_an_opinion_id_is_read_in_any_case(fixture_repo: Path) -> None:
    assert export(fixture_repo, "opinion", "op-2024-002") == export(fixture_repo, "opinion", "OP-2024-002")
    assert export(fixture_repo, "opinion", "op-2024-002")[0] == 0


def test_an_unknown_opinion_is_an_error(fixture_repo: Path) -> None:
    code, out, err = export(fixture_repo, "opinion", "OP-2024-999")
    assert code == 1
    assert out == ""
    assert "no opinion OP-2024-999 in this register" in err
    assert "cpne opinion list" in err


def test_a_related_record_missing_from_the_register_is_named(fixture_repo: Path) -> None:
    path = fixture_repo / "data" / "opinions" / "OP-2024-002.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "- OP-2099-001\n", encoding="utf-8")
    code, out, _ = export(fixture_repo, "opinion", "OP-2024-002")
    assert code == 0
    assert "- OP-2099-001 : (non trouvé dans le registre)" in out


# --- the register must be readable --------------------------------------------------------------


def test_an_unreadable_record_stops_the_export_naming_file_and_line(fixture_repo: Path) -> None:
    bad = fixture_repo / "data" / "opinions" / "OP-2025-002.yaml"
    bad.write_text("id: OP-2025-002\ntitle: [unclosed\n", encoding="utf-8")
    for command in (("report",), ("register",), ("json",)):
        code, out, err = export(fixture_repo, *command)
        assert code == 1, command
        assert out == ""
        assert "data/opinions/OP-2025-002.yaml:" in err
        assert "cpne validate" in err


def test_a_record_of_the_wrong_shape_is_named_with_its_field_and_line(fixture_repo: Path) -> None:
    bad = fixture_repo / "data" / "opinions" / "OP-2025-002.yaml"
    bad.write_text(
        bad.read_text(encoding="utf-8").replace("title: Recommandation", "title:\n- Recommandation"), "utf-8"
    )
    code, _, err = export(fixture_repo, "report")
    assert code == 1
    assert "data/opinions/OP-2025-002.yaml:3: field 'title' must be text" in err


def test_a_duplicate_key_is_reported(fixture_repo: Path) -> None:
    bad = fixture_repo / "data" / "partners" / "arf.yaml"
    bad.write_text(bad.read_text(encoding="utf-8") + "acronym: ARF\n", encoding="utf-8")
    code, _, err = export(fixture_repo, "opinion", "OP-2024-001")
    assert code == 1
    assert "data/partners/arf.yaml:8: duplicate field 'acronym'" in err


def test_no_repository_is_an_error(tmp_path: Path, chdir_to: object) -> None:
    chdir_to(tmp_path)  # type: ignore[operator]
    result = run_cli("export", "report")
    assert result.exit_code == 1
    assert "no cpne data repository here" in result.stderr


def test_an_empty_register_exports(empty_repo: Path) -> None:
    for command in (("report",), ("register",)):
        code, out, _ = export(empty_repo, *command)
        assert code == 0
        check_markdown(out)
    assert "Aucun membre." in export(empty_repo, "report", "--lang", "fr")[1]


# --- user templates -----------------------------------------------------------------------------


def write_template(tmp_path: Path, text: str, name: str = "mine.md.j2") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_user_template_gets_the_context_and_escaping(fixture_repo: Path, tmp_path: Path) -> None:
    template = write_template(
        tmp_path,
        "# {{ committee }}\n{% for o in opinions %}\n- {{ o.id }}: {{ o.title }} ({{ o.dates.created | date }})\n"
        "{% endfor %}\nTotal: {{ figures.opinions }}\nRaw: {{ '*kept*' | safe }}\n",
    )
    code, out, err = export(fixture_repo, "report", "--template", template)
    assert code == 0, err
    assert out.startswith("# Comité des partenaires du numérique pour l'éducation\n")
    assert "- OP-2025-001: Avis \\| « {{ 7\\*7 }} »" in out
    assert "(1er octobre 2015)" not in out and "(10 janvier 2025)" in out
    assert "Total: 6\n" in out and "Raw: *kept*\n" in out
    assert "49" not in out


def test_a_user_template_may_extend_a_shipped_one(fixture_repo: Path, tmp_path: Path) -> None:
    template = write_template(tmp_path, '{% extends "register.md.j2" %}{% block reviews %}{% endblock %}')
    code, out, _ = export(fixture_repo, "register", "--template", template)
    assert code == 0
    assert "## Membres (6)" in out
    assert "Examens de référentiels" not in out


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ committee.__class__ }}",
        "{{ opinions[0].__init__.__globals__ }}",
        "{{ figures.__class__.__init__ }}",
        "{{ L.__class__ }}",
        "{% for o in opinions %}{{ o.record.__class__.__base__ }}{% endfor %}",
        "{{ opinions[0].record.clear() }}",
    ],
)
def test_the_sandbox_refuses_escapes(fixture_repo: Path, tmp_path: Path, source: str) -> None:
    template = write_template(tmp_path, source)
    code, out, err = export(fixture_repo, "report", "--template", template)
    assert code == 1
    assert out == ""
    assert f"error: {template}" in err
    assert "sandbox" in err or "undefined" in err or "unsafe" in err


def test_an_undefined_variable_is_an_error_with_its_line(fixture_repo: Path, tmp_path: Path) -> None:
    template = write_template(tmp_path, "line one\n{{ committee }}\n{{ no_such_thing }}\n")
    code, out, err = export(fixture_repo, "register", "--template", template)
    assert code == 1
    assert out == ""
    assert f"{template}:3: undefined variable in the template: 'no_such_thing' is undefined" in err
    assert "docs/templates.md" in err


def test_an_undefined_attribute_is_an_error(fixture_repo: Path, tmp_path: Path) -> None:
    template = write_template(tmp_path, "{% for p in partners %}{{ p.email }}{% endfor %}")
    code, _, err = export(fixture_repo, "register", "--template", template)
    assert code == 1
    assert "has no attribute 'email'" in err


def test_template_syntax_errors_and_failures(fixture_repo: Path, tmp_path: Path) -> None:
    template = write_template(tmp_path, "ok\n{% for x in partners %}\n")
    code, _, err = export(fixture_repo, "register", "--template", template)
    assert code == 1
    assert f"{template}:2: template syntax error" in err or f"{template}:3: template syntax error" in err
    template = write_template(tmp_path, "{{ 1 / 0 }}")
    code, _, err = export(fixture_repo, "register", "--template", template)
    assert code == 1
    assert "the template failed: ZeroDivisionError" in err
    template = write_template(tmp_path, '{% include "missing.j2" %}')
    code, _, err = export(fixture_repo, "register", "--template", template)
    assert code == 1
    assert "template 'missing.j2' not found" in err
    template = write_template(tmp_path, '{% include "/etc/passwd" %}')
    code, _, err = export(fixture_repo, "register", "--template", template)
    assert code == 1
    assert "not found" in err


def test_a_missing_or_unreadable_template_is_an_error(fixture_repo: Path, tmp_path: Path) -> None:
    code, _, err = export(fixture_repo, "report", "--template", tmp_path / "nope.j2")
    assert code == 1
    assert "template not found" in err
    (tmp_path / "latin1.j2").write_bytes("caf\xe9".encode("latin-1"))
    code, _, err = export(fixture_repo, "report", "--template", tmp_path / "latin1.j2")
    assert code == 1
    assert "not UTF-8" in err


# --- start-up cost ------------------------------------------------------------------------------


def _modules_after(*argv: str) -> set[str]:
    code = (
        "import sys\n"
        "from cpne.cli.app import app\n"
        f"sys.argv = ['cpne', *{list(argv)!r}]\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "heavy = ('jinja2', 'jsonschema', 'git', 'babel', 'markdown_it')\n"
        "print(' '.join(sorted(m for m in heavy if m in sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, encoding="utf-8", cwd=PROJECT, check=True
    )
    return set(done.stdout.split())


def test_help_imports_no_heavy_library() -> None:
    assert _modules_after("--help") & {"jinja2", "jsonschema", "git", "babel"} == set()
    assert _modules_after("export", "--help") & {"jinja2", "jsonschema", "git", "babel"} == set()


def test_json_export_does_not_import_jinja2(fixture_repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "export.json"
    assert "jinja2" not in _modules_after("--repo", str(fixture_repo), "export", "json", "-o", str(out))
    assert out.is_file()


# --- this repository's own report -----------------------------------------------------------------


def test_docs_report_is_the_report_of_this_repository() -> None:
    code, _, err = export(PROJECT, "report", "--check", PROJECT / "docs" / "report.md")
    assert code == 0, err
