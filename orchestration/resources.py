"""Dagster resources for Rasd, configured from the environment (see orchestration.paths)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import duckdb
from dagster import ConfigurableResource
from dagster_duckdb import DuckDBResource

from orchestration import paths
from warehouse.connection import ensure_schema


def warehouse_resource(database: str | Path | None = None) -> DuckDBResource:
    """The DuckDB warehouse: RASD_WAREHOUSE, or <repo>/data/warehouse.duckdb."""
    return DuckDBResource(database=str(database or paths.warehouse_path()))


@contextlib.contextmanager
def warehouse_connection(resource: DuckDBResource) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection from the DuckDBResource, with the Rasd tables created, closed even when the body raises.

    DuckDB lets one process write a file at a time: every asset closes its connection before it returns,
    so that dbt (a subprocess) can open the warehouse afterwards.
    """
    if resource.database != ":memory:":
        Path(resource.database).parent.mkdir(parents=True, exist_ok=True)
    with resource.get_connection() as conn:
        try:
            ensure_schema(conn)
            yield conn
        finally:
            conn.close()


class RasdPaths(ConfigurableResource):
    """Where the inbox, the gazetteer and the published marts are. Unset fields are read from the environment
    at run time (RASD_INBOX, RASD_GAZETTEER_DIR, RASD_SERVING_DIR; see orchestration.paths), so a missing
    gazetteer fails the asset that needs it, not the loading of the definitions."""

    inbox: str | None = None
    gazetteer_dir: str | None = None
    serving_dir: str | None = None

    def inbox_path(self) -> Path:
        return Path(self.inbox).resolve() if self.inbox else paths.inbox_dir()

    def serving_path(self, warehouse: str | Path) -> Path:
        """Where the marts of `warehouse` are published (warehouse.publish)."""
        return Path(self.serving_dir).resolve() if self.serving_dir else paths.serving_dir(warehouse)

    def gazetteer_path(self) -> Path:
        """The gazetteer folder; raises extract.gazetteer.GazetteerMissing when there is none."""
        if self.gazetteer_dir:
            return paths.check_gazetteer_dir(Path(self.gazetteer_dir).resolve())
        return paths.gazetteer_dir()
