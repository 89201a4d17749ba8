"""The data-quality asset checks (orchestration/assets/quality_checks.py) on small hand-made warehouses."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
import duckdb
import pytest
from dagster_duckdb import DuckDBResource

from orchestration.assets import quality_checks as qc
from warehouse.connection import ensure_schema


def make_warehouse(
    path: Path,
    articles: list[tuple[str, str, int]],
    mentions: list[tuple[str, str, str | None]],
    rejected: int = 0,
    casualties: list[tuple] | None = None,
) -> DuckDBResource:
    """articles: (article_id, published_at, n_events); mentions: (article_id, event_date, admin2_pcode);
    casualties: rows (admin2_pcode, name, governorate, event_date, killed_low, killed_best, injured_low,
    injured_best, events) of main.daily_district_casualties."""
    conn = duckdb.connect(str(path))
    try:
        ensure_schema(conn)
        for article_id, published_at, n_events in articles:
            conn.execute(
                "INSERT INTO raw.articles (article_id, published_at, body, content_hash, source_file, source_line, "
                "ingested_at) VALUES (?, ?, 'نص', 'h-' || ?, 'a.jsonl', 1, now()::TIMESTAMP)",
                [article_id, published_at, article_id],
            )
            conn.execute(
                "INSERT INTO meta.extractions VALUES (?, 'test', 'h-' || ?, ?, now()::TIMESTAMP)",
                [article_id, article_id, n_events],
            )
        for ordinal, (article_id, event_date, admin2) in enumerate(mentions):
            conn.execute(
                "INSERT INTO raw.event_mentions (mention_id, article_id, ordinal, extractor_version, event_type, "
                "event_date, date_precision, admin1_pcode, admin2_pcode, killed_low, killed_best, killed_vague, "
                "injured_low, injured_best, injured_vague, strikes_low, strikes_best, strikes_vague, civilian, "
                "extracted_at) VALUES (?, ?, ?, 'test', 'air_strike', ?, 'day', 'SY07', ?, 1, 1, false, 0, 0, "
                "false, 1, 1, false, true, now()::TIMESTAMP)",
                [f"{article_id}#{ordinal}", article_id, ordinal, event_date, admin2],
            )
        for n in range(rejected):
            conn.execute(
                "INSERT INTO raw.rejected_articles (rejection_id, source_file, source_line, reason, rejected_at) "
                "VALUES (?, 'a.jsonl', ?, 'malformed JSON', now()::TIMESTAMP)",
                [f"r{n}", n],
            )
        if casualties is not None:
            conn.execute(
                "CREATE TABLE main.daily_district_casualties (admin2_pcode VARCHAR, admin2_name_en VARCHAR, "
                "admin1_name_en VARCHAR, event_date DATE, killed_low BIGINT, killed_best BIGINT, "
                "injured_low BIGINT, injured_best BIGINT, events BIGINT)"
            )
            conn.executemany(
                "INSERT INTO main.daily_district_casualties VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", casualties
            )
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
CASUALTIES = [
    ("SY0702", "Maarrat An Nu'man", "Idleb", "2024-03-10", 5, 6, 1, 2, 1),
    ("SY0703", "Jisr-Ash-Shugur", "Idleb", "2024-03-09", 1, 1, 0, 0, 1),
    ("SY0702", "Maarrat An Nu'man", "Idleb", "2024-03-11", 2, 3, 0, 0, 1),
]


def test_every_check_passes_on_a_healthy_warehouse(tmp_path: Path) -> None:
    res = make_warehouse(
        tmp_path / "wh.duckdb", GOOD_ARTICLES, GOOD_MENTIONS, rejected=0, casualties=CASUALTIES
    )
    for check in (qc.rejected_rows_rate, qc.share_of_articles_with_events, qc.unresolved_place_rate,
                  qc.no_event_after_publication, qc.district_casualties_consistent):  # fmt: skip
        result = check(duckdb=res)
        assert result.passed, check
    shares = meta(qc.share_of_articles_with_events(duckdb=res))
    assert (shares["articles_extracted"], shares["articles_with_events"]) == (3, 2)
    assert shares["share_with_events"] == pytest.approx(0.6667)
    assert shares["extractor_version"]
    summary = qc.district_casualties_consistent(duckdb=res)
    info = meta(summary)
    assert (info["dagster/row_count"], info["districts"], info["inconsistent_rows"]) == (3, 2, 0)
    table = info["top_districts"].splitlines()
    assert table[0].startswith("| district |") and table[2].startswith(
        "| SY0702 | Maarrat An Nu'man | Idleb | 7 | 9 |"
    )
    assert table[3].startswith("| SY0703 |") and len(table) == 4


def test_thresholds_warn(tmp_path: Path) -> None:
    # 1 article of 5 with an event; 2 of 3 mentions without a district; 3 rejected of 8 records
    articles = [("a1", "2024-03-10 09:00", 3)] + [(f"b{i}", "2024-03-10 09:00", 0) for i in range(4)]
    mentions = [("a1", "2024-03-10", None), ("a1", "2024-03-10", None), ("a1", "2024-03-10", "SY0702")]
    res = make_warehouse(tmp_path / "wh.duckdb", articles, mentions, rejected=3)

    share = qc.share_of_articles_with_events(duckdb=res)
    assert not share.passed and share.severity == dg.AssetCheckSeverity.WARN
    assert meta(share)["share_with_events"] == pytest.approx(0.2)

    places = qc.unresolved_place_rate(duckdb=res)
    assert not places.passed and places.severity == dg.AssetCheckSeverity.WARN
    assert (meta(places)["mentions"], meta(places)["mentions_without_district"]) == (3, 2)

    rejected = qc.rejected_rows_rate(duckdb=res)
    assert not rejected.passed and rejected.severity == dg.AssetCheckSeverity.WARN
    assert meta(rejected)["rejected_rate"] == pytest.approx(3 / 8, abs=1e-4)

    assert qc.no_event_after_publication(duckdb=res).passed


def test_event_after_publication_is_an_error(tmp_path: Path) -> None:
    mentions = [
        ("a1", "2024-03-10", "SY0702"),
        ("a2", "2024-03-12", "SY0702"),
    ]  # a2 was published on the 11th
    res = make_warehouse(tmp_path / "wh.duckdb", GOOD_ARTICLES, mentions)
    result = qc.no_event_after_publication(duckdb=res)
    assert not result.passed and result.severity == dg.AssetCheckSeverity.ERROR
    assert meta(result)["dated_after_publication"] == 1
    assert meta(result)["examples"] == [["a2#1", "2024-03-12", "2024-03-11 09:00:00"]]


def test_inconsistent_casualties_are_an_error(tmp_path: Path) -> None:
    bad = [*CASUALTIES, ("SY0704", "Idleb", "Idleb", "2024-03-10", 4, 3, 0, 0, 1)]
    res = make_warehouse(tmp_path / "wh.duckdb", GOOD_ARTICLES, GOOD_MENTIONS, casualties=bad)
    result = qc.district_casualties_consistent(duckdb=res)
    assert not result.passed and result.severity == dg.AssetCheckSeverity.ERROR
    assert meta(result)["inconsistent_rows"] == 1


def test_empty_warehouse_passes(tmp_path: Path) -> None:
    res = make_warehouse(tmp_path / "wh.duckdb", [], [])
    for check in (qc.rejected_rows_rate, qc.share_of_articles_with_events, qc.unresolved_place_rate,
                  qc.no_event_after_publication):  # fmt: skip
        assert check(duckdb=res).passed, check


def test_the_checks_are_registered() -> None:
    from orchestration.definitions import defs

    keys = {(k.asset_key.to_user_string(), k.name) for k in defs.resolve_asset_graph().asset_check_keys}
    assert {
        ("articles", "rejected_rows_rate"),
        ("event_mentions", "share_of_articles_with_events"),
        ("event_mentions", "unresolved_place_rate"),
        ("event_mentions", "no_event_after_publication"),
        ("daily_district_casualties", "district_casualties_consistent"),
    } <= keys
