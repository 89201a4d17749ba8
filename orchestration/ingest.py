"""Reading the inbox into raw.articles and raw.rejected_articles (no Dagster here; the asset wraps it)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from extract.records import Article, ArticleError, parse_article

RAW_RECORD_LIMIT = 2000

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
    ]
)


def content_hash(article: Article) -> str:
    """sha256 of title + "\\n" + body + published_at (ISO 8601), as docs/contracts.md defines it."""
    text = f"{article.title or ''}\n{article.body}{article.published_at.isoformat()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def rejection_id(source_file: str, line: int, raw: str) -> str:
    return hashlib.sha256(f"{source_file}\n{line}\n{raw}".encode()).hexdigest()


@dataclass
class Rejection:
    source_file: str
    source_line: int
    reason: str
    raw_record: str


@dataclass
class ParsedLine:
    article: Article
    source_file: str
    source_line: int


@dataclass
class InboxRead:
    files: list[str] = field(default_factory=list)
    rows_read: int = 0
    articles: list[ParsedLine] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


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
    """One inbox line -> an Article, or ArticleError with the reason a person reads."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as err:
        raise ArticleError(f"line is not valid JSON: {err.msg} at column {err.colno}") from None
    return parse_article(record)


def read_inbox(inbox: Path) -> InboxRead:
    """Parse every *.jsonl file in the inbox (sorted by name); blank lines are skipped, none is dropped silently."""
    read = InboxRead()
    if not inbox.is_dir():
        raise FileNotFoundError(
            f"inbox folder {inbox} does not exist (set RASD_INBOX to the folder of *.jsonl files)"
        )
    for path in sorted(inbox.glob("*.jsonl")):
        name = path.name
        read.files.append(name)
        for number, text, raw in iter_lines(path):
            if text is None:
                read.rows_read += 1
                read.rejections.append(
                    Rejection(name, number, "line is not valid UTF-8 text", raw.decode("utf-8", "replace"))
                )
                continue
            if not text.strip():
                continue
            read.rows_read += 1
            try:
                read.articles.append(ParsedLine(parse_line(text), name, number))
            except ArticleError as err:
                read.rejections.append(Rejection(name, number, str(err), text.rstrip("\r\n")))
    return read


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


def ingest(conn: duckdb.DuckDBPyConnection, inbox: Path, now: dt.datetime | None = None) -> IngestReport:
    """Upsert the inbox into raw.articles (one row per article_id, a changed content_hash replaces the row)
    and record bad lines in raw.rejected_articles. Running it twice on the same inbox changes nothing."""
    now = (now or dt.datetime.now(dt.UTC)).replace(tzinfo=None)
    read = read_inbox(inbox)

    # The same id twice in the inbox: the last one read wins (files by name, then by line).
    latest: dict[str, ParsedLine] = {}
    for parsed in read.articles:
        latest[parsed.article.id] = parsed
    duplicates = len(read.articles) - len(latest)

    existing = dict(conn.execute("SELECT article_id, content_hash FROM raw.articles").fetchall())
    rows, inserted, updated = [], 0, 0
    for article_id, parsed in latest.items():
        digest = content_hash(parsed.article)
        old = existing.get(article_id)
        if old == digest:
            continue
        inserted += old is None
        updated += old is not None
        a = parsed.article
        rows.append(
            {
                "article_id": a.id,
                "source": a.source,
                "url": a.url,
                "published_at": a.published_at,
                "title": a.title,
                "body": a.body,
                "content_hash": digest,
                "source_file": parsed.source_file,
                "source_line": parsed.source_line,
                "ingested_at": now,
            }
        )

    rejection_rows = {}
    for r in read.rejections:
        rid = rejection_id(r.source_file, r.source_line, r.raw_record)
        rejection_rows[rid] = {
            "rejection_id": rid,
            "source_file": r.source_file,
            "source_line": r.source_line,
            "reason": r.reason,
            "raw_record": r.raw_record[:RAW_RECORD_LIMIT],
            "rejected_at": now,
        }

    incoming = pa.Table.from_pylist(rows, schema=ARTICLE_SCHEMA)
    incoming_rejections = pa.Table.from_pylist(list(rejection_rows.values()), schema=REJECTION_SCHEMA)
    conn.register("incoming_articles", incoming)
    conn.register("incoming_rejections", incoming_rejections)
    try:
        conn.execute("BEGIN TRANSACTION")
        try:
            conn.execute(
                """
                INSERT INTO raw.articles BY NAME SELECT * FROM incoming_articles
                ON CONFLICT (article_id) DO UPDATE SET
                    source = excluded.source, url = excluded.url, published_at = excluded.published_at,
                    title = excluded.title, body = excluded.body, content_hash = excluded.content_hash,
                    source_file = excluded.source_file, source_line = excluded.source_line,
                    ingested_at = excluded.ingested_at
                """
            )
            before = conn.execute("SELECT count(*) FROM raw.rejected_articles").fetchone()[0]
            conn.execute(
                "INSERT INTO raw.rejected_articles BY NAME SELECT * FROM incoming_rejections "
                "ON CONFLICT (rejection_id) DO NOTHING"
            )
            total_rejected = conn.execute("SELECT count(*) FROM raw.rejected_articles").fetchone()[0]
            total_rows = conn.execute("SELECT count(*) FROM raw.articles").fetchone()[0]
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
    finally:
        conn.unregister("incoming_articles")
        conn.unregister("incoming_rejections")

    return IngestReport(
        files=read.files,
        rows_read=read.rows_read,
        inserted=inserted,
        updated=updated,
        unchanged=len(latest) - inserted - updated,
        duplicates_in_inbox=duplicates,
        rejected=len(read.rejections),
        rejected_new=total_rejected - before,
        total_rows=total_rows,
        total_rejected=total_rejected,
        rejections=read.rejections,
    )


def rejections_markdown(rejections: list[Rejection], limit: int = 50) -> str:
    if not rejections:
        return "No rejected lines."
    lines = ["| file | line | reason | record |", "|---|---|---|---|"]
    for r in rejections[:limit]:
        lines.append(
            f"| {md_cell(r.source_file)} | {r.source_line} | {md_cell(r.reason)} | {md_cell(r.raw_record[:80])} |"
        )
    if len(rejections) > limit:
        lines.append(f"\n… and {len(rejections) - limit} more (see raw.rejected_articles).")
    return "\n".join(lines)


def md_cell(value: object) -> str:
    return str(value if value is not None else "").replace("|", "\\|").replace("\n", " ")
