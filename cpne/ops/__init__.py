"""Use cases behind the record commands: build, change, lock, commit. Nothing here knows the CLI.

- ``fields``: what can be set on each kind, how a value given as text is checked and where it goes
- ``workspace``: a data repository opened for reading and writing (records, git, lock, the write pipeline)
- ``records``: create, update, set-status, retire, archive
- ``ids``: the next free opinion/review id, across the work tree and every branch
- ``lock``: the repository lock in ``.git/``
- ``edit``, ``history``, ``renumber``, ``query``: the commands of the same names
"""
