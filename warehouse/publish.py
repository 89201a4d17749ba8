"""Publishing the marts for readers (BI tools, notebooks, the duckdb CLI) so that they never block the pipeline
and never see half a version.

DuckDB lets one process write a database file, and a process that has the file open, even read-only, keeps
the writer out. So readers do not open the warehouse: after each successful build the marts are copied out
of it, into the serving folder (RASD_SERVING_DIR, default: the warehouse's folder):

    serving.duckdb               the marts as tables, with their descriptions as comments, and _publication
    marts -> marts.versions/V    a symlink to the current version's folder
    marts.versions/V/            <mart>.parquet for each mart, and manifest.json (version, rows, columns)

How a version is swapped in, so that a reader sees the old version or the new one, whole, and a crash at any
point leaves a whole version published (one atomic step publishes both the serving file and the Parquet files):

1. Everything is written into `marts.versions/V.tmp/`: the new serving file (a new file, a new inode, so the
   lock of a reader holding the old one does not matter) and the Parquet files, from one read of the
   warehouse, and flushed to disk (fsync).
2. `marts.versions/V.tmp` is renamed to `marts.versions/V` (a rename of a new name: atomic).
3. The `marts` symlink is replaced by a new one pointing at `marts.versions/V`: a symlink is created under a
   temporary name and renamed over `marts` (rename(2) replaces the link atomically). This is the one step that
   publishes: `serving.duckdb` is itself a fixed symlink to `marts/serving.duckdb`, so the serving file and the
   Parquet files change together. A process that opened the old serving file keeps reading the old inode, a
   consistent snapshot, until it reconnects.
4. Old version folders beyond the newest KEEP_VERSIONS are deleted (a reader in the middle of one keeps
   its open files; POSIX unlinks only the name).

A crash before step 3 leaves the old version published and temporaries behind; every publication (even one that
finds nothing to do) first deletes the temporaries a killed one left. A folder published by an older Rasd, whose
`serving.duckdb` was a file of its own, is turned into the layout above by the next publication.

When the marts have not changed since the current version (same content fingerprint) nothing is
republished.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from warehouse.faults import failpoint

Marts = Mapping[str, tuple[str, ...]]  # mart -> the columns that order its rows (none: every column)


def marts_from_manifest(manifest_path: Path | str) -> dict[str, tuple[str, ...]]:
    """The marts readers get: the models of dbt_project/models/marts/ in dbt's manifest, by name, each with the
    columns that order its rows in the published files (`meta.order_by` in its .yml; without it, every column),
    so that the files are reproducible. A new mart is published without a change here."""
    nodes = json.loads(Path(manifest_path).read_text(encoding="utf-8"))["nodes"].values()
    marts = {
        node["alias"]: tuple(node["config"].get("meta", {}).get("order_by", ()))
        for node in nodes
        if node["resource_type"] == "model" and node["fqn"][1:2] == ["marts"]
    }
    return dict(sorted(marts.items()))


SERVING_FILE = "serving.duckdb"
MARTS_LINK = "marts"
VERSIONS_DIR = "marts.versions"
MANIFEST = "manifest.json"
KEEP_VERSIONS = 3


@dataclass
class Publication:
    version: str
    serving_file: Path
    marts_dir: Path
    version_dir: Path
    rows: dict[str, int] = field(default_factory=dict)
    fingerprint: str = ""
    republished: bool = True


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sql_string(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _new_version() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


@contextlib.contextmanager
def _reading(warehouse: Path) -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory DuckDB with the warehouse attached read-only as `wh`, closed on exit."""
    conn = duckdb.connect()
    try:
        conn.execute(f"ATTACH {_sql_string(str(warehouse))} AS wh (READ_ONLY)")
        yield conn
    finally:
        conn.close()


def marts_fingerprint(
    conn: duckdb.DuckDBPyConnection, marts: Marts, catalog: str = "wh"
) -> tuple[str, dict[str, int]]:
    """An order-independent fingerprint of the marts' content, and their row counts."""
    parts, rows = [], {}
    for mart in marts:
        count, xor = conn.execute(
            f"SELECT count(*), coalesce(bit_xor(hash(CAST(t AS VARCHAR))), 0) FROM {catalog}.main.{mart} AS t"
        ).fetchall()[0]
        rows[mart] = int(count)
        parts.append(f"{mart}:{count}:{xor}")
    return "|".join(parts), rows


def current_manifest(dest: Path) -> dict | None:
    try:
        return json.loads((dest / MARTS_LINK / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _is_published(dest: Path, manifest: dict | None, fingerprint: str, marts: Marts) -> bool:
    return (
        manifest is not None
        and manifest.get("fingerprint") == fingerprint
        and (dest / MARTS_LINK / SERVING_FILE).is_file()  # the serving file of this very version
        and all((dest / MARTS_LINK / f"{mart}.parquet").is_file() for mart in marts)
    )


def _copy_comments(conn: duckdb.DuckDBPyConnection, mart: str) -> None:
    """The descriptions dbt's persist_docs wrote on the warehouse's tables, onto the serving copies."""
    (comment,) = conn.execute(
        "SELECT comment FROM duckdb_tables() WHERE database_name = 'wh' AND schema_name = 'main' "
        "AND table_name = ?",
        [mart],
    ).fetchall()[0]
    if comment:
        conn.execute(f"COMMENT ON TABLE serving.main.{mart} IS {_sql_string(comment)}")
    for column, text in conn.execute(
        "SELECT column_name, comment FROM duckdb_columns() WHERE database_name = 'wh' AND schema_name = 'main' "
        "AND table_name = ? AND comment IS NOT NULL",
        [mart],
    ).fetchall():
        conn.execute(f'COMMENT ON COLUMN serving.main.{mart}."{column}" IS {_sql_string(text)}')


def _write_version(
    warehouse: Path, serving_tmp: Path, parquet_tmp: Path, version: str, published_at: str, marts: Marts
) -> dict:
    """Step 1: the new serving file and the Parquet files, from one read of the warehouse."""
    with _reading(warehouse) as conn:
        fingerprint, rows = marts_fingerprint(conn, marts)
        try:  # a storage format older DuckDB builds (BI tools' drivers) can read
            conn.execute(f"ATTACH {_sql_string(str(serving_tmp))} AS serving (STORAGE_VERSION 'v1.0.0')")
        except duckdb.Error:
            conn.execute(f"ATTACH {_sql_string(str(serving_tmp))} AS serving")
        manifest_marts = {}
        for mart, order in marts.items():
            conn.execute(
                f"CREATE TABLE serving.main.{mart} AS SELECT * FROM wh.main.{mart} "
                f"ORDER BY {', '.join(order) if order else 'ALL'}"
            )
            _copy_comments(conn, mart)
            target = parquet_tmp / f"{mart}.parquet"
            conn.execute(
                f"COPY serving.main.{mart} TO {_sql_string(str(target))} "
                f"(FORMAT parquet, COMPRESSION zstd, KV_METADATA {{rasd_version: {_sql_string(version)}}})"
            )
            columns = conn.execute(
                "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = 'serving' "
                "AND table_name = ? ORDER BY column_index",
                [mart],
            ).fetchall()
            manifest_marts[mart] = {
                "file": f"{mart}.parquet",
                "rows": rows[mart],
                "columns": {name: dtype for name, dtype in columns},
            }
        conn.execute(
            "CREATE TABLE serving.main._publication (version VARCHAR, published_at TIMESTAMP, mart VARCHAR, "
            "rows BIGINT)"
        )
        conn.executemany(
            "INSERT INTO serving.main._publication VALUES (?, ?, ?, ?)",
            [[version, published_at, mart, n] for mart, n in rows.items()],
        )
        conn.execute(
            "COMMENT ON TABLE serving.main._publication IS 'The version of the marts in this file (the same "
            "version as marts/manifest.json when both are current) and their row counts.'"
        )
        conn.execute("DETACH serving")  # checkpoints and closes the new file: no WAL is left beside it
    manifest = {
        "version": version,
        "published_at": published_at,
        "warehouse": str(warehouse),
        "fingerprint": fingerprint,
        "marts": manifest_marts,
    }
    (parquet_tmp / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    for path in parquet_tmp.iterdir():
        _fsync(path)
    _fsync(parquet_tmp)
    _fsync(serving_tmp)
    return manifest


def _swap_link(dest: Path, version: str) -> None:
    """Step 3: point `marts` at marts.versions/<version>, atomically."""
    link = dest / MARTS_LINK
    if link.exists() and not link.is_symlink():
        # A real folder (not made by publish): move it aside once; it cannot be replaced atomically.
        link.rename(dest / VERSIONS_DIR / f"legacy-{_new_version()}")
    tmp_link = dest / f".{MARTS_LINK}.{version}.link"
    with contextlib.suppress(FileNotFoundError):
        tmp_link.unlink()
    os.symlink(Path(VERSIONS_DIR) / version, tmp_link, target_is_directory=True)
    os.replace(tmp_link, link)


def _prune(dest: Path, keep: int, current: str) -> list[str]:
    """Step 4: delete all but the newest `keep` version folders (never the current one)."""
    versions_dir = dest / VERSIONS_DIR
    removed = []
    folders = sorted(  # version names sort by time; a legacy folder counts as the oldest
        (p.name for p in versions_dir.iterdir() if p.is_dir() and not p.name.endswith(".tmp")),
        key=lambda name: (not name.startswith("legacy-"), name),
    )
    for name in folders[: max(0, len(folders) - keep)]:
        if name != current:
            shutil.rmtree(versions_dir / name, ignore_errors=True)
            removed.append(name)
    return removed


def clean_temporaries(dest: Path) -> list[str]:
    """Delete what a publication killed half-way left: unfinished version folders, temporary links, and the
    serving files of the older layout's step 1. Publications never run at once (the run holds the warehouse
    lock), so whatever temporary is there belongs to a dead one."""
    removed = []
    for stale in (dest / VERSIONS_DIR).glob("*.tmp"):
        shutil.rmtree(stale, ignore_errors=True)
        removed.append(f"{VERSIONS_DIR}/{stale.name}")
    for pattern in (f".{MARTS_LINK}.*.link", f".{SERVING_FILE}.link", ".serving-*.duckdb", ".serving-*.duckdb.wal"):
        for stale in dest.glob(pattern):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
            removed.append(stale.name)
    return removed


def _serving_link(dest: Path) -> None:
    """`serving.duckdb` as the symlink to `marts/serving.duckdb` (made once; replaces the older layout's file
    atomically, and is repaired if anything else stands there)."""
    serving, target = dest / SERVING_FILE, str(Path(MARTS_LINK) / SERVING_FILE)
    if serving.is_symlink() and os.readlink(serving) == target:
        return
    if serving.is_dir() and not serving.is_symlink():
        raise RuntimeError(f"{serving} is a folder: move it away so that the serving file can be published")
    tmp = dest / f".{SERVING_FILE}.link"
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, serving)


def publish(
    warehouse: Path | str, dest: Path | str, marts: Marts, *, keep: int = KEEP_VERSIONS, force: bool = False
) -> Publication:
    """Publish the `marts` (marts_from_manifest) of `warehouse` into the folder `dest` (see the module docstring).
    The warehouse must not be open for writing by another process (it is attached read-only)."""
    warehouse, dest = Path(warehouse).resolve(), Path(dest).resolve()
    versions_dir = dest / VERSIONS_DIR
    versions_dir.mkdir(parents=True, exist_ok=True)
    clean_temporaries(dest)

    manifest = current_manifest(dest)
    if not force and manifest is not None:
        with _reading(warehouse) as conn:
            fingerprint, rows = marts_fingerprint(conn, marts)
        if _is_published(dest, manifest, fingerprint, marts):
            _serving_link(dest)  # completes a publication of the older layout killed before its last step
            return Publication(
                version=manifest["version"],
                serving_file=dest / SERVING_FILE,
                marts_dir=dest / MARTS_LINK,
                version_dir=(dest / MARTS_LINK).resolve(),
                rows=rows,
                fingerprint=fingerprint,
                republished=False,
            )

    version = _new_version()
    published_at = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
    tmp = versions_dir / f"{version}.tmp"
    tmp.mkdir()
    try:
        manifest = _write_version(warehouse, tmp / SERVING_FILE, tmp, version, published_at, marts)  # step 1
        failpoint("publish.written")
        version_dir = versions_dir / version
        tmp.rename(version_dir)  # step 2
        _fsync(versions_dir)
        failpoint("publish.renamed")
        with contextlib.suppress(FileNotFoundError):
            # a WAL beside the serving file can only come from someone who opened it for writing; it
            # belongs to the old file and must not be replayed into the new one
            (dest / f"{SERVING_FILE}.wal").unlink()
        _swap_link(dest, version)  # step 3: the serving file and the Parquet files, at once
        failpoint("publish.swapped")
        _serving_link(dest)
        _fsync(dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    _prune(dest, keep, version)  # step 4
    return Publication(
        version=version,
        serving_file=dest / SERVING_FILE,
        marts_dir=dest / MARTS_LINK,
        version_dir=version_dir,
        rows={mart: info["rows"] for mart, info in manifest["marts"].items()},
        fingerprint=manifest["fingerprint"],
    )
