"""Asset `published_marts`: after a successful dbt build, the marts as Parquet files and a read-only serving DuckDB
file, swapped in atomically (warehouse/publish.py), so that readers never block the pipeline."""

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from orchestration.assets.warehouse import rasd_dbt_project
from orchestration.resources import RasdPaths
from warehouse.publish import marts_from_manifest, publish

# The marts of the dbt project (its manifest, read when the definitions load, as the dbt assets read it).
MARTS = marts_from_manifest(rasd_dbt_project.manifest_path)


@dg.asset(
    group_name="warehouse",
    kinds={"duckdb", "parquet"},
    deps=[dg.AssetKey(mart) for mart in MARTS],
    description=(
        "The marts published for readers: serving.duckdb (a read-only copy with the column descriptions) and "
        "marts/<mart>.parquet, in the serving folder (RASD_SERVING_DIR, default beside the warehouse). Each is "
        "written under a new name and swapped in atomically, so a reader sees a whole version and holds no lock "
        "the pipeline needs. Runs only after the dbt build (models and tests) succeeded."
    ),
)
def published_marts(
    context: dg.AssetExecutionContext, duckdb: DuckDBResource, rasd: RasdPaths
) -> dg.MaterializeResult:
    warehouse = Path(duckdb.database).resolve()
    publication = publish(warehouse, rasd.serving_path(warehouse), MARTS)
    if publication.republished:
        context.log.info(f"published version {publication.version} into {publication.serving_file.parent}")
    else:
        context.log.info(f"the marts are unchanged: version {publication.version} stays published")
    rows_table = "\n".join(
        ["| mart | rows |", "|---|---|", *(f"| {mart} | {n} |" for mart, n in publication.rows.items())]
    )
    return dg.MaterializeResult(
        metadata={
            "version": publication.version,
            "republished": publication.republished,
            "serving_file": dg.MetadataValue.path(str(publication.serving_file)),
            "parquet_dir": dg.MetadataValue.path(str(publication.marts_dir)),
            "version_dir": dg.MetadataValue.path(str(publication.version_dir)),
            "rows": dg.MetadataValue.md(rows_table),
            **{f"rows_{mart}": n for mart, n in publication.rows.items()},
        }
    )
