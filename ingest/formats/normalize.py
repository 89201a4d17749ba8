"""One read record -> an Article, or the reasons it cannot be one.

Fields are found by the column mapping (ingest.settings), text is cleaned (zero-width characters,
bidi marks and control characters removed; light HTML turned into text), and the record is checked: a body that
is there, not markup, not over the size limit and Arabic; a publication time that is there, readable and not in
the future. A record without an id takes its URL, else a digest of its content; one without a source takes its
URL's host, else the inbox file's name (the warehouse requires a source).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from extract.records import Article, ArticleError, parse_article
from ingest.settings import FileRule, IngestConfig, column_key
from ingest.formats.items import Item
from ingest.formats.text import (
    DateProblem,
    arabic_letters,
    clean_text,
    has_surrogates,
    html_to_text,
    judge_html,
    looks_like_html,
    parse_published,
    sample,
)

ID_WRITTEN_AS_NUMBER = "id written as a number, not as text"


@dataclass
class Normalized:
    article: Article | None = None
    reasons: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how it was read or repaired

    @property
    def cleaned(self) -> bool:
        """Whether characters or tags were removed from the record's text."""
        return any("removed" in note for note in self.notes)


def _lookup(fields: dict[str, Any], names: list[str]) -> tuple[str | None, Any]:
    """(the column used, its value): the first of `names` the record has with a non-empty value."""
    keys: dict[str, str] = {}
    for key in fields:
        keys.setdefault(column_key(key), key)
    for name in names:
        if "." in name and name not in fields:  # a path into nested JSON: "meta.published"
            value: Any = fields
            for part in name.split("."):
                value = value.get(part) if isinstance(value, dict) else None
            if not _empty(value):
                return name, value
            continue
        key = name if name in fields else keys.get(column_key(name))
        if key is not None and not _empty(fields[key]):
            return key, fields[key]
    return None, None


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == [] or value == {}


def _as_text(name: str, value: Any, reasons: list[str]) -> str | None:
    """A field's value as text; bytes must be UTF-8; a list of strings (paragraphs) is joined by newlines."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            reasons.append(f"{name} is bytes that are not UTF-8 text")
            return None
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n".join(v for v in value if v.strip())
    if name in ("body", "title"):
        reasons.append(f"{name} is not text (it is {type(value).__name__}: {sample(str(value), 40)!r})")
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float, dt.date)):
        return str(value)
    reasons.append(f"{name} is not text (it is {type(value).__name__})")
    return None


def _clean(name: str, value: str | None, notes: list[str], reasons: list[str]) -> str | None:
    if value is None:
        return None
    if has_surrogates(value):
        reasons.append(f"{name} holds \\ud800-style escapes that are not characters (a broken encoding)")
        return None
    cleaned, removed = clean_text(value)
    if removed:
        notes.append(f"{removed} zero-width, bidi or control character(s) removed from {name}")
    return cleaned


def derived_id(url: str | None, title: str | None, body: str) -> str:
    """The id of a record that has none: its URL, else a digest of its title and body."""
    if url and url.strip():
        return url.strip()
    digest = hashlib.sha256(f"{title or ''}\n{body}".encode()).hexdigest()
    return f"sha256:{digest[:20]}"


def derived_source(url: str | None, file_name: str) -> str:
    """The outlet of a record that names none: its URL's host, else the inbox file it came from."""
    try:
        host = urlsplit(url.strip()).hostname if url and url.strip() else None
    except ValueError:  # not a URL
        host = None
    return host.removeprefix("www.") if host else file_name


def normalize(
    item: Item, config: IngestConfig, rule: FileRule, now: dt.datetime, file_name: str = "inbox"
) -> Normalized:
    """Check and clean one read record (item.fields must be set) from the inbox file `file_name`."""
    out = Normalized(notes=list(item.notes))
    reasons, notes = out.reasons, out.notes
    fields = item.fields or {}
    found: dict[str, Any] = {}
    for name in ("id", "source", "url", "published_at", "title", "body"):
        column, value = _lookup(fields, config.candidates(name, rule))
        if column is None and name in rule.defaults:
            value = rule.defaults[name]
        found[name] = value

    # body: present, text, not markup, not too long, Arabic
    body = _clean("body", _as_text("body", found["body"], reasons), notes, reasons)
    if body is not None and item.html_body and looks_like_html(body):
        body = html_to_text(body)
    too_long = f"over the limit of {config.max_body_chars:,} (max_body_chars in the settings)"
    if body is not None and len(body) > 4 * config.max_body_chars:  # not worth parsing as HTML to reject it
        reasons.append(f"body has {len(body):,} characters, {too_long}")
        body = None
    elif body is not None:
        text, junk = judge_html(body)
        if junk:
            reasons.append(junk)
            body = None
        elif text != body:
            notes.append("HTML tags removed from body")
            body = text
    if body is not None and not body.strip():
        body = None
    if body is None and not any(r.startswith("body") for r in reasons):
        tried = ", ".join(config.candidates("body", rule)[:6])
        reasons.append(f"body is missing or empty (looked for a field named {tried}, ...; map yours under "
                       "[ingest.columns] in the settings)")  # fmt: skip
    if body is not None:
        if len(body) > config.max_body_chars:
            reasons.append(f"body has {len(body):,} characters, {too_long}")
        arabic, letters = arabic_letters(body)
        if arabic == 0 or arabic < config.min_arabic_share * letters:
            share = f"{arabic / letters:.0%} of its letters are" if letters else "it has no letters, none"
            reasons.append(f"body is not Arabic text ({share} Arabic, {config.min_arabic_share:.0%} needed): "
                           f"{sample(body)!r}")  # fmt: skip

    # published_at: present, readable, not in the future
    published = None
    try:
        value = found["published_at"]
        if isinstance(value, str):
            value = _clean("published_at", value, [], reasons)
        published = parse_published(
            value,
            formats=config.date_formats_for(rule),
            zone=config.timezone_for(rule),
            now=now,
            future_tolerance=dt.timedelta(hours=config.future_tolerance_hours),
        )
    except DateProblem as problem:
        reasons.append(str(problem))

    title = _clean("title", _as_text("title", found["title"], reasons), notes, reasons)
    if title is not None and looks_like_html(title):
        title = html_to_text(title)
    source = _clean("source", _as_text("source", found["source"], reasons), [], reasons)
    url = _clean("url", _as_text("url", found["url"], reasons), [], reasons)
    # The id is kept exactly as written: spaces, bidi marks or a NUL make another id, never the same one cleaned
    # (two different articles must not become revisions of one). A number is its decimal text, and is noted, so
    # that ingest can tell 42 from "42".
    article_id = _as_text("id", found["id"], reasons)
    if article_id is not None and has_surrogates(article_id):
        reasons.append("id holds \\ud800-style escapes that are not characters (a broken encoding)")
    elif article_id is not None and not isinstance(found["id"], str):
        notes.append(ID_WRITTEN_AS_NUMBER)
    if reasons:
        return out
    if not article_id or not article_id.strip():
        article_id = derived_id(url, title, body)
        notes.append(
            "no id: " + ("its URL is the id" if url and url.strip() else "a digest of its text is the id")
        )
    if not source or not source.strip():
        source = derived_source(url, file_name)
    record = {
        "id": article_id,
        "source": source.strip(),
        "url": url.strip() if url else None,
        "published_at": published.isoformat(),
        "title": title,
        "body": body,
    }
    try:
        out.article = parse_article(record)
    except ArticleError as err:
        reasons.append(str(err))
    return out
