"""The audit trail: who did what, when, why and from where, append-only.

Recorded: every unmasked view and original PDF of a document holding identity numbers,
every read of a restricted document, every sign-in and failed sign-in, every upload,
classification and account change.

Each record carries the SHA-256 of the one before it and of itself (a hash chain), and
the newest link is also written to ``HOME/audit.head``. Triggers refuse UPDATE and
DELETE; someone who edits the file underneath them still breaks the chain, and removing
the newest records leaves the head pointing past the end: :func:`verify` (run by
``diarium check``) notices both.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import sqlite3
from dataclasses import asdict, dataclass
from pathlib import Path

from diarium.app import authdb
from diarium.ingest.home import Home

GENESIS = "0" * 64
HEAD_NAME = "audit.head"


@dataclass(frozen=True)
class Record:
    seq: int
    at: str
    user: str
    action: str
    doc_id: str | None
    page: int | None
    reason: str | None
    address: str | None
    detail: str | None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def _digest(prev: str, fields: tuple[object, ...]) -> str:
    body = json.dumps([prev, *fields], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _head_path(conn: sqlite3.Connection) -> Path:
    db_file = conn.execute("PRAGMA database_list").fetchone()[2]
    return Path(db_file).parent / HEAD_NAME


def append(
    conn: sqlite3.Connection,
    user: str,
    action: str,
    *,
    doc_id: str | None = None,
    page: int | None = None,
    reason: str | None = None,
    address: str | None = None,
    detail: str | None = None,
) -> None:
    """Append one record inside the caller's write transaction (see
    :func:`diarium.app.authdb.transaction`), chained to the newest one."""
    last = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    at = dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")
    fields = (seq, at, user, action, doc_id, page, reason, address, detail)
    digest = _digest(prev, fields)
    conn.execute(
        "INSERT INTO audit (seq, at, user, action, doc_id, page, reason, address, detail,"
        " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (*fields, prev, digest),
    )
    head = _head_path(conn)
    tmp = head.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(f"{seq} {digest}\n")
    os.replace(tmp, head)


def record(home: Home, user: str, action: str, **fields: object) -> None:
    """Append one record in its own transaction."""
    with authdb.connect(home) as conn, authdb.transaction(conn):
        append(conn, user, action, **fields)  # type: ignore[arg-type]


def entries(home: Home, user: str | None = None, since: str | None = None) -> list[Record]:
    """Records, oldest first; ``user``: one account's; ``since``: at or after an ISO
    date or time (UTC)."""
    if not authdb.exists(home):
        return []
    sql = "SELECT seq, at, user, action, doc_id, page, reason, address, detail FROM audit"
    where: list[str] = []
    args: list[object] = []
    if user:
        where.append("user = ?")
        args.append(user)
    if since:
        where.append("at >= ?")
        args.append(since)
    if where:
        sql += " WHERE " + " AND ".join(where)
    with authdb.connect(home) as conn:
        rows = conn.execute(sql + " ORDER BY seq", args).fetchall()
    return [Record(*row) for row in rows]


def verify(home: Home) -> list[str]:
    """What is wrong with the trail (empty when every link holds)."""
    if not authdb.exists(home):
        return []
    problems: list[str] = []
    prev = GENESIS
    expected = 1
    with authdb.connect(home, create=False) as conn:
        rows = conn.execute(
            "SELECT seq, at, user, action, doc_id, page, reason, address, detail,"
            " prev_hash, hash FROM audit ORDER BY seq"
        ).fetchall()
    path = authdb.db_path(home)
    for row in rows:
        fields, prev_hash, digest = row[:9], row[9], row[10]
        seq = fields[0]
        if seq != expected:
            problems.append(f"{path}: audit records {expected}–{seq - 1} are missing (deleted)")
        if prev_hash != prev:
            problems.append(f"{path}: audit record {seq} does not follow the one before it")
        if _digest(prev_hash, tuple(fields)) != digest:
            problems.append(f"{path}: audit record {seq} was altered after it was written")
        prev = digest
        expected = seq + 1
    head = home.root / HEAD_NAME
    try:
        head_seq_text, head_hash = head.read_text(encoding="ascii").split()
        head_seq = int(head_seq_text)
    except FileNotFoundError:
        head_seq, head_hash = 0, GENESIS
    except ValueError:
        return [*problems, f"{head}: not an audit head (seq and hash)"]
    last_seq = rows[-1][0] if rows else 0
    if head_seq > last_seq:
        problems.append(
            f"{path}: the audit trail ends at record {last_seq} but {head} says "
            f"{head_seq} were written: the newest records were deleted"
        )
    else:
        at_head = next((row for row in rows if row[0] == head_seq), None)
        if head_seq and at_head is not None and at_head[10] != head_hash:
            problems.append(f"{path}: audit record {head_seq} differs from what {head} recorded")
    return problems
