"""The Dagster instance's run queue (dagster_home/dagster.yaml), the job tags it limits, the inbox sensor and the
daily schedule (orchestration/sensors.py)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import dagster as dg
import pytest

from orchestration.partitions import PARTITION_TAG, RANGE_END_TAG, RANGE_START_TAG
from orchestration.resources import RasdPaths
from orchestration.sensors import inbox_sensor

REPO = Path(__file__).resolve().parents[2]
MANIFEST = REPO / "dbt_project" / "target" / "manifest.json"


@pytest.fixture(scope="module")
def defs():
    if not MANIFEST.exists():
        pytest.fail(f"{MANIFEST} is missing: run `make dbt-parse` first")
    from orchestration.definitions import defs

    return defs


# --- the run queue ---------------------------------------------------------------------------------------------


def test_instance_queues_runs_and_lets_one_warehouse_writer_run(tmp_path: Path, monkeypatch) -> None:
    from dagster._core.run_coordinator import QueuedRunCoordinator

    from orchestration.definitions import WAREHOUSE_TAG

    shutil.copyfile(REPO / "dagster_home" / "dagster.yaml", tmp_path / "dagster.yaml")
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    with dg.DagsterInstance.get() as instance:
        assert isinstance(instance.run_coordinator, QueuedRunCoordinator)
        queue = instance.run_coordinator.get_run_queue_config()
        assert queue.max_concurrent_runs == 1
        limits = {limit["key"]: limit for limit in queue.tag_concurrency_limits}
        assert limits[WAREHOUSE_TAG]["limit"] == 1
        assert "value" not in limits[WAREHOUSE_TAG]  # whatever the value, one run at a time


def test_every_job_carries_the_warehouse_tag(defs) -> None:
    from orchestration.definitions import WAREHOUSE_TAG

    repository = defs.get_repository_def()
    jobs = [job for job in repository.get_all_jobs() if not job.name.startswith("__")]
    assert {job.name for job in jobs} == {"rasd_pipeline"}
    for job in jobs:
        assert WAREHOUSE_TAG in job.tags, job.name
    # what the schedule and the sensor launch is that job
    for automation in [*repository.schedule_defs, *repository.sensor_defs]:
        assert automation.job_name == "rasd_pipeline", automation.name


def test_daily_schedule(defs) -> None:
    repository = defs.get_repository_def()
    schedule = repository.get_schedule_def("rasd_pipeline_daily")
    assert schedule.cron_schedule == "0 2 * * *" and schedule.execution_timezone == "UTC"
    with dg.build_schedule_context() as context:
        requests = list(schedule.evaluate_tick(context).run_requests or [])
    assert len(requests) == 1
    assert repository.get_sensor_def("inbox_sensor").job_name == "rasd_pipeline"


# --- the inbox sensor ------------------------------------------------------------------------------------------

EXAMPLES = REPO / "data" / "inbox" / "example_articles.jsonl"


def example(day: str, n: int = 0, **changes) -> str:
    """The n-th example article published on `day` (data/inbox), as a JSON line, with `changes` applied."""
    articles = [json.loads(line) for line in EXAMPLES.read_text(encoding="utf-8").splitlines()]
    article = [a for a in articles if a["published_at"].startswith(day)][n] | changes
    return json.dumps(article, ensure_ascii=False) + "\n"


def tick(inbox: Path, cursor: str | None, settings_file: Path | None = None):
    """One evaluation of the sensor (with the settings file `settings_file`, else the defaults): its run requests
    and the cursor it leaves."""
    rasd = RasdPaths(inbox=str(inbox), settings_file=str(settings_file) if settings_file else None)
    context = dg.build_sensor_context(cursor=cursor, resources={"rasd": rasd})
    result = inbox_sensor(context)
    requests = (
        list(result) if isinstance(result, list) else [result] if isinstance(result, dg.RunRequest) else []
    )
    return requests, context.cursor


def span(request: dg.RunRequest) -> tuple[str | None, str | None]:
    return request.tags.get(RANGE_START_TAG), request.tags.get(RANGE_END_TAG)


def test_inbox_sensor_requests_a_run_per_change(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    requests, cursor = tick(inbox, None)
    assert requests == [] and json.loads(cursor or "{}") == {}

    first = inbox / "a.jsonl"
    first.write_text(example("2024-03-12"), encoding="utf-8")
    requests, cursor = tick(inbox, cursor)
    assert len(requests) == 1 and requests[0].run_key
    assert requests[0].tags["rasd/inbox_files"] == "a.jsonl"
    assert span(requests[0]) == ("2024-03-12", "2024-03-12")
    size, mtime, digest = json.loads(cursor)["a.jsonl"]
    assert size == first.stat().st_size and mtime == first.stat().st_mtime_ns and len(digest) == 64
    key_a = requests[0].run_key

    # the same file again: nothing
    requests, cursor_again = tick(inbox, cursor)
    assert requests == [] and cursor_again == cursor

    # touched, same content: nothing requested, the cursor keeps the new time
    os.utime(first, ns=(first.stat().st_atime_ns, first.stat().st_mtime_ns + 5_000_000_000))
    requests, cursor = tick(inbox, cursor)
    assert requests == [] and json.loads(cursor)["a.jsonl"][1] == first.stat().st_mtime_ns

    # changed content (an article of the 13th added): a new request with a new run key, over both days
    first.write_text(example("2024-03-12") + example("2024-03-13"), encoding="utf-8")
    requests, cursor = tick(inbox, cursor)
    assert len(requests) == 1 and requests[0].run_key != key_a
    assert span(requests[0]) == ("2024-03-12", "2024-03-13")

    # a new file beside it, and a sub-folder (not read by ingest): one request naming the new file only
    (inbox / "b.jsonl").write_text(example("2024-03-10"), encoding="utf-8")
    (inbox / "sub").mkdir()
    (inbox / "sub" / "c.jsonl").write_text(example("2024-03-09"), encoding="utf-8")
    requests, cursor = tick(inbox, cursor)
    assert len(requests) == 1 and requests[0].tags["rasd/inbox_files"] == "b.jsonl"
    assert span(requests[0]) == ("2024-03-10", "2024-03-10")
    assert set(json.loads(cursor)) == {"a.jsonl", "b.jsonl"}

    # a file removed: forgotten, nothing requested
    (inbox / "b.jsonl").unlink()
    requests, cursor = tick(inbox, cursor)
    assert requests == [] and set(json.loads(cursor)) == {"a.jsonl"}


def test_inbox_sensor_reads_days_in_every_format(tmp_path: Path) -> None:
    """The days come from ingest's own readers: a CSV with an Arabic date and a local time zone."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    body = json.loads(example("2024-03-12"))["body"].replace('"', "")
    # 23:30 at +03:00 on the 14th is 20:30 UTC on the 14th; 01:30 at +03:00 on the 15th is 22:30 UTC on the 14th
    (inbox / "feed.csv").write_text(
        "id,published_at,body\n"
        f'x1,2024-03-14T23:30:00+03:00,"{body}"\n'
        f'x2,2024-03-15T01:30:00+03:00,"{body}"\n',
        encoding="utf-8",
    )
    requests, _ = tick(inbox, None)
    assert [span(r) for r in requests] == [("2024-03-14", "2024-03-14")]
    assert requests[0].tags["rasd/articles_in_files"] == "2"


def test_inbox_sensor_splits_distant_days(tmp_path: Path) -> None:
    """Days more than SPAN_GAP_DAYS apart go to separate runs, each a partition range."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    lines = [
        example("2024-03-12"),
        example("2024-03-14"),
        example("2024-03-10", published_at="2013-02-01T10:00:00Z"),
    ]
    (inbox / "mixed.jsonl").write_text("".join(lines), encoding="utf-8")
    requests, _ = tick(inbox, None)
    assert sorted(span(r) for r in requests) == [("2013-02-01", "2013-02-01"), ("2024-03-12", "2024-03-14")]
    assert len({r.run_key for r in requests}) == 2
    again, _ = tick(inbox, None)
    assert {r.run_key for r in again} == {r.run_key for r in requests}


def test_inbox_sensor_days_outside_the_partitions(tmp_path: Path) -> None:
    """An article dated before the first partition has no partition: one unpartitioned run, which extracts every
    pending article whatever its day."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    old = example("2024-03-10", published_at="2010-06-01T10:00:00Z")
    (inbox / "old.jsonl").write_text(example("2024-03-12") + old, encoding="utf-8")
    requests, _ = tick(inbox, None)
    assert len(requests) == 1 and span(requests[0]) == (None, None)
    assert PARTITION_TAG not in requests[0].tags and requests[0].asset_selection is None
    assert requests[0].tags["rasd/days_outside_partitions"] == "2010-06-01"


def test_inbox_sensor_bad_records_only(tmp_path: Path) -> None:
    """A file of records ingest rejects (no date, bad JSON) has no day, but must still be ingested, so that its
    records are quarantined: a run of `articles` alone. An empty file asks for nothing."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "bad.jsonl").write_text('{"id": "x", "body": "نص بلا تاريخ"}\n{not json\n', encoding="utf-8")
    (inbox / "empty.jsonl").write_text("", encoding="utf-8")
    requests, cursor = tick(inbox, None)
    assert len(requests) == 1 and span(requests[0]) == (None, None)
    assert requests[0].asset_selection == [dg.AssetKey("articles")]
    assert requests[0].tags["rasd/rejected_in_files"] == "2"
    assert requests[0].tags["rasd/inbox_files"] == "bad.jsonl, empty.jsonl"
    (inbox / "empty2.jsonl").write_text("\n", encoding="utf-8")
    requests, _ = tick(inbox, cursor)
    assert requests == []


def test_inbox_sensor_same_state_same_run_key(tmp_path: Path) -> None:
    """A tick evaluated twice from the same cursor (a daemon restart) asks for the same run: Dagster runs it once."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.jsonl").write_text(example("2024-03-12"), encoding="utf-8")
    first, _ = tick(inbox, None)
    again, _ = tick(inbox, None)
    assert first[0].run_key == again[0].run_key


def test_inbox_sensor_missing_inbox(tmp_path: Path) -> None:
    requests, _ = tick(tmp_path / "absent", None)
    assert requests == []


def test_inbox_sensor_keeps_its_cursor_on_bad_settings(tmp_path: Path) -> None:
    """Invalid settings (rasd.toml) would fail the ingest: the sensor asks for nothing and does not move its
    cursor, so the files are looked at again once the settings are fixed."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.jsonl").write_text(example("2024-03-12"), encoding="utf-8")
    settings = tmp_path / "rasd.toml"
    settings.write_text("[ingest]\nmax_body_chars = 'many'\n", encoding="utf-8")
    requests, cursor = tick(inbox, None, settings)
    assert requests == [] and not cursor
    requests, cursor = tick(inbox, cursor)  # the settings fixed
    assert len(requests) == 1 and json.loads(cursor)
