"""Reading the inbox into raw.articles, raw.article_revisions and raw.rejected_articles (no Dagster here; the
asset wraps it).

Every file of a format Rasd reads (orchestration.formats: JSON lines, JSON, CSV, Parquet, saved HTML pages,
RSS/Atom feeds) is read record by record. A record that cannot be an article goes to raw.rejected_articles with
its file, position and reason, and the rest of the file still loads. Nothing is dropped silently, and ingesting
the same inbox twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from extract.records import Article, ArticleError, parse_article
from orchestration.faults import failpoint
from orchestration.formats import detect_format, read_items
from orchestration.formats.config import IngestConfig, load_config
from orchestration.formats.items import RAW_RECORD_LIMIT
from orchestration.formats.limits import MAX_REJECTIONS_PER_FILE
from orchestration.formats.normalize import ID_WRITTEN_AS_NUMBER, normalize
from orchestration.inbox_entries import display_name, list_inbox
from orchestration.warehouse import rollback

__all__ = [
    "RAW_RECORD_LIMIT", "content_hash", "ingest", "iter_lines", "parse_line", "read_file", "read_inbox"
]  # fmt: skip

ARTICLE_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("published_at", pa.timestamp("us")),
        ("title", pa.string()),
        ("body", pa.string()),
        ("content_hash", pa.string()),
        ("source_file", pa.string()),
        ("source_line", pa.int32()),
        ("ingested_at", pa.timestamp("us")),
        ("revision", pa.int32()),
        ("source_position", pa.string()),
    ]
)
REVISION_SCHEMA = pa.schema(
    [
        ("article_id", pa.string()),
        ("revision", pa.int32()),
        ("content_hash", pa.string()),
        ("source", pa.string()),
        ("url", pa.string()),
        ("published_at", pa.timestamp("us")),
        ("title", pa.string()),
        ("body", pa.string()),
        ("source_file", pa.string()),
        ("source_line", pa.int32()),
        ("source_position", pa.string()),
        ("seen_at", pa.timestamp("us")),
    ]
)
REJECTION_SCHEMA = pa.schema(
    [
        ("rejection_id", pa.string()),
        ("source_file", pa.string()),
        ("source_line", pa.int32()),
        ("reason", pa.string()),
        ("raw_record", pa.string()),
        ("rejected_at", pa.timestamp("us")),
        ("source_position", pa.string()),
    ]
)


def content_hash(article: Article) -> str:
    """sha256 of title + "\\n" + body + published_at (ISO 8601), as docs/contracts.md defines it."""
    text = f"{article.title or ''}\n{article.body}{article.published_at.isoformat()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def rejection_id(source_file: str, line: int, raw: str) -> str:
    return hashlib.sha256(f"{source_file}\n{line}\n{raw}".encode("utf-8", "replace")).hexdigest()


def storable(text: str) -> str:
    """`text` as DuckDB can store it: unpaired surrogates (from a "\\ud800" JSON escape) replaced."""
    return text.encode("utf-8", "replace").decode("utf-8")


@dataclass
class Rejection:
    source_file: str
    source_line: int
    reason: str
    raw_record: str
    source_position: str = ""


@dataclass
class ParsedLine:
    article: Article
    source_file: str
    source_line: int
    source_position: str = ""
    notes: tuple[str, ...] = ()

    @property
    def digest(self) -> str:
        return content_hash(self.article)


@dataclass
class InboxRead:
    files: list[str] = field(default_factory=list)
    rows_read: int = 0
    articles: list[ParsedLine] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    skipped_files: list[str] = field(default_factory=list)  # files of a kind Rasd does not read
    formats: dict[str, str] = field(default_factory=dict)  # file -> format
    cleaned: int = 0  # records loaded after invisible characters or HTML tags were removed


# --- the JSON-lines helpers `rasd extract` uses ------------------------------------------------------------


def iter_lines(path: Path):
    """(1-based line number, text or None if it is not UTF-8, raw bytes) for each line of a file."""
    with open(path, "rb") as handle:
        for number, raw in enumerate(handle, 1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                yield number, raw.decode("utf-8"), raw
            except UnicodeDecodeError:
                yield number, None, raw


def parse_line(text: str) -> Article:
    """One JSON line -> an Article, or ArticleError with the reason a person reads."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        raise ArticleError(f"line is not valid JSON: {err.msg} at column {err.colno}") from None
    return parse_article(record)


# --- reading the inbox -----------------------------------------------------------------------------------


def inbox_files(inbox: Path) -> list[Path]:
    """The regular files of the inbox folder, by name (hidden and temporary files, links, folders, pipes and
    devices left out: read_inbox reports the latter as rejections)."""
    return list_inbox(inbox)[0]


def read_inbox(inbox: Path, config: IngestConfig | None = None, now: dt.datetime | None = None) -> InboxRead:
    """Read and check every record of every inbox file (by name); blank lines are skipped, nothing is dropped
    silently: each record is an article or a rejection. An entry that is not a regular file (a symbolic link, a
    folder, a pipe) is not read, and is a rejection that says why."""
    if not inbox.is_dir():
        raise FileNotFoundError(
            f"inbox folder {inbox} does not exist (set RASD_INBOX to the folder of article files)"
        )
    config = config if config is not None else load_config()
    now = (now or dt.datetime.now(dt.UTC)).replace(tzinfo=None)
    read = InboxRead()
    files, refused = list_inbox(inbox)
    for entry in refused:
        read.skipped_files.append(entry.name)
        read.rejections.append(Rejection(entry.name, 0, entry.reason, "", "whole file"))
    for path in files:
        read_file(path, config, now, read)
    refuse_id_clashes(read)
    return read


def refuse_id_clashes(read: InboxRead) -> None:
    """Ids are compared as written: the number 42 and the text "42" are two ids, though both are stored as the
    text 42. A record whose id is written the other way than the id's first record in this read is rejected
    (instead of silently becoming a revision of a different article)."""
    first: dict[str, ParsedLine] = {}
    kept = []
    for parsed in read.articles:
        as_number = ID_WRITTEN_AS_NUMBER in parsed.notes
        earlier = first.setdefault(parsed.article.id, parsed)
        if (ID_WRITTEN_AS_NUMBER in earlier.notes) == as_number:
            kept.append(parsed)
            continue
        here, there = ("a number", "text") if as_number else ("text", "a number")
        a = parsed.article
        raw = json.dumps({"id": a.id, "published_at": a.published_at.isoformat(), "title": a.title,
                          "body": a.body[:RAW_RECORD_LIMIT]}, ensure_ascii=False)  # fmt: skip
        read.rejections.append(Rejection(
            parsed.source_file, parsed.source_line,
            storable(f"id {a.id!r} is written as {here} here but as {there} in {earlier.source_file} "
                     f"{earlier.source_position or earlier.source_line}: ids are compared as written, so these are "
                     "two different articles under one id; give one of them another id"),
            storable(raw), parsed.source_position))  # fmt: skip
    read.articles = kept


def read_file(path: Path, config: IngestConfig, now: dt.datetime, read: InboxRead) -> InboxRead:
    """Read and check every record of one inbox file into `read` (its articles, rejections, counts): the reading
    ingest does, file by file, which the inbox sensor also uses to learn the publication days of a new file.
    The file is known by its display name (bytes that are not UTF-8 shown as \\xNN). Past
    MAX_REJECTIONS_PER_FILE rejections, the file's further rejections are summed up in one row (its good records
    still load)."""
    name = display_name(path.name)
    rule = config.rule_for(name)
    fmt = detect_format(name, rule)
    if fmt is None:
        read.skipped_files.append(name)
        return read
    read.files.append(name)
    read.formats[name] = fmt
    kept = 0
    extra: list[Rejection] = []
    for item in read_items(path, fmt, rule):
        read.rows_read += 1
        if item.error is None and item.fields is not None:
            try:
                result = normalize(item, config, rule, now, name)
            except Exception as err:  # a check must never lose a record: it becomes a rejection
                reasons = [f"record could not be checked ({type(err).__name__}: {err})"]
                result = None
            else:
                reasons = result.reasons
            if result is not None and result.article is not None:
                read.articles.append(
                    ParsedLine(result.article, name, item.line, item.position, tuple(result.notes))
                )
                read.cleaned += result.cleaned
                continue
            reason = "; ".join(reasons) or "record is not an article"
        else:
            reason = item.error or "record is empty"
        rejection = Rejection(name, item.line, storable(reason), storable(item.raw), item.position)
        if kept < MAX_REJECTIONS_PER_FILE:
            read.rejections.append(rejection)
            kept += 1
        else:
            extra.append(rejection)
    if extra:
        read.rejections.append(summed_up(extra))
    return read


def summed_up(extra: list[Rejection]) -> Rejection:
    """One rejection row for the rejections of a file past MAX_REJECTIONS_PER_FILE: where they are and the first
    reason, so that a file of garbage costs a bounded number of rows."""
    first, last = extra[0], extra[-1]
    where = f"{first.source_position or first.source_line} to {last.source_position or last.source_line}"
    return Rejection(
        first.source_file,
        first.source_line,
        f"{len(extra):,} more records of this file were rejected ({where}), not kept one by one past "
        f"{MAX_REJECTIONS_PER_FILE:,}; the first: {first.reason}",
        first.raw_record,
        f"{where} ({len(extra):,} records)",
    )


# --- writing ---------------------------------------------------------------------------------------------


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
                revisions.append({k: row[k] for k in REVISION_SCHEMA.names if k in row} | {"seen_at": now})
                if top[article_id] > 1:
                    revised.append((article_id, top[article_id], parsed.source_file, parsed.source_position))
            latest, digest = occurrences[-1], digests[-1]
            old = existing.get(article_id)
            if old == digest:
                continue
            inserted += old is None
            updated += old is not None
            rows.append(_article_row(latest, digest, known[(article_id, digest)], now))

        conn.register(names[0], pa.Table.from_pylist(rows, schema=ARTICLE_SCHEMA))
        conn.register(names[1], pa.Table.from_pylist(revisions, schema=REVISION_SCHEMA))
        conn.register(names[2], pa.Table.from_pylist(list(rejection_rows.values()), schema=REJECTION_SCHEMA))
        looked_at = sorted(set(read.files) | {r.source_file for r in read.rejections if r.source_position == "whole file"})
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
