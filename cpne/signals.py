"""How cpne meets SIGINT (Ctrl-C) and SIGTERM, so that neither leaves a traceback or half a change.

During start-up nothing has been written yet: either signal ends the process at once,
quietly (exit 130 or 143). Once a command runs, both are raised where the process is
(``KeyboardInterrupt``, :class:`Terminated`), so that every ``finally`` runs: files are
put back, the journal and the lock are removed; the CLI then says so and exits 130 or 143.
"""

from __future__ import annotations

import signal
import sys
from types import FrameType

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report it
EXIT_TERMINATED = 143  # 128 + SIGTERM


class Terminated(BaseException):
    """SIGTERM, raised in place (a BaseException, like KeyboardInterrupt: ``except Exception`` lets it pass)."""


def _quit(signum: int, frame: FrameType | None) -> None:
    sys.exit(EXIT_TERMINATED if signum == signal.SIGTERM else EXIT_INTERRUPTED)


def _raise(signum: int, frame: FrameType | None) -> None:
    if signum == signal.SIGTERM:
        raise Terminated
    raise KeyboardInterrupt


def quit_quietly() -> None:
    """Start-up: a signal ends the process at once, with its exit status and no traceback."""
    signal.signal(signal.SIGINT, _quit)
    signal.signal(signal.SIGTERM, _quit)


def interrupt_in_place() -> None:
    """A command runs: a signal is raised where the process is, so that what it started is undone."""
    signal.signal(signal.SIGINT, _raise)
    signal.signal(signal.SIGTERM, _raise)
