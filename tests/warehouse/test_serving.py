"""Readers never block the writer, and never see half a version (warehouse/publish.py).

- A process holding the published serving.duckdb open read-only while a whole pipeline run completes: the run
  succeeds, the holder keeps a consistent view of the version it opened, a new connection sees the new version.
- Readers polling the serving file and the Parquet files while versions are published one after another: every
  read is one whole version (row counts and content of one publication), never a mix or a partial file.
- Unchanged marts are not republished; old versions are pruned; no temporary file is left; descriptions and the
  version travel with the files; the serving folder defaults to the warehouse's.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from warehouse.publish import KEEP_VERSIONS, marts_from_manifest, publish

# Stand-in marts for publish() on a small warehouse: a name, and the columns that order its rows.
MARTS = {"events": ("event_date", "event_id"), "district_day": ("event_date", "admin2_pcode"), "districts": ()}

# --- a reader holding the serving file during a full pipeline run ---------------------------------------------


@pytest.mark.e2e
def test_a_reader_holding_the_serving_file_does_not_block_a_full_run(linkage_runs) -> None:
    """tests/conftest.py::linkage_runs: run 2 completes while another process holds run 1's serving.duckdb open."""
    seen = linkage_runs["holder"]
    first = linkage_runs["first"]
    version_1 = _published(first)["version"]
    version_2 = _published(linkage_runs["second"])["version"]
    assert version_1 != version_2
    # the held connection sees version 1, whole, before and after the run replaced the file
    assert seen["before"] == {"version": version_1, "consistent": True, "events": 1}
    assert seen["after_on_held_connection"] == seen["before"]
    # a new connection sees the new version, whole
    assert seen["new_connection"] == {"version": version_2, "consistent": True, "events": 2}


def _published(result) -> dict:
    for event in result.get_asset_materialization_events():
        materialization = event.step_materialization_data.materialization
        if materialization.asset_key.to_user_string() == "published_marts":
            return {k: getattr(v, "value", v) for k, v in materialization.metadata.items()}
    raise AssertionError("published_marts was not materialised")


# --- publish() on a small stand-in warehouse --------------------------------------------------------------------


def _base_rows(mart: str) -> int:
    return 3 + list(MARTS).index(mart)


def make_warehouse(path: Path, k: int) -> None:
    """Stand-in marts for publication number k: mart m has base(m) + k rows, every one with n = k."""
    conn = duckdb.connect(str(path))
    try:
        for mart, order in MARTS.items():
            keys = order or ("key",)  # a mart without order_by is published ordered by all its columns
            columns = ", ".join(f"{c} varchar" for c in keys)
            conn.execute(f"create or replace table main.{mart} ({columns}, n integer)")
            conn.execute(
                f"insert into main.{mart} select {', '.join('i::varchar' for _ in keys)}, {k} "
                f"from range({_base_rows(mart) + k}) t(i)"
            )
            conn.execute(f"comment on table main.{mart} is 'the {mart} mart'")
            conn.execute(f"comment on column main.{mart}.n is 'the publication number'")
    finally:
        conn.close()


# Polls until told to stop: the serving file (a new connection each time) and the Parquet files, both through the
# `marts` link file by file and inside one resolved version folder. Every read must be one whole publication k:
# every row n = k, base(m) + k rows. Prints {"reads": ..., "versions": [...], "errors": [...]}.
READER = r"""
import json, os, sys, time, duckdb
from pathlib import Path
dest, stop, marts = Path(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
base = {m: 3 + i for i, m in enumerate(marts)}
errors, versions, reads = [], set(), 0
mem = duckdb.connect()

def check(label, values):
    ks = {k for k, _ in values.values()}
    if len(ks) != 1:
        errors.append(f"{label}: mixed publications {sorted(ks)}")
        return
    (k,) = ks
    for mart, (kk, rows) in values.items():
        if kk is None or rows != base[mart] + k:
            errors.append(f"{label}: {mart} has {rows} rows for publication {k}")

def parquet(path):
    n = mem.execute(f"select min(n), max(n), count(*) from read_parquet('{path}')").fetchall()[0]
    if n[0] != n[1]:
        return None, n[2]
    return n[0], n[2]

while not stop.exists():
    try:
        conn = duckdb.connect(str(dest / "serving.duckdb"), read_only=True)
        try:
            values = {}
            for mart in marts:
                lo, hi, rows = conn.execute(f"select min(n), max(n), count(*) from {mart}").fetchall()[0]
                values[mart] = (lo if lo == hi else None, rows)
            published = dict(conn.execute("select mart, rows from _publication").fetchall())
            if published != {m: r for m, (_, r) in values.items()}:
                errors.append(f"serving: _publication {published} disagrees with the tables")
            versions.add(conn.execute("select any_value(version) from _publication").fetchall()[0][0])
        finally:
            conn.close()
        check("serving", values)
        folder = Path(os.path.realpath(dest / "marts"))
        manifest = json.loads((folder / "manifest.json").read_text())
        check("parquet folder", {m: parquet(folder / f"{m}.parquet") for m in marts})
        for m in marts:
            kv = mem.execute(f"select value from parquet_kv_metadata('{folder / (m + '.parquet')}') "
                             "where key = 'rasd_version'").fetchall()
            if kv != [(manifest["version"].encode(),)]:
                errors.append(f"parquet folder: {m} carries version {kv}, manifest {manifest['version']}")
        for m in marts:  # through the link, file by file: each file whole
            k, rows = parquet(dest / "marts" / f"{m}.parquet")
            check(f"parquet link {m}", {m: (k, rows)})
        reads += 1
    except Exception as err:  # a read that fails is as bad as a wrong one
        errors.append(f"{type(err).__name__}: {err}")
print(json.dumps({"reads": reads, "versions": sorted(versions), "errors": errors[:20]}))
"""


def test_concurrent_readers_see_whole_versions(tmp_path: Path) -> None:
    warehouse, dest = tmp_path / "wh.duckdb", tmp_path / "serving"
    make_warehouse(warehouse, 1)
    publish(warehouse, dest, MARTS)
    stop = tmp_path / "stop"
    readers = [
        subprocess.Popen(
            [sys.executable, "-c", READER, str(dest), str(stop), json.dumps(list(MARTS))],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    try:
        time.sleep(1.0)
        for k in range(2, 12):
            make_warehouse(warehouse, k)
            assert publish(warehouse, dest, MARTS).republished
            time.sleep(0.3)
    finally:
        stop.write_text("stop")
        outputs = [reader.communicate(timeout=120) for reader in readers]
    for reader, (out, err) in zip(readers, outputs, strict=True):
        assert reader.returncode == 0, err[-3000:]
        seen = json.loads(out.strip().splitlines()[-1])
        assert seen["errors"] == []
        assert seen["reads"] >= 5 and len(seen["versions"]) >= 2, seen


def test_publish_layout_versions_and_pruning(tmp_path: Path) -> None:
    warehouse, dest = tmp_path / "wh.duckdb", tmp_path / "serving"
    make_warehouse(warehouse, 1)
    first = publish(warehouse, dest, MARTS)
    assert first.republished and first.rows == {m: _base_rows(m) + 1 for m in MARTS}
    link = dest / "marts"
    assert link.is_symlink() and os.readlink(link) == f"marts.versions/{first.version}"
    manifest = json.loads((link / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["version"] == first.version
    assert {m: info["rows"] for m, info in manifest["marts"].items()} == first.rows

    # unchanged marts: nothing is republished
    again = publish(warehouse, dest, MARTS)
    assert not again.republished and again.version == first.version

    # the descriptions and the version travel with the files
    conn = duckdb.connect(str(dest / "serving.duckdb"), read_only=True)
    try:
        assert conn.execute("select comment from duckdb_tables() where table_name = 'events'").fetchall() == [
            ("the events mart",)
        ]
        assert conn.execute(
            "select comment from duckdb_columns() where table_name = 'district_day' and column_name = 'n'"
        ).fetchall() == [("the publication number",)]
        assert conn.execute("select distinct version from _publication").fetchall() == [(first.version,)]
        assert conn.execute(
            f"select value from parquet_kv_metadata('{link / 'events.parquet'}') where key = 'rasd_version'"
        ).fetchall() == [(first.version.encode(),)]
    finally:
        conn.close()

    # new versions: the link moves, the newest KEEP_VERSIONS folders stay, nothing temporary is left
    versions = [first.version]
    for k in range(2, 2 + KEEP_VERSIONS + 1):
        make_warehouse(warehouse, k)
        versions.append(publish(warehouse, dest, MARTS).version)
    assert len(set(versions)) == len(versions)
    assert os.readlink(link) == f"marts.versions/{versions[-1]}"
    assert sorted(p.name for p in (dest / "marts.versions").iterdir()) == versions[-KEEP_VERSIONS:]
    assert sorted(p.name for p in dest.iterdir()) == ["marts", "marts.versions", "serving.duckdb"]


def test_a_failed_publication_leaves_the_current_version(tmp_path: Path) -> None:
    warehouse, dest = tmp_path / "wh.duckdb", tmp_path / "serving"
    make_warehouse(warehouse, 1)
    first = publish(warehouse, dest, MARTS)
    conn = duckdb.connect(str(warehouse))
    conn.execute("drop table main.district_day")  # a broken warehouse: the copy fails half-way
    conn.close()
    with pytest.raises(duckdb.Error):
        publish(warehouse, dest, MARTS, force=True)
    assert os.readlink(dest / "marts") == f"marts.versions/{first.version}"
    assert sorted(p.name for p in dest.iterdir()) == ["marts", "marts.versions", "serving.duckdb"]
    assert [p.name for p in (dest / "marts.versions").iterdir()] == [first.version]
    conn = duckdb.connect(str(dest / "serving.duckdb"), read_only=True)
    try:
        assert conn.execute("select distinct version from _publication").fetchall() == [(first.version,)]
    finally:
        conn.close()


def test_the_published_marts_are_the_dbt_marts_of_the_manifest() -> None:
    """Publishing reads the mart list from dbt's manifest (`make dbt-parse`): every model of models/marts/, with the
    row order its .yml declares (meta.order_by)."""
    manifest = Path(__file__).resolve().parents[2] / "dbt_project" / "target" / "manifest.json"
    if not manifest.exists():
        pytest.fail(f"{manifest} is missing: run `make dbt-parse` first")
    marts = marts_from_manifest(manifest)
    models = sorted(p.stem for p in (manifest.parents[1] / "models" / "marts").glob("*.sql"))
    assert list(marts) == models
    assert marts["events"] == ("event_date", "event_id") and marts["districts"] == ("admin2_pcode",)
