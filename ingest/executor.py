"""One way to run extraction work: in this process, or spread over worker processes.

Workers receive small picklable arguments (a path, a page number, options) and send back
small results; only the parent writes the corpus and the index. The serial executor runs
the same functions in-process, for tests and for debugging with a plain traceback.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import tempfile
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
_PR_SET_PDEATHSIG = 1


def worker_initializer(temp_dir: str | None = None) -> None:
    # One Tesseract thread per process: with N processes on N cores, Tesseract's own
    # OpenMP threads only fight each other (measured 3.5x slower on two cores).
    os.environ["OMP_THREAD_LIMIT"] = "1"
    if temp_dir is not None:
        # Page images and pytesseract's files go to the run's own directory, which the
        # parent removes at the end, whatever way the run ends.
        tempfile.tempdir = temp_dir


def pool_worker_initializer(temp_dir: str | None = None) -> None:
    """A worker process: the parent alone decides when work stops. Ctrl-C reaches only
    the parent (the worker leads its own process group, so the parent can kill it with
    its Tesseract at once), and the worker dies with the parent, even on kill -9."""
    worker_initializer(temp_dir)
    os.setpgrp()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: the parent's cleanup still kills the workers


def worker_pids(executor: Executor) -> list[int]:
    """The worker processes of a pool (none for the serial executor)."""
    processes = getattr(executor, "_processes", None) or {}
    return [p.pid for p in list(processes.values()) if p.pid]


def join_workers(executor: Executor, timeout: float = 5.0) -> None:
    """Wait for killed workers to be gone: they hold a copy of the home's lock file
    (inherited at fork), so the next run on the home must not start before they die."""
    processes = getattr(executor, "_processes", None) or {}
    for process in list(processes.values()):
        process.join(timeout)


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


def make_executor(workers: int, temp_dir: str | None = None) -> Executor:
    if workers <= 1:
        worker_initializer(temp_dir)
        return SerialExecutor()
    # fork shares the parent's already-loaded lexicons and spaCy pipeline copy-on-write,
    # which saves every worker several hundred milliseconds of start-up.
    context = multiprocessing.get_context("fork")
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=pool_worker_initializer,
        initargs=(temp_dir,),
    )
