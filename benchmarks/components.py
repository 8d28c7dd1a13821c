"""Per-record cost of each step of ``cpne validate``, in one process, on a data repository.

    python benchmarks/components.py REPO

Prints JSON: for each step, the total seconds over every record file and the
microseconds per file. The steps run one after the other on the same files
(the page cache is warm): read, decode, the bare CSafeLoader parse, cpne's strict
parse, jsonschema, jsonschema-rs, the canonical text by ``writer.dump`` and by
``canonical.quick_dump``, and the whole per-file check.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml

from cpne.records import store
from cpne.records.loader import decode, parse_text
from cpne.records.writer import dump
from cpne.repo import DataRepo
from cpne.validation.canonical import quick_dump
from cpne.validation.checking import load_schemas
from cpne.validation.files import FileChecker


def measure(root: Path) -> dict[str, dict[str, float]]:
    repo = DataRepo(root)
    schemas = load_schemas(repo, [])
    checker = FileChecker(schemas)
    files = [f for group in store.listing(repo).files.values() for f in group]
    out: dict[str, dict[str, float]] = {}

    def step(name: str, work: Callable[[], Any]) -> Any:
        start = time.perf_counter()
        value = work()
        seconds = time.perf_counter() - start
        out[name] = {"seconds": round(seconds, 4), "us_per_file": round(seconds / max(1, len(files)) * 1e6, 1)}
        return value

    raws = step("read bytes", lambda: [f.path.read_bytes() for f in files])
    texts = step("decode UTF-8", lambda: [decode(raw) for raw in raws])
    step("CSafeLoader parse (the floor's work)", lambda: [yaml.load(t, Loader=yaml.CSafeLoader) for t in texts])
    data = step("cpne strict parse (parse_text)", lambda: [parse_text(t) for t in texts])
    pairs = list(zip([f.kind.name for f in files], data, strict=True))
    step(
        "jsonschema iter_errors",
        lambda: [list(schemas[k].validator.iter_errors(d)) for k, d in pairs],
    )
    step(
        "jsonschema-rs is_valid (fast path)",
        lambda: [schemas[k].fast_valid(d) for k, d in pairs],
    )
    step("writer.dump (canonical text)", lambda: [dump(d, checker.orders[k]) for k, d in pairs])
    step("canonical.quick_dump", lambda: [quick_dump(d, checker.orders[k]) for k, d in pairs])
    step(
        "whole per-file check (check_bytes)",
        lambda: [checker.check_bytes(f.relpath, f.kind, raw) for f, raw in zip(files, raws, strict=True)],
    )
    out["files"] = {"seconds": 0.0, "us_per_file": float(len(files))}
    return out


if __name__ == "__main__":
    print(json.dumps(measure(Path(sys.argv[1]))))
