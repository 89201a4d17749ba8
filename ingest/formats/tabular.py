"""Readers for record files: JSON lines, JSON (an array, an object holding one, or one article), CSV, Parquet."""

from __future__ import annotations

import codecs
import csv
import json
import re
from collections.abc import Iterator

from ingest.settings import FileRule
from ingest.formats.items import RAW_RECORD_LIMIT, Item, LineIndex, raw_json, whole_file
from ingest.formats.limits import MAX_LINE_BYTES, MAX_RECORD_CHARS, size
from ingest.formats.text import decode_line

# --- JSON lines ------------------------------------------------------------------------------------------


def split_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """(1-based number, bytes without the line end) for each line; a UTF-8 BOM at the start is dropped."""
    data = data.removeprefix(codecs.BOM_UTF8)
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for number, raw in enumerate(lines, 1):
        yield number, raw[:-1] if raw.endswith(b"\r") else raw


def read_jsonl(data: bytes, rule: FileRule) -> Iterator[Item]:
    """One JSON object per line. JSON is UTF-8 (RFC 8259): another encoding only when the config says so."""
    for number, raw in split_lines(data):
        where = f"line {number}"
        if len(raw) > MAX_LINE_BYTES:
            yield Item(number, where, raw[:RAW_RECORD_LIMIT].decode("utf-8", "replace"),
                       error=f"line is {size(len(raw))} long, over the limit of {size(MAX_LINE_BYTES)} for one "
                             "line (one article per line)")  # fmt: skip
            continue
        text, _, problem = decode_line(raw, rule.encoding, fallback=None)
        if text is None:
            yield Item(number, where, raw.decode("utf-8", "replace"), error=f"line {problem}")
            continue
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except json.JSONDecodeError as err:
            yield Item(number, where, text, error=f"line is not valid JSON (column {err.colno}): {err.msg}")
            continue
        except RecursionError:
            yield Item(number, where, text, error="line is not valid JSON: nested too deeply")
            continue
        yield _object_item(number, where, text, record)


def _object_item(line: int, where: str, raw: str, record: object) -> Item:
    if not isinstance(record, dict):
        return Item(line, where, raw, error=f"expected a JSON object (an article), got {_json_type(record)}")
    return Item(line, where, raw, fields=record)


def _json_type(value: object) -> str:
    return {list: "an array", str: "a string", int: "a number", float: "a number", bool: "true/false",
            type(None): "null"}.get(type(value), type(value).__name__)  # fmt: skip


# --- JSON ------------------------------------------------------------------------------------------------

LIST_KEYS = (
    "articles",
    "items",
    "data",
    "results",
    "entries",
    "records",
    "docs",
    "documents",
    "news",
    "posts",
    "rows",
)
_NEXT_OBJECT = re.compile(r",\s*(?=\{)")


def read_json(data: bytes, rule: FileRule) -> Iterator[Item]:
    """A JSON array of articles, an object that holds one (under "articles", "items", "data", ...), or one
    article. A broken element is rejected and the elements after it still load."""
    encoding = rule.encoding or "utf-8-sig"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as err:
        yield whole_file(
            f"file is not valid {rule.encoding or 'UTF-8'} text: {err}",
            data[:2000].decode("utf-8", "replace"),
        )
        return
    stripped = text.lstrip()
    if not stripped:
        return
    if stripped[0] == "[":
        yield from _array_items(text, text.index("["), LineIndex(text))
        return
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":  # JSON lines saved as .json
            yield from read_jsonl(data, rule)
            return
        yield whole_file(
            f"file is not valid JSON (line {err.lineno} column {err.colno}): {err.msg}", text[:2000]
        )
        return
    except RecursionError:
        yield whole_file("file is not valid JSON: nested too deeply", text[:2000])
        return
    if isinstance(value, dict):
        for key in LIST_KEYS:
            inner = value.get(key)
            if isinstance(inner, list) and inner and all(isinstance(v, dict) for v in inner):
                for n, record in enumerate(inner, 1):
                    yield Item(n, f"{key}[{n}]", raw_json(record), fields=record)
                return
        yield Item(1, "the file's object", text[:4000], fields=value)
        return
    yield whole_file(
        f"expected a JSON array of articles or an article object, got {_json_type(value)}", text[:2000]
    )


def _array_items(text: str, start: int, lines: LineIndex) -> Iterator[Item]:
    decoder = json.JSONDecoder()
    i, n, size = start + 1, 0, len(text)
    while True:
        while i < size and text[i] in " \t\r\n":
            i += 1
        if i >= size:  # a cut file: the complete items before the cut are kept
            return
        if text[i] == "]":
            return
        n += 1
        line = lines.line(i)
        where = f"item {n} (line {line})"
        try:
            value, end = decoder.raw_decode(text, i)
        except (json.JSONDecodeError, RecursionError) as err:
            resume = _NEXT_OBJECT.search(text, getattr(err, "pos", i) or i)
            stop = resume.start() if resume else size
            if isinstance(err, json.JSONDecodeError):
                reason = f"item is not valid JSON (line {err.lineno} column {err.colno}): {err.msg}"
            else:
                reason = "item is not valid JSON: nested too deeply"
            yield Item(line, where, text[i:stop].strip(), error=reason)
            if resume is None:
                return
            i = resume.end()
            continue
        if end - i > MAX_RECORD_CHARS:
            yield Item(line, where, text[i : i + RAW_RECORD_LIMIT],
                       error=f"item is {end - i:,} characters long, over the limit of {MAX_RECORD_CHARS:,} for "
                             "one record")  # fmt: skip
        else:
            yield _object_item(line, where, text[i:end], value)
        i = end
        while i < size and text[i] in " \t\r\n":
            i += 1
        if i < size and text[i] == ",":
            i += 1
        elif i < size and text[i] != "]":
            resume = _NEXT_OBJECT.search(text, i)
            yield Item(lines.line(i), f"after item {n} (line {lines.line(i)})", text[i : i + 200],
                       error="unexpected text between array items")  # fmt: skip
            if resume is None:
                return
            i = resume.end()


# --- CSV -------------------------------------------------------------------------------------------------

DELIMITERS = ",;\t|"
FIELD_LIMIT = 64 * 1024 * 1024


def _decoded_lines(data: bytes, rule: FileRule) -> list[tuple[str, str | None, str]]:
    """(text with its line end, problem or None, encoding) per physical line."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            return [(data.decode("utf-16", "replace"), f"is not valid UTF-16 text ({err})", "utf-16")]
        return [(line, None, "utf-16") for line in text.splitlines(keepends=True)]
    data = data.removeprefix(codecs.BOM_UTF8)
    out = []
    for raw in data.splitlines(keepends=True):
        body = raw.rstrip(b"\r\n")
        text, encoding, problem = decode_line(body, rule.encoding)
        if text is None:
            out.append(
                (body.decode("utf-8", "replace") + raw[len(body) :].decode("ascii"), problem, encoding)
            )
        else:
            out.append((text + raw[len(body) :].decode("ascii"), None, encoding))
    return out


def _delimiter(header: str, rule: FileRule, tsv: bool) -> str:
    if rule.delimiter:
        return rule.delimiter
    if tsv:
        return "\t"
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(data: bytes, rule: FileRule, *, tsv: bool = False) -> Iterator[Item]:
    """A header row, then one article per row. Each line is decoded on its own (UTF-8, else Windows-1256), so a
    file that mixes the two still loads; a row whose field count differs from the header's is rejected."""
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)
    lines = _decoded_lines(data, rule)
    if not lines:
        return
    delimiter = _delimiter(lines[0][0], rule, tsv)
    consumed = 0  # physical lines the reader has taken

    def feed(begin: int) -> Iterator[str]:
        nonlocal consumed
        for k in range(begin, len(lines)):
            consumed = k + 1
            yield lines[k][0]

    reader = csv.reader(feed(0), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    record = 0  # the row as a spreadsheet numbers it: the header is row 1
    while True:
        first = consumed + 1
        error = None
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            row, error = None, f"row is not valid CSV: {err}"
        last = max(consumed, first)
        span = lines[first - 1 : last]
        raw = "".join(t for t, _, _ in span).rstrip("\r\n")
        record += 1
        if row is not None and header is None:
            header = [h.strip() for h in row]
            continue
        if row is not None and not any(cell.strip() for cell in row):
            continue
        where = f"row {record} (line {first})" if last == first else f"row {record} (lines {first}-{last})"
        count_error = None
        if row is not None and header is not None and len(row) != len(header):
            count_error = (f"row has {len(row)} field(s) but the header has {len(header)} (is a '{delimiter}' in "
                           "the text left unquoted?)")  # fmt: skip
        if (error or count_error) is not None and last > first:
            # A quote opened on line `first` and never closed where its row ends swallowed the lines after it:
            # that line alone is rejected, and reading starts again on the next line, so the rows it swallowed
            # load (or are rejected on their own, with their own line numbers).
            yield Item(first, f"row {record} (line {first})", lines[first - 1][0].rstrip("\r\n"), error=(
                f"row is not valid CSV: a quote opened on line {first} is not closed where the row ends (read as "
                f"one row, lines {first}-{last} give a broken row: {error or count_error}); line {first} is "
                "rejected and the "
                f"lines after it are read again as rows"))  # fmt: skip
            reader = csv.reader(feed(first), delimiter=delimiter, strict=True)
            consumed = first
            continue
        if error is not None:
            yield Item(first, where, raw, error=error)
            continue
        problems = [f"line {first + k} {p}" for k, (_, p, _) in enumerate(span) if p]
        if problems:
            yield Item(first, where, raw, error="row is not valid text: " + "; ".join(problems))
            continue
        if count_error is not None:
            yield Item(first, where, raw, error=count_error)
            continue
        if len(raw) > MAX_RECORD_CHARS:
            yield Item(first, where, raw[:RAW_RECORD_LIMIT], error=(
                f"row is {len(raw):,} characters long, over the limit of {MAX_RECORD_CHARS:,} for one record"))
            continue
        fields: dict[str, str] = {}
        for name, value in zip(header or [], row or []):
            fields.setdefault(name, value)
        encodings = sorted({e for _, _, e in span} - {"utf-8"})
        notes = tuple(f"decoded as {e}" for e in encodings)
        yield Item(first, where, raw, fields=fields, notes=notes)


# --- Parquet ---------------------------------------------------------------------------------------------


def read_parquet(data: bytes, rule: FileRule) -> Iterator[Item]:
    """One article per row; columns are matched by name like CSV columns. A value that cannot be read (a
    timestamp out of Python's range, a broken page) rejects its row, or its row group, and the rows after it
    still load."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(pa.BufferReader(data))
    except Exception as err:  # pyarrow raises ArrowInvalid, OSError, ... on files that are not Parquet
        yield whole_file(f"file is not a readable Parquet file: {err}")
        return
    n = 0
    for group in range(parquet.num_row_groups):
        try:
            table = parquet.read_row_group(group)
        except UNREADABLE as err:
            count = parquet.metadata.row_group(group).num_rows
            where = f"rows {n + 1}-{n + count} (row group {group + 1})"
            yield Item(n + 1, where, "", error=f"{where} of the Parquet file cannot be read: {err}")
            n += count
            continue
        for batch in table.to_batches(max_chunksize=2048):
            try:
                rows = batch.to_pylist()
            except UNREADABLE:  # one bad value fails the whole batch: read it row by row, value by value
                rows = None
            for i in range(batch.num_rows):
                n += 1
                row, problems = (rows[i], []) if rows is not None else _parquet_row(batch, i)
                raw = raw_json(row)
                if problems:
                    yield Item(n, f"row {n}", raw, error="row has a value that cannot be read: " + "; ".join(problems))
                elif sum(len(v) for v in row.values() if isinstance(v, str)) > MAX_RECORD_CHARS:
                    yield Item(n, f"row {n}", raw, error=f"row has more than {MAX_RECORD_CHARS:,} characters of text, "
                               "over the limit for one record")  # fmt: skip
                else:
                    yield Item(n, f"row {n}", raw, fields=row)


# What pyarrow raises on a value or a page it cannot read (a timestamp out of Python's range, a corrupt page).
UNREADABLE = (ValueError, OverflowError, OSError, ArithmeticError, NotImplementedError, TypeError, LookupError)


def _parquet_row(batch, i: int) -> tuple[dict, list[str]]:
    """Row `i` of a record batch, value by value: (the row, with the values that cannot be read as Arrow prints
    them, and what is wrong with each)."""
    import pyarrow as pa

    row: dict = {}
    problems: list[str] = []
    for name, column in zip(batch.schema.names, batch.columns):
        try:
            row[name] = column[i].as_py()
        except UNREADABLE as err:
            try:
                shown = column.slice(i, 1).cast(pa.string())[0].as_py()
            except UNREADABLE:
                shown = "?"
            row[name] = shown
            problems.append(f"column {name!r} holds {shown!r}, which cannot be read ({err})")
    return row, problems
