"""The one Dagster code location of Rasd: `dagster dev -w workspace.yaml` loads `defs` from here.

    articles (ingest) ─┐
                       ├─> event_mentions (extraction) ─> dbt models (warehouse; dbt tests as asset checks)
    gazetteer (ref) ───┘                                   ─> published_marts (serving.duckdb, marts/*.parquet)

Every step runs in one process, one after the other: DuckDB admits one writing process per file. For the same
reason every job carries the run tag rasd/warehouse (RUN_TAGS), which dagster_home/dagster.yaml limits to one
running run at a time (QueuedRunCoordinator). `inbox_sensor` starts the job for the publication days of an inbox
file that is new or changed, `rasd_pipeline_daily` every night, unpartitioned (orchestration/sensors.py).

`event_mentions` is partitioned by publication day (orchestration/partitions.py), so `rasd_pipeline` is a
partitioned job: launched for a partition or a range it extracts those days' articles and rebuilds their event
days; launched without one (`rasd run`, the schedule) it extracts everything pending, as it always did.
"""

from __future__ import annotations

import sys
from pathlib import Path

import dagster as dg
from dagster_dbt import DbtCliResource

from orchestration.assets.checks import (
    every_article_extracted,
    evidence_offsets_match_text,
    extracted_by_current_version,
)
from orchestration.assets.extraction import build_event_mentions, event_mentions
from orchestration.assets.ingest import articles
from orchestration.assets.outputs import report, suspect_incidents_share
from orchestration.assets.publish import published_marts
from orchestration.assets.quality_checks import QUALITY_CHECKS
from orchestration.assets.reference import gazetteer
from orchestration.assets.warehouse import rasd_dbt_project, warehouse_models
from orchestration.resources import Locations, QualityThresholds, RasdPaths, warehouse_resource
from orchestration.sensors import daily_schedule, inbox_sensor

ASSETS = [articles, gazetteer, event_mentions, warehouse_models, published_marts, report]
ASSET_CHECKS = [
    evidence_offsets_match_text,
    every_article_extracted,
    extracted_by_current_version,
    *QUALITY_CHECKS,
    suspect_incidents_share,
]

# Every run writes the warehouse: dagster_home/dagster.yaml lets one run with this tag run at a time.
WAREHOUSE_TAG = "rasd/warehouse"
RUN_TAGS = {WAREHOUSE_TAG: "write"}

rasd_pipeline = dg.define_asset_job(
    "rasd_pipeline",
    selection=dg.AssetSelection.all(),
    description=(
        "Ingest the inbox, load the gazetteer, extract events, build and test the dbt warehouse, publish the marts."
    ),
    executor_def=dg.in_process_executor,
    tags=RUN_TAGS,
)
rasd_pipeline_daily = daily_schedule(rasd_pipeline)


def dbt_executable() -> str:
    """The dbt beside this Python (the project's venv) when there is one: the venv need not be on PATH."""
    beside = Path(sys.executable).parent / "dbt"
    return str(beside) if beside.exists() else "dbt"


def build_resources(
    warehouse: str | Path | None = None,
    inbox: str | Path | None = None,
    gazetteer_dir: str | Path | None = None,
    serving_dir: str | Path | None = None,
    settings_file: str | Path | None = None,
) -> dict[str, object]:
    """The resources, from the arguments or else the environment (RASD_WAREHOUSE, RASD_INBOX, RASD_GAZETTEER_DIR,
    RASD_SERVING_DIR, RASD_CONFIG, the quality thresholds), read once, here (orchestration.resources)."""
    locations = Locations.from_environment(
        warehouse=warehouse, inbox=inbox, gazetteer_dir=gazetteer_dir, serving_dir=serving_dir,
        settings_file=settings_file,
    )  # fmt: skip
    return {
        "duckdb": warehouse_resource(locations.warehouse),
        "dbt": DbtCliResource(project_dir=rasd_dbt_project, dbt_executable=dbt_executable()),
        "rasd": RasdPaths.from_locations(locations),
        "quality": QualityThresholds.from_environment(),
    }


def build_definitions(extractor_version: str | None = None, **kwargs: str | Path | None) -> dg.Definitions:
    """The definitions, with resources from `kwargs` (build_resources). `extractor_version` replaces the code
    version `event_mentions` declares (default: the running EXTRACTOR_VERSION); tests use it to load the
    definitions as they would be after a change of extractor."""
    assets = ASSETS
    if extractor_version is not None:
        assets = [build_event_mentions(extractor_version) if a is event_mentions else a for a in ASSETS]
    return dg.Definitions(
        assets=assets,
        asset_checks=ASSET_CHECKS,
        jobs=[rasd_pipeline],
        schedules=[rasd_pipeline_daily],
        sensors=[inbox_sensor],
        resources=build_resources(**kwargs),
        executor=dg.in_process_executor,
    )


defs = build_definitions()
