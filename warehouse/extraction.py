"""Running the extractor over articles that are new or changed since the current extractor last saw them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa

from extract.records import Article
from warehouse.connection import rollback, transaction
from warehouse.faults import failpoint
from warehouse.schema import EVENT_MENTIONS, EXTRACTION_FAILURES, EXTRACTIONS, QUARANTINED_MENTIONS

MENTION_SCHEMA = EVENT_MENTIONS.arrow_schema()
EXTRACTION_SCHEMA = EXTRACTIONS.arrow_schema()
FAILURE_SCHEMA = EXTRACTION_FAILURES.arrow_schema()

# The publication-day bounds (both included; NULL = unbounded) select the articles of a range of partitions
# (orchestration/partitions.py: a partition is the UTC day of published_at).
PENDING_SQL = """
SELECT a.article_id, a.source, a.url, a.published_at, a.title, a.body, a.content_hash
FROM raw.articles AS a
LEFT JOIN meta.extractions AS e
  ON e.article_id = a.article_id AND e.content_hash = a.content_hash AND e.extractor_version = ?
WHERE (e.article_id IS NULL OR ?)
  AND (CAST(? AS DATE) IS NULL OR CAST(a.published_at AS DATE) >= CAST(? AS DATE))
  AND (CAST(? AS DATE) IS NULL OR CAST(a.published_at AS DATE) <= CAST(? AS DATE))
ORDER BY a.article_id
"""

Days = tuple[dt.date, dt.date]


def pending_articles(
    conn: duckdb.DuckDBPyConnection, version: str, days: Days | None = None, everything: bool = False
) -> list[tuple[Article, str]]:
    """Articles whose (article_id, content_hash) the extractor `version` has not processed, with their hash;
    with `days` (first, last publication day, both included), only the articles published on those days; with
    `everything`, every article (of those days), processed or not: a forced re-extraction."""
    first, last = days if days is not None else (None, None)
    out = []
    for article_id, source, url, published_at, title, body, digest in conn.execute(
        PENDING_SQL, [version, everything, first, first, last, last]
    ).fetchall():
        article = Article(
            id=article_id, source=source, url=url, published_at=published_at, title=title, body=body
        )
        out.append((article, digest))
    return out


def mention_row(record: Any, ordinal: int, version: str, now: dt.datetime) -> dict[str, Any]:
    d = record.to_dict()
    row = {
        "mention_id": f"{d['article_id']}#{ordinal}",
        "article_id": d["article_id"],
        "ordinal": ordinal,
        "extractor_version": version,
        "event_type": d["event_type"],
        "event_date": dt.date.fromisoformat(d["event_date"]),
        "date_precision": d["date_precision"],
        "place": d["place"],
        "admin1_pcode": d["admin1_pcode"],
        "admin2_pcode": d["admin2_pcode"],
        "admin4_pcode": d["admin4_pcode"],
        "geo_precision": d["geo_precision"],
        "actor": d["actor"],
        "civilian": bool(d["civilian"]),
        "evidence": d["evidence"],
        "evidence_start": d.get("evidence_start"),
        "evidence_end": d.get("evidence_end"),
        "place_kind": getattr(record, "place_kind", "gazetteer"),
        "extracted_at": now,
    }
    for count in ("killed", "injured", "strikes"):
        row[f"{count}_low"] = int(d[count]["low"])
        row[f"{count}_best"] = int(d[count]["best"])
        row[f"{count}_vague"] = bool(d[count]["vague"])
    return row


# The war in Syria began in March 2011: an event date before 2011 is a misread ("بتاريخ 0001-03-05", a year of a
# founding or a birth), and one after the article's publication cannot have been reported by it. Such mentions are
# not counted: they go to meta.quarantined_mentions with the reason (a date of year 1 once grew district_day to
# 45 million rows).
EARLIEST_EVENT_DATE = dt.date(2011, 1, 1)
QUARANTINE_SCHEMA = QUARANTINED_MENTIONS.arrow_schema()


def implausible_date(event_date: dt.date, published_at: dt.datetime) -> str | None:
    """Why `event_date` cannot be the date of an event reported at `published_at`, or None when it can."""
    if event_date < EARLIEST_EVENT_DATE:
        return (f"event date {event_date.isoformat()} is before {EARLIEST_EVENT_DATE.year}, before the war: a "
                "misread date, not counted")  # fmt: skip
    if event_date > published_at.date():
        return (f"event date {event_date.isoformat()} is after the article's publication "
                f"({published_at.date().isoformat()}): not counted")  # fmt: skip
    return None


def quarantine_row(row: dict[str, Any], reason: str, now: dt.datetime) -> dict[str, Any]:
    return {name: row.get(name) for name in QUARANTINE_SCHEMA.names} | {"reason": reason, "quarantined_at": now}


# Mentions written before the check (or by an older Rasd) with an implausible date: moved to the quarantine.
QUARANTINE_EXISTING_SQL = f"""
INSERT INTO meta.quarantined_mentions BY NAME
SELECT m.mention_id, m.article_id, m.extractor_version, m.event_type, m.event_date, m.date_precision, m.place,
       m.evidence,
       CASE WHEN m.event_date < DATE '{EARLIEST_EVENT_DATE.isoformat()}'
            THEN 'event date ' || strftime(m.event_date, '%Y-%m-%d') || ' is before {EARLIEST_EVENT_DATE.year}, before the war: a misread date, not counted'
            ELSE 'event date ' || strftime(m.event_date, '%Y-%m-%d') || ' is after the article''s publication ('
                 || strftime(CAST(a.published_at AS DATE), '%Y-%m-%d') || '): not counted'
       END AS reason,
       CAST(? AS TIMESTAMP) AS quarantined_at
FROM raw.event_mentions AS m JOIN raw.articles AS a USING (article_id)
WHERE m.event_date < DATE '{EARLIEST_EVENT_DATE.isoformat()}' OR m.event_date > CAST(a.published_at AS DATE)
ON CONFLICT (mention_id) DO NOTHING
"""


def quarantine_existing(conn: duckdb.DuckDBPyConnection, now: dt.datetime) -> int:
    """Move the mentions already in raw.event_mentions whose date is implausible to the quarantine; how many."""
    with transaction(conn):
        conn.execute(QUARANTINE_EXISTING_SQL, [now])
        (moved,) = conn.execute(
            "DELETE FROM raw.event_mentions WHERE mention_id IN (SELECT mention_id FROM meta.quarantined_mentions)"
        ).fetchone()
    return int(moved)


@dataclass
class ExtractionReport:
    version: str
    articles_extracted: int
    events_found: int
    articles_with_events: int
    total_mentions: int
    preview: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)  # articles the extractor raised on
    quarantined: list[dict[str, Any]] = field(default_factory=list)  # mentions with an implausible date

    @property
    def share_with_events(self) -> float:
        return self.articles_with_events / self.articles_extracted if self.articles_extracted else 0.0


BATCH_SIZE = 200
# An extractor that fails on more articles than this (and on more than a tenth of those pending) is broken as a
# whole, not by odd articles: the run stops instead of recording failures for everything.
MAX_FAILURES = 20


@dataclass
class Batch:
    ids: list[str] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    bookkeeping: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)
    quarantined: list[dict[str, Any]] = field(default_factory=list)


def write_batch(conn: duckdb.DuckDBPyConnection, batch: Batch) -> None:
    """In one transaction: replace the mentions of the batch's articles, record them in meta.extractions, and
    record the articles the extractor failed on in meta.extraction_failures. An article's rows and its bookkeeping
    are committed together or not at all, so a crash never leaves half an article. A failed article keeps the
    mentions an earlier extractor found in the same content; mentions of an earlier content are removed (the
    latest content wins), and it stays pending until an extractor succeeds on it."""
    if not batch.ids and not batch.failures:
        return
    names = ("extracted_ids", "new_mentions", "new_extractions", "new_failures", "new_quarantined")
    conn.register(names[0], pa.table({"article_id": pa.array(batch.ids, pa.string())}))
    conn.register(names[1], pa.Table.from_pylist(batch.mentions, schema=MENTION_SCHEMA))
    conn.register(names[2], pa.Table.from_pylist(batch.bookkeeping, schema=EXTRACTION_SCHEMA))
    conn.register(names[3], pa.Table.from_pylist(batch.failures, schema=FAILURE_SCHEMA))
    conn.register(names[4], pa.Table.from_pylist(batch.quarantined, schema=QUARANTINE_SCHEMA))
    try:
        conn.execute("BEGIN TRANSACTION")
        try:
            stale = """
                SELECT f.article_id FROM new_failures AS f JOIN meta.extractions AS e USING (article_id)
                WHERE e.content_hash <> f.content_hash
            """
            conn.execute(
                "DELETE FROM raw.event_mentions WHERE article_id IN (SELECT article_id FROM extracted_ids) "
                f"OR article_id IN ({stale})"
            )
            conn.execute(f"DELETE FROM meta.extractions WHERE article_id IN ({stale})")
            conn.execute(
                "DELETE FROM meta.quarantined_mentions WHERE article_id IN (SELECT article_id FROM extracted_ids)"
            )
            conn.execute("INSERT INTO raw.event_mentions BY NAME SELECT * FROM new_mentions")
            conn.execute("INSERT INTO meta.quarantined_mentions BY NAME SELECT * FROM new_quarantined")
            conn.execute(
                """
                INSERT INTO meta.extractions BY NAME SELECT * FROM new_extractions
                ON CONFLICT (article_id) DO UPDATE SET
                    extractor_version = excluded.extractor_version, content_hash = excluded.content_hash,
                    n_events = excluded.n_events, extracted_at = excluded.extracted_at
                """
            )
            conn.execute(
                "DELETE FROM meta.extraction_failures WHERE article_id IN (SELECT article_id FROM extracted_ids)"
            )
            conn.execute(
                """
                INSERT INTO meta.extraction_failures BY NAME SELECT * FROM new_failures
                ON CONFLICT (article_id) DO UPDATE SET
                    extractor_version = excluded.extractor_version, content_hash = excluded.content_hash,
                    error = excluded.error, failed_at = excluded.failed_at
                """
            )
        except BaseException:
            rollback(conn)
            raise
        conn.execute("COMMIT")
    finally:
        for name in names:
            conn.unregister(name)


def run_extraction(
    conn: duckdb.DuckDBPyConnection,
    make_extractor: Callable[[], Any],
    version: str,
    now: dt.datetime | None = None,
    log: Any = None,
    batch_size: int = BATCH_SIZE,
    days: Days | None = None,
    everything: bool = False,
) -> ExtractionReport:
    """Extract the pending articles and write them batch by batch (write_batch: one transaction each). A run
    killed half-way keeps the batches it committed, leaves no article half-written, and the next run extracts
    only what is still pending; nothing is pending on a second run with the same extractor. An article the
    extractor raises on is recorded in meta.extraction_failures and the others go on (the asset check
    every_article_extracted then fails), unless so many fail that the extractor itself is broken.
    `make_extractor` is called once, and only when some article is pending (loading the gazetteer takes time).
    With `days` (a range of publication-day partitions) only the articles published on those days are looked at:
    the others stay pending for the run of their own partition or an unpartitioned run. With `everything`, the
    articles already extracted by `version` are extracted again (their mentions replaced): what the extractor
    version does not capture, a new gazetteer, needs it."""
    now = (now or dt.datetime.now(dt.UTC)).replace(tzinfo=None)
    moved = quarantine_existing(conn, now)
    if moved and log is not None:
        log.warning(f"{moved} mention(s) already in the warehouse have an implausible date: moved to "
                    "meta.quarantined_mentions")  # fmt: skip
    pending = pending_articles(conn, version, days, everything)
    extractor = make_extractor() if pending else None
    limit = max(MAX_FAILURES, len(pending) // 10)
    preview: list[dict[str, Any]] = []
    failures: list[dict[str, Any]] = []
    quarantined: list[dict[str, Any]] = []
    events = with_events = 0
    batch = Batch()
    for i, (article, digest) in enumerate(pending, 1):
        try:
            records = extractor.extract(article)
            rows = [mention_row(r, n, version, now) for n, r in enumerate(records)]
            dropped = []
            for row in rows:
                reason = implausible_date(row["event_date"], article.published_at)
                if reason is not None:
                    dropped.append(quarantine_row(row, reason, now))
            if dropped:
                rows = [row for row in rows if row["mention_id"] not in {d["mention_id"] for d in dropped}]
        except Exception as err:
            failure = {"article_id": article.id, "extractor_version": version, "content_hash": digest,
                       "error": f"{type(err).__name__}: {err}"[:2000], "failed_at": now}  # fmt: skip
            failures.append(failure)
            batch.failures.append(failure)
            if log is not None:
                log.warning(f"the extractor failed on article {article.id!r}: {failure['error']}")
            if len(failures) > limit:
                write_batch(conn, batch)  # keep the articles done before
                raise RuntimeError(
                    f"the extractor failed on {len(failures)} articles (first {failures[0]['article_id']!r}: "
                    f"{failures[0]['error']})"
                ) from err
            continue
        batch.mentions.extend(rows)
        batch.quarantined.extend(dropped)
        quarantined.extend(dropped)
        preview.extend(rows[: max(0, 25 - len(preview))])
        events += len(rows)
        with_events += bool(rows)
        batch.ids.append(article.id)
        batch.bookkeeping.append(
            {
                "article_id": article.id,
                "extractor_version": version,
                "content_hash": digest,
                "n_events": len(rows),
                "extracted_at": now,
            }
        )
        failpoint("extraction.article")
        if len(batch.ids) + len(batch.failures) >= batch_size:
            write_batch(conn, batch)
            batch = Batch()
            failpoint("extraction.batch")
        if log is not None and i % 500 == 0:
            log.info(f"extracted {i} of {len(pending)} articles")
    write_batch(conn, batch)
    total = conn.execute("SELECT count(*) FROM raw.event_mentions").fetchone()[0]
    return ExtractionReport(
        version=version,
        articles_extracted=len(pending) - len(failures),
        events_found=events,
        articles_with_events=with_events,
        total_mentions=total,
        preview=preview,
        failures=failures,
        quarantined=quarantined,
    )


def events_markdown(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "No new events."
    head = "| mention | type | date | place | admin2 | actor | killed (low/best) | strikes (low/best) | evidence |"
    lines = [head, "|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        evidence = (r["evidence"] or "").replace("|", "\\|").replace("\n", " ")
        if len(evidence) > 70:
            evidence = evidence[:70] + "…"
        lines.append(
            f"| {r['mention_id']} | {r['event_type']} | {r['event_date']} ({r['date_precision']}) | {r['place']} | "
            f"{r['admin2_pcode'] or ''} | {r['actor']} | {r['killed_low']}/{r['killed_best']} | "
            f"{r['strikes_low']}/{r['strikes_best']} | {evidence} |"
        )
    return "\n".join(lines)


WINDOW_SUMMARY_SQL = """
SELECT count(*) AS articles,
       count(*) FILTER (WHERE e.extractor_version = ? AND e.content_hash = a.content_hash) AS current,
       count(*) FILTER (WHERE e.article_id IS NOT NULL AND NOT (e.extractor_version = ? AND e.content_hash = a.content_hash)) AS outdated,
       count(*) FILTER (WHERE e.article_id IS NULL) AS never,
       (SELECT count(*) FROM raw.event_mentions AS m JOIN raw.articles AS b USING (article_id)
        WHERE CAST(b.published_at AS DATE) BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)) AS mentions
FROM raw.articles AS a
LEFT JOIN meta.extractions AS e USING (article_id)
WHERE CAST(a.published_at AS DATE) BETWEEN CAST(? AS DATE) AND CAST(? AS DATE)
"""


def window_summary(conn: duckdb.DuckDBPyConnection, version: str, days: Days) -> dict[str, int]:
    """What the warehouse holds for the articles published on `days` (both included): how many there are, how many
    the extractor `version` has extracted at their current content, how many an older version (or an older content)
    has, how many were never extracted, and their mentions. The metadata of a partitioned materialization."""
    first, last = days
    row = conn.execute(WINDOW_SUMMARY_SQL, [version, version, first, last, first, last]).fetchone()
    return dict(
        zip(("articles", "extracted_current", "extracted_outdated", "never_extracted", "mentions"), row)
    )
