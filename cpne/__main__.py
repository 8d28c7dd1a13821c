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
        sys.exit(EXIT_INTERRUPTED)
    finally:  # exiting now: a late signal changes nothing
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)


if __name__ == "__main__":
    main()
