"""Automation: `inbox_sensor` runs the pipeline when a file in the inbox is new or changed, and `daily_schedule`
runs it every night (02:00 UTC) for whatever the sensor did not start: a new gazetteer, a new extractor, a dbt
project change. Both are off until turned on in the UI (Automation), or with `dagster sensor start inbox_sensor`
/ `dagster schedule start rasd_pipeline_daily`; the daemon (`make ui` runs it) evaluates them.

The sensor's cursor is a JSON object, file name -> [size, mtime_ns, sha256] of each inbox file as last seen. A
file is hashed only when its size or mtime differ from the cursor's, and it counts as changed only when its
content hash differs (a `touch` requests nothing). One tick's changes make one run request, whose run_key is a
digest of the changed files' names, sizes, times and hashes: a tick evaluated twice (a daemon restart) requests
the run once. A file that disappears leaves the cursor and requests nothing (its articles stay in the warehouse).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import dagster as dg

from orchestration.resources import RasdPaths

DAILY_CRON = "0 2 * * *"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def scan_inbox(inbox: Path, previous: dict[str, list]) -> dict[str, list]:
    """name -> [size, mtime_ns, sha256] for every file directly in `inbox` (the ingest reads no sub-folder);
    the hash is reused from `previous` when size and mtime are unchanged."""
    seen: dict[str, list] = {}
    if not inbox.is_dir():
        return seen
    for path in sorted(inbox.iterdir()):
        if not path.is_file() or path.name.startswith("."):
            continue
        try:
            stat = path.stat()
            old = previous.get(path.name)
            if old and old[0] == stat.st_size and old[1] == stat.st_mtime_ns:
                seen[path.name] = list(old)
            else:
                seen[path.name] = [stat.st_size, stat.st_mtime_ns, _sha256(path)]
        except OSError:  # removed or unreadable between listing and reading: looked at again next tick
            continue
    return seen


def changed_files(previous: dict[str, list], current: dict[str, list]) -> list[str]:
    """Names of the files that are new or whose content hash changed."""
    return [name for name, entry in current.items() if name not in previous or previous[name][2] != entry[2]]


def _load_cursor(cursor: str | None) -> dict[str, list]:
    if not cursor:
        return {}
    try:
        value = json.loads(cursor)
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


@dg.sensor(
    name="inbox_sensor",
    job_name="rasd_pipeline",
    minimum_interval_seconds=60,
    description=(
        "Runs rasd_pipeline when a file in the inbox (RASD_INBOX) is new or its content changed; the cursor keeps "
        "each file's name, size, mtime and sha256."
    ),
)
def inbox_sensor(context: dg.SensorEvaluationContext, rasd: RasdPaths):
    inbox = rasd.inbox_path()
    previous = _load_cursor(context.cursor)
    current = scan_inbox(inbox, previous)
    changed = changed_files(previous, current)
    cursor = json.dumps(current, sort_keys=True)
    if not changed:
        if cursor != (context.cursor or json.dumps({})):
            context.update_cursor(cursor)  # a touch, a removal: remember, request nothing
        return dg.SkipReason(f"no new or changed file in {inbox}")
    key = hashlib.sha256(
        json.dumps({name: current[name] for name in changed}, sort_keys=True).encode()
    ).hexdigest()[:24]
    context.update_cursor(cursor)
    listing = ", ".join(changed)
    return dg.RunRequest(
        run_key=f"inbox-{key}",
        tags={"rasd/inbox_files": listing[:4000]},
    )


def daily_schedule(job: dg.UnresolvedAssetJobDefinition | dg.JobDefinition) -> dg.ScheduleDefinition:
    """rasd_pipeline every day at 02:00 UTC."""
    return dg.ScheduleDefinition(
        name="rasd_pipeline_daily",
        job=job,
        cron_schedule=DAILY_CRON,
        execution_timezone="UTC",
        description=(
            "The whole graph every night: ingest whatever the inbox holds, reload the gazetteer, re-extract "
            "what a new extractor version has not seen, rebuild and test the warehouse incrementally, publish."
        ),
    )
