"""docs/guide.md's examples are real runs: replay them, and compare (or rewrite) their output.

The guide's ``console`` blocks hold commands (``$ cpne …``, ``alice$ git pull``; a line
ending in ``\\`` goes on) and the output they print. :func:`replay` runs them, in order,
in a fresh folder with a fixed clock and identity (same commits, same hashes, every
time), and gives back the guide with each block's output as it came out this time.

Steps a reader need not see are HTML comments, invisible on the rendered page:

- ``<!-- guide: cd registre -->``: ``$`` commands run in that folder from now on;
- ``<!-- guide: sh COMMAND -->``: a setup command, run in the base folder;
- ``<!-- guide: file PATH -->`` before a ``markdown`` block: the block is the start of
  that file (as many lines as the block has).

``NAME$`` prompts run in the folder ``NAME`` of the base folder. ``python -m tests.guide``
rewrites docs/guide.md; ``tests/test_guide.py`` fails when it would change it.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

GUIDE = Path(__file__).resolve().parents[1] / "docs" / "guide.md"
SHOWN_BASE = "/tmp/guide"  # the folder the guide says it ran in
CLOCK = "2026-11-29T10:00:00+01:00"
_PROMPT = re.compile(r"^(?P<who>[a-z]*)\$ (?P<command>.*)$")
_DIRECTIVE = re.compile(r"^<!-- guide: (?P<verb>cd|sh|file) (?P<arg>.*) -->$")


def _environment(base: Path) -> dict[str, str]:
    env = {
        "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
        "HOME": str(base / ".home"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "NO_COLOR": "1",
        "COLUMNS": "200",
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_DATE": CLOCK,
        "GIT_COMMITTER_DATE": CLOCK,
        "EDITOR": "true",
    }
    if "PYTHONPATH" in os.environ:
        env["PYTHONPATH"] = os.environ["PYTHONPATH"]
    home = base / ".home"
    home.mkdir()
    (home / ".gitconfig").write_text(
        "[user]\n\tname = Secrétariat CPNE\n\temail = secretariat@example.org\n"
        "[commit]\n\tgpgsign = false\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n",
        encoding="utf-8",
    )
    return env


def _run(command: str, cwd: Path, env: dict[str, str], base: Path) -> list[str]:
    done = subprocess.run(
        ["bash", "-c", command + " 2>&1"],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    text = done.stdout.replace(str(base.resolve()), SHOWN_BASE).replace(str(base), SHOWN_BASE)
    return text.rstrip("\n").split("\n") if text.strip() else []


class _Replay:
    def __init__(self, base: Path) -> None:
        self.base = base
        self.env = _environment(base)
        self.here = base

    def directive(self, verb: str, arg: str) -> None:
        if verb == "cd":
            self.here = self.base / arg
        elif verb == "sh":
            subprocess.run(["bash", "-c", arg], cwd=self.base, env=self.env, check=True, capture_output=True)

    def console(self, lines: list[str]) -> list[str]:
        """The block with each command's output as it comes out now (blank lines between commands kept)."""
        out: list[str] = []
        index = 0
        while index < len(lines):
            found = _PROMPT.match(lines[index])
            if found is None:
                index += 1  # an output line of the previous run: replaced
                continue
            shown = [lines[index]]
            command = found.group("command")
            while shown[-1].endswith("\\") and index + 1 < len(lines):
                index += 1
                shown.append(lines[index])
                command += "\n" + lines[index]
            index += 1
            blank_after = False
            while index < len(lines) and _PROMPT.match(lines[index]) is None:
                blank_after = lines[index] == ""
                index += 1
            cwd = self.base / found.group("who") if found.group("who") else self.here
            out += [*shown, *_run(command, cwd, self.env, self.base)]
            if blank_after and index < len(lines):
                out.append("")
        return out

    def file_start(self, path: str, count: int) -> list[str]:
        return (self.here / path).read_text(encoding="utf-8").split("\n")[:count]


def replay(text: str) -> str:
    """The guide ``text`` with the output of every example as it comes out of a run now."""
    base = Path(tempfile.mkdtemp(prefix="cpne-guide-"))
    try:
        replaying = _Replay(base)
        lines = text.split("\n")
        result: list[str] = []
        index, wanted_file = 0, None
        while index < len(lines):
            line = lines[index]
            directive = _DIRECTIVE.match(line)
            if directive:
                if directive.group("verb") == "file":
                    wanted_file = directive.group("arg")
                else:
                    replaying.directive(directive.group("verb"), directive.group("arg"))
            if line in ("```console", "```markdown"):
                end = lines.index("```", index + 1)
                block = lines[index + 1 : end]
                if line == "```console":
                    block = replaying.console(block)
                elif wanted_file is not None:
                    block = replaying.file_start(wanted_file, len(block))
                    wanted_file = None
                result += [line, *block, "```"]
                index = end + 1
                continue
            result.append(line)
            index += 1
        return "\n".join(result)
    finally:
        shutil.rmtree(base, ignore_errors=True)


def main() -> int:
    GUIDE.write_text(replay(GUIDE.read_text(encoding="utf-8")), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
