"""The warehouse's Python-owned tables (raw, ref, meta): creating them and connecting to the file."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import duckdb


def schema_sql() -> str:
    return resources.files("warehouse").joinpath("schema.sql").read_text(encoding="utf-8")


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


@contextlib.contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    conn.execute("BEGIN TRANSACTION")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
