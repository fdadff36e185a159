"""Executors: run one function over a stream of items in worker processes, results in input order.

The pipeline hands its per-document work here; this module knows nothing about stages. Workers
are started with `forkserver` (or `spawn` where there is none), never `fork`: a forked copy of a
process holding a loaded spaCy pipeline and open SQLite handles is neither small nor safe. Each
worker runs `initializer(*initargs)` once (the pipeline loads its model there), then the items.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import BaseContext
from typing import Any, TypeVar

from threadpoolctl import threadpool_limits

logger = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

# Items handed out ahead of the one being waited for, per worker: enough to keep every worker
# busy while results are taken in order, few enough that memory stays bounded (~a few documents
# per worker in flight, whatever the length of the stream).
ITEMS_AHEAD_PER_WORKER = 4
# Seconds between a worker's checks that the process that started it is still alive: a worker
# whose parent was killed (SIGKILL leaves no time to stop it) exits within this time.
PARENT_CHECK_SECONDS = 1.0
# BLAS threads in each worker process (the workers are the parallelism).
WORKER_BLAS_THREADS = 1
# Modules imported once in the forkserver, so each worker starts from an already-imported spaCy.
PRELOAD_MODULES = ("frontlines.pipeline",)


def default_workers() -> int:
    """The machine's cores (the processes the analysis may use), at least 1."""
    return max(1, os.cpu_count() or 1)


def worker_context() -> BaseContext:
    """`forkserver` where available (Linux, macOS), else `spawn`."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(PRELOAD_MODULES))
        return context
    return multiprocessing.get_context("spawn")


def map_in_processes(
    function: Callable[[T], R],
    items: Iterable[T],
    *,
    workers: int,
    initializer: Callable[..., None],
    initargs: tuple[Any, ...] = (),
    on_lost: Callable[[T], R],
) -> Iterator[R]:
    """`function(item)` for every item, computed in `workers` processes, yielded in input order.

    At most `workers * ITEMS_AHEAD_PER_WORKER` items are in flight, so a long stream needs
    bounded memory. A worker that dies (killed, out of memory, a crash in C code) takes the
    items in flight with it: each is tried once more, alone in a fresh pool, and an item whose
    worker dies again is given to `on_lost`, whose result takes its place — nothing is dropped
    or yielded twice.
    """
    window = max(1, workers) * ITEMS_AHEAD_PER_WORKER
    pool = _new_pool(workers, initializer, initargs)
    pending: deque[tuple[T, Future[R]]] = deque()  # in input order
    try:
        source = iter(items)
        exhausted = False

        def submit(item: T) -> Future[R]:
            return pool.submit(function, item)  # the current pool (replaced when one breaks)

        while pending or not exhausted:
            exhausted = exhausted or fill_window(pending, source, window, submit)
            if not pending:
                break
            item, future = pending[0]
            try:
                result = future.result()
            except BrokenProcessPool:
                logger.warning("a worker process died; retrying %d items one by one", len(pending))
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _new_pool(workers, initializer, initargs)
                affected, pending = pending, deque()
                for item, future in affected:
                    if _succeeded(future):
                        yield future.result()
                        continue
                    # Alone in the pool, a second death is this item's own doing.
                    try:
                        retried = pool.submit(function, item).result()
                    except BrokenProcessPool:
                        logger.warning("a worker process died twice on one item; reporting it")
                        pool.shutdown(wait=False, cancel_futures=True)
                        pool = _new_pool(workers, initializer, initargs)
                        retried = on_lost(item)
                    yield retried
                continue
            pending.popleft()
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _succeeded(future: Future[Any]) -> bool:
    return future.done() and not future.cancelled() and future.exception() is None


_END: Any = object()


def fill_window(
    pending: deque[tuple[T, Any]],
    source: Iterator[T],
    window: int,
    submit: Callable[[T], Any],
) -> bool:
    """Submit items from `source` until `window` are pending; True once `source` is used up."""
    while len(pending) < window:
        item = next(source, _END)
        if item is _END:
            return True
        pending.append((item, submit(item)))
    return False


def _new_pool(
    workers: int, initializer: Callable[..., None], initargs: tuple[Any, ...]
) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=max(1, workers),
        mp_context=worker_context(),
        initializer=_start_worker,
        initargs=(os.getpid(), initializer, initargs),
    )


def _start_worker(
    parent_pid: int, initializer: Callable[..., None], initargs: tuple[Any, ...]
) -> None:
    """In a new worker: one BLAS thread, watch the parent, then run the caller's initializer.

    numpy's OpenBLAS starts a thread per core in every process; N workers each with N BLAS
    threads fight over the cores (measured: 2 workers slower than 1 on 2 cores). One process
    per core, one thread each, is what the workers are for (Dask's nanny does the same)."""
    threadpool_limits(limits=WORKER_BLAS_THREADS)
    threading.Thread(target=_exit_when_orphaned, args=(parent_pid,), daemon=True).start()
    initializer(*initargs)


def _exit_when_orphaned(parent_pid: int) -> None:
    while True:
        time.sleep(PARENT_CHECK_SECONDS)
        try:
            os.kill(parent_pid, 0)
        except ProcessLookupError:
            os._exit(1)
        except PermissionError:  # a pid reused by another user's process: the parent is gone
            os._exit(1)
