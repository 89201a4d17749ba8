"""Data-quality asset checks with thresholds (Python; the dbt tests are the other checks).

    articles                   rejected_rows_rate            WARN  when rejected / (articles + rejected) > 10%
    event_mentions             share_of_articles_with_events WARN  when < 30% of extracted articles yield an event
    event_mentions             unresolved_place_rate         WARN  when > 50% of mentions have no district (admin2)

A WARN check that fails shows in the UI (and `rasd run` prints it) without failing the run. What dbt tests already
check is not checked again here: an event dated after its publication (not_after_publication on event_reports and
events), low > best or a negative count in the daily marts (low_le_best, non_negative).

The three thresholds come from the environment, read once when the resources are built (the resource `quality`,
orchestration.resources.QualityThresholds), with the defaults below:

    RASD_MAX_REJECTED_RATE          0.1   rejected_rows_rate warns above it
    RASD_MIN_SHARE_WITH_EVENTS      0.3   share_of_articles_with_events warns below it
    RASD_MAX_UNRESOLVED_PLACE_RATE  0.5   unresolved_place_rate warns above it

Each is a share between 0 and 1 (`0.25`, or `25%`); any other value fails the check with the variable named,
rather than quietly falling back to the default. The metadata of each check shows the threshold it used and
where it came from.
"""

from dataclasses import dataclass

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from orchestration.resources import QualityThresholds, warehouse_connection


@dataclass(frozen=True)
class Threshold:
    """A threshold of a quality check, overridable by an environment variable (QualityThresholds.ENVIRONMENT)."""

    env: str
    default: float

    def value(self, given: str | None) -> tuple[float, str]:
        """(the threshold, where it came from) for the value the environment `given` (None: unset); raises
        ValueError when it is not a share in [0, 1]."""
        raw = (given or "").strip()
        if not raw:
            return self.default, "default"
        try:
            value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
        except ValueError:
            raise ValueError(f"{self.env}={raw!r} is not a number (a share such as 0.25 or 25%)") from None
        if not 0.0 <= value <= 1.0:
            raise ValueError(f"{self.env}={raw!r} is not a share between 0 and 1 (or 0% and 100%)")
        return value, f"environment {self.env}"


_ENV = QualityThresholds.ENVIRONMENT
MAX_REJECTED_RATE = Threshold(_ENV["max_rejected_rate"], 0.1)
MIN_SHARE_WITH_EVENTS = Threshold(_ENV["min_share_with_events"], 0.3)
MAX_UNRESOLVED_PLACE_RATE = Threshold(_ENV["max_unresolved_place_rate"], 0.5)


def _extractor_version() -> str:
    from extract.extractor import EXTRACTOR_VERSION

    return EXTRACTOR_VERSION


def _scalar(conn: duckdb.DuckDBPyConnection, sql: str, params: list | None = None):
    return conn.execute(sql, params or []).fetchone()[0]


def _rate(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


# --- the measures, on a connection (tested on small warehouses in tests/orchestration/test_quality_checks.py) ----------------


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


# --- the checks ------------------------------------------------------------------------------------------------


@dg.asset_check(
    asset="articles",
    description=(
        f"Share of inbox records rejected (raw.rejected_articles over articles + rejected): warns above "
        f"{MAX_REJECTED_RATE.default:.0%} (environment {MAX_REJECTED_RATE.env})."
    ),
)
def rejected_rows_rate(duckdb: DuckDBResource, quality: QualityThresholds) -> dg.AssetCheckResult:
    limit, source = MAX_REJECTED_RATE.value(quality.max_rejected_rate)
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
def share_of_articles_with_events(duckdb: DuckDBResource, quality: QualityThresholds) -> dg.AssetCheckResult:
    limit, source = MIN_SHARE_WITH_EVENTS.value(quality.min_share_with_events)
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
def unresolved_place_rate(duckdb: DuckDBResource, quality: QualityThresholds) -> dg.AssetCheckResult:
    limit, source = MAX_UNRESOLVED_PLACE_RATE.value(quality.max_unresolved_place_rate)
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


QUALITY_CHECKS = [
    rejected_rows_rate,
    share_of_articles_with_events,
    unresolved_place_rate,
]
