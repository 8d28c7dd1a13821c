"""SIGINT and SIGTERM (issue 10, item 9): no traceback ever, exit 130 or 143, and nothing left half done."""

from __future__ import annotations

import os
import random
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pexpect

from tests.conftest import tree_state
from tests.records_helpers import cpne_command

NEW = ["opinion", "new", "--title", "Avis", "--kind", "opinion", "--theme", "usages", "--rapporteur", "amf"]


def _cpne_started(pid: int) -> bool:
    """Whether cpne's own code runs in process ``pid``: it catches SIGTERM (Python itself does not).

    Before that, Python is still starting (a signal there is the interpreter's, not cpne's business).
    """
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return True  # gone already, or no /proc: nothing to wait for
    caught = next((line.split()[1] for line in status.splitlines() if line.startswith("SigCgt:")), "0")
    return bool(int(caught, 16) & (1 << (signal.SIGTERM - 1)))


def _signalled(root: Path, sig: int, delay: float, *args: str) -> subprocess.CompletedProcess[str]:
    process = subprocess.Popen(
        [*cpne_command(), "--repo", str(root), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    deadline = time.monotonic() + 30
    while not _cpne_started(process.pid) and time.monotonic() < deadline:
        time.sleep(0.002)
    time.sleep(delay)
    if process.poll() is None:
        process.send_signal(sig)
    out, err = process.communicate(timeout=60)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def test_ctrl_c_at_any_moment_of_start_up_shows_no_traceback(data_repo: Path) -> None:
    rng = random.Random(2015)
    for _ in range(12):
        done = _signalled(data_repo, signal.SIGINT, rng.uniform(0.0, 0.5), "validate")
        assert "Traceback" not in done.stderr, done.stderr
        assert done.returncode in (0, 130), (done.returncode, done.stderr)


def _blocking_hook(root: Path, started: Path) -> None:
    hook = root / ".git" / "hooks" / "pre-commit"
    hook.write_text(f'#!/bin/sh\ntouch "{started}"\nsleep 30\n', encoding="utf-8")
    hook.chmod(hook.stat().st_mode | stat.S_IXUSR)


def _wait_for(path: Path) -> None:
    deadline = time.monotonic() + 30
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


def test_sigterm_during_a_commit_puts_everything_back(data_repo: Path, tmp_path: Path) -> None:
    before = tree_state(data_repo)
    started = tmp_path / "started"
    _blocking_hook(data_repo, started)
    process = subprocess.Popen(
        [*cpne_command(), "--repo", str(data_repo), *NEW],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )
    _wait_for(started)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143, err
    assert "error: terminated" in err and "Traceback" not in err
    (data_repo / ".git" / "hooks" / "pre-commit").unlink()
    assert not (data_repo / ".git" / "cpne.lock").exists()
    assert not (data_repo / ".git" / "cpne-journal.json").exists()
    assert tree_state(data_repo) == before
    leftovers = [p for p in (data_repo / "data").rglob(".*") if p.is_file() and p.name != ".gitkeep"]
    assert leftovers == []  # no temporary file left


def test_ctrl_c_at_a_prompt_exits_130(data_repo: Path) -> None:
    child = pexpect.spawn(
        sys.executable,
        ["-m", "cpne", "--repo", str(data_repo), "opinion", "new"],
        env={**os.environ, "TERM": "xterm"},
        encoding="utf-8",
        timeout=15,
    )
    child.expect_exact("Title: ")
    child.sendintr()
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "interrupted" in (child.before or "") and "Aborted!" not in (child.before or "")


def _limited(limit: int) -> None:
    import resource

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # the write then fails with EFBIG instead of killing
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_a_write_the_system_refuses_is_one_message_naming_the_file(data_repo: Path, tmp_path: Path) -> None:
    body = tmp_path / "body.md"
    body.write_text("Un long texte. " * 2000, encoding="utf-8")
    before = tree_state(data_repo)
    done = subprocess.run(
        [*cpne_command(), "--repo", str(data_repo), *NEW, "--body-file", str(body)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        preexec_fn=lambda: _limited(8000),
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "cannot write data/opinions/" in done.stderr and "File too large" in done.stderr
    assert "internal error" not in done.stderr and "Traceback" not in done.stderr
    assert tree_state(data_repo) == before
