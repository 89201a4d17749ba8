"""HXL hashtags (https://hxlstandard.org) for the marts' columns: the second row of every exported CSV, so that
HDX, HXL Proxy and humanitarian tools read the columns without a codebook.

The tags are data (data/hxl_tags.csv: column name -> hashtag with attributes); a column not listed there gets
`#meta+<column>`, so every column is tagged and a new column never breaks an export."""

from __future__ import annotations

import csv
import re
from functools import cache
from pathlib import Path

TAGS_FILE = Path(__file__).with_name("data") / "hxl_tags.csv"
# A hashtag and its attributes: #tag(+attribute)*, lower-case letters, digits and underscores.
HXL_PATTERN = re.compile(r"^#[a-z][a-z0-9_]*(\s*\+[a-z][a-z0-9_]*)*$")


@cache
def column_tags() -> dict[str, str]:
    with open(TAGS_FILE, encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(line for line in handle if not line.startswith("#"))]
    tags = {row["column"]: row["hxl"] for row in rows}
    bad = {c: t for c, t in tags.items() if not HXL_PATTERN.match(t)}
    if bad:
        raise ValueError(f"{TAGS_FILE}: not HXL hashtags: {bad}")
    return tags


def tag_for(column: str) -> str:
    """The column's hashtag: from data/hxl_tags.csv, else #meta+<column> (lower-cased, non-word characters as _)."""
    known = column_tags().get(column)
    if known:
        return known
    attribute = re.sub(r"[^a-z0-9_]", "_", column.lower())
    if not attribute[:1].isalpha():
        attribute = "c" + attribute
    return f"#meta+{attribute}"
