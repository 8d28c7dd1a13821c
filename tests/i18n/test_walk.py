"""No sentence outside the catalog: every command's help, and a set of error paths, in a French and an English register.

cpne runs with ``CPNE_I18N_MARK=1``: each string found in the catalog comes out between
U+2068 and U+2069. What is left outside the marks may only be identifiers the user or
the register gave (command and option names, ids, schema fields and enum values, file
paths, commit hashes, what was typed): any other word is text that did not go through
the catalog. The reference is the catalog itself, not a list of French sentences.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import typer.main

from cpne.cli.app import app
from cpne.i18n import MARK_CLOSE, MARK_OPEN
from cpne.kinds import KINDS

PROJECT = Path(__file__).resolve().parents[2]
ROOT_COMMAND = typer.main.get_command(app)
HEX = re.compile(r"\b[0-9a-f]{7,40}\b")
WORD = re.compile(r"[^\W\d_]+")
# a validation problem's code (``yaml-syntax``), a stable identifier, after its location
CODE = re.compile(r"^(\S+:\d+(?::\d+)?: )[a-z][a-z0-9-]* ", re.MULTILINE)
# GitHub's annotation syntax around it (``::error file=…,line=3,col=1,title=yaml-syntax::``)
ANNOTATION = re.compile(r"^::(?:error|warning|notice) [^\n]*?::", re.MULTILINE)
# words of the tools and formats cpne names, which no language translates
TECHNICAL = {"cpne", "git", "yaml", "json", "csv", "md", "markdown", "github", "gitlab", "ci", "commit", "id", "utf"}


def _command_paths(command: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield path
    for name, sub in sorted(getattr(command, "commands", {}).items()):
        if not sub.hidden:
            yield from _command_paths(sub, (*path, name))


COMMANDS = list(_command_paths(ROOT_COMMAND))


def _words(text: str) -> set[str]:
    return {w.casefold() for w in WORD.findall(text)}


def _schema_words() -> set[str]:
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    for name in value:
                        found.update(_words(name))
                if key == "enum":
                    for item in value:
                        found.update(_words(str(item)))
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for path in (PROJECT / "schemas").glob("*.schema.json"):
        walk(json.loads(path.read_text(encoding="utf-8")))
    return found


def _cli_words(command: Any) -> set[str]:
    found = _words(command.name or "")
    for param in command.params:
        for opt in (*param.opts, *param.secondary_opts):
            found |= _words(opt)
    for sub in getattr(command, "commands", {}).values():
        found |= _cli_words(sub)
    return found


IDENTIFIERS = TECHNICAL | _schema_words() | _cli_words(ROOT_COMMAND)
IDENTIFIERS |= _words(" ".join(ROOT_COMMAND.context_settings.get("help_option_names", ())))  # -h, --help
for _kind in KINDS.values():
    IDENTIFIERS |= _words(_kind.name) | _words(_kind.folder) | _words(_kind.id_example)


def outside_marks(text: str) -> str:
    """What of ``text`` did not come from the catalog (marks nest: a label inside a sentence)."""
    depth, kept = 0, []
    for char in text:
        if char == MARK_OPEN:
            depth += 1
        elif char == MARK_CLOSE:
            depth = max(depth - 1, 0)
        elif depth == 0:
            kept.append(char)
    return "".join(kept)


def stray_words(text: str, given: tuple[str, ...], root: Path) -> list[str]:
    """The words of ``text`` that are neither from the catalog nor identifiers."""
    allowed = IDENTIFIERS | _words(" ".join(given)) | _words(str(root))
    left = ANNOTATION.sub(" ", CODE.sub(r"\1", HEX.sub(" ", outside_marks(text))))
    return sorted({w for w in WORD.findall(left) if w.casefold() not in allowed})


@dataclass(frozen=True)
class Register:
    root: Path
    env: dict[str, str]
    ids: frozenset[str]

    def run(self, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "cpne", *args],
            cwd=cwd or self.root,
            env=self.env,
            stdin=subprocess.DEVNULL,
            capture_output=True,
            encoding="utf-8",
            check=False,
            timeout=60,
        )


def _environment(home: Path, language: str) -> dict[str, str]:
    home.mkdir(parents=True, exist_ok=True)
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Secrétariat CPNE\n\temail = secretariat@example.org\n"
        "[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n",
        encoding="utf-8",
    )
    keep = {k: v for k, v in os.environ.items() if k in ("PATH", "PYTHONPATH", "SYSTEMROOT")}
    return {
        **keep,
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "NO_COLOR": "1",
        "COLUMNS": "200",
        "LANG": "C.UTF-8",
        "CPNE_LANG": language,  # outside the register
        "CPNE_I18N_MARK": "1",
        "EDITOR": "false",
    }


OPINION = (
    "opinion", "new", "--title", "Avis sur les écoles rurales", "--kind", "opinion", "--theme", "usages",
    "--rapporteur", "men", "--summary", "Un plan d'équipement.", "--date", "2026-02-03",
)  # fmt: skip


GROUP = (
    "group", "new", "gt-ia", "--title", "Intelligence artificielle", "--mandate", "Étudier l'IA.", "--theme", "usages",
    "--lead", "amf", "--date", "2024-01-10",
)  # fmt: skip
MEETING = ("meeting", "new", "--type", "plenary", "--title", "Séance plénière", "--date", "2026-03-10")
PRACTICE = (
    "practice", "add", "ateliers", "--type", "initiative", "--title", "Ateliers", "--domain", "uses", "--summary",
    "Des ateliers.", "--theme", "usages", "--partner", "arf", "--date", "2026-02-01",
)  # fmt: skip


@pytest.fixture(scope="module", params=["fr", "en"])
def register(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Register:
    language = str(request.param)
    base = tmp_path_factory.mktemp(f"walk-{language}")
    env = _environment(base / "home", language)
    made = Register(base / "registre", env, frozenset())
    done = made.run("init", "--language", language, str(made.root), cwd=base)
    assert done.returncode == 0, done.stderr
    for args in (OPINION, GROUP, MEETING, PRACTICE):
        done = made.run(*args)
        assert done.returncode == 0, done.stderr
    ids = {p.stem for p in (made.root / "data").rglob("*.yaml")}
    return Register(made.root, env, frozenset(ids))


def _check(register: Register, args: tuple[str, ...], text: str) -> None:
    assert "Traceback" not in text
    assert text.strip(), f"cpne {' '.join(args)} said nothing"
    stray = stray_words(text, (*args, *register.ids), register.root)
    assert not stray, f"cpne {' '.join(args)}: words outside the catalog {stray} in:\n{text}"


# Every help in one process per language (a process per command would cost a minute): the
# language is chosen as `python -m cpne` chooses it, then click's test runner calls each --help.
_HELP_DRIVER = """
import json, sys
from cpne import i18n
i18n.use(i18n.choose([]))
import typer.main
from click.testing import CliRunner
from cpne.cli.app import app
command, runner, found = typer.main.get_command(app), CliRunner(), {}
for path in json.loads(sys.argv[1]):
    done = runner.invoke(command, [*path, "--help"], prog_name="cpne")
    found[" ".join(path)] = [done.exit_code, done.output]
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def helps(register: Register) -> dict[str, list[Any]]:
    done = subprocess.run(
        [sys.executable, "-c", _HELP_DRIVER, json.dumps(COMMANDS)],
        cwd=register.root,
        env=register.env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        encoding="utf-8",
        check=True,
        timeout=120,
    )
    found: dict[str, list[Any]] = json.loads(done.stdout)
    return found


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "cpne")
def test_every_help_comes_from_the_catalog(
    register: Register, helps: dict[str, list[Any]], path: tuple[str, ...]
) -> None:
    code, text = helps[" ".join(path)]
    assert code == 0, text
    _check(register, (*path, "--help"), text)


def test_a_real_help_run_matches_the_batched_one(register: Register, helps: dict[str, list[Any]]) -> None:
    done = register.run("opinion", "new", "--help")
    assert done.returncode == 0
    assert done.stdout == helps["opinion new"][1]


ERRORS: list[tuple[str, ...]] = [
    (),
    ("nosuchcommand",),
    ("opinion",),
    ("opinion", "list", "--nosuch"),
    ("opinion", "show"),
    ("opinion", "show", "OP-2099-999"),
    ("opinion", "show", "not an id"),
    ("opinion", "set-status", "OP-2026-001", "adopted", "--date", "2026-03-10"),
    ("opinion", "set-status", "OP-2026-001", "bogus"),
    ("opinion", "new"),
    ("opinion", "new", "--title", "T", "--kind", "bogus"),
    ("opinion", "list", "--status", "bogus"),
    ("opinion", "list", "--year", "last"),
    ("opinion", "history", "OP-2099-999"),
    ("opinion", "edit", "OP-2026-001"),
    ("opinion", "update", "OP-2026-001", "--theme", "nosuchtheme"),
    ("partner", "add", "xyz", "--acronym", "XYZ", "--name", "X", "--category", "bogus"),
    ("theme", "update", "usages", "--status", "bogus"),
    ("renumber", "OP-2099-999"),
    ("init", "."),
    ("export", "nosuch"),
    ("export", "opinion", "OP-2099-999"),
    ("export", "report", "--lang", "de"),
    ("validate", "--format", "bogus"),
    ("meeting", "new", "--type", "plenary", "--title", "Séance", "--date", "2026-01-01", "--group", "gt-ia"),
    ("meeting", "attend", "MTG-2026-001", "adf", "--presence", "represented", "--by", "men"),
    ("meeting", "set-status", "MTG-2026-001", "held"),
    ("opinion", "set-status", "OP-2026-001", "adopted", "--meeting", "MTG-2026-099", "--decision", "consensus"),
    ("group", "close", "gt-ia", "--date", "2000-01-01"),
    ("action", "new", "--title", "T", "--source", "OP-2026-001", "--owner", "amf", "--due", "2026-01-01"),
    ("action", "list", "--on", "2026-01-01"),
    ("action", "list", "--due", "--on", "2026-02-30"),
    ("practice", "set-status", "ateliers", "endorsed"),
    ("practice", "set-status", "ateliers", "endorsed", "--meeting", "MTG-2026-001"),
    ("practice", "update", "ateliers", "--start", "2026-01-02", "--end", "2026-01-01"),
    ("practice", "list", "--domain", "bogus"),
    ("partner", "update", "arf", "--joined", "2026-03-01"),
]


@pytest.mark.parametrize("args", ERRORS, ids=lambda a: " ".join(a) or "cpne")
def test_error_paths_speak_the_catalog(register: Register, args: tuple[str, ...]) -> None:
    done = register.run(*args)
    assert done.returncode in (1, 2) or args == (), done.stdout + done.stderr
    _check(register, args, done.stdout + done.stderr)


def test_outside_a_register_cpne_lang_speaks(register: Register, tmp_path: Path) -> None:
    done = register.run("opinion", "list", cwd=tmp_path)
    assert done.returncode == 1
    _check(register, ("opinion", "list"), done.stdout + done.stderr)


def test_validation_problems_speak_the_catalog(register: Register, tmp_path: Path) -> None:
    root = tmp_path / "copy"
    shutil.copytree(register.root, root)
    folder = root / "data" / "opinions"
    (folder / "OP-2026-002.yaml").write_text("id: OP-2026-002\ntitle: [unclosed\n", encoding="utf-8")
    (folder / "OP-2026-003.yaml").write_text(
        "id: OP-2026-003\nkind: bogus\nstatus: draft\ntitle: Un texte\nthemes: [nosuchtheme]\n"
        "dates:\n  created: 2026-13-01\n",
        encoding="utf-8",
    )
    written = _broken_meetings_and_groups(root)
    copy = Register(root, register.env, register.ids | {"OP-2026-002", "OP-2026-003", "nosuchtheme", *written})
    for args in (
        ("validate",),
        ("validate", "--format", "github"),
        ("fmt", "--check"),
        ("opinion", "list"),
        ("meeting", "update", "MTG-2026-001", "--type", "sharing-day"),  # OP-2026-004 was adopted at it
    ):
        done = copy.run(*args)
        # list shows what it can read and warns about the rest (tests/cli/test_bad_input.py)
        assert done.returncode == (0 if args[:2] == ("opinion", "list") else 1), done.stdout + done.stderr
        held = (OPINION[3], "Un texte", "bogus")  # what the records hold, shown as written
        _check(copy, (*args, *held), done.stdout + done.stderr)
        if args == ("validate",):
            codes = {line.split(": ", 1)[1].split(" ", 1)[0] for line in done.stdout.splitlines()}
            assert codes >= CHECKS, sorted(CHECKS - codes)


# the checks of meetings, groups, texts adopted at a meeting follow-up actions and practices, each broken once below
CHECKS = {
    "attendance", "attendance-twice", "closed", "date-order", "decision-meeting", "group", "id-year",
    "member-twice", "minutes", "no-lead", "not-group-member", "not-member", "not-present", "quorum", "represented-by",
    "due-date", "result", "dropped-reason", "source-date", "source-status",
    "endorsement", "period", "endorsed-meeting",
}  # fmt: skip


def _broken_meetings_and_groups(root: Path) -> set[str]:
    """Meetings, groups, texts adopted at meetings, actions and practices breaking their checks (ids written)."""
    (root / "cpne.yaml").write_text((root / "cpne.yaml").read_text(encoding="utf-8") + "quorum: 3\n", "utf-8")
    meetings, opinions, groups = root / "data" / "meetings", root / "data" / "opinions", root / "data" / "groups"
    actions = root / "data" / "actions"
    practices = root / "data" / "practices"
    practice = "type: initiative\ntitle: P\ndomain: uses\nsummary: S\nthemes:\n- usages\n"
    files = {
        actions / "ACT-2026-001.yaml": "id: ACT-2026-001\ntitle: Suivre\nsource: OP-2026-004\nowner: amf\n"
        "due: 2026-02-01\nstatus: done\ndates:\n  opened: 2026-03-01\n  done: 2026-03-02\ndropped_reason: R\n",
        actions / "ACT-2026-002.yaml": "id: ACT-2026-002\ntitle: Suivre\nsource: MTG-2015-001\nowner: amf\n"
        "due: 2026-02-01\nstatus: open\ndates:\n  opened: 2026-01-01\n",
        practices / "p-endorsed.yaml": f"id: p-endorsed\n{practice}status: endorsed\ndates:\n  proposed: 2026-01-01\n"
        "  endorsed: 2026-03-11\nendorsed_at: MTG-2026-001\n",
        practices / "p-proposed.yaml": f"id: p-proposed\n{practice}".replace(
            "themes:", "period:\n  start: 2026-02-01\n  end: 2026-01-01\nthemes:"
        )
        + "status: proposed\ndates:\n  proposed: 2026-02-01\nendorsed_at: MTG-2026-001\n",
        meetings / "MTG-2026-002.yaml": "id: MTG-2026-002\ntype: plenary\ntitle: S\ndate: 2026-04-01\ngroup: gt-ia\n"
        "status: held\nattendance:\n- partner: amf\n  presence: present\n- partner: amf\n  presence: excused\n"
        "- partner: adf\n  presence: excused\n  represented_by: amf\n- partner: men\n  presence: represented\n"
        "  represented_by: men\n- partner: cdc\n  presence: represented\n  represented_by: avi\n"
        "minutes_approved_at: MTG-2026-001\n",
        meetings / "MTG-2026-003.yaml": "id: MTG-2026-003\ntype: working-group\ntitle: R\ndate: 2015-01-01\n"
        "status: held\n",
        meetings / "MTG-2026-004.yaml": "id: MTG-2026-004\ntype: working-group\ntitle: R\ndate: 2026-05-01\n"
        "group: gt-ia\nstatus: minutes-approved\nattendance:\n- partner: men\n  presence: present\n",
        meetings / "MTG-2015-001.yaml": "id: MTG-2015-001\ntype: sharing-day\ntitle: J\ndate: 2015-06-01\n"
        "status: planned\nattendance:\n- partner: amf\n  presence: present\nminutes_approved_at: MTG-2026-001\n",
        opinions / "OP-2026-004.yaml": "id: OP-2026-004\nkind: opinion\ntitle: Un texte\nstatus: adopted\nthemes:\n"
        "- usages\nrapporteurs:\n- amf\nreferral:\n  origin: self\ndates:\n  created: 2026-01-15\n"
        "  consultation: 2026-02-01\n  adopted: 2026-03-11\ndecision:\n  mode: vote\n  positions:\n"
        "  - partner: men\n    position: for\n  meeting: MTG-2026-001\n",
        opinions / "OP-2026-005.yaml": "id: OP-2026-005\nkind: recommendation\ntitle: Un texte\nstatus: adopted\n"
        "themes:\n- usages\nrapporteurs:\n- amf\nreferral:\n  origin: self\ndates:\n  created: 2015-01-01\n"
        "  consultation: 2015-01-01\n  adopted: 2015-01-01\ndecision:\n  mode: consensus\n  meeting: MTG-2026-003\n"
        "  positions:\n  - partner: amf\n    position: abstain\n",
        groups / "gt-x.yaml": "id: gt-x\ntitle: X\nmandate: M\nthemes:\n- usages\nmembers:\n"
        "- partner: amf\n  role: member\n  joined: 2010-01-01\n- partner: amf\n  role: member\n"
        "  joined: 2016-01-01\n  left: 2015-12-01\nstatus: active\ncreated: 2012-01-01\nclosed: 2011-01-01\n",
        groups / "gt-y.yaml": "id: gt-y\ntitle: Y\nmandate: M\nthemes:\n- usages\nmembers:\n"
        "- partner: amf\n  role: lead\n  joined: 2020-01-01\nstatus: closed\ncreated: 2020-01-01\n",
    }
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return {path.stem for path in files}
