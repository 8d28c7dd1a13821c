"""``cpne`` with one more kind, ``event``, registered from its spec before the command line is built."""

from cpne.kinds import register
from tests.kinds.event.spec import KIND

register(KIND)

from cpne.cli.app import main  # noqa: E402 - the command line is built from the registry, after the kind is in it

main()
