"""Asset `event_mentions`: the extractor over new or changed articles -> raw.event_mentions, partitioned by
publication day (orchestration/partitions.py).

Why partitioned, and why by publication day: a backfill over a range of days is the natural unit of work when
the extractor changes (re-extract 2013) or files arrive for some days (the inbox sensor requests exactly those
days), and the publication day is known before extraction. An article belongs to one partition, so
re-extracting a partition replaces its articles' mentions (write_batch deletes an article's rows and inserts the
new ones in one transaction) and never duplicates them.

Why BackfillPolicy.single_run(): DuckDB admits one writer, so a backfill of a year must not be 365 runs queued one
after the other, each loading the gazetteer and rebuilding the marts; one run extracts the whole range
(`context.partition_time_window` is then the range) and the dbt models rebuild its event days once.

Why code_version=EXTRACTOR_VERSION: the version hashes the extractor's code and lexicons (extract/extractor.py).
When it changes, Dagster reports every materialized partition as stale ("has a new code version") until it is
materialized again, and the asset check `extracted_by_current_version` counts the articles an older version
extracted and names their partitions. The definitions are loaded with the version of the code they run, so the
two always agree.

An unpartitioned run (`rasd run`, `make run`, the daily schedule) extracts every pending article of every day, as
before partitions existed; Dagster records that materialization without a partition.
"""

import warnings

import dagster as dg
from dagster_duckdb import DuckDBResource

from extract.extractor import EXTRACTOR_VERSION
from orchestration.partitions import publication_days, window_from_time_window
from orchestration.resources import RasdPaths, warehouse_connection
from warehouse.extraction import events_markdown, run_extraction, window_summary

# BackfillPolicy on an asset is "beta" in dagster 1.13; we rely on it knowingly (single-run backfills), so the
# warning it prints whenever the definitions load (every `rasd run`, every UI reload) is noise for our users.
warnings.filterwarnings("ignore", message=r"Parameter `backfill_policy` of function `asset`", category=dg.BetaWarning)


class ExtractionConfig(dg.Config):
    """Run configuration of `event_mentions` (the UI's launchpad: ops: event_mentions: config: ...)."""

    reextract: bool = False
    """Extract again the articles (of the run's partitions) that the current extractor version already extracted,
    replacing their mentions. The version does not cover the gazetteer: after a new one, re-extract this way."""


def build_event_mentions(extractor_version: str = EXTRACTOR_VERSION) -> dg.AssetsDefinition:
    """The asset, with the code version it declares. The definitions use EXTRACTOR_VERSION; a test builds it with
    another version to show what a change of extractor does to the partitions' status."""

    @dg.asset(
        name="event_mentions",
        group_name="extraction",
        kinds={"duckdb", "python"},
        deps=["articles", "gazetteer"],
        partitions_def=publication_days,
        backfill_policy=dg.BackfillPolicy.single_run(),
        code_version=extractor_version,
        description=(
            "Event records extracted from each article that the current extractor version has not seen with its "
            "current content; partitioned by publication day (UTC), a partition or range of partitions extracts "
            "the articles published on those days, replacing their earlier mentions. Committed in batches: an "
            "article's rows and its meta.extractions entry are written in one transaction, so a run killed "
            "half-way leaves no article half-written and the next run picks up the rest. Articles the extractor "
            "raises on are kept in meta.extraction_failures and tried again by the next run. The code version is "
            "the extractor version: a new extractor makes the materialized partitions stale. Config reextract: "
            "true extracts the run's articles again even when the current version already did (a new gazetteer)."
        ),
        metadata={"dagster/table_name": "raw.event_mentions"},
    )
    def event_mentions(
        context: dg.AssetExecutionContext, config: ExtractionConfig, duckdb: DuckDBResource, rasd: RasdPaths
    ) -> dg.MaterializeResult:
        from extract.extractor import EXTRACTOR_VERSION as running_version
        from extract.extractor import Extractor
        from extract.gazetteer import Gazetteer

        directory = rasd.gazetteer_path()  # raises GazetteerMissing with how to get one

        def make_extractor() -> Extractor:
            return Extractor(Gazetteer.from_dir(directory))  # the gazetteer is loaded once per run

        window = None
        if context.has_partition_key or context.has_partition_key_range:
            window = window_from_time_window(context.partition_time_window)
            context.log.info(
                f"extracting the articles published on {window.describe()} ({window.days} day(s))"
            )
        days = (window.first, window.last) if window else None
        with warehouse_connection(duckdb) as conn:
            report = run_extraction(
                conn, make_extractor, running_version, log=context.log, days=days, everything=config.reextract
            )
            summary = window_summary(conn, running_version, days) if days else None
        failures = [f"{f['article_id']}: {f['error']}" for f in report.failures]
        metadata: dict[str, object] = {
            "extractor_version": report.version,
            "reextract": config.reextract,
            "articles_extracted": report.articles_extracted,
            "articles_failed": len(report.failures),
            "failures": dg.MetadataValue.json(failures[:50]),
            "events_found": report.events_found,
            # mentions whose date cannot be the event's (before 2011, after publication): meta.quarantined_mentions
            "mentions_quarantined": len(report.quarantined),
            "quarantined": dg.MetadataValue.json(
                [f"{q['mention_id']}: {q['reason']}" for q in report.quarantined[:50]]
            ),
            "share_of_articles_with_events": dg.MetadataValue.float(round(report.share_with_events, 4)),
            "total_mentions": report.total_mentions,
            "events_preview": dg.MetadataValue.md(events_markdown(report.preview)),
        }
        if summary is None:
            metadata["dagster/row_count"] = report.total_mentions
        else:
            # A range run records this one materialization on every partition of the range: the figures are the
            # range's (its articles and their mentions), not one day's.
            metadata |= {
                "publication_days": window.describe(),
                "partitions_in_run": window.days,
                "articles_published": summary["articles"],
                "articles_at_current_version": summary["extracted_current"],
                "articles_at_older_version": summary["extracted_outdated"],
                "articles_never_extracted": summary["never_extracted"],
                "dagster/row_count": summary["mentions"],
            }
        return dg.MaterializeResult(metadata=metadata)

    return event_mentions


event_mentions = build_event_mentions()
