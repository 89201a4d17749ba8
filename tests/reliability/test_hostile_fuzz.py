"""Fuzz (Hypothesis) of what an inbox can hold that is not the articles' text: file names of any bytes, encodings,
sizes, cut files, compressed or not, beside links. Ingest never raises; every record read is loaded or rejected
with a reason; the good records of a readable file all load; names are stored as strings DuckDB keeps; nothing
outside the inbox is read. Scaled by RASD_HYPOTHESIS_SCALE like tests/reliability/test_properties.py."""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from pathlib import Path

import duckdb
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.settings import IngestConfig
from ingest.inbox_entries import display_name
from warehouse.articles import ingest
from warehouse.connection import ensure_schema

from .hostile_inbox import BODY, NOW, SECRET
from .test_properties import examples

pytestmark = pytest.mark.slow

# Name bytes: anything but "/" and NUL (which POSIX names cannot hold), not starting with a dot (hidden: skipped).
name_bytes = st.binary(min_size=1, max_size=30).map(lambda b: b.replace(b"/", b"_").replace(b"\0", b"_")).filter(
    lambda b: not b.startswith((b".", b"~", b"#"))
)
suffixes = st.sampled_from([b".jsonl", b".jsonl.gz", b".csv", b".json", b".txt", b""])
encodings = st.sampled_from(["utf-8", "utf-8-sig", "cp1256", "utf-16", "latin-1"])


@st.composite
def inbox_files(draw):
    """[(name bytes, content bytes, ids of the good records that must load)] for one to three files."""
    files = []
    used: set[bytes] = set()
    for n in range(draw(st.integers(1, 3))):
        name = draw(name_bytes) + b"-" + str(n).encode() + draw(suffixes)
        if name in used:
            continue
        used.add(name)
        count = draw(st.integers(0, 25))
        repeat = draw(st.integers(1, 200))  # body size: one sentence to about 20 KB
        encoding = draw(encodings)
        ids = [f"f{n}-{k}" for k in range(count)]
        records = [{"id": i, "published_at": "2024-03-09T10:00:00Z", "title": "خبر", "body": " ".join([BODY] * repeat)}
                   for i in ids]  # fmt: skip
        text = "".join(json.dumps(r, ensure_ascii=draw(st.booleans())) + "\n" for r in records)
        if name.endswith(b".csv"):
            text = "id,published_at,title,body\n" + "".join(
                f'{r["id"]},{r["published_at"]},{r["title"]},"{r["body"]}"\n' for r in records
            )
        elif name.endswith(b".json"):
            text = json.dumps(records, ensure_ascii=False)
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            data = text.encode("utf-8")
            encoding = "utf-8"
        cut = draw(st.one_of(st.none(), st.integers(0, max(0, len(data) - 1))))
        if cut is not None:
            data = data[:cut]
        if name.endswith(b".gz"):
            data = gzip.compress(data)
        readable = encoding in ("utf-8", "utf-8-sig") and cut is None and name.endswith((b".jsonl", b".jsonl.gz"))
        files.append((name, data, set(ids) if readable else set()))
    return files


@settings(max_examples=examples(60))
@given(files=inbox_files(), with_link=st.booleans())
def test_any_names_encodings_and_sizes_load_or_are_rejected(files, with_link: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        inbox = root / "inbox"
        inbox.mkdir()
        outside = root / "outside.jsonl"
        outside.write_text(json.dumps({"id": "outside", "published_at": "2024-03-09", "body": f"{BODY} {SECRET}"}),
                           encoding="utf-8")  # fmt: skip
        for name, data, _ in files:
            with open(os.fsencode(inbox) + b"/" + name, "wb") as out:
                out.write(data)
        if with_link:
            os.symlink(outside, inbox / "z-link.jsonl")
        conn = duckdb.connect()
        try:
            ensure_schema(conn)
            report = ingest(conn, inbox, now=NOW, config=IngestConfig())
            loaded = {r[0] for r in conn.execute("SELECT article_id FROM raw.articles").fetchall()}
            files_stored = {r[0] for r in conn.execute(
                "SELECT source_file FROM raw.articles UNION SELECT source_file FROM raw.rejected_articles"
            ).fetchall()}  # fmt: skip
            reasons = [r[0] for r in conn.execute("SELECT reason FROM raw.rejected_articles").fetchall()]
            stored = "\n".join(
                str(r) for r in conn.execute("SELECT * FROM raw.rejected_articles").fetchall()
            ) + "\n".join(str(r) for r in conn.execute("SELECT * FROM raw.articles").fetchall())
        finally:
            conn.close()
    # every record read is loaded (once per id) or rejected with a reason
    assert report.rows_read == report.rejected - (1 if with_link else 0) + report.inserted + report.duplicates_in_inbox
    assert all(len(reason) > 20 for reason in reasons)
    # the good records of a readable file all load
    for _, _, good in files:
        assert good <= loaded
    # names are kept (escaped where they are not UTF-8), and only the inbox's own
    names = {display_name(os.fsdecode(name)) for name, _, _ in files} | {"z-link.jsonl"}
    assert files_stored <= names
    assert SECRET not in stored and "outside" not in loaded


def test_fuzz_names_round_trip_through_display_name() -> None:
    """A name's display form is stable and keeps distinct UTF-8 names distinct."""
    assert display_name("أخبار.jsonl") == "أخبار.jsonl"
    assert display_name(os.fsdecode(b"\xc7\xe1.jsonl")) == "\\xc7\\xe1.jsonl"
    assert display_name(os.fsdecode(b"a\xffb")) != display_name(os.fsdecode(b"a\xfeb"))
