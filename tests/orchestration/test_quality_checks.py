"""The data-quality asset checks (orchestration/assets/quality_checks.py) on small hand-made warehouses."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from dagster_duckdb import DuckDBResource

from orchestration.assets import quality_checks as qc
from orchestration.resources import QualityThresholds
from warehouse.schema import ARTICLES, EVENT_MENTIONS, EXTRACTIONS, REJECTED_ARTICLES, ensure_schema, insert_rows


def make_warehouse(
    path: Path,
    articles: list[tuple],
    mentions: list[tuple],
    rejected: int = 0,
) -> DuckDBResource:
    """articles: (article_id, published_at, n_events); mentions: (article_id, event_date, admin2_pcode); the rows
    through the declared tables (warehouse/schema.py), as ingest and extraction write them."""
    now = dt.datetime(2024, 3, 12)
    conn = duckdb.connect(str(path))
    try:
        ensure_schema(conn)
        insert_rows(conn, ARTICLES, [
            {"article_id": a, "published_at": dt.datetime.fromisoformat(p), "body": "نص", "content_hash": f"h-{a}",
             "source_file": "a.jsonl", "source_line": 1, "ingested_at": now}
            for a, p, _ in articles
        ])  # fmt: skip
        insert_rows(conn, EXTRACTIONS, [
            {"article_id": a, "extractor_version": "test", "content_hash": f"h-{a}", "n_events": n, "extracted_at": now}
            for a, _, n in articles
        ])  # fmt: skip
        insert_rows(conn, EVENT_MENTIONS, [
            {"mention_id": f"{a}#{n}", "article_id": a, "ordinal": n, "extractor_version": "test",
             "event_type": "air_strike", "event_date": dt.date.fromisoformat(day), "date_precision": "day",
             "admin1_pcode": "SY07", "admin2_pcode": admin2, "killed_low": 1, "killed_best": 1, "killed_vague": False,
             "injured_low": 0, "injured_best": 0, "injured_vague": False, "strikes_low": 1, "strikes_best": 1,
             "strikes_vague": False, "civilian": True, "extracted_at": now}
            for n, (a, day, admin2) in enumerate(mentions)
        ])  # fmt: skip
        insert_rows(conn, REJECTED_ARTICLES, [
            {"rejection_id": f"r{n}", "source_file": "a.jsonl", "source_line": n, "reason": "malformed JSON",
             "rejected_at": now}
            for n in range(rejected)
        ])  # fmt: skip
    finally:
        conn.close()
    return DuckDBResource(database=str(path))


def meta(result: dg.AssetCheckResult) -> dict:
    return {k: getattr(v, "value", v) for k, v in result.metadata.items()}


GOOD_ARTICLES = [
    ("a1", "2024-03-10 09:00:00", 2),
    ("a2", "2024-03-11 09:00:00", 1),
    ("a3", "2024-03-11 12:00", 0),
]
GOOD_MENTIONS = [
    ("a1", "2024-03-10", "SY0702"),
    ("a1", "2024-03-09", "SY0703"),
    ("a2", "2024-03-11", "SY0702"),
]
def test_every_check_passes_on_a_healthy_warehouse(tmp_path: Path) -> None:
    res = make_warehouse(
        tmp_path / "wh.duckdb", GOOD_ARTICLES, GOOD_MENTIONS, rejected=0
    )
    for check in (qc.rejected_rows_rate, qc.share_of_articles_with_events, qc.unresolved_place_rate):
        result = check(duckdb=res, quality=QualityThresholds())
        assert result.passed, check
    shares = meta(qc.share_of_articles_with_events(duckdb=res, quality=QualityThresholds()))
    assert (shares["articles_extracted"], shares["articles_with_events"]) == (3, 2)
    assert shares["share_with_events"] == pytest.approx(0.6667)
    assert shares["extractor_version"]


def test_thresholds_warn(tmp_path: Path) -> None:
    # 1 article of 5 with an event; 2 of 3 mentions without a district; 3 rejected of 8 records
    articles = [("a1", "2024-03-10 09:00", 3)] + [(f"b{i}", "2024-03-10 09:00", 0) for i in range(4)]
    mentions = [("a1", "2024-03-10", None), ("a1", "2024-03-10", None), ("a1", "2024-03-10", "SY0702")]
    res = make_warehouse(tmp_path / "wh.duckdb", articles, mentions, rejected=3)

    share = qc.share_of_articles_with_events(duckdb=res, quality=QualityThresholds())
    assert not share.passed and share.severity == dg.AssetCheckSeverity.WARN
    assert meta(share)["share_with_events"] == pytest.approx(0.2)

    places = qc.unresolved_place_rate(duckdb=res, quality=QualityThresholds())
    assert not places.passed and places.severity == dg.AssetCheckSeverity.WARN
    assert (meta(places)["mentions"], meta(places)["mentions_without_district"]) == (3, 2)

    rejected = qc.rejected_rows_rate(duckdb=res, quality=QualityThresholds())
    assert not rejected.passed and rejected.severity == dg.AssetCheckSeverity.WARN
    assert meta(rejected)["rejected_rate"] == pytest.approx(3 / 8, abs=1e-4)


def test_empty_warehouse_passes(tmp_path: Path) -> None:
    res = make_warehouse(tmp_path / "wh.duckdb", [], [])
    for check in (qc.rejected_rows_rate, qc.share_of_articles_with_events, qc.unresolved_place_rate):
        assert check(duckdb=res, quality=QualityThresholds()).passed, check


def test_the_checks_are_registered() -> None:
    from orchestration.definitions import defs

    keys = {(k.asset_key.to_user_string(), k.name) for k in defs.resolve_asset_graph().asset_check_keys}
    assert {
        ("articles", "rejected_rows_rate"),
        ("event_mentions", "share_of_articles_with_events"),
        ("event_mentions", "unresolved_place_rate"),
    } <= keys
    # what the dbt tests check is not checked again in Python
    assert not {name for _, name in keys} & {"no_event_after_publication", "district_casualties_consistent"}
