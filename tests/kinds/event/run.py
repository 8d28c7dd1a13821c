"""``cpne`` with one more kind, ``event``, registered from its spec before the command line is built."""

import sys

from cpne import i18n

i18n.use(i18n.choose(sys.argv[1:]))  # as ``cpne`` does: the register's language, before the help is built

from cpne.kinds import register  # noqa: E402
from tests.kinds.event.spec import KIND  # noqa: E402

register(KIND)

from cpne.cli.app import main  # noqa: E402 - the command line is built from the registry, after the kind is in it

main()
