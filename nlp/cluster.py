"""The NLP pass on a Dask cluster (--cluster tcp://host:8786 or local:N).

Batches of article pieces go to the cluster's workers as tasks; each worker
process loads the pipeline once (load_nlp is cached per process) and keeps
it for every later task. Results come back in input order, so speaker names
are made canonical exactly as in one process and the database ends up the
same. A task whose worker dies is run again elsewhere by the scheduler; its
result is taken once, so an article is never lost nor stored twice.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

# A scheduler that does not answer within this many seconds is reported, not waited for.
CONNECT_SECONDS = 3
# Batches in flight per worker thread: enough to keep each busy while one result travels.
IN_FLIGHT_PER_THREAD = 3

_load_lock = threading.Lock()
_warm = threading.Event()


class ClusterError(Exception):
    """The cluster cannot be used (no scheduler answers, a bad address)."""


@dataclass
class Cluster:
    """A client on a Dask scheduler, and the local cluster behind it if we started one."""

    address: str
    client: Any
    local: Any = None

    def threads(self) -> int:
        workers = self.client.scheduler_info()["workers"].values()
        return max(1, sum(w.get("nthreads", 1) for w in workers))

    def close(self) -> None:
        self.client.close()
        if self.local is not None:
            self.local.close()


def connect(address: str, timeout: float = CONNECT_SECONDS) -> Cluster:
    """A running scheduler's client, or a new local cluster for "local:N"."""
    from distributed import Client, LocalCluster

    if address.startswith("local:"):
        workers = _local_workers(address)
        local = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        return Cluster(address, Client(local), local)
    try:
        client = Client(address, timeout=timeout)
    except (OSError, TimeoutError):
        raise ClusterError(f"no Dask scheduler answers at {address} within {timeout:g} s") from None
    except ValueError as exc:  # not an address Dask can parse
        raise ClusterError(f"{address}: not a Dask scheduler address ({exc})") from None
    return Cluster(address, client)


def _local_workers(address: str) -> int:
    count = address.removeprefix("local:")
    if not count.isdigit() or int(count) < 1:
        raise ClusterError(f"{address}: say how many local workers, e.g. local:4")
    return int(count)


def cluster_map(cluster: Cluster, work: Callable, items: Iterable) -> Iterator[tuple[Any, Any]]:
    """(item, work(item)) for each item, in input order, computed on the cluster.

    At most a few batches per worker thread are out at a time, so a big
    corpus is not shipped to the scheduler all at once.
    """
    client = cluster.client
    window = IN_FLIGHT_PER_THREAD * cluster.threads()
    pending: deque = deque()
    try:
        for item in items:
            # pure=False: two equal batches are still two tasks with two results.
            pending.append((item, client.submit(run_on_worker, work, item, pure=False)))
            if len(pending) >= window:
                yield _result(*pending.popleft())
        while pending:
            yield _result(*pending.popleft())
    finally:
        for _, future in pending:
            future.cancel()


def _result(item: Any, future: Any) -> tuple[Any, Any]:
    """The task's result; a task the cluster gave up on (its workers kept
    dying: KilledWorker) stops the run with one line. Batches stored so far stay."""
    try:
        return item, future.result()
    except Exception as exc:  # noqa: BLE001 - whatever the cluster raises, one line
        reason = " ".join(str(exc).split())[:200]
        raise ClusterError(
            f"the cluster failed on a batch ({type(exc).__name__}: {reason})"
        ) from None


def run_on_worker(work: Callable, item: Any) -> Any:
    """One task on a worker: the first task in a process loads the pipeline
    while the others wait, so a worker with several threads loads it once."""
    if not _warm.is_set():
        with _load_lock:
            if not _warm.is_set():
                result = work(item)
                _warm.set()
                return result
    return work(item)
