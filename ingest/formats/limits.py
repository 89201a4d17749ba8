"""Size limits of what ingest reads, so that one hostile or broken file costs bounded time, memory and warehouse
space, and is rejected with a reason that names the limit instead of bringing the run down.

| what                              | limit                                   | a file or record over it            |
|-----------------------------------|-----------------------------------------|-------------------------------------|
| a file on disk                    | 512 MiB                                 | rejected whole                      |
| a gzip file once decompressed     | 512 MiB, and 100x its size past 16 MiB  | rejected whole (a decompression bomb) |
| a line of a JSON-lines file       | 8 MiB                                   | that line rejected                  |
| a record (array item, CSV row, Parquet row) | 8 MiB of text                 | that record rejected                |
| rejection rows kept per file      | 1,000                                   | the rest summed up in one row       |
| published_at text                 | 200 characters                          | that record rejected                |

The body has its own limit in the settings (max_body_chars). JSON nesting is bounded by Python's recursion limit
(a record nested too deeply is rejected).
"""

from __future__ import annotations

import gzip
import io

MiB = 1024 * 1024
MAX_FILE_BYTES = 512 * MiB
MAX_DECOMPRESSED_BYTES = 512 * MiB
MAX_EXPANSION = 100  # compressed text of articles expands 3-10x; a bomb, thousands of times
EXPANSION_FLOOR = 16 * MiB  # below this, any ratio is harmless
MAX_LINE_BYTES = 8 * MiB
MAX_RECORD_CHARS = 8 * MiB
MAX_REJECTIONS_PER_FILE = 1000
MAX_DATE_CHARS = 200


def size(n: int) -> str:
    """A byte count for a message: '38.2 MiB', '812 bytes'."""
    if n >= MiB:
        return f"{n / MiB:,.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:,.1f} KiB"
    return f"{n:,} bytes"


class TooLarge(ValueError):
    """Over a limit; the message says which and by how much."""


def check_file_size(n: int) -> None:
    if n > MAX_FILE_BYTES:
        raise TooLarge(f"file is over the limit of {size(MAX_FILE_BYTES)} for one inbox file: split it")


def gunzip(data: bytes) -> bytes:
    """`data` decompressed, read in bounded steps: raises TooLarge past MAX_DECOMPRESSED_BYTES, or past
    MAX_EXPANSION times the compressed size once over EXPANSION_FLOOR, without ever holding more than the limit
    (+1 MiB) in memory; OSError, EOFError or zlib.error for a file that is not gzip or is cut."""
    limit = min(MAX_DECOMPRESSED_BYTES, max(EXPANSION_FLOOR, MAX_EXPANSION * len(data)))
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        while True:
            chunk = stream.read(MiB)
            if not chunk:
                break
            out.write(chunk)
            if out.tell() > limit:
                why = (
                    f"the limit of {size(MAX_DECOMPRESSED_BYTES)}" if limit == MAX_DECOMPRESSED_BYTES else
                    f"{MAX_EXPANSION} times its compressed size of {size(len(data))} (a decompression bomb?)"
                )  # fmt: skip
                raise TooLarge(f"gzip file decompresses to more than {size(limit)}, over {why}: not read")
    return out.getvalue()


__all__ = [
    "MAX_DATE_CHARS", "MAX_DECOMPRESSED_BYTES", "MAX_FILE_BYTES", "MAX_LINE_BYTES", "MAX_RECORD_CHARS",
    "MAX_REJECTIONS_PER_FILE", "TooLarge", "check_file_size", "gunzip", "size",
]  # fmt: skip
