"""What every format reader yields: one positioned item per record of a file, or an error where a record
could not be read at all."""

from __future__ import annotations

import bisect
import json
from dataclasses import dataclass
from typing import Any

RAW_RECORD_LIMIT = 2000


@dataclass
class Item:
    """One record of an inbox file, as read, before it is checked.

    `line` is what raw.*.source_line stores: the 1-based line where the record starts in a text file (JSON lines,
    JSON, CSV), the row of a Parquet file, the entry of a feed, 1 for a saved page, 0 for the whole file.
    `position` says the same for people ("line 3", "item 2 (line 5)", "row 4 (line 5)", "entry 2", "page").
    """

    line: int
    position: str
    raw: str
    fields: dict[str, Any] | None = None
    error: str | None = None
    html_body: bool = (
        False  # the body is HTML by nature (a feed's content): converted to text, not judged junk
    )
    notes: tuple[str, ...] = ()


def whole_file(reason: str, raw: str = "") -> Item:
    return Item(0, "whole file", raw, error=reason)


def raw_json(value: Any) -> str:
    """A record as JSON text for raw.rejected_articles (non-JSON values as their str), cut to the limit."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = repr(value)
    return text[: RAW_RECORD_LIMIT * 2]


class LineIndex:
    """1-based line number of a character offset in a text."""

    def __init__(self, text: str):
        self.newlines = [i for i, ch in enumerate(text) if ch == "\n"]

    def line(self, offset: int) -> int:
        return bisect.bisect_left(self.newlines, offset) + 1
