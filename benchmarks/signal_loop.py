"""Kill cpne at random moments, many times, and count what it leaves behind (issue 10's signal loop).

    python benchmarks/signal_loop.py --runs 300            # prints a summary; exits 1 if anything was left

Each run starts one writing command (``opinion new``, ``opinion set-status``, ``renumber`` or
``opinion edit`` with a slow editor) on a scratch register, sends it SIGKILL (or, one run in
five, SIGINT or SIGTERM) after a random delay, then runs the next writing command, which must
succeed (a lock left by the killed process is recovered, an interrupted change is undone) and
leave the register valid (`cpne validate`), clean (`git status` shows nothing) and free of
stray files (no temporary file in data/, no journal or edit folder left in .git/).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
ENV = {
    **os.environ,
    "GIT_AUTHOR_NAME": "Boucle",
    "GIT_AUTHOR_EMAIL": "boucle@example.org",
    "GIT_COMMITTER_NAME": "Boucle",
    "GIT_COMMITTER_EMAIL": "boucle@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
    "CPNE_LOCK_WAIT": "20",
    "NO_COLOR": "1",
}
CPNE = [sys.executable, "-m", "cpne"]


def run(root: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CPNE, "--repo", str(root), *args],
        capture_output=True,
        text=True,
        env={**ENV, **(env or {})},
        stdin=subprocess.DEVNULL,
        check=False,
        timeout=120,
    )


def opinions(root: Path) -> list[str]:
    return sorted(p.stem for p in (root / "data" / "opinions").glob("OP-*.yaml"))


def command(root: Path, rng: random.Random, editor: str) -> tuple[str, list[str], dict[str, str]]:
    """One writing command to interrupt, chosen at random among those the register allows."""
    ids = opinions(root)
    choices = ["new"]
    if ids:
        choices += ["set-status", "renumber", "edit"]
    name = rng.choice(choices)
    if name == "new":
        title = f"Avis {rng.randint(1, 10**6)}"
        return (
            name,
            [
                "opinion",
                "new",
                "--title",
                title,
                "--kind",
                "opinion",
                "--theme",
                "usages",
                "--rapporteur",
                "amf",
                "--body-file",
                str(PROJECT / "README.md"),
            ],
            {},
        )
    record_id = rng.choice(ids)
    if name == "set-status":
        status = rng.choice(["consultation", "draft"])
        return name, ["opinion", "set-status", record_id, status], {}
    if name == "renumber":
        return name, ["renumber", record_id], {}
    return name, ["opinion", "edit", record_id], {"EDITOR": editor}


def leftovers(root: Path) -> list[str]:
    """Files that should not be there after a successful command."""
    found = [str(p.relative_to(root)) for p in (root / "data").rglob(".*") if p.is_file() and p.name != ".gitkeep"]
    git_dir = root / ".git"
    found += [str(p.relative_to(root)) for p in (git_dir / "cpne-journal.json", git_dir / "cpne.lock") if p.exists()]
    edits = git_dir / "cpne-edit"
    if edits.is_dir():
        found += [str(p.relative_to(root)) for p in edits.iterdir()]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=2015)
    parser.add_argument("--max-delay", type=float, default=1.2, help="longest wait before the signal (seconds)")
    options = parser.parse_args()
    rng = random.Random(options.seed)
    work = Path(tempfile.mkdtemp(prefix="cpne-signal-loop-"))
    root = work / "register"
    done = subprocess.run(
        [*CPNE, "init", str(root), "--author", "Boucle <boucle@example.org>"],
        env=ENV,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return 2
    editor = work / "editor.sh"
    editor.write_text('#!/bin/sh\nsleep 0.3\nsed -i "s/^title: .*/title: Avis modifié/" "$1"\n', encoding="utf-8")
    editor.chmod(0o755)
    tally: Counter[str] = Counter()
    failures: list[str] = []
    started = time.monotonic()
    for index in range(options.runs):
        name, args, env = command(root, rng, str(editor))
        sig = rng.choice([signal.SIGKILL] * 8 + [signal.SIGINT, signal.SIGTERM])
        process = subprocess.Popen(
            [*CPNE, "--repo", str(root), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**ENV, **env},
            stdin=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0, options.max_delay))
        if process.poll() is None:
            process.send_signal(sig)
        _, err = process.communicate(timeout=120)
        outcome = "finished" if process.returncode in (0, 1) else f"killed ({signal.Signals(sig).name})"
        tally[f"{name}: {outcome}"] += 1
        if "Traceback" in err:
            failures.append(f"run {index}: traceback from {' '.join(args)}:\n{err}")
        after = run(root, "partner", "update", "amf", "--notes", f"Passage {index}.")
        if after.returncode != 0:
            failures.append(f"run {index}: the next command failed after {name}: {after.stderr.strip()}")
            tally["stale lock or unrecovered change"] += 1
            continue
        valid = run(root, "validate")
        if valid.returncode != 0:
            failures.append(f"run {index}: invalid register after {name}:\n{valid.stdout}{valid.stderr}")
            tally["invalid register"] += 1
        status = subprocess.run(
            ["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True, check=False
        ).stdout
        stray = leftovers(root)
        if status.strip() or stray:
            failures.append(f"run {index}: left after {name}: {status.strip()} {stray}")
            tally["stray files or uncommitted changes"] += 1
            subprocess.run(["git", "reset", "-q", "--hard"], cwd=root, check=False)
    elapsed = time.monotonic() - started
    print(f"{options.runs} runs in {elapsed:.0f} s on {root}")
    for key, count in sorted(tally.items()):
        print(f"  {key}: {count}")
    for key in ("invalid register", "stray files or uncommitted changes", "stale lock or unrecovered change"):
        print(f"{key}: {tally.get(key, 0)}")
    print(f"tracebacks: {sum('traceback' in f for f in failures)}")
    for failure in failures[:20]:
        print(failure)
    if not failures:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
