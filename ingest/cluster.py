"""Batch work on a Dask cluster: the same tasks as the local pool, run by `dask worker`s.

``connect`` returns a ``concurrent.futures.Executor`` backed by a ``distributed.Client``,
so the ingest pipeline keeps one scheduling loop for the local pool and the cluster.
Dask's own ``Client.get_executor()`` is not used: its ``shutdown`` lacks
``cancel_futures``, a lost scheduler surfaces as a bare ``CancelledError``, and its task
keys name no file. Here a task's key says what it is (``ocr_page-<file>-p3-…``, readable
on the dashboard), a task that kept killing its workers becomes that file's failure
(``PoisonTaskError``), and a lost scheduler becomes ``ClusterError`` (exit code 7).

Workers read the PDFs themselves, by absolute path, from storage every machine mounts at
the same place; only small arguments and results (page texts, documents) travel. The
parent stays the single writer of the corpus and the index.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import CancelledError, Executor, Future
from pathlib import Path
from typing import Any, TypeVar

from diarium import installed_version
from diarium.corpus.errors import ClusterError
from diarium.corpus.model import Document
from diarium.extractors.pages import PageWork

T = TypeVar("T")

WORKERS_TIMEOUT = 60.0  # seconds to wait for a first worker
PLUGIN_NAME = "diarium-worker-setup"


class PoisonTaskError(Exception):
    """A task whose every attempt killed the worker running it (Dask's KilledWorker)."""


try:  # the plugin base class is only needed where distributed is installed
    from distributed.diagnostics.plugin import WorkerPlugin
except ImportError:  # pragma: no cover
    WorkerPlugin = object  # type: ignore[assignment,misc]


class WorkerSetup(WorkerPlugin):  # type: ignore[misc,valid-type]
    """Runs in every worker process, also in workers that join or restart later.

    One Tesseract thread per process, as the local pool's initializer sets; the lexicons
    and the spaCy pipeline are loaded once per worker process here (the local pool
    forks after loading them once in the parent instead).
    """

    name = PLUGIN_NAME

    def setup(self, worker: Any) -> None:
        from diarium.ingest.executor import worker_initializer
        from diarium.ingest.pipeline import warm_up

        worker_initializer()
        warm_up()


def _worker_facts(ocr_lang: str | None, paths: list[str]) -> dict[str, Any]:
    """What a worker can do: run on each worker before the first task."""
    facts: dict[str, Any] = {"diarium": installed_version(), "ocr": None, "unreadable": []}
    if ocr_lang:
        from diarium.extractors.pages import OcrUnavailableError, check_ocr_available

        try:
            check_ocr_available(ocr_lang)
        except OcrUnavailableError as exc:
            facts["ocr"] = str(exc)
    facts["unreadable"] = [p for p in paths if not os.access(p, os.R_OK)]
    return facts


# How a task's work is named in messages (a Dask key keeps the function's own name).
_WORK_NAMES = {
    "triage_or_assemble": "triage",
    "ocr_page": "OCR",
    "assemble_document": "assembly",
    "renormalize": "re-normalization",
}


def _describe(fn: Callable[..., Any], args: tuple[Any, ...]) -> tuple[str, str]:
    """A Dask key prefix and a phrase for messages: which work on which file and page."""
    page = next((a.number for a in args if isinstance(a, PageWork)), None)
    pdfs = (a for a in args if isinstance(a, str) and a.lower().endswith(".pdf"))
    name = next((Path(a).name for a in pdfs), None)
    if name is None:
        name = next((a.filename for a in args if isinstance(a, Document)), "")
    stem = re.sub(r"[^A-Za-z0-9_.]+", "_", Path(name).stem)[:40] or "task"
    key = f"{fn.__name__}-{stem}" + (f"-p{page}" if page else "")
    work = _WORK_NAMES.get(fn.__name__, fn.__name__)
    what = work + (f" of page {page}" if page else "") + f" of {name}"
    return key, what


class DaskExecutor(Executor):
    """A concurrent.futures view of a ``distributed.Client``.

    Each future is a plain ``concurrent.futures.Future`` fed by the Dask future's done
    callback; the Dask future is kept until then (a dropped Dask future is a cancelled
    task) and released right after, so a worker forgets each result once it is here.
    """

    def __init__(self, client: Any, *, owns_client: bool = True) -> None:
        self.client = client
        self.address = str(client.scheduler.address)
        self.owns_client = owns_client
        self._live: dict[Future[Any], Any] = {}
        self._lock = threading.Lock()
        self._shutdown = False
        self._scheduler_lost = False

    @property
    def slots(self) -> int:
        """Tasks the cluster runs at once (its worker threads), as of now."""
        return max(1, sum(self.client.nthreads().values()))

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        if self._shutdown:
            raise RuntimeError("cannot submit to a DaskExecutor after shutdown")
        prefix, what = _describe(fn, args)
        key = f"{prefix}-{uuid.uuid4().hex[:12]}"
        future: Future[T] = Future()
        try:
            dask_future = self.client.submit(fn, *args, key=key, pure=False, **kwargs)
        except Exception as exc:  # the client is closed or closing: the scheduler is gone
            raise self._lost(exc) from exc
        with self._lock:
            self._live[future] = dask_future
        dask_future.add_done_callback(lambda f: self._deliver(future, f, what))
        return future

    def _lost(self, exc: BaseException | None) -> ClusterError:
        self._scheduler_lost = True
        reason = getattr(exc, "reason", None) or (str(exc).splitlines()[0] if exc else "")
        detail = f" ({reason})" if reason else ""
        return ClusterError(
            f"lost the Dask scheduler at {self.address}{detail}; documents finished before "
            "are stored, and running the same command again does only the remaining work"
        )

    def _deliver(self, future: Future[Any], dask_future: Any, what: str) -> None:
        from distributed import KilledWorker

        with self._lock:
            self._live.pop(future, None)
        if future.done():
            return
        try:
            result = dask_future.result()
        except KilledWorker as exc:
            tries = getattr(exc, "allowed_failures", None)
            count = f"{tries + 1} " if isinstance(tries, int) else ""
            future.set_exception(
                PoisonTaskError(
                    f"{what} killed {count}Dask workers in a row (each died while running "
                    "it); the file is left out. Try it alone: `diarium extract FILE`"
                )
            )
        except CancelledError as exc:
            if self._shutdown:
                future.cancel()
            else:
                future.set_exception(self._lost(exc))
        except BaseException as exc:  # the task's own error, raised on the worker
            future.set_exception(exc)
        else:
            future.set_result(result)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        if self._shutdown:
            return
        self._shutdown = True
        with self._lock:
            live = list(self._live.values())
            self._live.clear()
        # Either may fail when the scheduler is already gone: nothing is left to cancel.
        if (cancel_futures or not wait) and live:
            with contextlib.suppress(Exception):
                self.client.cancel(live)
        if self.owns_client:
            # Closing stops the client's reconnection attempts, which Dask would log as a
            # traceback below our one-line ClusterError.
            quiet = (
                _quiet("distributed.client") if self._scheduler_lost else contextlib.nullcontext()
            )
            with quiet, contextlib.suppress(Exception):
                self.client.close(timeout=5)


@contextlib.contextmanager
def _quiet(name: str) -> Iterator[None]:
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def connect(
    address: str,
    *,
    ocr_lang: str | None = None,
    sample_paths: Iterable[str] = (),
    connect_timeout: float | None = None,
    workers_timeout: float = WORKERS_TIMEOUT,
) -> DaskExecutor:
    """Connect to the scheduler at ``address`` and check that its workers can do the work.

    Every worker present gets the setup plugin, and must run this diarium version, have
    tesseract with ``ocr_lang`` (when OCR may run) and be able to read ``sample_paths``
    (a few of the input files, by the absolute path the tasks will use). Any shortfall
    is a ``ClusterError`` naming the worker, before a task is sent. The time allowed to
    reach the scheduler is Dask's ``distributed.comm.timeouts.connect`` (30 s; the
    environment variable DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT) unless given.
    """
    try:
        from distributed import Client
    except ImportError as exc:  # pragma: no cover - distributed is a dependency
        raise ClusterError(f"--cluster needs the `distributed` package: {exc}") from exc
    try:
        timeout = {} if connect_timeout is None else {"timeout": connect_timeout}
        client = Client(address, set_as_default=False, **timeout)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ClusterError(
            f"cannot reach a Dask scheduler at {address}: {exc}. Start one with "
            "`dask scheduler` and give its address, e.g. --cluster tcp://host:8786"
        ) from exc
    executor = DaskExecutor(client)
    try:
        _check_workers(client, address, ocr_lang, list(sample_paths), workers_timeout)
    except BaseException:
        executor.shutdown(wait=False)
        raise
    return executor


def _check_workers(
    client: Any, address: str, ocr_lang: str | None, paths: list[str], timeout: float
) -> None:
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(
            f"no Dask worker joined the scheduler at {address} within {timeout:g} s; "
            f"start some with `dask worker {address} --nworkers N --nthreads 1`"
        ) from exc
    threaded = {w: n for w, n in client.nthreads().items() if n > 1}
    if threaded:
        raise ClusterError(
            f"workers {', '.join(sorted(threaded))} run several threads in one process; "
            "pdfium (PDF reading) is not thread-safe. Start them with "
            "`dask worker ADDRESS --nworkers N --nthreads 1`"
        )
    client.register_plugin(WorkerSetup(), name=PLUGIN_NAME)
    facts = client.run(_worker_facts, ocr_lang, paths)
    here = installed_version()
    problems = []
    for worker, fact in sorted(facts.items()):
        if fact["diarium"] != here:
            problems.append(f"{worker} runs diarium {fact['diarium']}, this machine {here}")
        if fact["ocr"]:
            problems.append(f"{worker}: {fact['ocr']}")
        if fact["unreadable"]:
            problems.append(
                f"{worker} cannot read {fact['unreadable'][0]} (every worker must see the "
                "PDFs at the same absolute path: mount the shared storage there)"
            )
    if problems:
        raise ClusterError("the Dask workers are not ready: " + "; ".join(problems))


def map_unordered(
    executor: Executor, fn: Callable[[Any], T], items: Iterable[Any], in_flight: int
) -> Iterable[T]:
    """``fn`` over ``items`` on ``executor``, results as they finish, at most
    ``in_flight`` submitted and not yet received, so memory stays flat."""
    from concurrent.futures import FIRST_COMPLETED, wait

    source = iter(items)
    pending: set[Future[T]] = set()
    exhausted = False
    while pending or not exhausted:
        while not exhausted and len(pending) < in_flight:
            try:
                pending.add(executor.submit(fn, next(source)))
            except StopIteration:
                exhausted = True
        if not pending:
            break
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            yield future.result()
