"""Worker processes for the NLP pass (--jobs N) that die with their parent.

spaCy's own nlp.pipe(n_process=N) starts workers that outlive a `kill -9` of
the ingest (re-parented to PID 1, a model in memory each); ours ask the
kernel to kill them when their parent goes, and check at start that it has
not gone already.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_SECONDS = 1.0


def ordered_map(
    work: Callable[[Item], Result], items: Iterable[Item], jobs: int
) -> Iterator[tuple[Item, Result]]:
    """(item, work(item)) for each item, in input order: in this process for
    one job, else in `jobs` worker processes with at most two items each in flight."""
    if jobs <= 1:
        yield from ((item, work(item)) for item in items)
        return
    # Forked workers share the model the parent already loaded; elsewhere
    # each worker loads its own.
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else None)
    pool = ProcessPoolExecutor(
        jobs, mp_context=context, initializer=die_with_parent, initargs=(os.getpid(),)
    )
    pending: deque = deque()
    finished = False
    try:
        for item in items:
            pending.append((item, pool.submit(work, item)))
            if len(pending) >= 2 * jobs:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
        finished = True
    finally:
        if not finished:  # Ctrl-C, an error, or the caller stopped reading
            _stop_workers(pool)
        pool.shutdown(wait=True, cancel_futures=True)


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """Kill the workers now rather than wait for their batches (seconds each).
    Python 3.14 has pool.terminate_workers(); before it, the process table."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):
        process.kill()


def die_with_parent(parent: int) -> None:
    """Worker start-up: exit when the parent process dies, however it dies."""
    # Ctrl-C reaches the whole process group; the parent decides what stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _kernel_kills_orphan():
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # it died before we asked
        os._exit(1)


def _kernel_kills_orphan() -> bool:
    """Linux: SIGKILL this process when its parent exits (prctl PR_SET_PDEATHSIG).

    Strictly, when the parent's thread that forked it exits: the thread that
    iterates ordered_map, which outlives the pool (closed in its finally)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)
