"""Publication-day partitions of `event_mentions` (orchestration/partitions.py), the dbt window of a partitioned
run (warehouse/incremental.py), and a change of extractor version: stale partitions, the check that counts
the articles an older version extracted, and a single-run backfill that replaces their mentions.

The end-to-end part runs the real job in process on a copy of example articles: the inbox sensor asks for the
run, the run extracts only the articles of the requested days, a new extractor version makes those partitions
stale, and a backfill re-extracts them without duplicating a row.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from orchestration import partitions as pt
from warehouse.incremental import LINK_REACH_DAYS, RELATIVE_DATE_REACH_DAYS, partition_event_days

REPO = Path(__file__).resolve().parents[2]
MANIFEST = REPO / "dbt_project" / "target" / "manifest.json"
EXAMPLES = REPO / "data" / "inbox" / "example_articles.jsonl"
NEW_VERSION = "0.1.0+test-new-lexicon"


# --- the partitions definition and the run tags ---------------------------------------------------------------


def test_partitions_span_the_war_to_tomorrow() -> None:
    assert pt.publication_days.get_first_partition_key() == "2011-03-01"
    tomorrow = dt.datetime.now(dt.UTC).date() + dt.timedelta(days=1)
    assert pt.publication_days.get_last_partition_key() == tomorrow.isoformat()
    # the corpora (2012-2014), the dev set (2016) and the example inbox (2024) all fall inside
    for day in ("2012-10-13", "2014-12-31", "2016-06-03", "2024-03-09", "2024-03-14"):
        assert pt.publication_days.has_partition_key(day)
    keys, outside = pt.partition_keys(
        [dt.date(2024, 3, 12), dt.date(2024, 3, 9), dt.date(2024, 3, 12), dt.date(2010, 12, 31)]
    )
    assert keys == ["2024-03-09", "2024-03-12"] and outside == [dt.date(2010, 12, 31)]
    assert pt.partition_keys([tomorrow + dt.timedelta(days=1)]) == ([], [tomorrow + dt.timedelta(days=1)])


def test_run_tags_are_dagsters() -> None:
    from dagster._core.storage import tags

    assert pt.PARTITION_TAG == tags.PARTITION_NAME_TAG
    assert pt.RANGE_START_TAG == tags.ASSET_PARTITION_RANGE_START_TAG
    assert pt.RANGE_END_TAG == tags.ASSET_PARTITION_RANGE_END_TAG


def test_window_from_tags() -> None:
    assert pt.window_from_tags({}) is None
    one = pt.window_from_tags({pt.PARTITION_TAG: "2024-03-12"})
    assert (one.first, one.last, one.days) == (dt.date(2024, 3, 12), dt.date(2024, 3, 12), 1)
    span = pt.window_from_tags({pt.RANGE_START_TAG: "2013-01-01", pt.RANGE_END_TAG: "2013-12-31"})
    assert span.days == 365 and span.describe() == "2013-01-01 .. 2013-12-31"
    assert pt.window_from_tags(span.run_tags()) == span
    with pytest.raises(ValueError):
        pt.window_from_tags({pt.RANGE_START_TAG: "2013-02-01", pt.RANGE_END_TAG: "2013-01-01"})
    window = pt.publication_days.time_window_for_partition_key("2024-03-12")
    assert pt.window_from_time_window(window) == one


def test_partition_event_days() -> None:
    """Events precede publication by up to RELATIVE_DATE_REACH_DAYS, and linkage reaches LINK_REACH_DAYS each way."""
    low, high = partition_event_days((dt.date(2024, 3, 12), dt.date(2024, 3, 14)))
    assert low == dt.date(2024, 3, 12) - dt.timedelta(days=RELATIVE_DATE_REACH_DAYS + LINK_REACH_DAYS)
    assert high == dt.date(2024, 3, 14) + dt.timedelta(days=LINK_REACH_DAYS)
    assert partition_event_days((dt.date.min, dt.date.max)) == (dt.date.min, dt.date.max)


# --- the job, partitioned, and a change of extractor -----------------------------------------------------------


def example_articles() -> dict[str, dict]:
    return {a["id"]: a for a in map(json.loads, EXAMPLES.read_text(encoding="utf-8").splitlines())}


def published_on(articles: dict[str, dict], *days: str) -> set[str]:
    return {i for i, a in articles.items() if a["published_at"][:10] in days}


def mentions(warehouse: Path) -> list[tuple]:
    """Every mention, without the columns a re-extraction renews (version, time)."""
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return conn.execute(
            "SELECT * EXCLUDE (extractor_version, extracted_at) FROM raw.event_mentions ORDER BY mention_id"
        ).fetchall()


def scalar(warehouse: Path, sql: str, params: list | None = None):
    with duckdb.connect(str(warehouse), read_only=True) as conn:
        return conn.execute(sql, params or []).fetchone()[0]


def stale_status(instance: dg.DagsterInstance, defs: dg.Definitions, partition: str):
    """What the UI shows for a partition of event_mentions: its stale status and the causes' reasons."""
    from dagster._core.definitions.data_version import CachingStaleStatusResolver
    from dagster._core.loader import LoadingContextForTest

    resolver = CachingStaleStatusResolver(
        instance, defs.resolve_asset_graph(), LoadingContextForTest(instance)
    )
    key = dg.AssetKey("event_mentions")
    return resolver.get_status(key, partition), [
        c.reason for c in resolver.get_stale_root_causes(key, partition)
    ]


@pytest.fixture(scope="module")
def partitioned(tmp_path_factory, gazetteer_dir: Path):
    """Run 1: the inbox sensor sees a file of the articles published on 2024-03-11 and 2024-03-12 (and one record
    without a date) and requests a run; that run is executed. Then the extractor version changes and a single-run
    backfill of the two partitions re-extracts them. Returns what each step left."""
    if not MANIFEST.exists():
        pytest.fail(f"{MANIFEST} is missing: run `make dbt-parse` first")
    import extract.extractor
    from orchestration.definitions import build_definitions
    from orchestration.resources import RasdPaths
    from orchestration.sensors import inbox_sensor

    root = tmp_path_factory.mktemp("partitions")
    inbox, warehouse = root / "inbox", root / "wh" / "warehouse.duckdb"
    inbox.mkdir()
    articles = example_articles()
    chosen = published_on(articles, "2024-03-11", "2024-03-12")
    lines = [json.dumps(articles[i], ensure_ascii=False) for i in sorted(chosen)]
    undated = {"id": "no-date", "source": "x", "title": None, "body": "قصف على بلدة كفرنبل اليوم."}
    lines.append(json.dumps(undated, ensure_ascii=False))
    (inbox / "days.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")

    context = dg.build_sensor_context(cursor=None, resources={"rasd": RasdPaths(inbox=str(inbox))})
    requests = inbox_sensor(context)
    # Articles of other days arrive before the run starts: the run ingests them, but does not extract them.
    later = published_on(articles, "2024-03-13", "2024-03-14")
    (inbox / "later.jsonl").write_text(
        "".join(json.dumps(articles[i], ensure_ascii=False) + "\n" for i in sorted(later)), encoding="utf-8"
    )
    out = {"root": root, "warehouse": warehouse, "articles": articles, "chosen": chosen, "later": later}
    out["requests"] = requests

    with dg.DagsterInstance.ephemeral() as instance:

        def run(defs: dg.Definitions, tags: dict[str, str]) -> tuple[dg.ExecuteInProcessResult, list[str]]:
            result = defs.resolve_job_def("rasd_pipeline").execute_in_process(
                instance=instance, tags=tags, raise_on_error=False
            )
            failures = [e.step_failure_data.error.to_string() for e in result.all_events if e.is_step_failure]
            assert result.success, "\n".join(failures)
            return result, [r.user_message for r in instance.all_logs(result.run_id)]

        paths = {"warehouse": warehouse, "inbox": inbox, "gazetteer_dir": gazetteer_dir}
        defs = build_definitions(**paths)
        out["first"], out["first_log"] = run(defs, dict(requests[0].tags))
        out["mentions_v1"] = mentions(warehouse)
        out["status_v1"] = stale_status(instance, defs, "2024-03-12")

        # A new extractor: the definitions load with its version, and it is the one that runs.
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(extract.extractor, "EXTRACTOR_VERSION", NEW_VERSION)
            defs_v2 = build_definitions(extractor_version=NEW_VERSION, **paths)
            out["status_changed"] = {
                p: stale_status(instance, defs_v2, p) for p in ("2024-03-12", "2024-03-13")
            }
            from orchestration.assets.checks import extracted_by_current_version
            from orchestration.resources import warehouse_resource

            out["check_before"] = extracted_by_current_version(duckdb=warehouse_resource(warehouse))
            backfill = pt.PublicationWindow(dt.date(2024, 3, 11), dt.date(2024, 3, 12))
            out["backfill"], out["backfill_log"] = run(defs_v2, backfill.run_tags())
            out["check_after"] = extracted_by_current_version(duckdb=warehouse_resource(warehouse))
            out["status_after"] = stale_status(instance, defs_v2, "2024-03-12")
            out["mentions_v2"] = mentions(warehouse)
            # A forced re-extraction of one partition (what a new gazetteer needs): event_mentions alone.
            out["forced"] = defs_v2.resolve_implicit_global_asset_job_def().execute_in_process(
                instance=instance,
                partition_key="2024-03-12",
                asset_selection=[dg.AssetKey("event_mentions")],
                run_config={"ops": {"event_mentions": {"config": {"reextract": True}}}},
            )
            out["mentions_forced"] = mentions(warehouse)
    return out


def meta(result) -> dict:
    return {k: getattr(v, "value", v) for k, v in result.metadata.items()}


def event_mentions_materializations(result: dg.ExecuteInProcessResult) -> list:
    return [
        e for e in result.get_asset_materialization_events() if e.asset_key == dg.AssetKey("event_mentions")
    ]


def test_sensor_requests_the_days_of_the_file(partitioned) -> None:
    (request,) = partitioned["requests"]
    assert request.tags[pt.RANGE_START_TAG] == "2024-03-11" and request.tags[pt.RANGE_END_TAG] == "2024-03-12"
    assert request.tags["rasd/articles_in_files"] == str(len(partitioned["chosen"]))


def test_partitioned_run_extracts_only_its_days(partitioned) -> None:
    warehouse, chosen, later = partitioned["warehouse"], partitioned["chosen"], partitioned["later"]
    events = event_mentions_materializations(partitioned["first"])
    assert sorted(e.partition for e in events) == ["2024-03-11", "2024-03-12"]  # one run, two partitions
    assert len(chosen) == 4 and len(later) == 8
    ingested = set(scalar(warehouse, "SELECT list(article_id) FROM raw.articles"))
    assert ingested == chosen | later  # ingest is not partitioned: the whole inbox
    extracted = set(scalar(warehouse, "SELECT list(article_id) FROM meta.extractions"))
    assert extracted == chosen  # extraction is: the run's days only
    assert scalar(warehouse, "SELECT count(DISTINCT article_id) FROM raw.event_mentions") <= len(chosen)
    # the record without a date is not lost: the partitioned run ingested the whole inbox and quarantined it
    assert scalar(warehouse, "SELECT count(*) FROM raw.rejected_articles") == 1
    info = meta(events[0].materialization)
    assert info["publication_days"] == "2024-03-11 .. 2024-03-12" and info["partitions_in_run"] == 2
    assert info["articles_published"] == len(chosen) and info["articles_at_current_version"] == len(chosen)
    assert info["dagster/row_count"] == len(partitioned["mentions_v1"]) > 0
    # the dbt models and the publication ran in the same run
    materialized = {
        e.asset_key.to_user_string() for e in partitioned["first"].get_asset_materialization_events()
    }
    assert {"articles", "events", "daily_district_casualties", "published_marts"} <= materialized
    checks = {e.check_name: e.passed for e in partitioned["first"].get_asset_check_evaluations()}
    assert checks["every_article_extracted"] and checks["extracted_by_current_version"]


def test_partition_is_fresh_then_stale_on_a_new_extractor(partitioned) -> None:
    from dagster._core.definitions.data_version import StaleStatus

    assert partitioned["status_v1"] == (StaleStatus.FRESH, [])
    status, reasons = partitioned["status_changed"]["2024-03-12"]
    assert status == StaleStatus.STALE and reasons == ["has a new code version"]
    assert partitioned["status_changed"]["2024-03-13"][0] == StaleStatus.MISSING  # never materialised


def test_check_counts_articles_of_an_older_version(partitioned) -> None:
    before = partitioned["check_before"]
    assert not before.passed and before.severity == dg.AssetCheckSeverity.WARN
    info = meta(before)
    assert info["articles_at_older_version"] == len(partitioned["chosen"])
    assert info["partitions_to_backfill"] == ["2024-03-11..2024-03-12"] and info["stale_partitions"] == 2
    assert info["extractor_version"] == NEW_VERSION and set(info["older_versions"]) != {NEW_VERSION}
    after = partitioned["check_after"]
    assert after.passed and meta(after)["articles_at_older_version"] == 0


def test_backfill_is_one_run_that_replaces_rows(partitioned) -> None:
    from dagster._core.definitions.data_version import StaleStatus

    warehouse, backfill = partitioned["warehouse"], partitioned["backfill"]
    events = event_mentions_materializations(backfill)
    assert sorted(e.partition for e in events) == ["2024-03-11", "2024-03-12"]
    assert meta(events[0].materialization)["articles_extracted"] == len(partitioned["chosen"])
    # replaced, not duplicated: the same rows (the extractor's code did not really change), each once
    assert partitioned["mentions_v2"] == partitioned["mentions_v1"]
    assert scalar(warehouse, "SELECT count(DISTINCT extractor_version) FROM raw.event_mentions") == 1
    assert scalar(warehouse, "SELECT any_value(extractor_version) FROM raw.event_mentions") == NEW_VERSION
    assert scalar(warehouse, "SELECT sum(n_events) FROM meta.extractions") == len(partitioned["mentions_v2"])
    assert partitioned["status_after"] == (StaleStatus.FRESH, [])


def test_dbt_rebuilds_the_event_days_of_the_partitions(partitioned) -> None:
    """The backfill's dbt build reprocesses the partitions' event days (and the changed span) incrementally."""
    lines = [m for m in partitioned["backfill_log"] if m and m.startswith("dbt build, ")]
    assert len(lines) == 1, lines
    found = re.search(
        r"publication-day partitions 2024-03-11 \.\. 2024-03-12; reprocessing event days (\S+) \.\. (\S+)",
        lines[0],
    )
    assert found, lines[0]
    low, high = (dt.date.fromisoformat(d) for d in found.groups())
    expected_low, expected_high = partition_event_days((dt.date(2024, 3, 11), dt.date(2024, 3, 12)))
    assert low <= expected_low and high >= expected_high
    # the changed mentions' days (and their linkage reach) are inside too
    days = [row[4] for row in partitioned["mentions_v2"]]  # event_date
    assert low <= min(days) - dt.timedelta(days=LINK_REACH_DAYS) and high >= max(days)
    first = [m for m in partitioned["first_log"] if m and m.startswith("dbt build, ")]
    assert first == ["dbt build, full refresh: no complete build recorded yet"]


def test_forced_reextraction_replaces_one_partition(partitioned) -> None:
    """reextract: true extracts a partition's articles again although the current version did: same rows, once."""
    forced = partitioned["forced"]
    (event,) = event_mentions_materializations(forced)
    info = meta(event.materialization)
    assert event.partition == "2024-03-12" and info["reextract"] is True
    on_the_12th = published_on(partitioned["articles"], "2024-03-12")
    assert info["articles_extracted"] == len(on_the_12th) == 2
    assert partitioned["mentions_forced"] == partitioned["mentions_v2"]
    assert (
        scalar(
            partitioned["warehouse"], "SELECT count(*) - count(DISTINCT mention_id) FROM raw.event_mentions"
        )
        == 0
    )
