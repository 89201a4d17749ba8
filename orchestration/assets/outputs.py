"""Assets and checks over what analysts read (the `outputs` package): the HTML report and the suspect incidents.

`report` writes report.html beside the published marts (the serving folder) after they are published; its
metadata links to the file. `suspect_incidents_share` warns when the suspect incidents (dbt mart
suspect_incidents) hold more than RASD_MAX_SUSPECT_KILLED_SHARE (default 0.25; read once when the resources are
built, QualityThresholds) of all dead: numbers that look
like something else are then too large a part of what would be published. Its metadata lists the worst five
either way."""

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from orchestration.assets.quality_checks import Threshold
from orchestration.resources import QualityThresholds, RasdPaths
from outputs.report import build_report
from outputs.suspect import suspect_summary
from outputs.warehouse import read_only

MAX_SUSPECT_KILLED_SHARE = Threshold(QualityThresholds.ENVIRONMENT["max_suspect_killed_share"], 0.25)
REPORT_FILE = "report.html"


@dg.asset(
    group_name="outputs",
    kinds={"html", "plotly"},
    deps=[dg.AssetKey("published_marts")],
    description=(
        "report.html in the serving folder: one self-contained page (no network when viewed) with the district "
        "map by killed and strikes, governorate series with the low–best band, the deadliest incidents with their "
        "Arabic evidence in context, the suspect incidents and the data-quality panel (outputs/report.py)."
    ),
)
def report(
    context: dg.AssetExecutionContext, duckdb: DuckDBResource, rasd: RasdPaths
) -> dg.MaterializeResult:
    warehouse = Path(duckdb.database).resolve()
    out = rasd.serving_path(warehouse) / REPORT_FILE
    written = build_report(warehouse, out, rasd.gazetteer_path() / "syr_admin2.geojson")
    context.log.info(f"report: {written.path}")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(written.path)),
            "open": dg.MetadataValue.url(written.path.as_uri()),
            "period": f"{written.start} – {written.end}",
            "districts_on_map": written.districts_on_map,
            "suspect_incidents": written.suspect_incidents,
            **{f"total_{k}": v for k, v in written.totals.items()},
        }
    )


@dg.asset_check(
    asset=dg.AssetKey("suspect_incidents"),
    description=(
        "The suspect incidents hold at most RASD_MAX_SUSPECT_KILLED_SHARE (default 25%) of the dead (killed_low) "
        "in events; the metadata lists how many there are and the worst five, with why."
    ),
)
def suspect_incidents_share(duckdb: DuckDBResource, quality: QualityThresholds) -> dg.AssetCheckResult:
    limit, origin = MAX_SUSPECT_KILLED_SHARE.value(quality.max_suspect_killed_share)
    with read_only(duckdb.database) as conn:
        summary = suspect_summary(conn, limit=5)
    if summary is None:
        return dg.AssetCheckResult(passed=False, metadata={"error": "main.suspect_incidents is missing"})
    rows = [
        "| # | day | district | killed | why |",
        "|---|---|---|---|---|",
        *(
            f"| {s['suspicion_rank']} | {s['event_date']} | {s['admin2_name_en'] or s['place'] or ''} | "
            f"{s['killed_low']}–{s['killed_best']} | {s['why'].replace('|', '/')} |"
            for s in summary.worst
        ),
    ]
    return dg.AssetCheckResult(
        passed=summary.killed_share <= limit,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "suspect_incidents": summary.count,
            "suspect_killed_low": summary.killed_low,
            "killed_share": dg.MetadataValue.float(round(summary.killed_share, 4)),
            "threshold": dg.MetadataValue.float(limit),
            "threshold_source": origin,
            "worst_five": dg.MetadataValue.md("\n".join(rows)),
        },
    )
