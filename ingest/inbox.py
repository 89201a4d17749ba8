"""Reading the inbox: every file into articles and rejections (no DuckDB, no Dagster; warehouse.articles writes
what this reads into raw.articles, raw.article_revisions and raw.rejected_articles).

Every file of a format Rasd reads (ingest.formats: JSON lines, JSON, CSV, Parquet, saved HTML pages,
RSS/Atom feeds) is read record by record. A record that cannot be an article goes to raw.rejected_articles with
its file, position and reason, and the rest of the file still loads. Nothing is dropped silently, and ingesting
the same inbox twice changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from extract.records import Article, ArticleError, parse_article
from ingest.formats import detect_format, read_items
from ingest.formats.items import RAW_RECORD_LIMIT
from ingest.formats.normalize import normalize
from ingest.settings import IngestConfig, load_config

__all__ = ["RAW_RECORD_LIMIT", "content_hash", "iter_lines", "parse_line", "read_file", "read_inbox"]

def content_hash(article: Article) -> str:
    """sha256 of title + "\\n" + body + published_at (ISO 8601), as docs/contracts.md defines it."""
    text = f"{article.title or ''}\n{article.body}{article.published_at.isoformat()}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


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
    """The files of the inbox folder, by name (hidden and temporary files left out)."""
    return sorted(
        (p for p in inbox.iterdir() if p.is_file() and not p.name.startswith((".", "~", "#"))),
        key=lambda p: p.name,
    )


def read_inbox(inbox: Path, config: IngestConfig | None = None, now: dt.datetime | None = None) -> InboxRead:
    """Read and check every record of every inbox file (by name); blank lines are skipped, nothing is dropped
    silently: each record is an article or a rejection."""
    if not inbox.is_dir():
        raise FileNotFoundError(
            f"inbox folder {inbox} does not exist (set RASD_INBOX to the folder of article files)"
        )
    config = config if config is not None else load_config()
    now = (now or dt.datetime.now(dt.UTC)).replace(tzinfo=None)
    read = InboxRead()
    for path in inbox_files(inbox):
        read_file(path, config, now, read)
    return read


def read_file(path: Path, config: IngestConfig, now: dt.datetime, read: InboxRead) -> InboxRead:
    """Read and check every record of one inbox file into `read` (its articles, rejections, counts): the reading
    ingest does, file by file, which the inbox sensor also uses to learn the publication days of a new file."""
    name = path.name
    rule = config.rule_for(name)
    fmt = detect_format(name, rule)
    if fmt is None:
        read.skipped_files.append(name)
        return read
    read.files.append(name)
    read.formats[name] = fmt
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
        read.rejections.append(
            Rejection(name, item.line, storable(reason), storable(item.raw), item.position)
        )
    return read
