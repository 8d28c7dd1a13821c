"""The parse floor: every record file of a data repository merely parsed by PyYAML's CSafeLoader, in one process.

    python benchmarks/floor.py REPO

This is the reference ``cpne validate`` is measured against: reading and
parsing the same files, nothing else (no checks, no output).
"""

from __future__ import annotations

import os
import sys

import yaml


def main(root: str) -> int:
    count = 0
    data = os.path.join(root, "data")
    for folder in sorted(os.listdir(data)):
        path = os.path.join(data, folder)
        if not os.path.isdir(path):
            continue
        for name in sorted(os.listdir(path)):
            if name.endswith(".yaml"):
                with open(os.path.join(path, name), "rb") as handle:
                    yaml.load(handle.read(), Loader=yaml.CSafeLoader)
                count += 1
    return 0 if count else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
