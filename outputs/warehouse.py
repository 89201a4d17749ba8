"""Read-only access to the warehouse (or to a published serving.duckdb: both hold the marts in `main`)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import duckdb

from warehouse.connection import connect


class WarehouseMissing(FileNotFoundError):
    """The DuckDB file does not exist, or holds no marts (the pipeline has not run on it)."""


@contextlib.contextmanager
def read_only(path: Path | str) -> Iterator[duckdb.DuckDBPyConnection]:
    """A read-only connection to `path`, closed on exit. Read-only so that a report never writes the warehouse;
    DuckDB still admits no writer while it is open, so callers keep it short."""
    path = Path(path)
    if not path.is_file():
        raise WarehouseMissing(f"no warehouse at {path}: run `rasd run` (or `make run`) first")
    with connect(path, read_only=True) as conn:
        if not has_table(conn, "main", "events"):
            raise WarehouseMissing(f"{path} holds no marts (main.events is missing): run `rasd run` first")
        yield conn


def has_table(conn: duckdb.DuckDBPyConnection, schema: str, name: str) -> bool:
    return (
        conn.execute(
            "select count(*) from duckdb_tables() where schema_name = ? and table_name = ?", [schema, name]
        ).fetchone()[0]
        > 0
    )


def mart_names(conn: duckdb.DuckDBPyConnection, marts: list[str] | tuple[str, ...]) -> list[str]:
    """Those of `marts` that the connection's `main` schema holds, in order."""
    return [m for m in marts if has_table(conn, "main", m)]
