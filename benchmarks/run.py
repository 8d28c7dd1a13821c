"""The benchmark suite: cpne's commands side by side with reference commands, as ratios.

    python benchmarks/run.py --size 10000 --runs 5            # writes docs/performance.md
    python benchmarks/run.py --size 50 --runs 1 --output /tmp/perf.md   # CI: that it still works

Builds the corpora once (``generate.py``: SIZE opinions and SIZE/10 for the
linearity check, plus a fresh ``cpne init`` repository), then runs each group of
commands round-robin (A B C A B C ...), so that a measurement and its references
share the machine's state; a ratio is the median of the per-round ratios. Every
command is a whole process, from spawn to reap; its CPU time (user + system,
worker processes included) is kept beside the wall time, since other work on
the machine slows a command that uses both cores more than one that uses one.
Peak memory is measured in one extra, untimed run of each command: the largest
process's maximum RSS (``/usr/bin/time -f %M``) and the largest sum of RSS over
the command's process tree (sampled every 10 ms; pages shared by forked workers
count once per process, so it errs high).

No timing is asserted: the report says which targets are met.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.generate import GIT_ENV, generate

PROJECT = Path(__file__).resolve().parents[1]
DOCS = PROJECT / "docs" / "performance.md"
BIN = Path(sys.executable).parent
CPNE = str(BIN / "cpne")
TYPER_APP = '''"""A minimal Typer app with one command: the framework's own start-up floor."""

import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    """Say hello."""
    typer.echo(f"hello {name}")


if __name__ == "__main__":
    app()
'''
BODY = "## Contexte\n\nUn avis écrit pour la mesure.\n\n## Recommandations\n\n- Mesurer.\n"


@dataclass
class Command:
    """One measured command line."""

    name: str
    argv: list[str]
    cwd: Path
    env: dict[str, str] = field(default_factory=dict)
    before: Callable[[], None] | None = None  # not timed
    after: Callable[[], None] | None = None  # not timed
    refs: tuple[str, ...] = ()
    shown: str = ""  # the command as written in the report
    times: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    rss_kb: int = 0
    tree_kb: int = 0
    failed: str = ""
    skipped: str = ""

    def median(self) -> float:
        return statistics.median(self.times) if self.times else float("nan")


def base_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("CPNE_")}
    env.update(GIT_ENV)
    env.pop("GIT_AUTHOR_DATE", None)
    env.pop("GIT_COMMITTER_DATE", None)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["NO_COLOR"] = "1"
    env["PYTHONDONTWRITEBYTECODE"] = "0"
    return env


def run_once(command: Command) -> tuple[float, int, float, str]:
    """Wall seconds, exit status, CPU seconds (the command and its reaped children), last error line."""
    env = {**base_env(), **command.env}
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command.argv, cwd=command.cwd, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err
        )
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        lines = err.read().decode("utf-8", "replace").strip().splitlines()
    return elapsed, proc.returncode, usage.ru_utime + usage.ru_stime, (lines[-1] if lines else "")


TIME = "/usr/bin/time"


def memory_kb(command: Command) -> tuple[int, int]:
    """(largest process's max RSS, largest sum over the process group), KiB, from one untimed run.

    The largest process's figure comes from GNU time, whose own small image is what
    the command's process starts from (a process exec'd straight from this big
    Python process would inherit its high-water mark).
    """
    env = {**base_env(), **command.env}
    wrapped = os.path.exists(TIME)
    with tempfile.NamedTemporaryFile("r", encoding="utf-8", suffix=".time") as out:
        argv = [TIME, "-f", "%M", "-o", out.name, *command.argv] if wrapped else command.argv
        tree = _sample(argv, command.cwd, env)
        try:
            largest = int(out.read().strip().splitlines()[-1]) if wrapped else 0
        except (ValueError, IndexError):
            largest = 0
    return largest, tree


def _sample(argv: list[str], cwd: Path, env: dict[str, str]) -> int:
    proc = subprocess.Popen(
        argv,
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    peak = 0
    while proc.poll() is None:
        total = 0
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError, ValueError, IndexError):
                with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                if int(fields[2]) == proc.pid:  # process group
                    total += int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        peak = max(peak, total)
        time.sleep(0.01)
    return peak


def run_group(title: str, commands: list[Command], rounds: int, *, memory: bool = True) -> None:
    """Run the commands round-robin ``rounds`` times; one more untimed run each for the tree's memory."""
    live = [c for c in commands if not c.skipped]
    print(f"\n== {title}: {len(live)} commands x {rounds} rounds", flush=True)
    for round_number in range(rounds):
        for command in live:
            if command.failed:
                continue
            if command.before:
                command.before()
            seconds, status, cpu, last = run_once(command)
            if command.after:
                command.after()
            if status != 0:
                command.failed = f"exit {status}: {last}"[:160]
                print(f"   {command.name}: FAILED ({command.failed})", flush=True)
                continue
            command.times.append(seconds)
            command.cpu.append(cpu)
        print(f"   round {round_number + 1}: " + ", ".join(f"{c.name} {c.times[-1]:.2f}s" for c in live if c.times))
    for command in live:
        if not memory or command.failed or not sys.platform.startswith("linux"):
            continue
        if command.before:
            command.before()
        command.rss_kb, command.tree_kb = memory_kb(command)
        if command.after:
            command.after()


def ratio(command: Command, ref: Command) -> float | None:
    pairs = [a / b for a, b in zip(command.times, ref.times, strict=False) if b > 0]
    if not pairs or len(command.times) != len(ref.times):
        return None
    return statistics.median(pairs)


# --- the groups ------------------------------------------------------------------------------------


def clear_cache(root: Path) -> Callable[[], None]:
    def clear() -> None:
        shutil.rmtree(root / ".git" / "cpne-cache", ignore_errors=True)

    return clear


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=root, capture_output=True, encoding="utf-8", env=base_env(), check=True)
    return done.stdout


def undo_new(root: Path) -> Callable[[], None]:
    """Put the repository back as it was before ``opinion new`` (outside the timing)."""
    head = git(root, "rev-parse", "HEAD").strip()

    def undo() -> None:
        if git(root, "rev-parse", "HEAD").strip() != head:
            git(root, "reset", "--quiet", "--hard", head)
        git(root, "clean", "--quiet", "-fd", "--", "data")
        with contextlib.suppress(FileNotFoundError):
            (Path(git(root, "rev-parse", "--absolute-git-dir").strip()) / "cpne.lock").unlink()

    return undo


def available(*args: str, needle: str = "") -> str:
    """'' when ``cpne ARGS --help`` works (and mentions ``needle``), else why not."""
    done = subprocess.run([CPNE, *args, "--help"], capture_output=True, encoding="utf-8", env=base_env(), check=False)
    if done.returncode != 0:
        return f"not available: `cpne {' '.join(args)}` does not exist in this version"
    if needle and needle not in done.stdout:
        return f"not available: `cpne {' '.join(args)}` has no {needle} in this version"
    return ""


def groups(big: Path, small: Path, fresh: Path, work: Path, *, size: int) -> list[tuple[str, list[Command]]]:
    python = sys.executable
    app = work / "typer_app.py"
    app.write_text(TYPER_APP, encoding="utf-8")
    body = work / "body.md"
    body.write_text(BODY, encoding="utf-8")
    floor = str(PROJECT / "benchmarks" / "floor.py")
    opinions = sorted(str(p.relative_to(big)) for p in (big / "data" / "opinions").glob("*.yaml"))
    one = opinions[len(opinions) // 2]
    check_jsonschema = shutil.which("check-jsonschema", path=str(BIN))

    startup = [
        Command("python -c pass", [python, "-c", "pass"], work, shown="python -c pass"),
        Command("minimal Typer app --help", [python, str(app), "--help"], work, shown="python typer_app.py --help"),
        Command(
            "minimal Typer app, its command",
            [python, str(app), "--name", "x"],
            work,
            refs=("minimal Typer app --help",),
            shown="python typer_app.py --name x",
        ),
        Command("cpne --version", [CPNE, "--version"], work, refs=("minimal Typer app --help", "python -c pass")),
        Command("cpne --help", [CPNE, "--help"], work, refs=("minimal Typer app --help", "python -c pass")),
    ]
    for command in startup[3:]:
        command.shown = " ".join(command.argv[1:]).join(("cpne ", ""))
    n_small = f"N={size // 10:,}"
    n_big = f"N={size:,}"
    validate = [
        Command(
            f"cpne validate, {n_big}, first run (no cache)",
            [CPNE, "validate"],
            big,
            before=clear_cache(big),
            refs=("parse floor, " + n_big, "check-jsonschema, opinions of " + n_big),
            shown="cpne validate   # after rm -rf .git/cpne-cache",
        ),
        Command(
            f"cpne validate, {n_big}, first run, one process",
            [CPNE, "validate"],
            big,
            env={"CPNE_WORKERS": "1"},
            before=clear_cache(big),
            refs=("parse floor, " + n_big,),
            shown="CPNE_WORKERS=1 cpne validate   # after rm -rf .git/cpne-cache",
        ),
        Command(
            f"cpne validate, {n_big}, cached",
            [CPNE, "validate"],
            big,
            refs=("parse floor, " + n_big,),
            shown="cpne validate   # again: results cached in .git/cpne-cache",
        ),
        Command("parse floor, " + n_big, [python, floor, "."], big, shown="python benchmarks/floor.py ."),
        Command(
            "check-jsonschema, opinions of " + n_big,
            [str(check_jsonschema), "--schemafile", "schemas/opinion.schema.json", *opinions],
            big,
            shown="check-jsonschema --schemafile schemas/opinion.schema.json data/opinions/*.yaml",
            skipped="" if check_jsonschema else "not available: pip install -e '.[bench]'",
        ),
        Command(
            f"cpne validate, {n_small}, first run (no cache)",
            [CPNE, "validate"],
            small,
            before=clear_cache(small),
            refs=("parse floor, " + n_small,),
            shown="cpne validate   # in the small corpus, after rm -rf .git/cpne-cache",
        ),
        Command(
            f"cpne validate, {n_small}, cached",
            [CPNE, "validate"],
            small,
            refs=("parse floor, " + n_small,),
            shown="cpne validate   # in the small corpus, again",
        ),
        Command("parse floor, " + n_small, [python, floor, "."], small, shown="python benchmarks/floor.py ."),
    ]
    base_note = available("validate", needle="--base")
    partial = [
        Command(
            f"cpne validate PATH, {n_big}, cached",
            [CPNE, "validate", one],
            big,
            refs=(f"cpne validate, {n_big}, no cache (ref)", f"cpne validate, {n_big}, cached (ref)"),
            shown=f"cpne validate {one}",
        ),
        Command(
            f"cpne validate PATH, {n_big}, no cache",
            [CPNE, "validate", one],
            big,
            env={"CPNE_CACHE": "0"},
            refs=(f"cpne validate, {n_big}, no cache (ref)",),
            shown=f"CPNE_CACHE=0 cpne validate {one}",
        ),
        Command(
            f"cpne validate --base HEAD~1, {n_big}",
            [CPNE, "validate", "--base", "HEAD~1"],
            big,
            refs=(f"cpne validate, {n_big}, no cache (ref)", f"cpne validate, {n_big}, cached (ref)"),
            shown="cpne validate --base HEAD~1   # HEAD changed one record",
            skipped=base_note,
        ),
        Command(
            f"cpne validate, {n_big}, no cache (ref)",
            [CPNE, "validate"],
            big,
            env={"CPNE_CACHE": "0"},
            shown="CPNE_CACHE=0 cpne validate",
        ),
        Command(f"cpne validate, {n_big}, cached (ref)", [CPNE, "validate"], big, shown="cpne validate"),
    ]
    new_note = available("opinion", "new")
    new_args = [
        "opinion",
        "new",
        "--title",
        "Avis de mesure",
        "--kind",
        "opinion",
        "--theme",
        "usages",
        "--rapporteur",
        "amf",
        "--body-file",
        str(body),
        "--date",
        "2026-06-01",
    ]
    new = []
    for label, extra in (("--no-commit", ["--no-commit"]), ("(commit)", [])):
        fresh_name = f"cpne opinion new {label}, fresh repository"
        new.append(
            Command(
                f"cpne opinion new {label}, {n_big}",
                [CPNE, *new_args, *extra],
                big,
                after=undo_new(big),
                refs=(fresh_name,),
                shown=f"cpne {shlex.join(new_args + extra)}".replace(str(body), "body.md"),
                skipped=new_note,
            )
        )
        new.append(
            Command(
                fresh_name,
                [CPNE, *new_args, *extra],
                fresh,
                after=undo_new(fresh),
                shown="the same command, in a fresh repository made by cpne init",
                skipped=new_note,
            )
        )
    export_note = available("export", "report")
    export = [
        Command(
            f"cpne export report, {n_big}",
            [CPNE, "export", "report"],
            big,
            refs=("parse floor, " + n_big + " (ref)",),
            shown="cpne export report > /dev/null",
            skipped=export_note,
        ),
        Command(
            "parse floor, " + n_big + " (ref)",
            [python, floor, "."],
            big,
            shown="python benchmarks/floor.py .",
            skipped=export_note,
        ),
    ]
    return [
        ("Start-up", startup),
        ("Validation of the whole repository", validate),
        ("Validation of one record", partial),
        ("A new opinion", new),
        ("Export", export),
    ]


# --- report ----------------------------------------------------------------------------------------


def machine() -> list[str]:
    from importlib import metadata

    import yaml

    cpu = platform.processor() or "unknown"
    with contextlib.suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = "unknown"
    with contextlib.suppress(OSError), open("/proc/meminfo", encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    versions = []
    for name in (
        "typer",
        "rich",
        "PyYAML",
        "jsonschema",
        "jsonschema-rs",
        "GitPython",
        "Jinja2",
        "check-jsonschema",
        "ruamel.yaml",
        "ruamel.yaml.clib",
    ):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    git_version = subprocess.run(["git", "--version"], capture_output=True, encoding="utf-8", check=False).stdout
    return [
        f"- CPUs: {os.cpu_count()} (`nproc`: {len(os.sched_getaffinity(0))}), {cpu}; memory {memory}",
        f"- {platform.system()} {platform.release()}; {git_version.strip()}",
        f"- Python {platform.python_version()} ({sys.executable})",
        f"- libyaml: {'yes' if getattr(yaml, '__with_libyaml__', False) else 'NO'}; " + ", ".join(versions),
    ]


def fmt_seconds(value: float) -> str:
    return f"{value:.3f}" if value < 1 else f"{value:.2f}"


def table(title: str, commands: list[Command]) -> list[str]:
    by_name = {c.name: c for c in commands}
    lines = [
        f"### {title}",
        "",
        "| measurement | median s | min s | max s | CPU s | ratio (median of per-round ratios) | peak RSS MiB "
        "(largest process) | peak RSS MiB (process tree) |",
        "| --- | ---: | ---: | ---: | ---: | --- | ---: | ---: |",
    ]
    for command in commands:
        if command.skipped or command.failed or not command.times:
            why = command.skipped or f"failed ({command.failed})"
            lines.append(f"| {command.name} | {why} | | | | | | |")
            continue
        ratios = []
        for ref_name in command.refs:
            ref = by_name.get(ref_name)
            value = ratio(command, ref) if ref is not None and ref.times else None
            shown = "—" if value is None else f"{value:.3f}x" if value < 0.2 else f"{value:.2f}x"
            ratios.append(f"{shown} {ref_name}")
        rss = f"{command.rss_kb / 1024:.0f}" if command.rss_kb else "—"
        tree = f"{command.tree_kb / 1024:.0f}" if command.tree_kb else "—"
        lines.append(
            f"| {command.name} | {fmt_seconds(command.median())} | {fmt_seconds(min(command.times))} "
            f"| {fmt_seconds(max(command.times))} | {fmt_seconds(statistics.median(command.cpu))} "
            f"| {'; '.join(ratios) or '—'} | {rss} | {tree} |"
        )
    lines.append("")
    return lines


def targets(all_commands: dict[str, Command], size: int) -> list[str]:
    n_big, n_small = f"N={size:,}", f"N={size // 10:,}"

    def r(name: str, ref: str) -> float | None:
        a, b = all_commands.get(name), all_commands.get(ref)
        if a is None or b is None or not a.times or not b.times:
            return None
        return ratio(a, b)

    def line(what: str, value: float | None, limit: float, unit: str = "x") -> str:
        if value is None:
            return f"| {what} | not measured | <= {limit}{unit} | — |"
        met = "met" if value <= limit else "**not met**"
        shown = f"{value:.0f}" if unit != "x" else f"{value:.3f}" if value < 0.2 else f"{value:.2f}"
        return f"| {what} | {shown}{unit} | <= {limit}{unit} | {met} |"

    cold = f"cpne validate, {n_big}, first run (no cache)"
    rows = [
        "| target | measured | limit | |",
        "| --- | ---: | ---: | --- |",
        line("`cpne --help` / minimal Typer app", r("cpne --help", "minimal Typer app --help"), 1.3),
        line("`cpne --version` / minimal Typer app", r("cpne --version", "minimal Typer app --help"), 1.3),
        line(f"`cpne validate` ({n_big}, first run) / parse floor", r(cold, "parse floor, " + n_big), 1.5),
        line(
            f"`cpne validate` ({n_big}, cached) / parse floor",
            r(f"cpne validate, {n_big}, cached", "parse floor, " + n_big),
            1.5,
        ),
    ]
    big, small = all_commands.get(cold), all_commands.get(f"cpne validate, {n_small}, first run (no cache)")
    growth = big.median() / small.median() if big and small and big.times and small.times else None
    rows.append(line(f"`cpne validate` {n_big} / {n_small} (10x the records)", growth, 11.0))
    trees = [c.tree_kb for name, c in all_commands.items() if name.startswith("cpne validate") and c.tree_kb]
    rows.append(line("`cpne validate` peak RSS, whole process tree", max(trees) / 1024 if trees else None, 300, " MiB"))
    rows.append(
        line(
            f"`cpne validate` ({n_big}, all kinds) / check-jsonschema (opinions only)",
            r(cold, "check-jsonschema, opinions of " + n_big),
            1.0,
        )
    )
    rows.append(
        line(
            "`cpne validate PATH` (cached) / full validation (no cache)",
            r(f"cpne validate PATH, {n_big}, cached", f"cpne validate, {n_big}, no cache (ref)"),
            0.1,
        )
    )
    rows.append(
        line(
            "`cpne validate PATH` (no cache) / full validation (no cache)",
            r(f"cpne validate PATH, {n_big}, no cache", f"cpne validate, {n_big}, no cache (ref)"),
            0.1,
        )
    )
    rows.append(
        line(
            "`cpne validate --base HEAD~1` (one record changed) / full validation (no cache)",
            r(f"cpne validate --base HEAD~1, {n_big}", f"cpne validate, {n_big}, no cache (ref)"),
            0.1,
        )
    )
    for label in ("--no-commit", "(commit)"):
        rows.append(
            line(
                f"`cpne opinion new {label}` big / fresh repository",
                r(f"cpne opinion new {label}, {n_big}", f"cpne opinion new {label}, fresh repository"),
                1.5,
            )
        )
    rows.append(
        line(
            f"`cpne export report` ({n_big}) / parse floor",
            r(f"cpne export report, {n_big}", "parse floor, " + n_big + " (ref)"),
            2.0,
        )
    )
    return rows


def components_table(big: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, str(PROJECT / "benchmarks" / "components.py"), str(big)],
        capture_output=True,
        encoding="utf-8",
        env=base_env(),
        check=False,
    )
    if done.returncode != 0:
        return [f"(components not measured: {done.stderr.strip().splitlines()[-1:]})", ""]
    steps = json.loads(done.stdout)
    files = int(steps.pop("files")["us_per_file"])
    lines = [
        f"In one process, one step after the other, over the {files:,} record files of the big corpus"
        " (`python benchmarks/components.py REPO`):",
        "",
        "| step | total s | µs per file |",
        "| --- | ---: | ---: |",
    ]
    lines += [f"| {name} | {v['seconds']:.2f} | {v['us_per_file']:.0f} |" for name, v in steps.items()]
    return [*lines, ""]


def report(
    *, size: int, runs: int, seed: int, corpora: dict[str, str], done: list[tuple[str, list[Command]]], big: Path
) -> str:
    all_commands = {c.name: c for _, commands in done for c in commands}
    out = [
        "# Performance",
        "",
        "Written by `python benchmarks/run.py` (see `benchmarks/`); numbers from one run on the machine below.",
        "Every figure is a whole process from spawn to reap; groups of commands ran round-robin"
        f" ({runs} rounds, start-up {max(4 * runs, 4)}), and a ratio is the median of the per-round ratios,"
        " so each compares commands that ran side by side.",
        "",
        "## Machine",
        "",
        *machine(),
        f"- load average at the start and end of the run: {corpora.pop('load')}",
        "",
        "## Corpora",
        "",
        *[f"- {name}: {text}" for name, text in corpora.items()],
        "",
        "## Targets",
        "",
        *targets(all_commands, size),
        "",
        "## Measurements",
        "",
    ]
    for title, commands in done:
        out += table(title, commands)
    out += ["### Where the time of one file goes", "", *components_table(big)]
    notes = PROJECT / "benchmarks" / "notes.md"
    if notes.is_file():
        out += [notes.read_text(encoding="utf-8").rstrip("\n"), ""]
    out += ["## Commands", "", "Run in the corpus's folder, with the project's virtualenv on `PATH`:", ""]
    for _, commands in done:
        for command in commands:
            out.append(f"- {command.name}: `{command.shown or shlex.join(command.argv)}`")
    out += [
        "",
        "Reproduce:",
        "",
        "```",
        "pip install -e '.[test,bench]'",
        f"python benchmarks/run.py --size {size} --runs {runs} --seed {seed}",
        "```",
        "",
    ]
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="cpne's benchmark suite (see docs/performance.md)")
    parser.add_argument("--size", type=int, default=10_000, help="opinions in the big corpus (default 10000)")
    parser.add_argument("--runs", type=int, default=5, help="rounds per group (default 5)")
    parser.add_argument("--seed", type=int, default=2015)
    parser.add_argument("--workdir", type=Path, default=PROJECT / "benchmarks" / "out", help="where corpora go")
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="GROUP",
        help="run only this group of commands (repeatable; a prefix of its title, e.g. Validation)",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="report file (default: docs/performance.md when --size is 10000 or more, else none)",
    )
    args = parser.parse_args(argv)
    output = args.output if args.output is not None else (DOCS if args.size >= 10_000 else None)
    load = f"{os.getloadavg()[0]:.2f}"
    work = args.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    corpora: dict[str, str] = {}
    print(f"generating corpora under {work} ...", flush=True)
    big = generate(work / f"corpus-{args.size}", args.size, args.seed, force=True)
    small = generate(work / f"corpus-{args.size // 10}", args.size // 10, args.seed, force=True)
    for name, corpus in (("big", big), ("small", small)):
        corpora[f"{name} (`benchmarks/generate.py --size {corpus.size} --seed {corpus.seed}`)"] = (
            f"{corpus.records:,} records ({', '.join(f'{n} {k}' for k, n in corpus.counts.items())}),"
            f" {corpus.bytes / 1e6:.1f} MB of YAML, {corpus.commits:,} commits; built in {corpus.seconds:.1f} s"
        )
        print(f"  {name}: {corpus.records} records, {corpus.commits} commits", flush=True)
    # HEAD changes one record, for `validate --base HEAD~1`
    target = sorted((big.root / "data" / "opinions").glob("*.yaml"))[0]
    target.write_text(target.read_text(encoding="utf-8").replace("title: ", "title: Révisé — ", 1), encoding="utf-8")
    git(big.root, "commit", "--quiet", "-am", f"opinion {target.stem}: update")
    fresh = work / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    git(fresh, "init", "--quiet")
    subprocess.run([CPNE, "init", str(fresh)], env=base_env(), capture_output=True, check=True)
    for root in (fresh, big.root):  # both have their validation cache, as a user's repository would
        subprocess.run([CPNE, "validate"], cwd=root, env=base_env(), capture_output=True, check=True)
    corpora["fresh"] = "`cpne init` (the convention's register: 11 partners, 6 themes, 8 referentials), one commit"
    done = []
    for title, commands in groups(big.root, small.root, fresh, work, size=args.size):
        if args.only and not any(title.lower().startswith(prefix.lower()) for prefix in args.only):
            continue
        rounds = max(4 * args.runs, 4) if title == "Start-up" else args.runs
        run_group(title, commands, rounds)
        done.append((title, commands))
    corpora["load"] = f"{load} / {os.getloadavg()[0]:.2f}"
    text = report(size=args.size, runs=args.runs, seed=args.seed, corpora=corpora, done=done, big=big.root)
    print("\n" + text)
    if output is not None:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        print(f"written to {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
