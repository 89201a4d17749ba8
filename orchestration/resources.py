"""Dagster resources for Rasd, and where their settings come from.

The environment is read once, when the definitions are built (`Locations.from_environment`, called by
orchestration.definitions.build_resources); from there on every setting reaches the code as resource config,
and nothing writes os.environ (only the failpoints of tests, warehouse/faults.py, look at it later):

    RASD_INBOX          folder of article files                    (default <repo>/data/inbox)
    RASD_WAREHOUSE      the DuckDB warehouse file                  (default <repo>/data/warehouse.duckdb)
    RASD_GAZETTEER_DIR  folder with the OCHA COD-AB CSVs           (default: data/gazetteer if downloaded, else
                                                                    ../shared/gazetteer; extract.gazetteer)
    RASD_SERVING_DIR    where the marts are published for readers  (default: the warehouse's folder)
    RASD_CONFIG         the settings file (docs/ingest.md)         (default <repo>/rasd.toml when it exists)
    RASD_DBT_PROJECT    the dbt project folder                     (default <repo>/dbt_project)
    DAGSTER_HOME        Dagster's instance folder                  (default <repo>/.dagster_home)

and the thresholds of the WARN quality checks (QualityThresholds; orchestration/assets/quality_checks.py and,
for the suspect incidents, orchestration/assets/outputs.py).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

import duckdb
from dagster import ConfigurableResource
from dagster_duckdb import DuckDBResource

from ingest.settings import IngestConfig, config_path, load_config
from warehouse.connection import ensure_schema
from warehouse.reference import gazetteer_dir

REPO_ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Locations:
    """Every place Rasd reads or writes, resolved to absolute paths."""

    inbox: Path
    warehouse: Path
    serving_dir: Path
    gazetteer_dir: Path | None  # None: found when a step needs it (warehouse.reference.gazetteer_dir)
    settings_file: Path | None  # None: the defaults
    dbt_project: Path
    dagster_home: Path

    @classmethod
    def from_environment(
        cls, environ: Mapping[str, str] | None = None, **given: str | Path | None
    ) -> Locations:
        """The locations from `given` (the CLI's options, a test's folders), else the environment, else the
        defaults. The one place the RASD_* variables are read."""
        environ = os.environ if environ is None else environ

        def pick(key: str, variable: str) -> Path | None:
            value = given.get(key) or environ.get(variable, "").strip()
            return Path(value).expanduser().resolve() if value else None

        warehouse = pick("warehouse", "RASD_WAREHOUSE") or REPO_ROOT / "data" / "warehouse.duckdb"
        return cls(
            inbox=pick("inbox", "RASD_INBOX") or REPO_ROOT / "data" / "inbox",
            warehouse=warehouse,
            serving_dir=pick("serving_dir", "RASD_SERVING_DIR") or warehouse.parent,
            gazetteer_dir=pick("gazetteer_dir", "RASD_GAZETTEER_DIR"),
            settings_file=pick("settings_file", "RASD_CONFIG") or config_path({}),
            dbt_project=pick("dbt_project", "RASD_DBT_PROJECT") or REPO_ROOT / "dbt_project",
            dagster_home=pick("dagster_home", "DAGSTER_HOME") or REPO_ROOT / ".dagster_home",
        )


def warehouse_resource(database: str | Path | None = None) -> DuckDBResource:
    """The DuckDB warehouse: `database`, else RASD_WAREHOUSE, else <repo>/data/warehouse.duckdb."""
    return DuckDBResource(database=str(database or Locations.from_environment().warehouse))


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
    """Where the inbox, the gazetteer, the published marts and the settings file are (Locations, read once when
    the definitions are built). An unset gazetteer folder is looked for when a step needs it, so a missing
    gazetteer fails the asset that needs it, not the loading of the definitions."""

    inbox: str = str(REPO_ROOT / "data" / "inbox")
    gazetteer_dir: str | None = None
    serving_dir: str | None = None
    settings_file: str | None = None

    @classmethod
    def from_locations(cls, locations: Locations) -> RasdPaths:
        return cls(
            inbox=str(locations.inbox),
            gazetteer_dir=str(locations.gazetteer_dir) if locations.gazetteer_dir else None,
            serving_dir=str(locations.serving_dir),
            settings_file=str(locations.settings_file) if locations.settings_file else None,
        )

    def inbox_path(self) -> Path:
        return Path(self.inbox).resolve()

    def serving_path(self, warehouse: str | Path) -> Path:
        """Where the marts of `warehouse` are published (warehouse.publish): serving_dir, else beside it."""
        return Path(self.serving_dir).resolve() if self.serving_dir else Path(warehouse).resolve().parent

    def gazetteer_path(self) -> Path:
        """The gazetteer folder; raises extract.gazetteer.GazetteerMissing when there is none."""
        return gazetteer_dir(self.gazetteer_dir)

    def settings(self) -> IngestConfig:
        """The ingest settings (rasd.toml; the defaults without a file); raises ingest.settings.ConfigError naming
        the setting and the file."""
        return load_config(self.settings_file) if self.settings_file else IngestConfig()


class QualityThresholds(ConfigurableResource):
    """The thresholds of the quality checks as the environment gave them when the resources were built (None: the
    default of orchestration/assets/quality_checks.py, which also checks that each is a share)."""

    ENVIRONMENT: ClassVar[dict[str, str]] = {
        "max_rejected_rate": "RASD_MAX_REJECTED_RATE",
        "min_share_with_events": "RASD_MIN_SHARE_WITH_EVENTS",
        "max_unresolved_place_rate": "RASD_MAX_UNRESOLVED_PLACE_RATE",
        "max_suspect_killed_share": "RASD_MAX_SUSPECT_KILLED_SHARE",
    }

    max_rejected_rate: str | None = None
    min_share_with_events: str | None = None
    max_unresolved_place_rate: str | None = None
    max_suspect_killed_share: str | None = None

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> QualityThresholds:
        environ = os.environ if environ is None else environ
        return cls(**{field: environ.get(variable) or None for field, variable in cls.ENVIRONMENT.items()})

