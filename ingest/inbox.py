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
from ingest.formats.limits import MAX_REJECTIONS_PER_FILE
from ingest.formats.normalize import ID_WRITTEN_AS_NUMBER, normalize
from ingest.inbox_entries import display_name, list_inbox
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
