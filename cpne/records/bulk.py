"""Reading many record files at once: in this process for small registers, in worker processes above.

Parsing dominates the cost of whole-register commands (libyaml takes ~0.2-0.4 ms per
record); worker processes use every core once there are enough files to pay for their
start. The result is the same, in the same order, either way.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from cpne.i18n import _
from cpne.records.loader import LoadError, read_record

T = TypeVar("T")
R = TypeVar("R")

POOL_MIN_FILES = 1000
POOL_MAX_WORKERS = 4
POOL_BATCH = 200
_SIGNALS = {signal.SIGINT, signal.SIGTERM}

# (data, None) or (None, (code, message, line, column)) or (None, ("unreadable", strerror, 1, 1))
Parsed = tuple[dict[str, Any] | None, tuple[str, str, int, int] | None]


def worker_count(explicit: int | None = None) -> int:
    """Worker processes to use: ``explicit``, else ``$CPNE_WORKERS``, else the usable cores (at most 4)."""
    if explicit is not None:
        return max(1, explicit)
    given = os.environ.get("CPNE_WORKERS", "").strip()
    if given.isdigit():
        return max(1, int(given))
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, POOL_MAX_WORKERS))


def parse_one(path: str) -> Parsed:
    """Read and parse one file; failures come back as values (they cross process boundaries)."""
    try:
        return read_record(Path(path)).data, None
    except LoadError as exc:
        return None, (exc.code, exc.message, exc.line, exc.column)
    except OSError as exc:
        return None, ("unreadable", _("cannot read: {error}").format(error=exc.strerror), 1, 1)


def _parse_batch(paths: list[str]) -> list[Parsed]:
    return [parse_one(path) for path in paths]


def in_workers(
    work: Callable[[list[T]], R],
    jobs: Sequence[T],
    workers: int,
    *,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
    ordered: bool = True,
) -> Iterator[R]:
    """``work`` on batches of ``jobs`` in a pool of worker processes: one result per batch.

    The one pool of cpne (validation and exports use it). Workers are forked where the
    system allows it (Linux: they inherit what the parent built, e.g. compiled schemas),
    spawned elsewhere. ``ordered=False`` yields each batch's result as soon as it is ready.
    """
    batches = [list(jobs[i : i + POOL_BATCH]) for i in range(0, len(jobs), POOL_BATCH)]
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context: Any = multiprocessing.get_context(method)
    # Workers are born with SIGINT and SIGTERM blocked, until they have set their own handlers: a
    # signal that reached a worker between the fork and _start_worker would run the command's handler there.
    masked = method == "fork" and hasattr(signal, "pthread_sigmask")
    before = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS) if masked else None
    try:
        pool = context.Pool(min(workers, len(batches)), initializer=_start_worker, initargs=(initializer, initargs))
    finally:
        if before is not None:
            signal.pthread_sigmask(signal.SIG_SETMASK, before)
    try:
        yield from (pool.imap if ordered else pool.imap_unordered)(work, batches)
    except BaseException:
        pool.terminate()  # stopped early (an error, Ctrl-C, the caller let go): end the workers at once
        raise
    else:
        pool.close()  # every batch done: the workers finish on their own, no signal sent
    finally:
        pool.join()


def _start_worker(initializer: Callable[..., object] | None, initargs: tuple[Any, ...]) -> None:
    """A worker ends as the pool says (SIGTERM: at once) and leaves Ctrl-C to the command, which stops the pool.

    Forked workers would otherwise inherit the command's handlers (:mod:`cpne.signals`), which raise
    in place: ``Pool.terminate`` could then not end a worker waiting on its task queue.
    """
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)  # blocked by in_workers around the fork
    if initializer is not None:
        initializer(*initargs)


def use_workers(jobs: int, workers: int | None = None) -> int:
    """How many worker processes ``jobs`` files deserve: 1 (this process) below POOL_MIN_FILES."""
    count = worker_count(workers)
    return count if count > 1 and jobs >= POOL_MIN_FILES else 1


def parse_files(paths: Sequence[str | os.PathLike[str]], workers: int | None = None) -> list[Parsed]:
    """Parse every file of ``paths``; results in the same order."""
    names = [os.fspath(p) for p in paths]
    count = use_workers(len(names), workers)
    if count == 1:
        return [parse_one(name) for name in names]
    return [parsed for batch in in_workers(_parse_batch, names, count) for parsed in batch]
