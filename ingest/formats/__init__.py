"""The inbox's file formats: which reader a file gets, and reading it into positioned items that never raise.

| format  | files                                   | one article per                    |
|---------|-----------------------------------------|------------------------------------|
| jsonl   | .jsonl .ndjson .jsonlines .jl           | line                               |
| json    | .json                                   | array item (or the file's object)  |
| csv     | .csv .tsv                               | row after the header               |
| parquet | .parquet .pq                            | row                                |
| html    | .html .htm .xhtml .shtml                | file (a saved article page)        |
| feed    | .rss .atom .xml                         | feed entry                         |

Any of them may be gzipped (`.jsonl.gz`, `.csv.gz`, ...). Files are read within the limits of
ingest.formats.limits, and only regular files, never through a link (ingest.inbox_entries).
`[[ingest.files]] format = ...` in the settings overrides the extension.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from ingest.settings import FileRule
from ingest.formats.items import Item, whole_file
from ingest.formats.limits import MAX_FILE_BYTES, TooLarge, check_file_size, gunzip
from ingest.inbox_entries import NotRegularFile, display_name, read_regular_file

SUFFIXES = {
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".jsonlines": "jsonl", ".jl": "jsonl",
    ".json": "json",
    ".csv": "csv", ".tsv": "csv",
    ".parquet": "parquet", ".pq": "parquet",
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}  # fmt: skip


def _suffix(name: str) -> tuple[str, bool]:
    lower = name.lower()
    gz = lower.endswith(".gz")
    if gz:
        lower = lower[:-3]
    return Path(lower).suffix, gz


def detect_format(name: str, rule: FileRule | None = None) -> str | None:
    """The format of an inbox file from the settings or its extension; None for a file Rasd does not read."""
    if rule is not None and rule.format:
        return rule.format
    suffix, _ = _suffix(name)
    return SUFFIXES.get(suffix)


def read_items(path: Path, fmt: str, rule: FileRule) -> Iterator[Item]:
    """Every item of one file. Never raises on what the file holds: a file that cannot be read at all gives one
    whole-file error item, and a reader that fails half-way gives an error item for the rest."""
    try:  # never through a link, never a pipe or a device, never more than the limit
        data = read_regular_file(path, MAX_FILE_BYTES)
        check_file_size(len(data))
    except NotRegularFile as err:
        yield whole_file(str(err))
        return
    except TooLarge as err:
        yield whole_file(str(err))
        return
    except OSError as err:
        yield whole_file(f"file cannot be read: {err.strerror or err}")
        return
    suffix, gz = _suffix(path.name)
    if gz or data[:2] == b"\x1f\x8b":
        try:
            data = gunzip(data)
        except TooLarge as err:
            yield whole_file(str(err))
            return
        except (OSError, EOFError, zlib.error) as err:
            yield whole_file(f"file is not a readable gzip file: {err}")
            return
    count = 0
    try:
        for item in _reader(data, fmt, rule, display_name(path.name), suffix):
            count += 1
            yield item
    except Exception as err:  # a reader bug or a library failing on odd input must not lose the other files
        yield Item(0, f"after record {count}", "",
                   error=f"the rest of the file cannot be read ({type(err).__name__}: {err})")  # fmt: skip


def _reader(data: bytes, fmt: str, rule: FileRule, name: str, suffix: str) -> Iterator[Item]:
    from ingest.formats import tabular, web

    if fmt == "jsonl":
        return tabular.read_jsonl(data, rule)
    if fmt == "json":
        return tabular.read_json(data, rule)
    if fmt == "csv":
        return tabular.read_csv(data, rule, tsv=suffix == ".tsv")
    if fmt == "parquet":
        return tabular.read_parquet(data, rule)
    if fmt == "html":
        return web.read_html(data, rule, name)
    if fmt == "feed":
        return web.read_feed(data, rule)
    raise ValueError(f"unknown format {fmt!r}")
