"""diarium's typed errors as HTTP statuses: the same message the CLI prints, with the
status a client can act on."""

from __future__ import annotations

from corpus.errors import (
    DiariumError,
    DisclosureRefusedError,
    DocumentNotFoundError,
    HomeLockedError,
    IndexMissingError,
    IndexNeedsRebuildError,
    UsageError,
)

# Most specific first: IndexMissingError is also a UsageError.
_STATUS: tuple[tuple[type[DiariumError], int], ...] = (
    (IndexMissingError, 503),
    (IndexNeedsRebuildError, 503),
    (HomeLockedError, 503),
    (DisclosureRefusedError, 403),
    (DocumentNotFoundError, 404),
    (UsageError, 400),
)


def http_status(exc: DiariumError) -> int:
    for kind, status in _STATUS:
        if isinstance(exc, kind):
            return status
    return 500
