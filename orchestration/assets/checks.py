"""Python asset checks on the raw tables (the dbt tests are checks on the dbt models)."""

import dagster as dg
from dagster_duckdb import DuckDBResource

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


@dg.asset_check(
    asset="event_mentions",
    description="Every article in raw.articles has been extracted by the current extractor at its current content.",
)
def every_article_extracted(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    from extract.extractor import EXTRACTOR_VERSION

    with warehouse_connection(duckdb) as conn:
        pending = conn.execute(
            """
            SELECT count(*) FROM raw.articles AS a
            LEFT JOIN meta.extractions AS e
              ON e.article_id = a.article_id AND e.content_hash = a.content_hash AND e.extractor_version = ?
            WHERE e.article_id IS NULL
            """,
            [EXTRACTOR_VERSION],
        ).fetchone()[0]
    return dg.AssetCheckResult(
        passed=pending == 0,
        metadata={"articles_not_extracted": pending, "extractor_version": EXTRACTOR_VERSION},
    )
