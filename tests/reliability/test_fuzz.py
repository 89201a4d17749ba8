"""Fuzz: 1,000 real articles from the shared corpora, mutated (cut, shuffled, junk injected, encodings mixed, fields
broken), written as JSON lines, CSV, a JSON array, Parquet, feeds and saved pages; ingested and extracted. No
crash; every record is loaded or rejected with a reason; every event record keeps valid offsets and counts."""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import json
import random
from pathlib import Path
from types import SimpleNamespace

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ingest.inbox import read_inbox
from ingest.settings import IngestConfig
from warehouse.articles import ingest, rejection_id
from warehouse.connection import connect, ensure_schema
from warehouse.extraction import run_extraction

from .mutate import byte_mutations, load_corpus, mutate_record

pytestmark = pytest.mark.slow

NOW = dt.datetime(2024, 4, 1)


def write_fuzz_inbox(folder: Path, records: list[dict], rng: random.Random) -> int:
    """Spread the records over files of every format; returns how many records were written."""
    folder.mkdir(parents=True)
    chunks = {"jsonl": records[:400], "csv": records[400:600], "json": records[600:700], "parquet": records[700:850],
              "feed": records[850:950], "html": records[950:]}  # fmt: skip

    lines = []
    for r in chunks["jsonl"]:
        line = json.dumps(r, ensure_ascii=rng.random() < 0.2, default=str).encode("utf-8")
        lines.append(byte_mutations(line, rng) if rng.random() < 0.15 else line)
    (folder / "fuzz.jsonl").write_bytes(b"\n".join(lines) + b"\n")

    out = io.BytesIO()
    header = ["id", "title", "body", "published_at", "source"]
    out.write((",".join(header) + "\r\n").encode("utf-8"))
    for r in chunks["csv"]:
        buf = io.StringIO()
        csv.writer(buf, lineterminator="\r\n").writerow(
            [str(r.get(k, "") if r.get(k) is not None else "") for k in header]
        )
        row = buf.getvalue().encode("utf-8")
        out.write(byte_mutations(row, rng) if rng.random() < 0.2 else row)
    (folder / "fuzz.csv").write_bytes(out.getvalue())

    text = json.dumps(chunks["json"], ensure_ascii=False, indent=1, default=str)
    cut = rng.randint(len(text) * 9 // 10, len(text))  # the array is cut near its end
    (folder / "fuzz.json").write_text(text[:cut], encoding="utf-8")

    def as_text(value):
        return None if value is None else str(value)

    pq.write_table(pa.table({k: [as_text(r.get(k)) for r in chunks["parquet"]]
                             for k in ("id", "source", "published_at", "title", "body")}), folder / "fuzz.parquet")  # fmt: skip

    items = []
    for r in chunks["feed"]:
        items.append(f"<item><title>{html.escape(str(r.get('title') or ''))}</title><guid>{html.escape(str(r.get('id')))}</guid>"
                     f"<pubDate>{html.escape(str(r.get('published_at') or ''))}</pubDate>"
                     f"<description>{html.escape(str(r.get('body') or ''))}</description></item>")  # fmt: skip
    feed = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>fuzz</title>{"".join(items)}</channel></rss>'
    (folder / "fuzz.rss").write_bytes(feed.encode("utf-8", "replace"))

    for n, r in enumerate(chunks["html"], 1):
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in str(r.get("body") or "").split("\n"))
        page = (f"<html><head><meta charset='utf-8'><title>{html.escape(str(r.get('title') or ''))}</title>"
                f"<meta property='article:published_time' content='{html.escape(str(r.get('published_at') or ''))}'>"
                f"</head><body><nav><a href='/'>الرئيسية</a></nav><article>{paragraphs}</article>"
                f"<footer>حقوق</footer></body></html>")  # fmt: skip
        (folder / f"page_{n:03}.html").write_bytes(page.encode("utf-8", "replace"))
    return len(records)


@pytest.fixture(scope="module")
def fuzz(shared: Path, gazetteer_dir: Path, tmp_path_factory):
    from extract.extractor import EXTRACTOR_VERSION, Extractor
    from extract.gazetteer import Gazetteer

    rng = random.Random(2024)
    corpus = load_corpus(shared)
    ids = [r["id"] for r in corpus]
    records = [mutate_record(r, rng, ids) for r in corpus]
    root = tmp_path_factory.mktemp("fuzz")
    written = write_fuzz_inbox(root / "inbox", records, rng)
    with connect(root / "wh.duckdb") as conn:
        ensure_schema(conn)
        report = ingest(conn, root / "inbox", now=NOW, config=IngestConfig())
        extraction = run_extraction(
            conn, lambda: Extractor(Gazetteer.from_dir(gazetteer_dir)), EXTRACTOR_VERSION
        )
        bad_offsets = conn.execute("""
            SELECT count(*) FROM raw.event_mentions AS m JOIN raw.articles AS a USING (article_id)
            WHERE m.evidence_start < 0 OR m.evidence_end < m.evidence_start
               OR substring(coalesce(a.title || chr(10), '') || a.body, m.evidence_start + 1,
                            m.evidence_end - m.evidence_start) IS DISTINCT FROM m.evidence
        """).fetchone()[0]  # fmt: skip
        negative = conn.execute("""
            SELECT count(*) FROM raw.event_mentions WHERE killed_low < 0 OR injured_low < 0 OR strikes_low < 0
               OR killed_best < killed_low OR injured_best < injured_low OR strikes_best < strikes_low
        """).fetchone()[0]  # fmt: skip
        counts = dict(conn.execute("""
            SELECT 'articles', count(*) FROM raw.articles UNION ALL
            SELECT 'revisions', count(*) FROM raw.article_revisions UNION ALL
            SELECT 'rejected', count(*) FROM raw.rejected_articles UNION ALL
            SELECT 'empty_reasons', count(*) FROM raw.rejected_articles WHERE length(reason) < 15
        """).fetchall())  # fmt: skip
        stored = {
            "revisions": set(
                conn.execute("SELECT article_id, content_hash FROM raw.article_revisions").fetchall()
            ),
            "rejected": {
                r[0] for r in conn.execute("SELECT rejection_id FROM raw.rejected_articles").fetchall()
            },
        }
    return SimpleNamespace(
        written=written, report=report, extraction=extraction, bad_offsets=bad_offsets, negative=negative,
        counts=counts, stored=stored, read_again=read_inbox(root / "inbox", IngestConfig(), NOW),
    )  # fmt: skip


def test_fuzzed_articles_ingest_and_extract_without_a_crash(fuzz) -> None:
    written, report, extraction = fuzz.written, fuzz.report, fuzz.extraction
    print(
        f"\nfuzz: {written} mutated articles written; {report.rows_read} records read; "
        f"{report.inserted} articles loaded, {report.revisions_new} revisions, {report.rejected} rejected, "
        f"{report.duplicates_in_inbox} duplicate ids; {extraction.articles_extracted} extracted, "
        f"{extraction.events_found} events, {len(extraction.failures)} extractor failures"
    )
    assert extraction.failures == []
    assert fuzz.bad_offsets == 0 and fuzz.negative == 0
    assert report.inserted > 500 and report.rejected > 30  # most survive; the broken ones are caught


def test_fuzzed_records_are_all_accounted_for(fuzz) -> None:
    """Read the inbox again, apart from the warehouse: every article read has its content in raw.article_revisions
    (its latest in raw.articles), every rejection is in raw.rejected_articles with a reason."""
    written, report, counts, stored, read = (
        fuzz.written,
        fuzz.report,
        fuzz.counts,
        fuzz.stored,
        fuzz.read_again,
    )
    lost = [p for p in read.articles if (p.article.id, p.digest) not in stored["revisions"]]
    lost += [
        r
        for r in read.rejections
        if rejection_id(r.source_file, r.source_line, r.raw_record) not in stored["rejected"]
    ]
    assert lost == []
    assert read.rows_read == report.rows_read == len(read.articles) + len(read.rejections)
    assert counts["rejected"] == report.rejected and counts["empty_reasons"] == 0
    # damage changes how many records a file seems to hold (a CSV row cut inside a quoted field swallows the next
    # ones; a stray line end splits one): each piece is read, and loaded or rejected
    assert read.rows_read >= 0.9 * written
