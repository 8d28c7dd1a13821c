"""The ``cpne`` command (and ``python -m cpne``): signals are handled before anything else is imported."""

from __future__ import annotations


def main() -> None:
    from cpne.signals import quit_quietly

    quit_quietly()  # Ctrl-C during start-up: exit 130, no traceback
    from cpne.cli.app import main as run

    run()


if __name__ == "__main__":
    main()
