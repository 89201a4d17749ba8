"""Snapshots of a whole warehouse, to compare runs."""

from __future__ import annotations

from pathlib import Path

import duckdb

# When a row was written, not what it says: differs between two runs that write the same rows. Any other
# timestamp column named *_at (built_at, ...) counts too; published_at is data.
RUN_TIME_COLUMNS = {"ingested_at", "rejected_at", "extracted_at", "seen_at", "failed_at"}


# Columns derived from run times: the dbt bookkeeping's fingerprint of a mention hashes its extracted_at.
DERIVED_FROM_RUN_TIMES = {('"meta"."dbt_built_mentions"', "fingerprint")}


def is_run_time(name: str, type_: str) -> bool:
    return name in RUN_TIME_COLUMNS or (
        name.endswith("_at") and name != "published_at" and "TIMESTAMP" in type_
    )


def relations(conn: duckdb.DuckDBPyConnection) -> list[str]:
    rows = conn.execute(
        "SELECT table_schema, table_name FROM information_schema.tables "
        "WHERE table_catalog = current_database() ORDER BY 1, 2"
    ).fetchall()
    return [f'"{schema}"."{name}"' for schema, name in rows]


def snapshot(warehouse: Path, *, drop_run_times: bool = False) -> dict[str, list[tuple]]:
    """relation -> its rows, sorted; with drop_run_times, without the columns that record when a row was written."""
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        out = {}
        for rel in relations(conn):
            columns = [(r[0], r[1]) for r in conn.execute(f"DESCRIBE {rel}").fetchall()]
            keep = [c for c, t in columns
                    if not (drop_run_times and (is_run_time(c, t) or (rel, c) in DERIVED_FROM_RUN_TIMES))]  # fmt: skip
            select = ", ".join(f'"{c}"' for c in keep)
            out[rel] = conn.execute(f"SELECT {select} FROM {rel} ORDER BY ALL").fetchall()
        return out
    finally:
        conn.close()


def differences(a: dict[str, list[tuple]], b: dict[str, list[tuple]]) -> list[str]:
    out = []
    for rel in sorted(set(a) | set(b)):
        if rel not in a or rel not in b:
            out.append(f"{rel}: only in {'the first' if rel in a else 'the second'}")
        elif a[rel] != b[rel]:
            rows_a, rows_b = {repr(r) for r in a[rel]}, {repr(r) for r in b[rel]}
            example = sorted(rows_a - rows_b)[:1] + sorted(rows_b - rows_a)[:1]
            out.append(
                f"{rel}: {len(a[rel])} vs {len(b[rel])} rows ({len(rows_a - rows_b)} only in the first, "
                f"{len(rows_b - rows_a)} only in the second; e.g. {' / '.join(e[:300] for e in example)})"
            )
    return out


def base_tables(warehouse: Path) -> set[str]:
    """The relations that are tables (not views, which show their sources live)."""
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables "
            "WHERE table_catalog = current_database() AND table_type = 'BASE TABLE'"
        ).fetchall()
        return {f'"{schema}"."{name}"' for schema, name in rows}
    finally:
        conn.close()


def files_beside(warehouse: Path) -> dict[str, str]:
    """What else the pipeline writes in the warehouse's folder (the published marts, ...): path -> sha256."""
    import hashlib

    return {
        str(p.relative_to(warehouse.parent)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(warehouse.parent.rglob("*"))
        if p.is_file() and not p.name.startswith(warehouse.name)
    }
