"""The warehouse's Python-owned tables (raw, ref, meta): creating them and connecting to the file."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import duckdb


def schema_sql() -> str:
    return resources.files("orchestration").joinpath("warehouse_schema.sql").read_text(encoding="utf-8")


def ensure_schema(conn: duckdb.DuckDBPyConnection) -> None:
    """Create the raw, ref and meta schemas and the raw/meta tables if they do not exist yet."""
    conn.execute(schema_sql())


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
