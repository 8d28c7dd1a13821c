"""Records are regular files inside the repository: links, pipes, sockets and devices are reported, never read.

A symbolic link in a record folder (to a secret outside the register, or to another record)
must not make any command print what it points to; a FIFO must not make a command wait for a
writer; a record folder (or ``data/`` itself) that leads outside the repository is refused,
naming it. Messages that quote a value quote a short excerpt, control characters escaped.
"""

from __future__ import annotations

import contextlib
import errno
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cpne.kinds import KINDS
from cpne.records import store
from cpne.records.loader import LoadError, read_record
from cpne.repo import DataRepo
from tests.conftest import Result, run_cli, tree_state

SECRET = "SECRET-7f3a9c"
# A valid partner record: what `partner show/list` would print whole if they followed the link.
SECRET_RECORD = (
    f"id: leak\nacronym: LEAK\nname: {SECRET}\ncategory: other\nmembership: associated\njoined: 2020-01-01\n"
)
# Not a mapping: what `validate` would quote in its message if it read the file.
SECRET_KEY = f"-----BEGIN OPENSSH PRIVATE KEY----- {SECRET} -----END OPENSSH PRIVATE KEY-----\n"


def cpne(root: Path, *args: str) -> Result:
    result = run_cli("--repo", root, *args)
    assert result.exception is None, result.exception
    assert "Traceback" not in result.stdout + result.stderr
    return result


def outside(tmp_path: Path, text: str) -> Path:
    secret = tmp_path / "home-ssh" / "id_ed25519"
    secret.parent.mkdir()
    secret.write_text(text, encoding="utf-8")
    return secret


def problems_of(root: Path, *args: str) -> tuple[int, list[tuple[str, str, str]], str]:
    import json

    result = cpne(root, "validate", "--format", "json", *args)
    found = [(p["path"], p["code"], p["severity"]) for p in json.loads(result.stdout)]
    return result.exit_code, found, result.stdout + result.stderr


# -- symbolic links ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_validate_reports_a_link_to_a_secret_without_reading_it(data_repo: Path, tmp_path: Path, fmt: str) -> None:
    (data_repo / "data/partners/leak.yaml").symlink_to(outside(tmp_path, SECRET_KEY))
    result = cpne(data_repo, "validate", "--format", fmt)
    assert result.exit_code == 1
    assert SECRET not in result.stdout + result.stderr
    assert "data/partners/leak.yaml" in result.stdout
    assert "not-a-regular-file" in result.stdout
    assert "symbolic link" in result.stdout


def test_a_link_is_one_error_even_to_a_record_of_the_register(data_repo: Path) -> None:
    (data_repo / "data/partners/alias.yaml").symlink_to("amf.yaml")
    code, problems, _ = problems_of(data_repo)
    assert code == 1
    assert problems == [("data/partners/alias.yaml", "not-a-regular-file", "error")]


def test_show_refuses_a_link_naming_the_file(data_repo: Path, tmp_path: Path) -> None:
    (data_repo / "data/partners/leak.yaml").symlink_to(outside(tmp_path, SECRET_RECORD))
    for fmt in ("panel", "yaml", "json"):
        result = cpne(data_repo, "partner", "show", "leak", "--format", fmt)
        assert result.exit_code == 1, result.stdout
        assert SECRET not in result.stdout + result.stderr
        assert "data/partners/leak.yaml" in result.stderr
        assert "not a regular file (a symbolic link)" in result.stderr


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_list_skips_a_link_naming_the_file(data_repo: Path, tmp_path: Path, fmt: str) -> None:
    (data_repo / "data/partners/leak.yaml").symlink_to(outside(tmp_path, SECRET_RECORD))
    result = cpne(data_repo, "partner", "list", "--format", fmt)
    assert result.exit_code == 0
    assert SECRET not in result.stdout + result.stderr
    assert "data/partners/leak.yaml skipped (cannot read: not a regular file (a symbolic link)" in result.stderr
    assert "amf" in result.stdout


def test_a_dangling_link_is_not_a_regular_file(data_repo: Path) -> None:
    (data_repo / "data/themes/gone.yaml").symlink_to("nowhere.yaml")
    code, problems, _ = problems_of(data_repo)
    assert (code, problems) == (1, [("data/themes/gone.yaml", "not-a-regular-file", "error")])
    result = cpne(data_repo, "theme", "show", "gone")
    assert result.exit_code == 1
    assert "not a regular file (a symbolic link)" in result.stderr


def test_validate_named_link_is_reported_not_followed(data_repo: Path, tmp_path: Path) -> None:
    (data_repo / "data/partners/leak.yaml").symlink_to(outside(tmp_path, SECRET_KEY))
    code, problems, out = problems_of(data_repo, str(data_repo / "data/partners/leak.yaml"))
    assert code == 1
    assert problems == [("data/partners/leak.yaml", "not-a-regular-file", "error")]
    assert SECRET not in out


# -- FIFOs, sockets --------------------------------------------------------------------------------


@contextlib.contextmanager
def watchdog(fifo: Path, seconds: float = 5.0) -> Iterator[list[bool]]:
    """Unblocks a reader stuck on ``fifo`` after ``seconds`` (so that a failing test fails, not hangs).

    Yields a list that holds True if a reader had to be unblocked.
    """
    fired: list[bool] = []
    done = threading.Event()

    def release() -> None:
        while not done.wait(seconds):
            try:
                fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
            except OSError as exc:
                if exc.errno in (errno.ENXIO, errno.ENOENT):
                    continue  # nobody reads it
                raise
            fired.append(True)
            os.close(fd)

    thread = threading.Thread(target=release, daemon=True)
    thread.start()
    try:
        yield fired
    finally:
        done.set()
        thread.join()


@pytest.fixture
def fifo(data_repo: Path) -> Path:
    path = data_repo / "data/partners/pipe.yaml"
    os.mkfifo(path)
    return path


def test_list_does_not_wait_on_a_fifo(data_repo: Path, fifo: Path) -> None:
    with watchdog(fifo) as fired:
        result = cpne(data_repo, "partner", "list")
    assert not fired, "partner list opened the FIFO and waited for a writer"
    assert result.exit_code == 0
    assert "data/partners/pipe.yaml skipped (cannot read: not a regular file (a FIFO)" in result.stderr


def test_show_does_not_wait_on_a_fifo(data_repo: Path, fifo: Path) -> None:
    with watchdog(fifo) as fired:
        result = cpne(data_repo, "partner", "show", "pipe")
    assert not fired, "partner show opened the FIFO and waited for a writer"
    assert result.exit_code == 1
    assert "data/partners/pipe.yaml: cannot read: not a regular file (a FIFO)" in result.stderr


def test_validate_reports_a_fifo_as_an_error(data_repo: Path, fifo: Path) -> None:
    before = tree_state(data_repo)
    with watchdog(fifo) as fired:
        code, problems, _ = problems_of(data_repo)
    assert not fired
    assert (code, problems) == (1, [("data/partners/pipe.yaml", "not-a-regular-file", "error")])
    assert tree_state(data_repo) == before


def test_validate_reports_a_socket_as_an_error(data_repo: Path) -> None:
    folder = data_repo / "data/themes"
    old = Path.cwd()
    os.chdir(folder)  # a socket's path is limited to ~100 bytes: bind it by its short name
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.bind("sock.yaml")
            code, problems, _ = problems_of(data_repo)
    finally:
        os.chdir(old)
    assert (code, problems) == (1, [("data/themes/sock.yaml", "not-a-regular-file", "error")])


def test_special_files_beside_the_record_folders_are_errors(data_repo: Path, tmp_path: Path) -> None:
    (data_repo / "data/notes").symlink_to(outside(tmp_path, SECRET_KEY))
    os.mkfifo(data_repo / "data/queue")
    code, problems, out = problems_of(data_repo)
    assert code == 1
    assert problems == [
        ("data/notes", "not-a-regular-file", "error"),
        ("data/queue", "not-a-regular-file", "error"),
    ]
    assert SECRET not in out


# -- folders leading outside the repository ---------------------------------------------------------


def move_out(root: Path, tmp_path: Path, relpath: str) -> Path:
    target = tmp_path / "elsewhere" / Path(relpath).name
    target.parent.mkdir(exist_ok=True)
    (root / relpath).rename(target)
    (root / relpath).symlink_to(target, target_is_directory=True)
    return target


FOLDER_CASES = [
    (relpath, args)
    for relpath in ("data/partners", "data")
    for args in [("validate",), ("partner", "list"), ("partner", "show", "amf"), ("export", "register")]
] + [("data", ("theme", "list"))]


@pytest.mark.parametrize(("relpath", "args"), FOLDER_CASES, ids=[f"{r}-{'-'.join(a)}" for r, a in FOLDER_CASES])
def test_a_folder_leading_outside_the_repository_is_refused(
    data_repo: Path, tmp_path: Path, relpath: str, args: tuple[str, ...]
) -> None:
    move_out(data_repo, tmp_path, relpath)
    result = cpne(data_repo, *args)
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert f"error: {relpath}: a symbolic link to a folder outside the repository" in result.stderr
    assert "Association des maires" not in result.stdout


def test_adding_to_a_folder_leading_outside_is_refused(data_repo: Path, tmp_path: Path) -> None:
    target = move_out(data_repo, tmp_path, "data/partners")
    before = sorted(p.name for p in target.iterdir())
    result = cpne(
        data_repo,
        *("partner", "add", "anct", "--acronym", "ANCT", "--name", "Agence", "--category", "other"),
        *("--membership", "associated", "--joined", "2021-03-01"),
    )
    assert result.exit_code == 1
    assert "data/partners: a symbolic link to a folder outside the repository" in result.stderr
    assert sorted(p.name for p in target.iterdir()) == before


def test_a_record_folder_linked_inside_the_repository_is_read(data_repo: Path) -> None:
    (data_repo / "data/themes").rename(data_repo / "themes-kept-here")
    (data_repo / "data/themes").symlink_to("../themes-kept-here", target_is_directory=True)
    code, problems, _ = problems_of(data_repo)
    assert (code, problems) == (0, [])
    assert "usages" in cpne(data_repo, "theme", "list").stdout


# -- the store itself --------------------------------------------------------------------------------


def test_listing_reports_special_files_as_strays(tmp_path: Path) -> None:
    (tmp_path / "cpne.yaml").write_text("committee: C\n", encoding="utf-8")
    repo = DataRepo(tmp_path)
    partners = tmp_path / "data/partners"
    partners.mkdir(parents=True)
    (partners / "a.yaml").write_text("id: a\n", encoding="utf-8")
    (partners / "b.yaml").symlink_to("a.yaml")
    (partners / "c.yaml").symlink_to(partners, target_is_directory=True)
    os.mkfifo(partners / "d.yaml")
    os.mkfifo(partners / "e.txt")
    found = store.listing(repo)
    assert [f.relpath for f in found.files["partner"]] == ["data/partners/a.yaml"]
    assert sorted((s.relpath, s.reason) for s in found.strays) == [
        ("data/partners/b.yaml", "not-a-regular-file"),
        ("data/partners/c.yaml", "not-a-regular-file"),
        ("data/partners/d.yaml", "not-a-regular-file"),
        ("data/partners/e.txt", "not-a-regular-file"),
    ]


def test_every_read_refuses_a_special_file_without_blocking(tmp_path: Path) -> None:
    (tmp_path / "cpne.yaml").write_text("committee: C\n", encoding="utf-8")
    repo = DataRepo(tmp_path)
    partners = tmp_path / "data/partners"
    partners.mkdir(parents=True)
    (partners / "real.yaml").write_text("id: real\n", encoding="utf-8")
    (partners / "link.yaml").symlink_to("real.yaml")
    os.mkfifo(partners / "pipe.yaml")
    kind = KINDS["partner"]
    with watchdog(partners / "pipe.yaml") as fired:
        for stem, what in (("link", "a symbolic link"), ("pipe", "a FIFO")):
            with pytest.raises(OSError, match=rf"not a regular file \({what}\)"):
                store.record_file(repo, kind, stem).read_bytes()
            with pytest.raises(OSError, match=rf"not a regular file \({what}\)"):
                read_record(partners / f"{stem}.yaml")
        got = store.records(repo, kind)
        assert [r["id"] for r in got.records] == ["real"]
        assert [path for path, _ in got.skipped] == ["data/partners/link.yaml", "data/partners/pipe.yaml"]
        assert [file.relpath for file, _, _ in store.containing(repo, kind, "id")] == ["data/partners/real.yaml"]
    assert not fired


# -- what messages quote of a value ------------------------------------------------------------------


def test_messages_quote_a_short_escaped_excerpt(data_repo: Path) -> None:
    (data_repo / "data/partners/long.yaml").write_text('"' + "x" * 5000 + '\\e[2J"\n', encoding="utf-8")
    (data_repo / "data/partners/red.yaml").write_text('"\\e[31mred\\0"\n', encoding="utf-8")
    result = cpne(data_repo, "validate")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert all(len(line) < 200 for line in lines), lines
    assert "\x1b" not in result.stdout and "\x00" not in result.stdout
    assert "not text ('\\x1b[31mred\\x00')" in result.stdout


def test_a_load_error_quotes_an_excerpt(tmp_path: Path) -> None:
    path = tmp_path / "r.yaml"
    path.write_text(f'"{"y" * 3000}"\n', encoding="utf-8")
    with pytest.raises(LoadError) as caught:
        read_record(path)
    assert len(caught.value.message) < 200


def test_a_number_too_long_to_print_is_one_located_error(data_repo: Path) -> None:
    # Python refuses to convert more than 4,300 digits: int() raised ValueError, an internal error.
    path = data_repo / "data/themes/usages.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("number: 1\n", f"number: {'9' * 5000}\n"), "utf-8")
    result = cpne(data_repo, "validate")
    assert result.exit_code == 1
    assert "data/themes/usages.yaml:2:9: yaml-syntax a number too long" in result.stdout
    assert len(result.stdout) < 300
    with pytest.raises(LoadError, match="a number too long"):
        read_record(data_repo / "data/themes/usages.yaml")
    path.write_text(f"number: 0x{'f' * 4000}\n", "utf-8")
    assert "a number too long" in cpne(data_repo, "theme", "list").stderr
