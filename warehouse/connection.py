"""Connecting to the warehouse file: connections that are always closed, and transactions."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from pathlib import Path

import duckdb

from warehouse.schema import ensure_schema

__all__ = ["connect", "ensure_schema", "rollback", "transaction", "warehouse_holder"]


@contextlib.contextmanager
def connect(database: str | Path, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection that is always closed on exit, so no lock outlives its use (dbt needs the file next)."""
    if not read_only:
        Path(database).parent.mkdir(parents=True, exist_ok=True)
    conn = duckdb.connect(str(database), read_only=read_only)
    try:
        yield conn
    finally:
        conn.close()


def rollback(conn: duckdb.DuckDBPyConnection) -> None:
    """Roll back after a failure, keeping the failure as the error: when the failure already ended the
    transaction (a full disk, a fatal I/O error), ROLLBACK itself fails with "no transaction is active", which
    would hide the real cause."""
    try:
        conn.execute("ROLLBACK")
    except duckdb.Error:
        pass


@contextlib.contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    conn.execute("BEGIN TRANSACTION")
    try:
        yield conn
    except BaseException:
        rollback(conn)
        raise
    conn.execute("COMMIT")


_LOCK_PID = re.compile(r"\(PID (\d+)\)")


def warehouse_holder(database: str | Path) -> str | None:
    """Who holds `database` so that this process cannot open it for writing: "PID 1234: python -m ..." when DuckDB
    names the process (and /proc tells its command), the lock error itself otherwise; None when it is free (or
    does not exist yet). Checked before a run, so that the run says so at once instead of failing in a step."""
    path = Path(database)
    if not path.is_file():
        return None
    try:
        duckdb.connect(str(path)).close()
    except duckdb.IOException as err:
        message = str(err)
        if "lock" not in message.lower():
            raise
        match = _LOCK_PID.search(message)
        if match is None:
            return message.splitlines()[0]
        pid = match.group(1)
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            command = ""
        return f"PID {pid}: {command.strip()[:200]}" if command.strip() else f"PID {pid}"
    return None
