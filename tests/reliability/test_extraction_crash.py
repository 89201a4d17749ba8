"""Extraction is committed in batches, each article with its bookkeeping: an interruption at any point leaves no
article half-written and the next run does the rest; an article the extractor raises on is recorded, not fatal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from extract.records import Count, EventRecord
from ingest.settings import IngestConfig
from warehouse import faults
from warehouse.articles import ingest
from warehouse.connection import connect, ensure_schema
from warehouse.extraction import run_extraction

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "data" / "inbox"
NOW = dt.datetime(2024, 4, 1)


def rows(conn, sql: str) -> list[tuple]:
    return conn.execute(sql).fetchall()


def consistent(conn) -> None:
    assert rows(conn, """
        SELECT e.article_id FROM meta.extractions AS e LEFT JOIN raw.event_mentions AS m USING (article_id)
        GROUP BY e.article_id, e.n_events HAVING count(m.mention_id) <> e.n_events
        UNION ALL SELECT article_id FROM raw.event_mentions WHERE article_id NOT IN (SELECT article_id FROM meta.extractions)
    """) == []  # fmt: skip


def mentions(conn) -> list[tuple]:
    return rows(conn, "SELECT * EXCLUDE (extracted_at) FROM raw.event_mentions ORDER BY mention_id")


def test_interrupted_extraction_resumes_and_ends_as_a_clean_one(
    tmp_path: Path, extractor, monkeypatch
) -> None:
    with connect(tmp_path / "clean.duckdb") as conn:
        ensure_schema(conn)
        ingest(conn, EXAMPLES, now=NOW, config=IngestConfig())
        run_extraction(conn, lambda: extractor, "v1", batch_size=5)
        clean = mentions(conn)
    monkeypatch.setenv("RASD_FAILPOINTS", "extraction.article=13:raise")
    faults.reset()
    with connect(tmp_path / "wh.duckdb") as conn:
        ensure_schema(conn)
        ingest(conn, EXAMPLES, now=NOW, config=IngestConfig())
        with pytest.raises(faults.FailpointError):
            run_extraction(conn, lambda: extractor, "v1", batch_size=5)
        consistent(conn)
        assert rows(conn, "SELECT count(*) FROM meta.extractions") == [(10,)]  # two whole batches of five
        monkeypatch.delenv("RASD_FAILPOINTS")
        report = run_extraction(conn, lambda: extractor, "v1", batch_size=5)
        assert report.articles_extracted == 6
        consistent(conn)
        assert mentions(conn) == clean
        assert run_extraction(conn, lambda: extractor, "v1").articles_extracted == 0


class Flaky:
    """An extractor that raises on some articles and finds one strike in the others."""

    def __init__(self, fail: set[str]):
        self.fail = fail

    def extract(self, article):
        if article.id in self.fail:
            raise ValueError(f"cannot read {article.id}")
        return [EventRecord(article.id, "air_strike", article.published_at.date(), "day", "سرمين", "SY07", "SY0703",
                            None, 2, "unknown", strikes=Count(1, 1), evidence=article.body[:5], evidence_end=5)]  # fmt: skip


def test_an_article_the_extractor_raises_on_is_recorded_and_the_rest_go_on(tmp_path: Path) -> None:
    with connect(tmp_path / "wh.duckdb") as conn:
        ensure_schema(conn)
        ingest(conn, EXAMPLES, now=NOW, config=IngestConfig())
        report = run_extraction(conn, lambda: Flaky({"ex-0003", "ex-0007"}), "v1", batch_size=4)
        assert [f["article_id"] for f in report.failures] == ["ex-0003", "ex-0007"]
        assert report.articles_extracted == 14
        assert rows(conn, "SELECT article_id, error FROM meta.extraction_failures ORDER BY 1") == [
            ("ex-0003", "ValueError: cannot read ex-0003"), ("ex-0007", "ValueError: cannot read ex-0007")]  # fmt: skip
        consistent(conn)
        # the next run tries them again; a success clears the failure
        report = run_extraction(conn, lambda: Flaky({"ex-0007"}), "v1")
        assert report.articles_extracted == 1 and len(report.failures) == 1
        assert rows(conn, "SELECT article_id FROM meta.extraction_failures") == [("ex-0007",)]
        # a new extractor that fails on an article keeps the mentions of the same content, from the old one
        report = run_extraction(conn, lambda: Flaky({"ex-0001"}), "v2")
        assert rows(
            conn, "SELECT extractor_version FROM raw.event_mentions WHERE article_id = 'ex-0001'"
        ) == [("v1",)]
        consistent(conn)


def test_a_changed_article_that_fails_loses_its_old_mentions(tmp_path: Path) -> None:
    import shutil

    inbox = tmp_path / "inbox"
    shutil.copytree(EXAMPLES, inbox)
    with connect(tmp_path / "wh.duckdb") as conn:
        ensure_schema(conn)
        ingest(conn, inbox, now=NOW, config=IngestConfig())
        run_extraction(conn, lambda: Flaky(set()), "v1")
        line = next(
            x
            for x in (inbox / "example_articles.jsonl").read_text(encoding="utf-8").splitlines()
            if "ex-0002" in x
        )
        (inbox / "z_fix.jsonl").write_text(line.replace("غارة", "غارتين", 1) + "\n", encoding="utf-8")
        ingest(conn, inbox, now=NOW, config=IngestConfig())
        run_extraction(conn, lambda: Flaky({"ex-0002"}), "v1")
        assert rows(conn, "SELECT count(*) FROM raw.event_mentions WHERE article_id = 'ex-0002'") == [(0,)]
        assert rows(conn, "SELECT count(*) FROM meta.extractions WHERE article_id = 'ex-0002'") == [(0,)]
        consistent(conn)


def test_an_extractor_broken_as_a_whole_stops_the_run(tmp_path: Path, monkeypatch) -> None:
    from warehouse import extraction

    monkeypatch.setattr(extraction, "MAX_FAILURES", 3)
    with connect(tmp_path / "wh.duckdb") as conn:
        ensure_schema(conn)
        ingest(conn, EXAMPLES, now=NOW, config=IngestConfig())
        ids = {r[0] for r in rows(conn, "SELECT article_id FROM raw.articles")}
        with pytest.raises(RuntimeError, match="the extractor failed on 4 articles"):
            run_extraction(conn, lambda: Flaky(ids - {"ex-0001"}), "v1", batch_size=100)
        consistent(conn)
        assert rows(conn, "SELECT count(*) FROM meta.extraction_failures") == [(4,)]
