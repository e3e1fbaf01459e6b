"""One way to run extraction work: in this process, or spread over worker processes.

Workers receive small picklable arguments (a path, a page number, options) and send back
small results; only the parent writes the corpus and the index. The serial executor runs
the same functions in-process, for tests and for debugging with a plain traceback.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def worker_initializer() -> None:
    # One Tesseract thread per process: with N processes on N cores, Tesseract's own
    # OpenMP threads only fight each other (measured 3.5x slower on two cores).
    os.environ["OMP_THREAD_LIMIT"] = "1"


class SerialExecutor(Executor):
    """Runs each call at submit time; the returned future is already done."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # delivered through the future, like a pool would
            future.set_exception(exc)
        return future


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)))


def make_executor(workers: int) -> Executor:
    if workers <= 1:
        worker_initializer()
        return SerialExecutor()
    # fork shares the parent's already-loaded lexicons and spaCy pipeline copy-on-write,
    # which saves every worker several hundred milliseconds of start-up.
    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=worker_initializer
    )
