"""Asset `event_mentions`: the extractor over new or changed articles -> raw.event_mentions."""

import dagster as dg
from dagster_duckdb import DuckDBResource

from orchestration.extraction import events_markdown, run_extraction
from orchestration.resources import RasdPaths, warehouse_connection


@dg.asset(
    group_name="extraction",
    kinds={"duckdb", "python"},
    deps=["articles", "gazetteer"],
    description=(
        "Event records extracted from each article that the current extractor version has not seen with its "
        "current content, committed in batches: an article's rows and its meta.extractions entry are written "
        "in one transaction, so a run killed half-way leaves no article half-written and the next run picks up "
        "the rest. Articles the extractor raises on are kept in meta.extraction_failures and tried again by the "
        "next run."
    ),
    metadata={"dagster/table_name": "raw.event_mentions"},
)
def event_mentions(
    context: dg.AssetExecutionContext, duckdb: DuckDBResource, rasd: RasdPaths
) -> dg.MaterializeResult:
    from extract.extractor import EXTRACTOR_VERSION, Extractor
    from extract.gazetteer import Gazetteer

    directory = rasd.gazetteer_path()  # raises GazetteerMissing with how to get one

    def make_extractor() -> Extractor:
        return Extractor(Gazetteer.from_dir(directory))  # the gazetteer is loaded once per run

    with warehouse_connection(duckdb) as conn:
        report = run_extraction(conn, make_extractor, EXTRACTOR_VERSION, log=context.log)
    failures = [f"{f['article_id']}: {f['error']}" for f in report.failures]
    return dg.MaterializeResult(
        metadata={
            "extractor_version": report.version,
            "articles_extracted": report.articles_extracted,
            "articles_failed": len(report.failures),
            "failures": dg.MetadataValue.json(failures[:50]),
            "events_found": report.events_found,
            "share_of_articles_with_events": dg.MetadataValue.float(round(report.share_with_events, 4)),
            "dagster/row_count": report.total_mentions,
            "events_preview": dg.MetadataValue.md(events_markdown(report.preview)),
        }
    )
