"""Python asset checks on the raw tables (the dbt tests are checks on the dbt models)."""

import datetime as dt

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from orchestration.partitions import run_publication_window
from orchestration.resources import warehouse_connection

BAD_OFFSETS_SQL = """
SELECT m.mention_id, m.evidence_start, m.evidence_end, m.evidence
FROM raw.event_mentions AS m
JOIN raw.articles AS a USING (article_id)
WHERE m.evidence_start IS NULL OR m.evidence_end IS NULL
   OR m.evidence_start < 0 OR m.evidence_end < m.evidence_start
   OR substring(coalesce(a.title || chr(10), '') || a.body, m.evidence_start + 1, m.evidence_end - m.evidence_start)
      IS DISTINCT FROM m.evidence
ORDER BY m.mention_id
"""


@dg.asset_check(
    asset="event_mentions",
    description="Each mention's evidence is the text at [evidence_start, evidence_end) of title + newline + body.",
)
def evidence_offsets_match_text(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with warehouse_connection(duckdb) as conn:
        bad = conn.execute(BAD_OFFSETS_SQL).fetchall()
        total = conn.execute("SELECT count(*) FROM raw.event_mentions").fetchone()[0]
    return dg.AssetCheckResult(
        passed=not bad,
        metadata={
            "mentions": total,
            "bad_offsets": len(bad),
            "examples": dg.MetadataValue.json([list(map(str, row)) for row in bad[:10]]),
        },
    )


NOT_EXTRACTED_SQL = """
SELECT count(*) FROM raw.articles AS a
LEFT JOIN meta.extractions AS e
  ON e.article_id = a.article_id AND e.content_hash = a.content_hash AND e.extractor_version = ?
WHERE e.article_id IS NULL
  AND (CAST(? AS DATE) IS NULL OR CAST(a.published_at AS DATE) BETWEEN CAST(? AS DATE) AND CAST(? AS DATE))
"""


@dg.asset_check(
    asset="event_mentions",
    description=(
        "Every article in raw.articles has been extracted by the current extractor at its current content; in a "
        "partitioned run, every article published on the run's days (the partitions it materialised)."
    ),
)
def every_article_extracted(
    context: dg.AssetCheckExecutionContext, duckdb: DuckDBResource
) -> dg.AssetCheckResult:
    from extract.extractor import EXTRACTOR_VERSION

    window = run_publication_window(context)
    first, last = (window.first, window.last) if window else (None, None)
    with warehouse_connection(duckdb) as conn:
        pending = conn.execute(NOT_EXTRACTED_SQL, [EXTRACTOR_VERSION, first, first, last]).fetchone()[0]
    return dg.AssetCheckResult(
        passed=pending == 0,
        metadata={
            "articles_not_extracted": pending,
            "extractor_version": EXTRACTOR_VERSION,
            "scope": f"published {window.describe()}" if window else "all articles",
        },
    )


# Articles whose extraction (meta.extractions: one row per article, the latest) was made by another version than
# the running one, by publication day.
OLDER_VERSION_SQL = """
SELECT CAST(a.published_at AS DATE) AS day, e.extractor_version, count(*) AS articles
FROM meta.extractions AS e JOIN raw.articles AS a USING (article_id)
WHERE e.extractor_version <> ?
GROUP BY ALL
ORDER BY day, e.extractor_version
"""


def day_ranges(days: list[dt.date]) -> list[str]:
    """Sorted days as runs of consecutive days: ["2013-01-27..2013-01-29", "2013-02-02"]; what to backfill."""
    out: list[list[dt.date]] = []
    for day in sorted(set(days)):
        if out and (day - out[-1][1]).days == 1:
            out[-1][1] = day
        else:
            out.append([day, day])
    return [a.isoformat() if a == b else f"{a.isoformat()}..{b.isoformat()}" for a, b in out]


def older_version_extractions(conn: duckdb.DuckDBPyConnection, version: str) -> dict:
    """How many articles an extractor other than `version` extracted, per version, and on which publication days
    (the partitions a backfill must re-extract)."""
    rows = conn.execute(OLDER_VERSION_SQL, [version]).fetchall()
    by_version: dict[str, int] = {}
    for _, old, n in rows:
        by_version[old] = by_version.get(old, 0) + n
    days = [day for day, _, _ in rows]
    return {
        "articles": sum(n for _, _, n in rows),
        "by_version": by_version,
        "days": sorted(set(days)),
        "ranges": day_ranges(days),
    }


@dg.asset_check(
    asset="event_mentions",
    description=(
        "No article's mentions come from an older extractor version than the running one (EXTRACTOR_VERSION, a "
        "hash of the extractor's code and lexicons). When the extractor changes, this warns with the number of "
        "articles to re-extract and their publication days: backfill those partitions of event_mentions (the "
        "UI also shows them stale, 'has a new code version')."
    ),
)
def extracted_by_current_version(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    from extract.extractor import EXTRACTOR_VERSION

    with warehouse_connection(duckdb) as conn:
        old = older_version_extractions(conn, EXTRACTOR_VERSION)
        current = conn.execute(
            "SELECT count(*) FROM meta.extractions WHERE extractor_version = ?", [EXTRACTOR_VERSION]
        ).fetchone()[0]
    return dg.AssetCheckResult(
        passed=old["articles"] == 0,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "extractor_version": EXTRACTOR_VERSION,
            "articles_at_current_version": current,
            "articles_at_older_version": old["articles"],
            "older_versions": dg.MetadataValue.json(old["by_version"]),
            "stale_partitions": len(old["days"]),
            "partitions_to_backfill": dg.MetadataValue.json(old["ranges"][:200]),
        },
    )
