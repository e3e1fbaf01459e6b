"""Errors a user can act on, each with the exit code the CLI gives it.

The message always says what went wrong and what to do about it; the CLI prints it and
exits with ``exit_code``, so library code never calls ``sys.exit``.
"""

from __future__ import annotations


class DiariumError(Exception):
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageError(DiariumError):
    exit_code = 2


class HomeLockedError(DiariumError):
    """Another process is writing to the same home (an ingest or a reindex)."""

    exit_code = 3


class IndexNeedsRebuildError(DiariumError):
    exit_code = 4


class DocumentNotFoundError(DiariumError):
    exit_code = 1


class ToolMissingError(DiariumError):
    """A system program the work needs (tesseract and its language data) is missing."""

    exit_code = 5


class IndexMissingError(UsageError):
    """The home has no index yet (nothing ingested): a usage error on the command line,
    "service unavailable" for the web server, which may be started before the first ingest."""
