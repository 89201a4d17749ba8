"""The dbt project (dbt_project/) as Dagster assets: `dbt build` materialises the models and runs the dbt
tests, which Dagster shows as asset checks on the models they test.

The marts are incremental by event day: before dbt runs, warehouse.incremental works out from the
warehouse which event days changed since the last complete build (or that a full refresh is due) and
passes them as the vars min_event_date / max_event_date; after a successful complete build it records
what that build read. Then `published_marts` (orchestration/assets/publish.py) publishes the marts.

The dbt models are not partitioned. They are whole tables keyed by event day, and one incident merges reports
published on different days (linkage), so a mart row belongs to no one publication-day partition. A partitioned
run (a range of `event_mentions` partitions; orchestration/partitions.py) passes its publication days to the plan,
which widens them to the event days they can hold (warehouse.incremental.partition_event_days) and rebuilds
those: dagster-dbt's documented pattern (`partition_time_window` -> `--vars`), applied to the run's window rather
than to a partition of the marts. An unpartitioned run plans from the changes alone, as it always did.

The manifest must exist before this module is imported: `make dbt-parse` (or `dbt parse` in dbt_project/,
or `dagster-dbt project prepare-and-package --file orchestration/assets/warehouse.py`). Under `dagster dev`,
DbtProject.prepare_if_dev() re-parses on every load.
"""

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    DbtProject,
    dbt_assets,
)
from dagster_duckdb import DuckDBResource

from orchestration.partitions import PublicationWindow, run_publication_window
from orchestration.resources import Locations
from warehouse.connection import connect
from warehouse.incremental import BuildPlan, plan_build, record_build

# dagster-dbt runs `dbt` as its resource says (the venv's, orchestration.definitions.dbt_executable); under
# `dagster dev`, prepare_if_dev() parses with the `dbt` of PATH (`make ui` puts the venv first on it).
_dbt_project_dir = Locations.from_environment().dbt_project
rasd_dbt_project = DbtProject(project_dir=_dbt_project_dir, profiles_dir=_dbt_project_dir)
rasd_dbt_project.prepare_if_dev()


class RasdDbtTranslator(DagsterDbtTranslator):
    """Every dbt model lands in the "warehouse" group. Sources keep the asset keys their `meta.dagster.asset_key`
    names (["articles"], ["event_mentions"], ["gazetteer"]), which are the Python assets that write them."""

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props.get("resource_type") == "source":
            return super().get_group_name(dbt_resource_props)
        return "warehouse"


# Several dbt sources map to one Dagster asset (raw.articles and raw.rejected_articles are both written by
# `articles`; ref.admin1..4 by `gazetteer`): dagster-dbt rejects that unless duplicate source keys are enabled.
# dbt tests on models become asset checks (the default since dagster-dbt 0.23; stated here for clarity).
translator = RasdDbtTranslator(
    settings=DagsterDbtTranslatorSettings(enable_asset_checks=True, enable_duplicate_source_asset_keys=True)
)


@dbt_assets(
    manifest=rasd_dbt_project.manifest_path, dagster_dbt_translator=translator, project=rasd_dbt_project
)
def warehouse_models(context: dg.AssetExecutionContext, dbt: DbtCliResource, duckdb: DuckDBResource):
    """`dbt build` against the same DuckDB file the Python assets write (the duckdb resource's database),
    incremental over the event days that changed since the last complete build and, in a partitioned run, the
    event days of its publication-day partitions."""
    warehouse = str(Path(duckdb.database).resolve())
    plan = build_plan(warehouse, run_publication_window(context))
    context.log.info(f"dbt build, {plan.describe()}")
    # dbt's profile takes the warehouse file from the var `warehouse` (dbt_project/profiles.yml). No Python
    # connection to the warehouse is open here: DuckDB admits one writing process, and every Python asset closes
    # its connection before returning.
    invocation = dbt.cli(["build", *plan.dbt_args(warehouse=warehouse)], context=context)
    # stream() raises when dbt fails (a model or a test with severity error): then nothing is recorded,
    # and the next run reprocesses the same days.
    yield from invocation.stream()
    if context.is_subset:
        context.log.info("only some dbt models were selected: the build is not recorded as complete")
        return
    with connect(warehouse) as conn:
        recorded = record_build(conn, plan)
    context.log.info(f"recorded the build: {recorded} mention(s)")


def build_plan(warehouse: str | Path, window: PublicationWindow | None = None) -> BuildPlan:
    """The plan for the next `dbt build` of `warehouse` (warehouse.incremental), for the publication days of a
    partitioned run or for an unpartitioned one (`window` None); the connection is closed before dbt starts."""
    Path(warehouse).parent.mkdir(parents=True, exist_ok=True)
    days = (window.first, window.last) if window is not None else None
    with connect(warehouse) as conn:
        return plan_build(conn, rasd_dbt_project.project_dir, rasd_dbt_project.manifest_path, days)
