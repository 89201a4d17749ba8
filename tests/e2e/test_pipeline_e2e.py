"""The whole pipeline through Dagster and dbt, on the example inbox (data/inbox), into a temporary warehouse:
every asset materialises, every asset check (the dbt tests and ours) passes, and a second run changes nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from extract.records import ArticleError, parse_article

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]
INBOX = REPO / "data" / "inbox"
MANIFEST = REPO / "dbt_project" / "target" / "manifest.json"


def expected_inbox() -> tuple[set[str], int]:
    """Article ids and the number of invalid lines in the example inbox, worked out without the pipeline."""
    ids, invalid = set(), 0
    for path in sorted(INBOX.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            try:
                ids.add(parse_article(json.loads(line)).id)
            except (ArticleError, json.JSONDecodeError):
                invalid += 1
    return ids, invalid


def model_relations() -> list[str]:
    """schema.name of every dbt model, from the manifest."""
    nodes = json.loads(MANIFEST.read_text(encoding="utf-8"))["nodes"].values()
    return sorted(f"{n['schema']}.{n['alias']}" for n in nodes if n["resource_type"] == "model")


def snapshot(warehouse: Path, relations: list[str]) -> dict[str, list[tuple]]:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        return {rel: conn.execute(f"SELECT * FROM {rel} ORDER BY ALL").fetchall() for rel in relations}
    finally:
        conn.close()


def scalar(warehouse: Path, sql: str):
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


def run_pipeline(warehouse: Path, gazetteer_dir: Path) -> dg.ExecuteInProcessResult:
    from orchestration.definitions import build_definitions

    defs = build_definitions(warehouse=warehouse, inbox=INBOX, gazetteer_dir=gazetteer_dir)
    job = defs.resolve_job_def("rasd_pipeline")
    return job.execute_in_process(instance=dg.DagsterInstance.ephemeral(), raise_on_error=False)


def materialization_metadata(result: dg.ExecuteInProcessResult, key: str) -> dict:
    for event in result.get_asset_materialization_events():
        materialization = event.step_materialization_data.materialization
        if materialization.asset_key.to_user_string() == key:
            return {k: getattr(v, "value", v) for k, v in materialization.metadata.items()}
    raise AssertionError(f"no materialization of {key}")


def assert_success(result: dg.ExecuteInProcessResult) -> None:
    failures = [
        f"{e.step_key}: {e.step_failure_data.error.to_string()}"
        for e in result.all_events
        if e.is_step_failure
    ]
    assert result.success, "\n".join(failures)


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory, gazetteer_dir: Path):
    if not MANIFEST.exists():
        pytest.fail(f"{MANIFEST} is missing: run `make dbt-parse` first")
    warehouse = tmp_path_factory.mktemp("e2e") / "warehouse.duckdb"
    first = run_pipeline(warehouse, gazetteer_dir)
    assert_success(first)
    marts_after_first = snapshot(warehouse, model_relations())
    second = run_pipeline(warehouse, gazetteer_dir)
    assert_success(second)
    return warehouse, first, second, marts_after_first


def test_every_asset_materialised(pipeline) -> None:
    _, first, _, _ = pipeline
    from orchestration.definitions import defs

    expected = {key.to_user_string() for key in defs.resolve_asset_graph().get_all_asset_keys()}
    got = {e.step_materialization_data.materialization.asset_key.to_user_string()
           for e in first.get_asset_materialization_events()}  # fmt: skip
    assert {
        "articles",
        "gazetteer",
        "event_mentions",
        "events",
        "event_reports",
        "daily_district_casualties",
        "daily_district_strikes",
        "daily_governorate_summary",
        "district_day",
        "published_marts",
    } <= got
    assert got == expected


def test_asset_checks_ran_and_passed(pipeline) -> None:
    _, first, second, _ = pipeline
    for result in (first, second):
        evaluations = result.get_asset_check_evaluations()
        failed = [f"{e.asset_key.to_user_string()}:{e.check_name}" for e in evaluations if not e.passed]
        assert not failed
        names = {e.check_name for e in evaluations}
        dbt_checks = [
            e for e in evaluations if e.asset_key.to_user_string() not in {"articles", "event_mentions"}
        ]
        assert len(dbt_checks) >= 10, "the dbt tests should run as asset checks on the models"
        assert {"evidence_offsets_match_text", "every_article_extracted"} <= names


def test_raw_tables(pipeline) -> None:
    warehouse, first, _, _ = pipeline
    ids, invalid = expected_inbox()
    assert scalar(warehouse, "SELECT count(*) FROM raw.articles") == len(ids)
    assert scalar(warehouse, "SELECT count(DISTINCT article_id) FROM raw.articles") == len(ids)
    assert scalar(warehouse, "SELECT count(*) FROM raw.rejected_articles") == invalid
    assert scalar(warehouse, "SELECT count(*) FROM meta.extractions") == len(ids)
    mentions = scalar(warehouse, "SELECT count(*) FROM raw.event_mentions")
    assert mentions > 0
    assert scalar(warehouse, "SELECT sum(n_events) FROM meta.extractions") == mentions
    assert (
        scalar(
            warehouse,
            "SELECT count(*) FROM raw.event_mentions WHERE mention_id <> article_id || '#' || ordinal",
        )
        == 0
    )
    assert scalar(warehouse, "SELECT count(*) FROM ref.admin2") > 50

    meta = materialization_metadata(first, "articles")
    assert (meta["inserted"], meta["rejected"]) == (len(ids), invalid)
    meta = materialization_metadata(first, "event_mentions")
    assert meta["articles_extracted"] == len(ids) and meta["events_found"] == mentions


def test_second_run_changes_nothing(pipeline) -> None:
    warehouse, _, second, marts_after_first = pipeline
    meta = materialization_metadata(second, "articles")
    assert (meta["inserted"], meta["updated"], meta["rejected_new"]) == (0, 0, 0)
    meta = materialization_metadata(second, "event_mentions")
    assert (meta["articles_extracted"], meta["events_found"]) == (0, 0)
    assert snapshot(warehouse, model_relations()) == marts_after_first


def test_marts_cover_several_districts(pipeline) -> None:
    warehouse, _, _, _ = pipeline
    districts = scalar(
        warehouse,
        "SELECT count(DISTINCT admin2_pcode) FROM (SELECT admin2_pcode FROM main.daily_district_casualties "
        "UNION ALL SELECT admin2_pcode FROM main.daily_district_strikes)",
    )
    assert districts >= 3


def test_rasd_run_command(tmp_path: Path, gazetteer_dir: Path) -> None:
    """`rasd run` end to end in a subprocess, with its own Dagster home and warehouse."""
    warehouse = tmp_path / "wh.duckdb"
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path / "dagster_home"), "RASD_INBOX": str(INBOX),
           "RASD_WAREHOUSE": str(warehouse), "RASD_GAZETTEER_DIR": str(gazetteer_dir)}  # fmt: skip
    proc = subprocess.run(
        [sys.executable, "-m", "orchestration.cli", "run"],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr[-5000:]
    out = proc.stdout
    assert (
        "Rasd run summary" in out
        and "Top 10 districts by killed" in out
        and "Top 10 districts by strikes" in out
    )
    assert f"warehouse: {warehouse}" in out
    assert f"serving DuckDB: {tmp_path / 'serving.duckdb'}" in out
    assert f"Parquet files:  {tmp_path / 'marts'}" in out
    top_killed = scalar(
        warehouse,
        "SELECT admin2_name_en FROM main.daily_district_casualties GROUP BY ALL ORDER BY sum(killed_low) DESC LIMIT 1",
    )
    assert top_killed in out


# Hand-worked from the example articles (tests/fixtures/example_expected.md, table 2: the Najiya strike that two
# outlets reported, ex-0005 "اليوم" and ex-0006 "أمس" the next morning, is linked into one incident and counted once):
# (admin2, day): killed low/best, injured low/best, events, strike events, strikes low/best
HAND_WORKED = {
    ("SY0705", "2024-03-13"): (1, 1, 7, 7, 4, 4, 13, 17),   # ex-0012: البارة، كنصفرة، مرعيان، بليون
    ("SY0704", "2024-03-11"): (5, 5, 10, 10, 1, 1, 2, 2),    # ex-0005 + ex-0006: الناجية, one strike
    ("SY0405", "2024-03-10"): (15, 18, 10, 10, 1, 0, 0, 0),  # ex-0003: 15 killed, the toll later rose to 18
    ("SY1200", "2024-03-09"): (1, 1, 2, 2, 1, 0, 0, 0),      # ex-0004: "مساء أمس" -> the day before
    ("SY0200", "2024-03-12"): (0, 0, 4, 4, 2, 2, 21, 22),    # ex-0008: "نحو ٢٠ قذيفة" + a similar shelling
}
# Table 1 of the same file, one row per report: what the per-report audit table (event_reports) sums to.
HAND_WORKED_PER_REPORT = {
    ("SY0704", "2024-03-11"): (10, 10, 20, 20, 2, 2, 4, 4),  # the Najiya strike, once per report
}


def gold_events() -> list[dict]:
    lines = (REPO / "tests" / "fixtures" / "example_gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [
        e
        for line in lines
        for e in json.loads(line)["events"]
        if e["date_precision"] == "day" and e["admin2_pcode"]
    ]


def _cell_values(e: dict) -> list[int]:
    strike = e["event_type"] in ("air_strike", "shelling")
    return [e["killed"]["low"], e["killed"]["best"], e["injured"]["low"], e["injured"]["best"],
            1, int(strike), e["strikes"]["low"] * strike, e["strikes"]["best"] * strike]  # fmt: skip


def _sum_cells(events: list[dict]) -> dict[tuple[str, str], tuple[int, ...]]:
    cells: dict[tuple[str, str], list[int]] = {}
    for e in events:
        c = cells.setdefault((e["admin2_pcode"], e["event_date"]), [0] * 8)
        for i, v in enumerate(_cell_values(e)):
            c[i] += v
    return {k: tuple(v) for k, v in cells.items()}


def gold_cells() -> dict[tuple[str, str], tuple[int, ...]]:
    """Every (district, day) cell of the hand-coded gold of the example articles, one count per report."""
    return _sum_cells(gold_events())


def linked_gold_cells() -> dict[tuple[str, str], tuple[int, ...]]:
    """The same with the gold's reports of one incident (same day, community and type group, different articles)
    merged as the warehouse merges them: each count the maximum over the reports."""
    incidents: dict[tuple, dict] = {}
    for e in gold_events():
        group = "strike" if e["event_type"] in ("air_strike", "shelling") else e["event_type"]
        # the place as written tells two neighbourhoods of one city (one community code) apart
        key = (e["event_date"], group, e["admin4_pcode"] or e["admin2_pcode"], e["place"])
        if key not in incidents:
            incidents[key] = json.loads(json.dumps(e))
            continue
        merged = incidents[key]
        assert merged["article_id"] != e["article_id"], "one article's records are distinct events"
        for count in ("killed", "injured", "strikes"):
            for bound in ("low", "best"):
                merged[count][bound] = max(merged[count][bound], e[count][bound])
        if e["event_type"] == "air_strike":
            merged["event_type"] = "air_strike"
    return _sum_cells(list(incidents.values()))


def mart_cells(warehouse: Path) -> dict[tuple[str, str], tuple[int, ...]]:
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = conn.execute("""
            select c.admin2_pcode, strftime(c.event_date, '%Y-%m-%d'), c.killed_low, c.killed_best, c.injured_low,
                   c.injured_best, c.events, coalesce(s.strike_events, 0), coalesce(s.strikes_low, 0),
                   coalesce(s.strikes_best, 0)
            from main.daily_district_casualties c
            left join main.daily_district_strikes s using (admin2_pcode, event_date)
        """).fetchall()
    finally:
        conn.close()
    return {(r[0], r[1]): tuple(int(v) for v in r[2:]) for r in rows}


def report_cells(warehouse: Path) -> dict[tuple[str, str], tuple[int, ...]]:
    """The per-report audit table (event_reports) summed per district and reported day, as the marts summed
    reports before linkage."""
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        rows = conn.execute("""
            select admin2_pcode, strftime(reported_event_date, '%Y-%m-%d'), sum(killed_low), sum(killed_best),
                   sum(injured_low), sum(injured_best), count(*),
                   count(*) filter (where event_type in ('air_strike', 'shelling')),
                   coalesce(sum(strikes_low) filter (where event_type in ('air_strike', 'shelling')), 0),
                   coalesce(sum(strikes_best) filter (where event_type in ('air_strike', 'shelling')), 0)
            from main.event_reports
            where date_precision = 'day' and admin2_pcode is not null
            group by all
        """).fetchall()
    finally:
        conn.close()
    return {(r[0], r[1]): tuple(int(v) for v in r[2:]) for r in rows}


def test_marts_match_the_hand_worked_figures(pipeline) -> None:
    warehouse, _, _, _ = pipeline
    cells = mart_cells(warehouse)
    for key, expected in HAND_WORKED.items():
        assert cells.get(key) == expected, key
    assert cells == linked_gold_cells()
    # table 2 of example_expected.md: totals with the duplicate counted once
    assert tuple(map(sum, zip(*cells.values()))) == (35, 40, 59, 63, 22, 17, 46, 58)


def test_audit_table_keeps_every_report(pipeline) -> None:
    """Per report, event_reports still sums to table 1 of example_expected.md (the Najiya strike twice)."""
    warehouse, _, _, _ = pipeline
    cells = report_cells(warehouse)
    for key, expected in HAND_WORKED_PER_REPORT.items():
        assert cells.get(key) == expected, key
    assert cells == gold_cells()
    assert tuple(map(sum, zip(*cells.values()))) == (40, 45, 69, 73, 23, 18, 48, 60)


def test_the_najiya_strike_is_one_event(pipeline) -> None:
    warehouse, _, _, _ = pipeline
    conn = duckdb.connect(str(warehouse), read_only=True)
    try:
        events = conn.execute(
            "select event_type, strftime(event_date, '%Y-%m-%d'), admin4_pcode, n_reports, n_sources, article_ids, "
            "killed_low, killed_best, strikes_low, strikes_best from main.events "
            "where list_has_any(article_ids, ['ex-0005', 'ex-0006'])"
        ).fetchall()
        reports = conn.execute(
            "select count(distinct incident_id), count(*) from main.event_reports "
            "where article_id in ('ex-0005', 'ex-0006')"
        ).fetchall()
    finally:
        conn.close()
    assert events == [("air_strike", "2024-03-11", "C4233", 2, 2, ["ex-0005", "ex-0006"], 5, 5, 2, 2)]
    assert reports == [(1, 2)]


def test_dense_grid_and_governorate_summary_agree_with_the_district_marts(pipeline) -> None:
    warehouse, _, _, _ = pipeline
    cells = mart_cells(warehouse)
    days = [date.fromisoformat(k[1]) for k in cells]
    assert scalar(warehouse, "select count(*) from main.district_day") == 61 * ((max(days) - min(days)).days + 1)
    assert scalar(warehouse, "select sum(killed_low) from main.district_day") == sum(c[0] for c in cells.values())
    assert scalar(warehouse, "select sum(strike_events) from main.district_day") == sum(c[5] for c in cells.values())
    # every example event has a district: the governorate summary counts the same incidents
    governorates = "select sum({}) from main.daily_governorate_summary{}"
    assert scalar(warehouse, governorates.format("events", "")) == sum(c[4] for c in cells.values())
    # Idlib: 15 killed per report, 10 with the Najiya strike counted once (example_expected.md)
    assert scalar(warehouse, governorates.format("killed_low", " where admin1_pcode = 'SY07'")) == 10


def test_marts_are_published_for_readers(pipeline) -> None:
    warehouse, first, second, _ = pipeline
    meta = materialization_metadata(first, "published_marts")
    serving, parquet = Path(meta["serving_file"]), Path(meta["parquet_dir"])
    assert serving == warehouse.parent / "serving.duckdb" and parquet == warehouse.parent / "marts"
    assert parquet.is_symlink() and (parquet / "manifest.json").is_file()
    # the second run changed no mart: the version stays
    assert materialization_metadata(second, "published_marts")["version"] == meta["version"]
    assert materialization_metadata(second, "published_marts")["republished"] is False
    marts = ["events", "event_reports", "daily_district_casualties", "daily_district_strikes",
             "daily_governorate_summary", "district_day", "districts"]  # fmt: skip
    published = duckdb.connect(str(serving), read_only=True)
    try:
        for mart in marts:
            in_warehouse = snapshot(warehouse, [f"main.{mart}"])[f"main.{mart}"]
            assert published.execute(f"select * from {mart} order by all").fetchall() == in_warehouse, mart
            assert published.execute(
                f"select * from read_parquet('{parquet / (mart + '.parquet')}') order by all"
            ).fetchall() == in_warehouse, mart
            assert meta[f"rows_{mart}"] == len(in_warehouse)
    finally:
        published.close()


def test_marts_are_keyed_by_the_day_of_the_event(pipeline) -> None:
    warehouse, _, _, _ = pipeline
    # ex-0006 was published on 2024-03-12 about a strike "أمس": it counts on the 11th
    assert scalar(warehouse, "select strftime(event_date, '%Y-%m-%d') from main.event_reports "
                             "where article_id = 'ex-0006'") == "2024-03-11"
    assert scalar(warehouse, "select count(*) from main.daily_district_casualties "
                             "where admin2_pcode = 'SY0704' and event_date = '2024-03-12'") == 0
