"""Loading the OCHA COD-AB gazetteer CSVs into ref.admin1 .. ref.admin4 (no Dagster here)."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from orchestration.paths import GAZETTEER_FILES
from orchestration.warehouse import rollback


def _column_types(path: Path) -> dict[str, str]:
    """Codes and names are text whatever they look like; numbers (area, coordinates) are left to DuckDB."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    return {col: "VARCHAR" for col in header if "Pcode" in col or "Name" in col}


def load_gazetteer(conn: duckdb.DuckDBPyConnection, directory: Path) -> dict[str, int]:
    """Create or replace ref.admin1..ref.admin4 from the CSVs in `directory`, in one transaction.
    Returns the row count of each table."""
    counts: dict[str, int] = {}
    conn.execute("CREATE SCHEMA IF NOT EXISTS ref")
    conn.execute("BEGIN TRANSACTION")
    try:
        for file_name, table in GAZETTEER_FILES.items():
            path = Path(directory) / file_name
            types = _column_types(path)
            types_sql = "{" + ", ".join(f"'{c}': '{t}'" for c, t in types.items()) + "}"
            conn.execute(
                f"CREATE OR REPLACE TABLE ref.{table} AS "
                f"SELECT * FROM read_csv(?, header = true, delim = ',', quote = '\"', types = {types_sql})",
                [str(path)],
            )
            counts[table] = conn.execute(f"SELECT count(*) FROM ref.{table}").fetchone()[0]
    except BaseException:
        rollback(conn)  # keeps the real error (a full disk) when the transaction is already gone
        raise
    conn.execute("COMMIT")
    return counts
