"""Data-quality asset checks with thresholds (Python; the dbt tests are the other checks).

    articles                   rejected_rows_rate            WARN  when rejected / (articles + rejected) > 10%
    event_mentions             share_of_articles_with_events WARN  when < 30% of extracted articles yield an event
    event_mentions             unresolved_place_rate         WARN  when > 50% of mentions have no district (admin2)
    event_mentions             no_event_after_publication    ERROR when a mention is dated after its article's day
    daily_district_casualties  district_casualties_consistent ERROR when low > best or a count is negative;
                               its metadata previews the top districts

A WARN check that fails shows in the UI (and `rasd run` prints it) without failing the run; an ERROR one makes
`rasd run` exit 1.

The three thresholds are read from the environment each time a check runs (so the run's process decides, and a
change needs no reload of the definitions), with the defaults below:

    RASD_MAX_REJECTED_RATE          0.1   rejected_rows_rate warns above it
    RASD_MIN_SHARE_WITH_EVENTS      0.3   share_of_articles_with_events warns below it
    RASD_MAX_UNRESOLVED_PLACE_RATE  0.5   unresolved_place_rate warns above it

Each is a share between 0 and 1 (`0.25`, or `25%`); any other value fails the check with the variable named,
rather than quietly falling back to the default. The metadata of each check shows the threshold it used and
where it came from.
"""

import os
from dataclasses import dataclass

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from orchestration.resources import warehouse_connection


@dataclass(frozen=True)
class Threshold:
    """A threshold of a quality check, overridable by an environment variable."""

    env: str
    default: float

    def value(self) -> tuple[float, str]:
        """(the threshold, where it came from); raises ValueError when the variable is not a share in [0, 1]."""
        raw = os.environ.get(self.env, "").strip()
        if not raw:
            return self.default, "default"
        try:
            value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
        except ValueError:
            raise ValueError(f"{self.env}={raw!r} is not a number (a share such as 0.25 or 25%)") from None
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"{self.env}={raw!r} is not a share between 0 and 1 (or 0% and 100%)")
        return value, f"environment {self.env}"


MAX_REJECTED_RATE = Threshold("RASD_MAX_REJECTED_RATE", 0.1)
MIN_SHARE_WITH_EVENTS = Threshold("RASD_MIN_SHARE_WITH_EVENTS", 0.3)
MAX_UNRESOLVED_PLACE_RATE = Threshold("RASD_MAX_UNRESOLVED_PLACE_RATE", 0.5)
TOP_DISTRICTS = 10


def _extractor_version() -> str:
    from extract.extractor import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


def _scalar(conn: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    return conn.execute(sql, params or []).fetchone()[0]


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


# --- the measures, on a connection (tested on small warehouses in tests/test_quality_checks.py) ----------------


def rejected_rows(conn: duckdb.DuckDBPyConnection) -> dict:
    articles = _scalar(conn, "SELECT count(*) FROM raw.articles")
    # a rejection resolved by a later, fixed version of its file is history, not a rejected record
    rejected = _scalar(conn, "SELECT count(*) FROM raw.rejected_articles WHERE resolved_at IS NULL")
    return {"articles": articles, "rejected": rejected, "rate": _rate(rejected, articles + rejected)}


def share_with_events(conn: duckdb.DuckDBPyConnection) -> dict:
    """Over the articles extracted at their current content (meta.extractions)."""
    extracted, with_events = conn.execute(
        """
        SELECT count(*), count(*) FILTER (WHERE e.n_events > 0)
        FROM meta.extractions AS e JOIN raw.articles AS a
          ON a.article_id = e.article_id AND a.content_hash = e.content_hash
        """
    ).fetchone()
    return {"extracted": extracted, "with_events": with_events, "share": _rate(with_events, extracted)}


def unresolved_places(conn: duckdb.DuckDBPyConnection) -> dict:
    mentions, no_district, no_place = conn.execute(
        "SELECT count(*), count(*) FILTER (WHERE admin2_pcode IS NULL), "
        "count(*) FILTER (WHERE admin1_pcode IS NULL) FROM raw.event_mentions"
    ).fetchone()
    return {
        "mentions": mentions,
        "without_district": no_district,
        "without_governorate": no_place,
        "rate": _rate(no_district, mentions),
    }


AFTER_PUBLICATION_SQL = """
SELECT m.mention_id, CAST(m.event_date AS VARCHAR), CAST(a.published_at AS VARCHAR)
FROM raw.event_mentions AS m JOIN raw.articles AS a USING (article_id)
WHERE m.event_date > CAST(a.published_at AS DATE)
ORDER BY m.mention_id
"""


def dated_after_publication(conn: duckdb.DuckDBPyConnection) -> list[tuple]:
    return conn.execute(AFTER_PUBLICATION_SQL).fetchall()


def top_districts_markdown(conn: duckdb.DuckDBPyConnection, limit: int = TOP_DISTRICTS) -> str:
    rows = conn.execute(
        """
        SELECT admin2_pcode, any_value(admin2_name_en), any_value(admin1_name_en),
               sum(killed_low), sum(killed_best), sum(injured_best), sum(events)
        FROM main.daily_district_casualties
        GROUP BY admin2_pcode
        ORDER BY sum(killed_best) DESC, sum(events) DESC, admin2_pcode
        LIMIT ?
        """,
        [limit],
    ).fetchall()
    lines = [
        "| district | name | governorate | killed low | killed best | injured best | events |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += ["| " + " | ".join("" if v is None else str(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)


INCONSISTENT_CASUALTIES_SQL = """
SELECT count(*) FROM main.daily_district_casualties
WHERE killed_low > killed_best OR injured_low > injured_best
   OR least(killed_low, killed_best, injured_low, injured_best, events) < 0
"""


# --- the checks ------------------------------------------------------------------------------------------------


@dg.asset_check(
    asset="articles",
    description=(
        f"Share of inbox records rejected (raw.rejected_articles over articles + rejected): warns above "
        f"{MAX_REJECTED_RATE.default:.0%} (environment {MAX_REJECTED_RATE.env})."
    ),
)
def rejected_rows_rate(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    limit, source = MAX_REJECTED_RATE.value()
    with warehouse_connection(duckdb) as conn:
        m = rejected_rows(conn)
    return dg.AssetCheckResult(
        passed=m["rate"] <= limit,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "articles": m["articles"],
            "rejected_rows": m["rejected"],
            "rejected_rate": dg.MetadataValue.float(m["rate"]),
            "threshold": dg.MetadataValue.float(limit),
            "threshold_source": source,
        },
    )


@dg.asset_check(
    asset="event_mentions",
    description=(
        f"Share of extracted articles that yield at least one event: warns below "
        f"{MIN_SHARE_WITH_EVENTS.default:.0%} (environment {MIN_SHARE_WITH_EVENTS.env}): a broken lexicon or "
        "gazetteer, or an inbox of off-topic news."
    ),
)
def share_of_articles_with_events(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    limit, source = MIN_SHARE_WITH_EVENTS.value()
    with warehouse_connection(duckdb) as conn:
        m = share_with_events(conn)
    return dg.AssetCheckResult(
        passed=m["extracted"] == 0 or m["share"] >= limit,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "articles_extracted": m["extracted"],
            "articles_with_events": m["with_events"],
            "share_with_events": dg.MetadataValue.float(m["share"]),
            "threshold": dg.MetadataValue.float(limit),
            "threshold_source": source,
            "extractor_version": _extractor_version(),
        },
    )


@dg.asset_check(
    asset="event_mentions",
    description=(
        f"Share of event mentions whose place resolved to no district (admin2_pcode null): warns above "
        f"{MAX_UNRESOLVED_PLACE_RATE.default:.0%} (environment {MAX_UNRESOLVED_PLACE_RATE.env})."
    ),
)
def unresolved_place_rate(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    limit, source = MAX_UNRESOLVED_PLACE_RATE.value()
    with warehouse_connection(duckdb) as conn:
        m = unresolved_places(conn)
    return dg.AssetCheckResult(
        passed=m["rate"] <= limit,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "mentions": m["mentions"],
            "mentions_without_district": m["without_district"],
            "mentions_without_governorate": m["without_governorate"],
            "unresolved_rate": dg.MetadataValue.float(m["rate"]),
            "threshold": dg.MetadataValue.float(limit),
            "threshold_source": source,
            "extractor_version": _extractor_version(),
        },
    )


@dg.asset_check(
    asset="event_mentions",
    description="No event is dated after the (UTC) day its article was published.",
)
def no_event_after_publication(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with warehouse_connection(duckdb) as conn:
        bad = dated_after_publication(conn)
        mentions = _scalar(conn, "SELECT count(*) FROM raw.event_mentions")
    return dg.AssetCheckResult(
        passed=not bad,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={
            "mentions": mentions,
            "dated_after_publication": len(bad),
            "examples": dg.MetadataValue.json([list(row) for row in bad[:10]]),
            "extractor_version": _extractor_version(),
        },
    )


@dg.asset_check(
    asset="daily_district_casualties",
    description=(
        "Every district-day has low <= best and no negative count; the metadata shows the row count and the "
        f"top {TOP_DISTRICTS} districts by killed (best)."
    ),
)
def district_casualties_consistent(duckdb: DuckDBResource) -> dg.AssetCheckResult:
    with warehouse_connection(duckdb) as conn:
        rows = _scalar(conn, "SELECT count(*) FROM main.daily_district_casualties")
        bad = _scalar(conn, INCONSISTENT_CASUALTIES_SQL)
        preview = top_districts_markdown(conn)
        districts = _scalar(conn, "SELECT count(DISTINCT admin2_pcode) FROM main.daily_district_casualties")
    return dg.AssetCheckResult(
        passed=bad == 0,
        severity=dg.AssetCheckSeverity.ERROR,
        metadata={
            "dagster/row_count": rows,
            "district_days": rows,
            "districts": districts,
            "inconsistent_rows": bad,
            "top_districts": dg.MetadataValue.md(preview),
            "extractor_version": _extractor_version(),
        },
    )


QUALITY_CHECKS = [
    rejected_rows_rate,
    share_of_articles_with_events,
    unresolved_place_rate,
    no_event_after_publication,
    district_casualties_consistent,
]
