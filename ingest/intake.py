"""What came in, what waits and what failed: the intake records an archivist looks at.

Three small files in ``HOME/intake/``, each readable with nothing but ``json``:

* ``log.jsonl``: one line per file an ingest or the watcher settled (ingested, failed,
  or skipped for a reason other than "already known"), with the time. Appended, so
  a crash loses at most the line being written; ``diarium status`` reads its tail.
* ``queue.json``: the files the watcher has seen but not yet taken in (still being
  copied, or waiting for the home's write lock), rewritten whenever that set changes.
* ``failures.json``: files that failed, keyed by path, with the size and modification
  time they had. The watcher does not try such a file again until one of them changes
  (the file was replaced or written anew), so a damaged scan is reported once, not on
  every pass.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from diarium.ingest.home import Home
from diarium.ingest.report import ALREADY_KNOWN, OTHER_FILE, FileOutcome

LOG_NAME = "log.jsonl"
QUEUE_NAME = "queue.json"
FAILURES_NAME = "failures.json"


def now_iso() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S%z")


@dataclass(frozen=True)
class FileStamp:
    """What tells one state of a file from the next without reading it."""

    size: int
    mtime_ns: int

    @classmethod
    def of(cls, path: Path) -> FileStamp | None:
        try:
            st = path.stat()
        except OSError:
            return None
        return cls(st.st_size, st.st_mtime_ns)


def _write_json(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, path)


def _read_json(path: Path, default: Any) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def worth_logging(outcome: FileOutcome) -> bool:
    """Known files and a folder's other files are counted, not logged: a daily re-run
    over a whole archive would otherwise write a line per archived file."""
    return not (outcome.status == "skipped" and outcome.reason in (ALREADY_KNOWN, OTHER_FILE))


def log_outcomes(home: Home, outcomes: Iterable[FileOutcome], source: str) -> None:
    lines = [
        json.dumps({"at": now_iso(), "source": source, **asdict(o)}, ensure_ascii=False)
        for o in outcomes
        if worth_logging(o)
    ]
    if not lines:
        return
    home.intake_dir.mkdir(parents=True, exist_ok=True)
    with open(home.intake_dir / LOG_NAME, "a", encoding="utf-8") as fh:
        fh.write("".join(line + "\n" for line in lines))


def read_log(home: Home) -> Iterator[dict[str, Any]]:
    """Every logged outcome, oldest first; a damaged line (a crash mid-write) is passed."""
    try:
        fh = open(home.intake_dir / LOG_NAME, encoding="utf-8")  # noqa: SIM115
    except FileNotFoundError:
        return
    with fh:
        for line in fh:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict):
                yield record


def write_queue(home: Home, queued: Iterable[Path]) -> None:
    _write_json(
        home.intake_dir / QUEUE_NAME,
        {"updated_at": now_iso(), "pid": os.getpid(), "queued": sorted(map(str, queued))},
    )


def read_queue(home: Home) -> list[str]:
    data = _read_json(home.intake_dir / QUEUE_NAME, {})
    return [str(p) for p in data.get("queued", [])] if isinstance(data, dict) else []


class Failures:
    """Files that failed, by path, with the stamp they had when they failed."""

    def __init__(self, home: Home) -> None:
        self.path = home.intake_dir / FAILURES_NAME
        data = _read_json(self.path, {})
        self.records: dict[str, dict[str, Any]] = data if isinstance(data, dict) else {}

    def unchanged_failure(self, path: Path, stamp: FileStamp) -> bool:
        """True when ``path`` failed before and is still the same file."""
        record = self.records.get(str(path))
        return bool(
            record
            and record.get("size") == stamp.size
            and record.get("mtime_ns") == stamp.mtime_ns
        )

    def remember(self, path: Path, stamp: FileStamp, reason: str) -> None:
        self.records[str(path)] = {**asdict(stamp), "reason": reason, "at": now_iso()}

    def forget(self, path: Path) -> None:
        self.records.pop(str(path), None)

    def save(self) -> None:
        _write_json(self.path, self.records)
