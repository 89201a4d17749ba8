"""The records that cross module boundaries: input articles and output event records.

The field names and their coding are fixed by GUIDELINES.md section 7; `EventRecord.to_dict`
is the exact line format the scorer reads, plus the evidence offsets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

EVENT_TYPES = ("air_strike", "shelling", "armed_clash", "explosion", "attack")
STRIKE_TYPES = frozenset({"air_strike", "shelling"})
ACTORS = ("regime", "russia", "coalition", "opposition", "isis", "kurdish", "turkey", "israel", "unknown")
DATE_PRECISIONS = ("day", "week", "month")
REQUIRED_FIELDS = ("id", "published_at", "body")


class ArticleError(ValueError):
    """An input record that cannot be an article; the message is the reason shown to users."""


@dataclass(frozen=True)
class Article:
    id: str
    source: str | None
    url: str | None
    published_at: dt.datetime  # UTC, naive
    title: str | None
    body: str

    @property
    def text(self) -> str:
        """The string evidence offsets index: title, a newline, then the body (the body alone with no title)."""
        return f"{self.title}\n{self.body}" if self.title else self.body


def parse_timestamp(value: Any) -> dt.datetime:
    """ISO 8601 with or without a zone; aware values are converted to naive UTC."""
    if not isinstance(value, str) or not value.strip():
        raise ArticleError("published_at is missing or empty")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError:
        raise ArticleError(f"published_at {value!r} is not an ISO 8601 date or timestamp") from None
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return stamp


def parse_article(record: Any) -> Article:
    """Validate one decoded input record; raise ArticleError with a readable reason."""
    if not isinstance(record, dict):
        raise ArticleError(f"expected a JSON object, got {type(record).__name__}")
    missing = [name for name in REQUIRED_FIELDS if record.get(name) in (None, "")]
    if missing:
        raise ArticleError("missing or empty field(s): " + ", ".join(missing))
    body, title = record["body"], record.get("title")
    if not isinstance(body, str) or not body.strip():
        raise ArticleError("body is not text or is blank")
    if title is not None and not isinstance(title, str):
        raise ArticleError("title is not text")
    return Article(
        id=str(record["id"]),
        source=None if record.get("source") is None else str(record["source"]),
        url=None if record.get("url") is None else str(record["url"]),
        published_at=parse_timestamp(record["published_at"]),
        title=title.strip() or None if title else None,
        body=body,
    )


@dataclass(frozen=True)
class Count:
    """A conservative floor beside a best estimate (ACLED's low / UCDP's best), and whether the text was vague."""

    low: int = 0
    best: int = 0
    vague: bool = False

    def __post_init__(self) -> None:
        if self.low < 0 or self.best < self.low:
            raise ValueError(f"invalid count low={self.low} best={self.best}")

    def to_dict(self) -> dict[str, Any]:
        return {"low": self.low, "best": self.best, "vague": self.vague}


ZERO = Count()


@dataclass
class EventRecord:
    article_id: str
    event_type: str
    event_date: dt.date
    date_precision: str
    place: str
    admin1_pcode: str | None
    admin2_pcode: str | None
    admin4_pcode: str | None
    geo_precision: int
    actor: str
    killed: Count = ZERO
    injured: Count = ZERO
    strikes: Count = ZERO
    civilian: bool = False
    evidence: str = ""
    evidence_start: int = 0
    evidence_end: int = 0
    place_kind: str = "gazetteer"  # gazetteer, landmark (a named site), unresolved (a name the tables lack)
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "event_type": self.event_type,
            "event_date": self.event_date.isoformat(),
            "date_precision": self.date_precision,
            "place": self.place,
            "admin1_pcode": self.admin1_pcode,
            "admin2_pcode": self.admin2_pcode,
            "admin4_pcode": self.admin4_pcode,
            "geo_precision": self.geo_precision,
            "actor": self.actor,
            "killed": self.killed.to_dict(),
            "injured": self.injured.to_dict(),
            "strikes": self.strikes.to_dict(),
            "civilian": self.civilian,
            "evidence": self.evidence,
            "evidence_start": self.evidence_start,
            "evidence_end": self.evidence_end,
        }
