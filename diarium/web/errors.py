"""diarium's typed errors as HTTP statuses: the same message the CLI prints, with the
status a client can act on."""

from __future__ import annotations

import re

from diarium.corpus.errors import (
    DiariumError,
    DisclosureRefusedError,
    DocumentNotFoundError,
    HomeLockedError,
    IndexMissingError,
    IndexNeedsRebuildError,
    UsageError,
)
from diarium.ingest.home import Home

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


# An absolute path in a message: a slash at the start of a word, up to a space, quote or
# closing bracket (a case number's "2023/871" has no slash at a word's start).
_ABSOLUTE_PATH = re.compile(r"(?<![\w./~-])/[^\s'\"`)]*")


def public_message(message: str, home: Home) -> str:
    """An error message as a web client may read it: the CLI's message names the home
    and files for the person at the server, a browser gets no path of the server."""
    message = message.replace(str(home.root.absolute()), "the archive")
    message = message.replace(str(home.root), "the archive")
    return _ABSOLUTE_PATH.sub("…", message)
