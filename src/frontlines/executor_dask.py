"""The Dask executor: the same ordered, bounded map as `executor`, on a Dask distributed cluster.

Dask (`distributed`) is an optional dependency (`pip install frontlines[dask]`), imported only
here and only when used. Tasks go to the cluster a window at a time (bounded memory on the
client and the workers whatever the length of the stream); results are taken in input order.
A task whose worker dies is retried once by the scheduler (`retries=1`), then reported.
"""

from __future__ import annotations

import contextlib
import logging
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from frontlines.errors import ConfigError
from frontlines.executor import fill_window

logger = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

# Seconds to wait for a scheduler before saying it cannot be reached.
CONNECT_TIMEOUT_SECONDS = 5
# Tasks in flight per worker thread: enough to keep each busy while results are taken in order.
TASKS_AHEAD_PER_THREAD = 4
# Memory a local worker may use before Dask pauses, then restarts it (the model is ~0.5 GB).
LOCAL_WORKER_MEMORY = "3GiB"
INSTALL_HINT = "install it with `pip install 'frontlines[dask]'`"


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as error:
        raise ConfigError(
            f"Dask distributed is not installed ({error}); {INSTALL_HINT}, or use --workers N."
        ) from error
    return distributed


@contextlib.contextmanager
def dask_client(*, scheduler: str | None = None, workers: int | None = None) -> Iterator[Any]:
    """A `distributed.Client` for a running scheduler (`tcp://HOST:PORT`), or for a local
    cluster of `workers` processes on 127.0.0.1 (one thread each) started for the block.

    Raises:
        ConfigError: Dask is not installed, or the scheduler cannot be reached in time.
    """
    distributed = _distributed()
    import dask

    # Dask logs each worker's start and stop at INFO; a run shows its warnings only.
    logging.getLogger("distributed").setLevel(logging.WARNING)
    with contextlib.ExitStack() as stack:
        # A task whose worker dies is run once more, then reported (Dask's default: 3 more).
        stack.enter_context(dask.config.set({"distributed.scheduler.allowed-failures": 1}))
        if scheduler:
            try:
                client = distributed.Client(
                    scheduler, timeout=CONNECT_TIMEOUT_SECONDS, set_as_default=False
                )
            except (OSError, TimeoutError) as error:
                raise ConfigError(
                    f"Could not reach the Dask scheduler at {scheduler} within "
                    f"{CONNECT_TIMEOUT_SECONDS} s ({type(error).__name__}); check the address "
                    "and that `dask scheduler` is running there."
                ) from error
        else:
            cluster = stack.enter_context(
                distributed.LocalCluster(
                    n_workers=max(1, workers or 1),
                    threads_per_worker=1,
                    processes=True,
                    host="127.0.0.1",
                    dashboard_address=None,
                    memory_limit=LOCAL_WORKER_MEMORY,
                )
            )
            client = distributed.Client(cluster, set_as_default=False)
        stack.callback(client.close)
        yield client


def map_on_dask(
    function: Callable[..., R],
    items: Iterable[T],
    *,
    client: Any,
    extra_args: tuple[Any, ...] = (),
    on_lost: Callable[[T], R],
) -> Iterator[R]:
    """`function(item, *extra_args)` for every item on the cluster, yielded in input order;
    `extra_args` are sent to every worker once. An item whose worker died twice is given to
    `on_lost`, whose result takes its place."""
    distributed = _distributed()
    lost_errors = (distributed.KilledWorker, distributed.client.FutureCancelledError)
    threads = sum(client.nthreads().values()) or 1
    window = threads * TASKS_AHEAD_PER_THREAD
    scattered = [client.scatter(arg, broadcast=True) for arg in extra_args]
    pending: deque[tuple[T, Any]] = deque()
    source = iter(items)
    exhausted = False
    while pending or not exhausted:
        exhausted = exhausted or fill_window(
            pending,
            source,
            window,
            lambda item: client.submit(function, item, *scattered, pure=False, retries=1),
        )
        if not pending:
            break
        item, future = pending.popleft()
        try:
            result = future.result()
        except lost_errors:
            logger.warning("a Dask worker died twice on one item; reporting it")
            result = on_lost(item)
        finally:
            future.release()
        yield result
