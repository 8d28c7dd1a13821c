"""The ``cpne`` command (and ``python -m cpne``): signals are handled before anything else is imported."""

from __future__ import annotations


def main() -> None:
    import signal
    import sys

    from cpne.signals import EXIT_INTERRUPTED, quit_quietly

    quit_quietly()  # Ctrl-C during start-up: exit 130, no traceback
    from cpne import i18n

    i18n.use(i18n.choose(sys.argv[1:]))  # before the command line is built: its help is in that language
    from cpne.cli.app import main as run

    try:
        run()
    except KeyboardInterrupt:  # after the command was done with (what it started is undone or finished)
        _exit_interrupted()
    except SystemExit as exc:
        if exc.code == EXIT_INTERRUPTED:
            _exit_interrupted()
        raise
    finally:  # exiting now: a late signal changes nothing
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _exit_interrupted() -> None:
    """Exit 130 once the command has undone what it started, whatever CPython remembers.

    CPython 3.11 notes a KeyboardInterrupt that leaves code run by ``exec`` of a string (a
    dataclass being built during a lazy import, say) as unhandled even when cpne catches it,
    and then ends the process by SIGINT (status -2) instead of the status asked for. Every
    ``finally`` has run by now: the streams are flushed and the process ends with 130.
    """
    import contextlib
    import os
    import sys

    from cpne.signals import EXIT_INTERRUPTED

    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(EXIT_INTERRUPTED)


if __name__ == "__main__":
    main()
