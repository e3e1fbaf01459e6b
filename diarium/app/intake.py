"""Continuous intake: the watcher, and what came in, waits and failed (``diarium status``,
the intake page)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from diarium.corpus.errors import UsageError
from diarium.ingest.home import Home
from diarium.ingest.intake import Failures, read_log, read_queue
from diarium.ingest.report import IngestSummary


def watch(
    home: Home,
    folders: list[Path],
    options: Any,
    report: Callable[[IngestSummary], None],
    say: Callable[[str], None],
) -> int:
    """Watch ``folders`` until SIGINT/SIGTERM; returns the signal that stopped it."""
    from diarium.ingest.watch import Watcher, check_folders

    problem = check_folders(folders)
    if problem:
        raise UsageError(problem)
    return Watcher(home, folders, options, report, say).run()


@dataclass
class IntakeStatus:
    today: str
    # Who holds the watch lock ("diarium watch (pid N)"), None when no watcher runs.
    watcher: str | None
    ingested_today: list[dict[str, Any]] = field(default_factory=list)
    failed_today: list[dict[str, Any]] = field(default_factory=list)
    queued: list[str] = field(default_factory=list)
    # Failures the watcher will not retry until the file changes, with their reasons.
    waiting_for_change: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "today": self.today,
            "watcher": self.watcher,
            "ingested_today": self.ingested_today,
            "failed_today": self.failed_today,
            "queued": self.queued,
            "waiting_for_change": self.waiting_for_change,
        }


def intake_status(home: Home, today: str | None = None) -> IntakeStatus:
    """Today's intake from the home's records; reads no PDF and no index."""
    today = today or time.strftime("%Y-%m-%d")
    watcher = home.watcher_running()
    status = IntakeStatus(today=today, watcher=watcher)
    latest: dict[str, dict[str, Any]] = {}
    for record in read_log(home):
        if str(record.get("at", "")).startswith(today):
            latest[str(record.get("path"))] = record  # a file's last word counts
    for record in latest.values():
        if record.get("status") == "ingested":
            status.ingested_today.append(record)
        elif record.get("status") == "failed":
            status.failed_today.append(record)
    # A queue left by a watcher that is gone is history, not a queue.
    status.queued = read_queue(home) if watcher else []
    status.waiting_for_change = [
        {"path": path, **rec} for path, rec in sorted(Failures(home).records.items())
    ]
    return status
