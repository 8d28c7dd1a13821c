"""``cpne`` with one more kind, ``event``, registered from its spec before the command line is built."""

import sys

from cpne import i18n
from cpne.kinds import register
from tests.kinds.event.spec import KIND

register(KIND)
i18n.use(i18n.choose(sys.argv[1:]))  # as ``python -m cpne`` does: the register's language, else CPNE_LANG

from cpne.cli.app import main  # noqa: E402 - the command line is built from the registry, after the kind is in it

main()
