"""Where a diarium installation keeps its corpus, index and state.

A home is one directory: ``corpus/`` (the source of truth), ``index/`` (rebuildable),
``state.json`` (engine, last ingest), a lock file that keeps writers apart,
``pnr.key``, the secret of the keyed hashes by which identity numbers are looked up, and
``intake/`` (what was taken in and when, the watcher's queue and the failures it will not
retry until the file changes; see ``ingest/intake.py``).
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from diarium.corpus.errors import HomeLockedError, StateDamagedError


def default_home() -> Path:
    env = os.environ.get("DIARIUM_HOME")
    if env:
        return Path(env).expanduser()
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "diarium"


@dataclass
class Home:
    root: Path

    @property
    def corpus_dir(self) -> Path:
        return self.root / "corpus"

    @property
    def index_dir(self) -> Path:
        return self.root / "index"

    @property
    def state_path(self) -> Path:
        return self.root / "state.json"

    @property
    def lock_path(self) -> Path:
        return self.root / "write.lock"

    @property
    def watch_lock_path(self) -> Path:
        return self.root / "watch.lock"

    @property
    def intake_dir(self) -> Path:
        return self.root / "intake"

    @property
    def archive_dir(self) -> Path:
        """Searchable archive copies of OCR'd documents (``ingest --archive-pdf``)."""
        return self.root / "archive"

    @property
    def pnr_key_path(self) -> Path:
        return self.root / "pnr.key"

    def pnr_key(self) -> bytes:
        """The home's secret for hashing identity numbers (HMAC-SHA256), made on first
        use: 32 random bytes, readable by the owner alone (0600). Without it nobody can
        test a guessed number against the index; it stays when the index is rebuilt."""
        path = self.pnr_key_path
        try:
            return bytes.fromhex(path.read_text(encoding="ascii").strip())
        except FileNotFoundError:
            pass
        self.root.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # made by another process meanwhile
            return bytes.fromhex(path.read_text(encoding="ascii").strip())
        key = secrets.token_bytes(32)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(key.hex() + "\n")
        return key

    def ensure(self) -> Home:
        self.corpus_dir.mkdir(parents=True, exist_ok=True)
        return self

    @property
    def temp_root(self) -> Path:
        """Per-run scratch directories (page images for OCR): inside the home, so a run
        killed outright leaves nothing in /tmp and the next run clears what is left."""
        return self.root / "tmp"

    def read_state(self, *, strict: bool = True) -> dict[str, Any]:
        """The recorded state; a damaged file raises ``StateDamagedError`` (or reads as
        empty with ``strict=False``, for the commands that rewrite it)."""
        try:
            state = json.loads(self.state_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (ValueError, UnicodeDecodeError) as exc:
            if not strict:
                return {}
            raise StateDamagedError(
                f"{self.state_path} is damaged ({exc}); nothing in the corpus is lost: "
                f"run `diarium reindex --home {self.root}` to rewrite it"
            ) from exc
        if not isinstance(state, dict):
            if not strict:
                return {}
            raise StateDamagedError(
                f"{self.state_path} does not hold diarium's state; "
                f"run `diarium reindex --home {self.root}` to rewrite it"
            )
        return state

    def state_problem(self) -> str | None:
        try:
            self.read_state()
        except StateDamagedError as exc:
            return exc.message
        return None

    def update_state(self, *, replace: bool = False, **changes: Any) -> dict[str, Any]:
        state = {} if replace else self.read_state(strict=False)
        state.update(changes)
        tmp = self.state_path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(state, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, self.state_path)
        return state

    @property
    def engine(self) -> str:
        """The engine of the index this home holds: the one that built it (its marker
        file), else as recorded, else the default for new homes. The index itself comes
        first because a reindex killed between swapping its new index in and recording
        the choice leaves the two apart, and the index is what a search opens."""
        return self._built_engine() or self._recorded_engine() or self._default_engine()

    @property
    def chosen_engine(self) -> str:
        """The engine a rebuild makes: as recorded (``reindex --engine`` records its
        choice before it starts building, so a killed run is not forgotten), else the
        one that built the index, else the default."""
        return self._recorded_engine() or self._built_engine() or self._default_engine()

    def _recorded_engine(self) -> str | None:
        from diarium.index import ENGINES

        recorded = self.read_state(strict=False).get("engine")
        return str(recorded) if recorded in ENGINES else None

    def _built_engine(self) -> str | None:
        from diarium.index import ENGINES, MARKER

        try:
            text = (self.index_dir / MARKER).read_text(encoding="utf-8")
            engine = json.loads(text).get("engine", "whoosh")
        except (OSError, ValueError, AttributeError):
            return None
        return str(engine) if engine in ENGINES else None

    @staticmethod
    def _default_engine() -> str:
        from diarium.index import DEFAULT_ENGINE

        return DEFAULT_ENGINE

    @contextmanager
    def write_lock(self, purpose: str) -> Iterator[None]:
        """Exclusive lock for ingest and reindex; readers (search) never take it."""
        with self._flock(
            self.lock_path, purpose, "only one ingest or reindex can run on a home at a time"
        ):
            yield

    @contextmanager
    def watch_lock(self) -> Iterator[None]:
        """Held by ``diarium watch`` for as long as it runs: one watcher per home (two
        would race for the same files). It is not the write lock, so a manual ingest
        or reindex can still run between the watcher's batches."""
        with self._flock(self.watch_lock_path, "watch", "only one watcher can run on a home"):
            yield

    def watcher_running(self) -> str | None:
        """Who holds the watch lock (``diarium watch (pid N)``), or None."""
        try:
            handle = open(self.watch_lock_path, encoding="utf-8")  # noqa: SIM115
        except FileNotFoundError:
            return None
        with handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return handle.read().strip() or "another process"
            fcntl.flock(handle, fcntl.LOCK_UN)
        return None

    @contextmanager
    def _flock(self, path: Path, purpose: str, rule: str) -> Iterator[None]:
        self.ensure()
        handle = open(path, "a+", encoding="utf-8")  # noqa: SIM115 - held for the block
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "another process"
                raise HomeLockedError(
                    f"{self.root} is being written by {holder}; wait for it to finish "
                    f"({rule})"
                ) from None
            handle.seek(0)
            handle.truncate()
            handle.write(f"diarium {purpose} (pid {os.getpid()})")
            handle.flush()
            yield
        finally:
            handle.close()
