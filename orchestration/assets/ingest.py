"""Asset `articles`: the inbox's files (JSON lines, JSON, CSV, Parquet, saved pages, feeds) -> raw.articles and
raw.article_revisions; records that cannot be articles -> raw.rejected_articles."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from ingest.inbox import Rejection
from orchestration.resources import RasdPaths, warehouse_connection
from warehouse.articles import ingest


@dg.asset(
    group_name="ingest",
    kinds={"duckdb"},
    description=(
        "Every file in the inbox (RASD_INBOX) that Rasd reads -- JSON lines, JSON, CSV (UTF-8 or Windows-1256), "
        "Parquet, saved HTML pages, RSS/Atom feeds, with the column mapping of the settings (RASD_CONFIG or "
        "rasd.toml) -- checked record by record: valid articles are upserted into raw.articles (one row per "
        "article id, the latest content wins) and every distinct content is kept in raw.article_revisions; bad "
        "records are kept in raw.rejected_articles with the file, position and reason."
    ),
    metadata={"dagster/table_name": "raw.articles"},
)
def articles(
    context: dg.AssetExecutionContext, duckdb: DuckDBResource, rasd: RasdPaths
) -> dg.MaterializeResult:
    inbox = rasd.inbox_path()
    config = rasd.settings()  # raises ConfigError naming the setting and the file
    with warehouse_connection(duckdb) as conn:
        report = ingest(conn, inbox, config=config, log=context.log.info)
    if report.rejected:
        context.log.warning(f"{report.rejected} inbox record(s) rejected; see raw.rejected_articles")
    if report.skipped_files:
        context.log.warning(
            f"{len(report.skipped_files)} inbox file(s) of a kind Rasd does not read were left alone: "
            + ", ".join(report.skipped_files[:20])
        )
    return dg.MaterializeResult(
        metadata={
            "inbox": dg.MetadataValue.path(str(inbox)),
            "settings": dg.MetadataValue.text(config.path or "(defaults)"),
            "files": dg.MetadataValue.json(report.files),
            "formats": dg.MetadataValue.json(report.formats),
            "skipped_files": dg.MetadataValue.json(report.skipped_files),
            "rows_read": report.rows_read,
            "inserted": report.inserted,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "duplicate_ids_in_inbox": report.duplicates_in_inbox,
            "new_revisions": report.revisions_new,
            "cleaned": report.cleaned,
            "rejected": report.rejected,
            "rejected_new": report.rejected_new,
            "dagster/row_count": report.total_rows,
            "total_rejected_rows": report.total_rejected,
            "rejections": dg.MetadataValue.md(rejections_markdown(report.rejections)),
            "changed_articles": dg.MetadataValue.md(revisions_markdown(report.revised)),
        }
    )


def rejections_markdown(rejections: list[Rejection], limit: int = 50) -> str:
    if not rejections:
        return "No rejected records."
    lines = ["| file | position | reason | record |", "|---|---|---|---|"]
    for r in rejections[:limit]:
        position = r.source_position or f"line {r.source_line}"
        lines.append(
            f"| {md_cell(r.source_file)} | {md_cell(position)} | {md_cell(r.reason)} | {md_cell(r.raw_record[:80])} |"
        )
    if len(rejections) > limit:
        lines.append(f"\n… and {len(rejections) - limit} more (see raw.rejected_articles).")
    return "\n".join(lines)


def revisions_markdown(revised: list[tuple[str, int, str, str]], limit: int = 50) -> str:
    if not revised:
        return "No article changed."
    lines = ["| article | revision | file | position |", "|---|---|---|---|"]
    for article_id, revision, source_file, position in revised[:limit]:
        lines.append(f"| {md_cell(article_id)} | {revision} | {md_cell(source_file)} | {md_cell(position)} |")
    if len(revised) > limit:
        lines.append(f"\n… and {len(revised) - limit} more (see raw.article_revisions).")
    return "\n".join(lines)


def md_cell(value: object) -> str:
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")
