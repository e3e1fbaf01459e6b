"""The home's accounts database: one SQLite file (``HOME/accounts.db``) with the accounts,
their API tokens, recent sign-in failures and the audit trail.

SQLite because it is in the standard library, needs no server, and in WAL mode lets the
web server's worker processes read while one of them (or the CLI) writes. A municipality
that wants PostgreSQL later changes this module alone: the rest talks SQL through
:func:`connect` and nothing else.

The file holds password hashes and token hashes, so it is made readable by the owner
alone (0600), as ``pnr.key`` is.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from diarium.ingest.home import Home

DB_NAME = "accounts.db"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY,
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tokens (
    id TEXT PRIMARY KEY,
    user TEXT NOT NULL REFERENCES users(name),
    secret_hash TEXT NOT NULL,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS signin_failures (
    at REAL NOT NULL,
    user TEXT NOT NULL,
    address TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS failures_user ON signin_failures(user, at);
CREATE INDEX IF NOT EXISTS failures_address ON signin_failures(address, at);
CREATE TABLE IF NOT EXISTS audit (
    seq INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user TEXT NOT NULL,
    action TEXT NOT NULL,
    doc_id TEXT,
    page INTEGER,
    reason TEXT,
    address TEXT,
    detail TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
"""


def db_path(home: Home) -> Path:
    return home.root / DB_NAME


def exists(home: Home) -> bool:
    return db_path(home).is_file()


@contextlib.contextmanager
def connect(home: Home, *, create: bool = True) -> Iterator[sqlite3.Connection]:
    """A connection in WAL mode, committed when the block ends without an exception.
    ``create``: make the file (0600) and its tables when missing."""
    path = db_path(home)
    if not path.exists():
        if not create:
            raise FileNotFoundError(path)
        home.root.mkdir(parents=True, exist_ok=True)
        with contextlib.suppress(FileExistsError):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    conn = sqlite3.connect(path, timeout=10.0, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA busy_timeout=10000")
        if create:
            conn.executescript(_SCHEMA)
        yield conn
    finally:
        conn.close()


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One write transaction taken at once (``BEGIN IMMEDIATE``), so two writers never
    interleave a read and a write (the audit chain reads its last link, then appends)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


SECRET_NAME = "session.key"


def session_secret(home: Home) -> str:
    """The key that signs session cookies, made once (32 random bytes, 0600) and kept in
    the home, so every worker process and every restart accepts the same sessions.
    Deleting the file signs everyone out."""
    path = home.root / SECRET_NAME
    try:
        return path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        pass
    home.root.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # made by another worker meanwhile, perhaps not yet written
        import time

        for _ in range(50):
            key = path.read_text(encoding="ascii").strip()
            if key:
                return key
            time.sleep(0.02)
        raise
    import secrets

    key = secrets.token_hex(32)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key + "\n")
    return key
