"""Accounts, roles, passwords, API tokens and the sign-in rate limit.

Roles are ordered: each may do what the ones before it may.

* ``reader``: searches and reads public documents (identity numbers masked);
* ``officer``: also sees restricted documents (sekretess), marked as such;
* ``archivist``: also unmasks identity numbers and opens their original PDFs after
  giving a reason (each time audited), uploads PDFs and classifies documents;
* ``admin``: everything an archivist may (accounts are managed on the command line).

Passwords are hashed with Argon2id (argon2-cffi's defaults: memory-hard, salted, the
parameters stored in the hash so they can be raised later). API tokens are 256 random
bits: a SHA-256 of the secret is enough to store (no guessing is feasible), and it is
compared in constant time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import secrets
import threading
import time
from dataclasses import dataclass
from functools import cache

from diarium.app import audit, authdb
from diarium.corpus.errors import DiariumError, UsageError
from diarium.ingest.home import Home

ROLES = ("reader", "officer", "archivist", "admin")
MIN_PASSWORD = 10
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{1,63}")

# Sign-in failures counted over this window, per account and per address: the tenth
# wrong password within it is refused before it is even checked.
FAILURE_WINDOW_SECONDS = 15 * 60
MAX_FAILURES = 9


class SignInRefused(DiariumError):
    """Wrong name or password, or a disabled account (one message for all three)."""


class RateLimited(DiariumError):
    """Too many failed sign-ins for this account or from this address."""


@dataclass(frozen=True)
class User:
    name: str
    role: str
    disabled: bool = False

    def may(self, role: str) -> bool:
        """Whether this user has ``role`` or a higher one."""
        return ROLES.index(self.role) >= ROLES.index(role)


@cache
def _hasher():  # type: ignore[no-untyped-def]
    from argon2 import PasswordHasher

    return PasswordHasher()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def check_name(name: str) -> str:
    if not _NAME.fullmatch(name):
        raise UsageError(
            f"{name!r} is not an account name: 2–64 characters, lower-case letters, digits, "
            "'.', '_' or '-', starting with a letter or digit"
        )
    return name


def check_role(role: str) -> str:
    if role not in ROLES:
        raise UsageError(f"unknown role {role!r} (known: {', '.join(ROLES)})")
    return role


def check_password(password: str) -> str:
    if len(password) < MIN_PASSWORD:
        raise UsageError(f"the password must be at least {MIN_PASSWORD} characters long")
    return password


def any_accounts(home: Home) -> bool:
    """Whether the home has any account: without one, the server stays open to this
    machine alone, as before accounts existed."""
    if not authdb.exists(home):
        return False
    conn = _reader(home)
    return conn.execute("SELECT 1 FROM users LIMIT 1").fetchone() is not None


def add_user(home: Home, name: str, role: str, password: str, by: str = "cli") -> User:
    check_name(name)
    check_role(role)
    digest = _hasher().hash(check_password(password))
    with authdb.connect(home) as conn, authdb.transaction(conn):
        if conn.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
            raise UsageError(f"an account named {name!r} already exists")
        conn.execute(
            "INSERT INTO users (name, role, password_hash, created) VALUES (?, ?, ?, ?)",
            (name, role, digest, _now()),
        )
        audit.append(conn, by, "account.add", detail=f"{name} ({role})")
    return User(name, role)


def list_users(home: Home) -> list[User]:
    if not authdb.exists(home):
        return []
    with authdb.connect(home) as conn:
        rows = conn.execute("SELECT name, role, disabled FROM users ORDER BY name").fetchall()
    return [User(name, role, bool(disabled)) for name, role, disabled in rows]


def _require(conn, name: str) -> None:  # type: ignore[no-untyped-def]
    if not conn.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
        raise UsageError(f"no account named {name!r}")


def disable_user(home: Home, name: str, by: str = "cli") -> None:
    """Disable an account: its sessions and tokens stop working at their next request."""
    with authdb.connect(home) as conn, authdb.transaction(conn):
        _require(conn, name)
        conn.execute("UPDATE users SET disabled = 1 WHERE name = ?", (name,))
        audit.append(conn, by, "account.disable", detail=name)


def set_password(home: Home, name: str, password: str, by: str = "cli") -> None:
    digest = _hasher().hash(check_password(password))
    with authdb.connect(home) as conn, authdb.transaction(conn):
        _require(conn, name)
        conn.execute("UPDATE users SET password_hash = ? WHERE name = ?", (digest, name))
        audit.append(conn, by, "account.passwd", detail=name)


def create_token(home: Home, name: str, by: str = "cli") -> str:
    """A new API token for the account, shown once: ``<id>.<secret>``."""
    token_id = secrets.token_hex(8)
    secret = secrets.token_urlsafe(32)
    with authdb.connect(home) as conn, authdb.transaction(conn):
        _require(conn, name)
        conn.execute(
            "INSERT INTO tokens (id, user, secret_hash, created) VALUES (?, ?, ?, ?)",
            (token_id, name, _token_hash(secret), _now()),
        )
        audit.append(conn, by, "token.create", detail=f"{name} token {token_id}")
    return f"{token_id}.{secret}"


def _token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def user_named(home: Home, name: str) -> User | None:
    """The account, if it exists and is not disabled (asked on every request, so a
    disabled account's session ends at once)."""
    row = _reader(home).execute(
        "SELECT name, role, disabled FROM users WHERE name = ?", (name,)
    ).fetchone()
    if row is None or row[2]:
        return None
    return User(row[0], row[1])


def user_for_token(home: Home, token: str) -> User | None:
    token_id, _, secret = token.partition(".")
    if not token_id or not secret:
        return None
    row = _reader(home).execute(
        "SELECT user, secret_hash FROM tokens WHERE id = ?", (token_id,)
    ).fetchone()
    if row is None or not hmac.compare_digest(row[1], _token_hash(secret)):
        return None
    return user_named(home, row[0])


def sign_in(home: Home, name: str, password: str, address: str) -> User:
    """The account, when the password is right; ``RateLimited`` when this account or
    this address already failed ``MAX_FAILURES`` times in the window (the password is
    then not even checked), ``SignInRefused`` otherwise. Every outcome is audited."""
    from argon2.exceptions import InvalidHashError, VerificationError

    since = time.time() - FAILURE_WINDOW_SECONDS
    with authdb.connect(home) as conn:
        by_user, by_address = conn.execute(
            "SELECT (SELECT count(*) FROM signin_failures WHERE user = ? AND at > ?),"
            " (SELECT count(*) FROM signin_failures WHERE address = ? AND at > ?)",
            (name, since, address, since),
        ).fetchone()
        if by_user >= MAX_FAILURES or by_address >= MAX_FAILURES:
            with authdb.transaction(conn):
                audit.append(conn, name, "signin.limited", address=address)
            raise RateLimited(
                "För många misslyckade inloggningar. Vänta en kvart och försök igen."
            )
        row = conn.execute(
            "SELECT password_hash, role, disabled FROM users WHERE name = ?", (name,)
        ).fetchone()
        ok = False
        try:
            # An unknown name costs a hash too, so timing does not tell names apart.
            _hasher().verify(row[0] if row else _dummy_hash(), password)
            ok = row is not None and not row[2]
        except (VerificationError, InvalidHashError):
            ok = False
        with authdb.transaction(conn):
            if not ok:
                conn.execute(
                    "INSERT INTO signin_failures (at, user, address) VALUES (?, ?, ?)",
                    (time.time(), name, address),
                )
            audit.append(conn, name, "signin" if ok else "signin.failed", address=address)
    if not ok:
        raise SignInRefused("Fel användarnamn eller lösenord.")
    return User(name, row[1])


@cache
def _dummy_hash() -> str:
    return str(_hasher().hash(secrets.token_hex(16)))


_local = threading.local()


def _reader(home: Home):  # type: ignore[no-untyped-def]
    """A read connection kept per thread and home: the web server asks who is signed in
    on every request, and opening SQLite each time would cost more than the question."""
    conns = getattr(_local, "conns", None)
    if conns is None:
        conns = _local.conns = {}
    key = str(authdb.db_path(home))
    conn = conns.get(key)
    if conn is None:
        import sqlite3

        conn = sqlite3.connect(f"file:{key}?mode=ro", uri=True, timeout=10.0)
        conns[key] = conn
    return conn
