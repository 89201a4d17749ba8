"""Linking reports end to end, through Dagster, the extractor and dbt: two articles from different outlets about one
air strike, the second published the next morning ("أمس"), are one event, counted once in every mart and in the
published files; the second report arrives in a later, incremental run, and the result equals a full refresh.

The inbox (tests/conftest.py, LINKAGE_*_ARTICLES) is invented: real places, fictitious events."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
PROJECT = REPO / "dbt_project"
STRIKE_DAY = date(2024, 5, 2)
MARTS = (
    "events",
    "event_reports",
    "daily_district_casualties",
    "daily_district_strikes",
    "daily_governorate_summary",
    "district_day",
    "districts",
)


def query(database: Path, sql: str) -> list[tuple]:
    conn = duckdb.connect(str(database), read_only=True)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def reports(database: Path) -> dict[str, tuple]:
    rows = query(
        database,
        "select article_id, incident_id, event_type, event_date, admin2_pcode, admin4_pcode, killed_low, killed_best, "
        "injured_low, injured_best from main.event_reports order by article_id",
    )
    return {r[0]: r[1:] for r in rows}


def test_first_run_counts_the_first_report(linkage_runs) -> None:
    first = linkage_runs["first_copy"]
    assert query(first, "select count(*), sum(n_reports) from main.events") == [(1, 1)]
    assert any("full refresh" in m for m in linkage_runs["first_log"] if m)


def test_two_outlets_one_strike_is_one_event(linkage_runs) -> None:
    warehouse = linkage_runs["warehouse"]
    by_article = reports(warehouse)
    assert set(by_article) == {"lk-0001", "lk-0002", "lk-0003"}
    strike, yesterday, shelling = by_article["lk-0001"], by_article["lk-0002"], by_article["lk-0003"]
    # the extractor resolves "صباح اليوم" (published 05-02) and "أمس" (published 05-03) to the same day and place
    assert strike[1:5] == yesterday[1:5] == ("air_strike", STRIKE_DAY, "SY0702", "C4068")
    assert strike[0] == yesterday[0], "the two reports of the strike are not linked"
    assert shelling[0] != strike[0]

    events = query(
        warehouse,
        "select event_type, event_date, admin2_pcode, n_reports, n_sources, article_ids, killed_low, killed_best, "
        f"injured_low, injured_best from main.events where event_id = '{strike[0]}'",
    )
    merged = (max(strike[5], yesterday[5]), max(strike[6], yesterday[6]), max(strike[7], yesterday[7]),
              max(strike[8], yesterday[8]))  # fmt: skip
    assert events == [("air_strike", STRIKE_DAY, "SY0702", 2, 2, ["lk-0001", "lk-0002"], *merged)]
    # what the articles say: 3 then 4 killed, 5 then 6 injured -> the highest floor, once
    assert merged == (4, 4, 6, 6)


def test_the_strike_is_counted_once_in_every_mart(linkage_runs) -> None:
    warehouse = linkage_runs["warehouse"]
    day = f"date '{STRIKE_DAY}'"
    assert query(
        warehouse,
        "select events, reports, articles, killed_low, injured_low from main.daily_district_casualties "
        f"where admin2_pcode = 'SY0702' and event_date = {day}",
    ) == [(1, 2, 2, 4, 6)]
    assert query(
        warehouse,
        "select air_strikes, shelling, strike_events, strikes_low from main.daily_district_strikes "
        f"where admin2_pcode = 'SY0702' and event_date = {day}",
    ) == [(1, 0, 1, 1)]
    assert query(
        warehouse,
        "select events, strike_events, killed_low from main.daily_governorate_summary "
        f"where admin1_pcode = 'SY07' and event_date = {day}",
    ) == [(1, 1, 4)]
    assert query(
        warehouse,
        "select events, strike_events, killed_low, injured_low from main.district_day "
        f"where admin2_pcode = 'SY0702' and event_date = {day}",
    ) == [(1, 1, 4, 6)]
    # the grid: 61 districts x the two days covered (the strike on 05-02, the shelling on 05-03)
    assert query(warehouse, "select count(*), sum(events), sum(killed_low) from main.district_day") == [
        (122, 2, 4)
    ]


def test_the_published_files_count_it_once(linkage_runs) -> None:
    serving = linkage_runs["warehouse"].parent / "serving.duckdb"
    marts = linkage_runs["warehouse"].parent / "marts"
    assert query(serving, "select count(*), sum(n_reports) from events") == [(2, 3)]
    assert query(
        serving, f"select sum(killed_low) from read_parquet('{marts / 'daily_district_casualties.parquet'}')"
    ) == [(4,)]


def test_the_later_report_was_linked_by_an_incremental_run_equal_to_a_full_refresh(
    linkage_runs, tmp_path
) -> None:
    """Run 2 reprocessed only the window around the new reports' days (warehouse.incremental), and its marts
    equal a full refresh of the same warehouse."""
    assert any(
        m and "dbt build, incremental" in m and "2024-04-25 .. 2024-05-10" in m
        for m in linkage_runs["second_log"]
    )
    warehouse = linkage_runs["warehouse"]
    copy = tmp_path / "full_refresh.duckdb"
    shutil.copyfile(warehouse, copy)
    env = {**os.environ, "RASD_WAREHOUSE": str(copy), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    dbt = Path(sys.executable).parent / "dbt"
    proc = subprocess.run(
        [str(dbt) if dbt.exists() else "dbt", "run", "--full-refresh", "--project-dir", str(PROJECT), "--profiles-dir",
         str(PROJECT), "--target-path", str(tmp_path / "target"), "--log-path", str(tmp_path / "logs")],
        env=env, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-4000:]
    for mart in MARTS:
        sql = f"select * from main.{mart} order by all"
        assert query(warehouse, sql) == query(copy, sql), mart
