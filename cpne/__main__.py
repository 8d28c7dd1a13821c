"""``python -m cpne``: the same as the ``cpne`` command."""

from cpne.cli.app import main

main()
