"""Readers for what a browser or a feed reader saves: HTML article pages (main text by trafilatura) and
RSS/Atom feeds (feedparser)."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Iterator
from typing import Any

from ingest.settings import FileRule
from ingest.formats.items import Item, raw_json, whole_file
from ingest.formats.text import DateProblem, html_to_text, looks_like_html, parse_published, sample

# --- saved article pages ---------------------------------------------------------------------------------

MIN_PAGE_TEXT = 50  # characters: less is a menu, an error page or a video caption, not an article

# Where news pages state their publication time, most specific first (Open Graph / article:, schema.org,
# Dublin Core, common CMS names).
META_DATE_NAMES = (
    "article:published_time", "og:article:published_time", "og:published_time", "datepublished",
    "article.published", "parsely-pub-date", "sailthru.date", "publishdate", "publish-date", "publish_date",
    "pubdate", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.created", "date",
)  # fmt: skip


def _json_ld_dates(value: Any) -> Iterator[str]:
    if isinstance(value, dict):
        if isinstance(value.get("datePublished"), str):
            yield value["datePublished"]
        for inner in value.values():
            yield from _json_ld_dates(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _json_ld_dates(inner)


def page_dates(tree: Any) -> list[str]:
    """Candidate publication times of a page, in order of trust: meta tags, JSON-LD, <time> elements."""
    found: list[tuple[int, str]] = []
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key in META_DATE_NAMES and (meta.get("content") or "").strip():
            found.append((META_DATE_NAMES.index(key), meta.get("content").strip()))
    out = [value for _, value in sorted(found, key=lambda pair: pair[0])]
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() == "application/ld+json" and script.text:
            try:
                out.extend(_json_ld_dates(json.loads(script.text)))
            except (ValueError, RecursionError):
                pass
    times = list(tree.iter("time"))
    times.sort(key=lambda t: (t.get("itemprop") or "").lower() != "datepublished")
    out.extend(t.get("datetime").strip() for t in times if (t.get("datetime") or "").strip())
    return out


def read_html(data: bytes, rule: FileRule, name: str) -> Iterator[Item]:
    """A saved article page -> one article: its main text, title, canonical URL, site name and publication time.
    The id is the canonical URL, else the file name."""
    import trafilatura
    from trafilatura.utils import load_html

    preview = data[:2000].decode("utf-8", "replace")
    tree = load_html(data)
    if tree is None:
        yield Item(1, "page", preview, error="file is not an HTML page that can be parsed")
        return
    dates = page_dates(tree)
    document = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    text = (document.text or "").strip() if document is not None else ""
    if len(text) < MIN_PAGE_TEXT:
        found = f"its main text is only {sample(text)!r}" if text else "trafilatura found no main text"
        yield Item(1, "page", preview, error=f"no article text found in the page ({found})")
        return
    title = (document.title or "").strip() or None
    body = document.text.strip()
    first, _, rest = body.partition("\n")
    if title and first.strip() == title and rest.strip():  # the headline repeated as the text's first line
        body = rest.strip()
    published: Any = None
    for candidate in dates:
        try:
            parse_published(candidate, future_tolerance=dt.timedelta(days=36500))
        except DateProblem:
            continue
        published = candidate
        break
    if published is None:
        published = document.date  # htmldate's reading of the page, day precision
    if not published:
        reason = (
            f"the page's publication date {dates[0]!r} cannot be read" if dates else
            "no publication date found in the page (no article:published_time or other date meta tag, JSON-LD "
            "datePublished or <time datetime>)"
        )  # fmt: skip
        yield Item(1, "page", preview, error=reason)
        return
    fields = {
        "id": document.url or name,
        "url": document.url,
        "title": title,
        "body": body,
        "published_at": published,
        "source": document.sitename or document.hostname,
    }
    yield Item(1, "page", raw_json(fields), fields=fields, notes=("main text extracted from the page",))


# --- feeds -----------------------------------------------------------------------------------------------


def _entry_body(entry: Any) -> str | None:
    contents = [c.get("value") or "" for c in entry.get("content") or [] if isinstance(c, dict)]
    best = max(contents, key=len) if contents else ""
    summary = entry.get("summary") or entry.get("description") or ""
    return best if len(best) >= len(summary) else summary


def _entry_time(entry: Any) -> Any:
    # dict.get: FeedParserDict.get maps a missing "updated" to "published" with a deprecation warning
    for key in ("published", "updated", "created"):
        parsed = dict.get(entry, f"{key}_parsed")
        if parsed:
            return dt.datetime(*parsed[:6], tzinfo=dt.UTC)
    for key in ("published", "updated", "created", "dc_date"):
        if dict.get(entry, key):
            return dict.get(entry, key)
    return None


def read_feed(data: bytes, rule: FileRule) -> Iterator[Item]:
    """An RSS or Atom feed saved as a file: one article per entry (its content, else its summary, as text)."""
    import feedparser

    parsed = feedparser.parse(io.BytesIO(data), resolve_relative_uris=False, sanitize_html=True)
    if not parsed.get("version") and not parsed.entries:
        problem = parsed.get("bozo_exception")
        yield whole_file(
            "file is not an RSS or Atom feed"
            + (f": {problem}" if problem else " (no <rss>, <feed> or <rdf:RDF>)"),
            data[:2000].decode("utf-8", "replace"),
        )
        return
    source = (parsed.feed.get("title") or "").strip() or None
    for n, entry in enumerate(parsed.entries, 1):
        title = entry.get("title")
        if title and looks_like_html(title):
            title = html_to_text(title)
        fields = {
            "id": entry.get("id") or entry.get("link"),
            "url": entry.get("link"),
            "title": title,
            "body": _entry_body(entry),
            "published_at": _entry_time(entry),
            "source": source,
        }
        yield Item(n, f"entry {n}", raw_json(fields), fields=fields, html_body=True)
