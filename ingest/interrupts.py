"""Stopping a run cleanly on Ctrl-C (SIGINT) or SIGTERM, and at once on a second one.

The first signal raises ``RunStopped`` in the main thread, so the run unwinds: workers
are killed with their Tesseract children, the run's scratch directory is removed, what
was stored is committed, and the command exits 130 (SIGINT) or 143 (SIGTERM) with no
traceback. A second signal while that happens runs the emergency cleanup (kill the
workers, remove the scratch directory) and ends the process on the spot: an operator
who presses Ctrl-C twice never waits on a worker or a pool.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class RunStopped(BaseException):
    """The run was asked to stop by a signal; ``exit_code`` is the shell's 128 + signal."""

    def __init__(self, signum: int) -> None:
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


@contextmanager
def stop_on_signals(emergency: Callable[[], None]) -> Iterator[None]:
    """Within the block, SIGINT/SIGTERM raise ``RunStopped``; a second one calls
    ``emergency`` and exits at once. Outside the main thread this does nothing (Python
    delivers signals only there)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    stopping = False

    def handler(signum: int, _frame: object) -> None:
        nonlocal stopping
        if stopping:
            try:
                emergency()
            finally:
                os._exit(128 + signum)
        stopping = True
        raise RunStopped(signum)

    previous = {sig: signal.signal(sig, handler) for sig in SIGNALS}
    try:
        yield
    finally:
        # Once stopping, the handler stays: a second signal while the process reports
        # and exits must still end it at once, with the same exit code.
        if not stopping:
            for sig, old in previous.items():
                signal.signal(sig, old)


def kill_process_groups(pids: list[int]) -> None:
    """SIGKILL each worker's process group: the worker and any Tesseract it started."""
    for pid in pids:
        for kill in (os.killpg, os.kill):
            try:
                kill(pid, signal.SIGKILL)
                break
            except (ProcessLookupError, PermissionError):
                continue
