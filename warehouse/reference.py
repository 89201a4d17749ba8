"""The OCHA COD-AB gazetteer as the warehouse holds it: which files make it, finding and checking its folder, and
loading the CSVs into ref.admin1 .. ref.admin4 (no Dagster here).

The file names are the gazetteer module's (extract.gazetteer.REQUIRED_FILES: `syr_admin<N>_...csv`); the tables
and the columns whose types Rasd fixes are warehouse.schema's (REF_TABLES). `rasd gazetteer download`
(warehouse/hdx.py) writes the same files with the same columns.
"""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb

from extract.gazetteer import HOW_TO_GET, REQUIRED_FILES, GazetteerMissing, default_gazetteer_dir
from warehouse.connection import rollback
from warehouse.schema import REF_TABLES, Table

REPO_ROOT = Path(__file__).resolve().parents[1]
# Where `rasd gazetteer download` writes by default, and where extract.gazetteer looks after RASD_GAZETTEER_DIR.
DOWNLOAD_DIR = REPO_ROOT / "data" / "gazetteer"


def _level(file_name: str) -> int:
    return int(file_name.removeprefix("syr_admin")[0])  # syr_admin<N>_...


# file name -> the ref table it fills, for the four COD-AB files.
GAZETTEER_TABLES: dict[str, Table] = {
    name: next(t for t in REF_TABLES if t.name == f"admin{_level(name)}") for name in REQUIRED_FILES
}
GAZETTEER_FILES: dict[str, str] = {name: table.name for name, table in GAZETTEER_TABLES.items()}


def check_gazetteer_dir(path: Path | str | None) -> Path:
    """`path` if it holds the four COD-AB CSVs, else raise extract.gazetteer.GazetteerMissing, worded as
    Gazetteer.from_dir words it (with how to get a gazetteer), without loading the whole index."""
    folder = Path(path).expanduser().resolve() if path else None
    if folder is None or not folder.is_dir():
        raise GazetteerMissing(f"No gazetteer folder found ({folder}). {HOW_TO_GET}")
    missing = [name for name in GAZETTEER_FILES if not (folder / name).is_file()]
    if missing:
        raise GazetteerMissing(f"The gazetteer folder {folder} lacks {', '.join(missing)}. {HOW_TO_GET}")
    return folder


def gazetteer_dir(path: Path | str | None = None) -> Path:
    """`path`, else the folder extract.gazetteer.default_gazetteer_dir finds, checked; raises GazetteerMissing."""
    return check_gazetteer_dir(path or default_gazetteer_dir())


def _column_types(path: Path, table: Table) -> dict[str, str]:
    """Codes and names (the declared VARCHAR columns) are text whatever they look like; numbers (area,
    coordinates) are left to DuckDB, as published."""
    with open(path, encoding="utf-8-sig", newline="") as handle:
        header = next(csv.reader(handle))
    declared = {c.name: c.type for c in table.columns if c.type == "VARCHAR"}
    return {col: declared[col] for col in header if col in declared}


def load_gazetteer(conn: duckdb.DuckDBPyConnection, directory: Path) -> dict[str, int]:
    """Create or replace ref.admin1..ref.admin4 from the CSVs in `directory`, in one transaction.
    Returns the row count of each table."""
    counts: dict[str, int] = {}
    conn.execute("CREATE SCHEMA IF NOT EXISTS ref")
    conn.execute("BEGIN TRANSACTION")
    try:
        for file_name, table in GAZETTEER_TABLES.items():
            path = Path(directory) / file_name
            types = _column_types(path, table)
            types_sql = "{" + ", ".join(f"'{c}': '{t}'" for c, t in types.items()) + "}"
            conn.execute(
                f"CREATE OR REPLACE TABLE {table.qualified} AS "
                f"SELECT * FROM read_csv(?, header = true, delim = ',', quote = '\"', types = {types_sql})",
                [str(path)],
            )
            counts[table.name] = conn.execute(f"SELECT count(*) FROM {table.qualified}").fetchone()[0]
    except BaseException:
        rollback(conn)  # keeps the real error (a full disk) when the transaction is already gone
        raise
    conn.execute("COMMIT")
    return counts
