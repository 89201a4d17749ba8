"""The Dagster instance's run queue (dagster_home/dagster.yaml), the job tags it limits, the inbox sensor and the
daily schedule (orchestration/sensors.py)."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import dagster as dg
import pytest

from orchestration.resources import RasdPaths
from orchestration.sensors import inbox_sensor

REPO = Path(__file__).resolve().parents[1]
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


def tick(inbox: Path, cursor: str | None):
    """One evaluation of the sensor: its run requests and the cursor it leaves."""
    context = dg.build_sensor_context(cursor=cursor, resources={"rasd": RasdPaths(inbox=str(inbox))})
    result = inbox_sensor(context)
    requests = [result] if isinstance(result, dg.RunRequest) else []
    return requests, context.cursor


def test_inbox_sensor_requests_a_run_per_change(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    requests, cursor = tick(inbox, None)
    assert requests == [] and json.loads(cursor or "{}") == {}

    first = inbox / "a.jsonl"
    first.write_text('{"id": "x"}\n', encoding="utf-8")
    requests, cursor = tick(inbox, cursor)
    assert len(requests) == 1 and requests[0].run_key
    assert requests[0].tags["rasd/inbox_files"] == "a.jsonl"
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

    # changed content: a new request with a new run key
    first.write_text('{"id": "x"}\n{"id": "y"}\n', encoding="utf-8")
    requests, cursor = tick(inbox, cursor)
    assert len(requests) == 1 and requests[0].run_key != key_a

    # a new file beside it, and a sub-folder (not read by ingest): one request naming the new file only
    (inbox / "b.csv").write_text("id,body\n", encoding="utf-8")
    (inbox / "sub").mkdir()
    (inbox / "sub" / "c.jsonl").write_text("{}\n", encoding="utf-8")
    requests, cursor = tick(inbox, cursor)
    assert len(requests) == 1 and requests[0].tags["rasd/inbox_files"] == "b.csv"
    assert set(json.loads(cursor)) == {"a.jsonl", "b.csv"}

    # a file removed: forgotten, nothing requested
    (inbox / "b.csv").unlink()
    requests, cursor = tick(inbox, cursor)
    assert requests == [] and set(json.loads(cursor)) == {"a.jsonl"}


def test_inbox_sensor_same_state_same_run_key(tmp_path: Path) -> None:
    """A tick evaluated twice from the same cursor (a daemon restart) asks for the same run: Dagster runs it once."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "a.jsonl").write_text("{}\n", encoding="utf-8")
    first, _ = tick(inbox, None)
    again, _ = tick(inbox, None)
    assert first[0].run_key == again[0].run_key


def test_inbox_sensor_missing_inbox(tmp_path: Path) -> None:
    requests, _ = tick(tmp_path / "absent", None)
    assert requests == []
