"""Errors a user can act on, each with the exit code the CLI gives it.

The message always says what went wrong and what to do about it; the CLI prints it and
exits with ``exit_code`` (``diarium.cli`` maps them in one place), so library code never
calls ``sys.exit``. Exit codes: 0 success, 1 some files failed or nothing found, 2 usage
error, 3 home locked, 4 index or home state damaged (run ``diarium reindex``) or a
damaged corpus record, 5 a required system tool is missing, 6 disk full, 7 the Dask
cluster (``--cluster``) unreachable, unfit or lost, 130 interrupted (Ctrl-C), 143
terminated.
"""

from __future__ import annotations

from pathlib import Path

EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143


class DiariumError(Exception):
    exit_code = 1

    def __init__(
        self, message: str, *, details: list[str] | None = None, exit_code: int | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        # Lines printed before the message: what a run got done before it had to stop.
        self.details = list(details or [])
        if exit_code is not None:
            self.exit_code = exit_code


class UsageError(DiariumError):
    exit_code = 2


class QueryError(UsageError):
    """A search query or option diarium cannot run: too long, too deeply nested, a range
    on a field that has none, a case number that cannot be read."""


class HomeLockedError(DiariumError):
    """Another process is writing to the same home (an ingest or a reindex)."""

    exit_code = 3


class IndexNeedsRebuildError(DiariumError):
    exit_code = 4


class IndexDamagedError(IndexNeedsRebuildError):
    """The index's files cannot be read (truncated, missing, overwritten); the corpus is
    the source of truth, so a rebuild from it loses nothing."""

    @classmethod
    def at(cls, home_root: Path, index_dir: Path, detail: str) -> IndexDamagedError:
        return cls(
            f"the search index in {index_dir} is damaged ({detail}); nothing in the corpus "
            f"is lost: run `diarium reindex --home {home_root}` to rebuild it"
        )


class StateDamagedError(IndexNeedsRebuildError):
    """``state.json`` is not readable JSON."""


class DocumentNotFoundError(DiariumError):
    exit_code = 1


class CorpusRecordError(DiariumError):
    """One stored document record cannot be read (truncated, not gzip, not JSON, not a
    document). Readers that walk the corpus skip it, name it and count it."""

    exit_code = 4

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(
            f"corpus record {path} is damaged ({reason}); run `diarium check` to list every "
            "damaged record, then ingest the original PDF again with --force"
        )
        self.path = path
        self.reason = reason


class ToolMissingError(DiariumError):
    """A system program the work needs (tesseract and its language data) is missing."""

    exit_code = 5


class DiskFullError(DiariumError):
    """No space left while writing the corpus, the index or the state. What was
    committed before stays; the next run after space is freed picks up the rest."""

    exit_code = 6


class InterruptedRunError(DiariumError):
    """The run was stopped by Ctrl-C or SIGTERM; workers and temporary files are gone."""

    exit_code = EXIT_INTERRUPTED


class ClusterError(DiariumError):
    """The Dask cluster given with ``--cluster`` cannot be reached, is not set up for
    diarium, or went away during the run (what was stored before stays stored)."""

    exit_code = 7


class IndexMissingError(UsageError):
    """The home has no index yet (nothing ingested): a usage error on the command line,
    "service unavailable" for the web server, which may be started before the first ingest."""


class DisclosureRefusedError(DiariumError):
    """What was asked for would show personal identity numbers that every output masks
    (the original PDF of a document holding them): refused, with what to do instead."""

    exit_code = 1
