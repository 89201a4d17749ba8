"""Asset `articles`: the inbox's JSON-lines files -> raw.articles, bad lines -> raw.rejected_articles."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from orchestration.ingest import ingest, rejections_markdown
from orchestration.resources import RasdPaths, warehouse_connection


@dg.asset(
    group_name="ingest",
    kinds={"duckdb"},
    description=(
        "Every *.jsonl file in the inbox (RASD_INBOX), validated line by line: valid articles are upserted into "
        "raw.articles (one row per article id; a changed content hash replaces the row), bad lines are kept in "
        "raw.rejected_articles with the file, line and reason."
    ),
    metadata={"dagster/table_name": "raw.articles"},
)
def articles(
    context: dg.AssetExecutionContext, duckdb: DuckDBResource, rasd: RasdPaths
) -> dg.MaterializeResult:
    inbox = rasd.inbox_path()
    with warehouse_connection(duckdb) as conn:
        report = ingest(conn, inbox)
    if report.rejected:
        context.log.warning(f"{report.rejected} inbox line(s) rejected; see raw.rejected_articles")
    return dg.MaterializeResult(
        metadata={
            "inbox": dg.MetadataValue.path(str(inbox)),
            "files": dg.MetadataValue.json(report.files),
            "rows_read": report.rows_read,
            "inserted": report.inserted,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "duplicate_ids_in_inbox": report.duplicates_in_inbox,
            "rejected": report.rejected,
            "rejected_new": report.rejected_new,
            "dagster/row_count": report.total_rows,
            "total_rejected_rows": report.total_rejected,
            "rejections": dg.MetadataValue.md(rejections_markdown(report.rejections)),
        }
    )
