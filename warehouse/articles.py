"""Writing what ingest read into raw.articles, raw.article_revisions and raw.rejected_articles, in one
transaction (no Dagster here; the `articles` asset wraps it).

raw.articles holds one row per article id, the latest content read (files by name, records in file order);
raw.article_revisions keeps every distinct content an id has had; records that cannot be articles go to
raw.rejected_articles with their file, position and reason. Ingesting the same inbox twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from ingest.formats.items import RAW_RECORD_LIMIT
from ingest.inbox import ParsedLine, Rejection, read_inbox
from ingest.settings import IngestConfig
from warehouse.connection import rollback
from warehouse.faults import failpoint
from warehouse.schema import ARTICLE_REVISIONS, ARTICLES, REJECTED_ARTICLES


def rejection_id(source_file: str, line: int, raw: str) -> str:
    return hashlib.sha256(f"{source_file}\n{line}\n{raw}".encode("utf-8", "replace")).hexdigest()


@dataclass
class IngestReport:
    files: list[str]
    rows_read: int
    inserted: int
    updated: int
    unchanged: int
    duplicates_in_inbox: int
    rejected: int
    rejected_new: int
    total_rows: int
    total_rejected: int
    rejections: list[Rejection]
    revisions_new: int = 0
    revised: list[tuple[str, int, str, str]] = field(default_factory=list)  # (id, revision, file, position)
    skipped_files: list[str] = field(default_factory=list)
    formats: dict[str, str] = field(default_factory=dict)
    cleaned: int = 0


BACKFILL_REVISIONS_SQL = """
INSERT INTO raw.article_revisions BY NAME
SELECT a.article_id, coalesce(m.top, 0) + 1 AS revision, a.content_hash, a.source, a.url, a.published_at,
       a.title, a.body, a.source_file, a.source_line, a.source_position, a.ingested_at AS seen_at
FROM raw.articles AS a
LEFT JOIN (SELECT article_id, max(revision) AS top FROM raw.article_revisions GROUP BY article_id) AS m
  USING (article_id)
WHERE NOT EXISTS (
    SELECT 1 FROM raw.article_revisions AS r WHERE r.article_id = a.article_id AND r.content_hash = a.content_hash
)
"""
SET_REVISION_SQL = """
UPDATE raw.articles SET revision = r.revision
FROM raw.article_revisions AS r
WHERE raw.articles.revision IS NULL AND r.article_id = raw.articles.article_id
  AND r.content_hash = raw.articles.content_hash
"""


def _article_row(p: ParsedLine, digest: str, revision: int, now: dt.datetime) -> dict:
    a = p.article
    return {
        "article_id": a.id,
        "source": a.source,
        "url": a.url,
        "published_at": a.published_at,
        "title": a.title,
        "body": a.body,
        "content_hash": digest,
        "source_file": p.source_file,
        "source_line": p.source_line,
        "source_position": p.source_position,
        "ingested_at": now,
        "revision": revision,
    }


def ingest(
    conn: duckdb.DuckDBPyConnection,
    inbox: Path,
    now: dt.datetime | None = None,
    config: IngestConfig | None = None,
    log: Callable[[str], None] | None = None,
) -> IngestReport:
    """Load the inbox in one transaction: raw.articles holds one row per article id, the latest content read
    (files by name, records in file order); raw.article_revisions keeps every distinct content an id has had;
    bad records go to raw.rejected_articles. Running it twice on the same inbox changes nothing."""
    now = (now or dt.datetime.now(dt.UTC)).replace(tzinfo=None)
    read = read_inbox(inbox, config, now)

    by_id: dict[str, list[ParsedLine]] = {}
    for parsed in read.articles:
        by_id.setdefault(parsed.article.id, []).append(parsed)

    rejection_rows = {}
    for r in read.rejections:
        rid = rejection_id(r.source_file, r.source_line, r.raw_record)
        rejection_rows[rid] = {
            "rejection_id": rid,
            "source_file": r.source_file,
            "source_line": r.source_line,
            "source_position": r.source_position,
            "reason": r.reason,
            "raw_record": r.raw_record[:RAW_RECORD_LIMIT],
            "rejected_at": now,
        }

    names = ("incoming_articles", "incoming_revisions", "incoming_rejections", "files_read")
    conn.execute("BEGIN TRANSACTION")
    try:
        conn.execute(BACKFILL_REVISIONS_SQL)  # rows written before revisions were kept
        conn.execute(SET_REVISION_SQL)
        existing = {
            article_id: digest
            for article_id, digest in conn.execute(
                "SELECT article_id, content_hash FROM raw.articles"
            ).fetchall()
        }
        known: dict[tuple[str, str], int] = {}
        top: dict[str, int] = {}
        for article_id, digest, revision in conn.execute(
            "SELECT article_id, content_hash, revision FROM raw.article_revisions"
        ).fetchall():
            known[(article_id, digest)] = revision
            top[article_id] = max(top.get(article_id, 0), revision)

        rows, revisions, revised = [], [], []
        inserted = updated = 0
        for article_id, occurrences in by_id.items():
            digests = [p.digest for p in occurrences]
            for parsed, digest in zip(occurrences, digests):
                if (article_id, digest) in known:
                    continue
                top[article_id] = top.get(article_id, 0) + 1
                known[(article_id, digest)] = top[article_id]
                row = _article_row(parsed, digest, top[article_id], now)
                revisions.append({k: row[k] for k in ARTICLE_REVISIONS.names if k in row} | {"seen_at": now})
                if top[article_id] > 1:
                    revised.append((article_id, top[article_id], parsed.source_file, parsed.source_position))
            latest, digest = occurrences[-1], digests[-1]
            old = existing.get(article_id)
            if old == digest:
                continue
            inserted += old is None
            updated += old is not None
            rows.append(_article_row(latest, digest, known[(article_id, digest)], now))

        conn.register(names[0], pa.Table.from_pylist(rows, schema=ARTICLES.arrow_schema()))
        conn.register(names[1], pa.Table.from_pylist(revisions, schema=ARTICLE_REVISIONS.arrow_schema()))
        conn.register(
            names[2],
            pa.Table.from_pylist(list(rejection_rows.values()), schema=REJECTED_ARTICLES.arrow_schema()),
        )
        whole_files = {r.source_file for r in read.rejections if r.source_position == "whole file"}
        looked_at = sorted(set(read.files) | whole_files)
        conn.register(names[3], pa.table({"source_file": pa.array(looked_at, pa.string())}))
        conn.execute(
            """
            INSERT INTO raw.articles BY NAME SELECT * FROM incoming_articles
            ON CONFLICT (article_id) DO UPDATE SET
                source = excluded.source, url = excluded.url, published_at = excluded.published_at,
                title = excluded.title, body = excluded.body, content_hash = excluded.content_hash,
                source_file = excluded.source_file, source_line = excluded.source_line,
                source_position = excluded.source_position, ingested_at = excluded.ingested_at,
                revision = excluded.revision
            """
        )
        conn.execute("INSERT INTO raw.article_revisions BY NAME SELECT * FROM incoming_revisions")
        before = conn.execute("SELECT count(*) FROM raw.rejected_articles").fetchone()[0]
        # A rejection of a file read now that this reading no longer gives (the file was fixed) is resolved:
        # kept as history, no longer counted; one that comes back is open again.
        conn.execute(
            "UPDATE raw.rejected_articles SET resolved_at = ? WHERE resolved_at IS NULL "
            "AND source_file IN (SELECT source_file FROM files_read) "
            "AND rejection_id NOT IN (SELECT rejection_id FROM incoming_rejections)",
            [now],
        )
        conn.execute(
            "INSERT INTO raw.rejected_articles BY NAME SELECT * FROM incoming_rejections "
            "ON CONFLICT (rejection_id) DO UPDATE SET resolved_at = NULL"
        )
        after, total_rejected = conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE resolved_at IS NULL) FROM raw.rejected_articles"
        ).fetchone()
        total_rows = conn.execute("SELECT count(*) FROM raw.articles").fetchone()[0]
        failpoint("ingest.before_commit")
        conn.execute("COMMIT")
    except BaseException:
        rollback(conn)
        raise
    finally:
        for name in names:
            try:
                conn.unregister(name)
            except Exception:  # not registered: the transaction failed before
                pass

    if log is not None:
        for article_id, revision, source_file, position in revised:
            log(f"article {article_id!r} changed: revision {revision} from {source_file} {position}")
    return IngestReport(
        files=read.files,
        rows_read=read.rows_read,
        inserted=inserted,
        updated=updated,
        unchanged=len(by_id) - inserted - updated,
        duplicates_in_inbox=len(read.articles) - len(by_id),
        rejected=len(read.rejections),
        rejected_new=after - before,
        total_rows=total_rows,
        total_rejected=total_rejected,
        rejections=read.rejections,
        revisions_new=len(revisions),
        revised=revised,
        skipped_files=read.skipped_files,
        formats=read.formats,
        cleaned=read.cleaned,
    )
