"""Asset `gazetteer`: the OCHA COD-AB CSVs -> ref.admin1 .. ref.admin4."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from orchestration.resources import RasdPaths, warehouse_connection
from warehouse.reference import load_gazetteer


@dg.asset(
    group_name="reference",
    kinds={"duckdb"},
    description=(
        "The OCHA COD-AB Syria gazetteer (governorates, districts, sub-districts, communities) loaded as published "
        "into ref.admin1 .. ref.admin4. Fails with instructions when no gazetteer folder is found."
    ),
)
def gazetteer(duckdb: DuckDBResource, rasd: RasdPaths) -> dg.MaterializeResult:
    directory = rasd.gazetteer_path()  # raises GazetteerMissing with how to get one
    with warehouse_connection(duckdb) as conn:
        counts = load_gazetteer(conn, directory)
    return dg.MaterializeResult(
        metadata={
            "gazetteer_dir": dg.MetadataValue.path(str(directory)),
            **{f"rows_{table}": n for table, n in counts.items()},
            "dagster/row_count": counts["admin4"],
        }
    )
