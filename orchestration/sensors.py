"""Automation: `inbox_sensor` runs the pipeline for the publication days of the inbox files that are new or
changed, and `daily_schedule` runs it every night (02:00 UTC), unpartitioned, for whatever the sensor did not
start: a new gazetteer, a new extractor, a dbt project change, articles dated outside the partitions. Both are off until turned on in the UI (Automation), or with `dagster sensor start inbox_sensor`
/ `dagster schedule start rasd_pipeline_daily`; the daemon (`make ui` runs it) evaluates them.

The sensor's cursor is a JSON object, file name -> [size, mtime_ns, sha256] of each inbox file as last seen. A
file is hashed only when its size or mtime differ from the cursor's, and it counts as changed only when its
content hash differs (a `touch` requests nothing). One tick's changes make one run request, whose run_key is a
digest of the changed files' names, sizes, times and hashes: a tick evaluated twice (a daemon restart) requests
the run once. A file that disappears leaves the cursor and requests nothing (its articles stay in the warehouse).

What it requests: the changed files are read with ingest's own readers (ingest.inbox.read_file: every
format, the column mapping of the settings, the same checks), which gives the publication day of each valid
record without running the extractor. Those days are partition keys of `event_mentions`
(orchestration/partitions.py), and the sensor requests `rasd_pipeline` over them as a partition range (the tags
of a single-run backfill), one run per span of days (days further apart than SPAN_GAP_DAYS start a new span, so
articles of 2013 and of 2024 in one file do not make one run over eleven years of marts). A partitioned run
still ingests the whole inbox (the ingest asset is not partitioned), so the records of the file that have no
valid day are quarantined in raw.rejected_articles by the same run. Then:

    days all inside the partitions    one partitioned run per span
    some day outside them             one unpartitioned run of the whole job (it extracts every pending article,
                                      whatever its day: nothing is left unextracted)
    no valid record, some rejected    one run of `articles` alone, which quarantines them
    nothing to read (an empty file)   nothing; the cursor remembers the file
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import dagster as dg

from ingest.formats.limits import MAX_FILE_BYTES
from ingest.inbox import InboxRead, read_file
from ingest.inbox_entries import display_name, list_inbox, read_regular_file
from ingest.settings import ConfigError, IngestConfig
from orchestration.partitions import PublicationWindow, partition_keys
from orchestration.resources import RasdPaths

DAILY_CRON = "0 2 * * *"

# Publication days further apart than this go to separate runs: a run rebuilds the marts' event days from its
# first day (less RELATIVE_DATE_REACH_DAYS + LINK_REACH_DAYS) to its last (plus LINK_REACH_DAYS), so two days a
# month apart share most of that work, two years apart share none of it.
SPAN_GAP_DAYS = 31


def _sha256(path: Path) -> str:
    """The file's hash, read as ingest reads it: never through a link (a swapped-in link raises OSError)."""
    return hashlib.sha256(read_regular_file(path, MAX_FILE_BYTES)).hexdigest()


def scan_inbox(inbox: Path, previous: dict[str, list]) -> dict[str, list]:
    """name -> [size, mtime_ns, sha256] for every file directly in `inbox` (the ingest reads no sub-folder);
    the hash is reused from `previous` when size and mtime are unchanged."""
    seen: dict[str, list] = {}
    if not inbox.is_dir():
        return seen
    for path in list_inbox(inbox)[0]:  # regular files only: a link is never followed, a pipe never opened
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


@dataclass
class FilesDays:
    """What the changed files hold: valid records per publication day, and the records ingest will reject."""

    days: Counter = field(default_factory=Counter)
    rejected: int = 0
    records: int = 0


def publication_days(
    inbox: Path, names: list[str], config: IngestConfig, now: dt.datetime | None = None
) -> FilesDays:
    """The publication days (UTC) of the valid records of the inbox files `names`, read as ingest reads them
    with the settings `config`."""
    now = (now or dt.datetime.now(dt.UTC)).replace(tzinfo=None)
    read = InboxRead()
    for name in names:
        path = inbox / name
        try:
            read_file(path, config, now, read)
        except OSError:  # removed between the scan and the reading: the next tick sees it gone
            continue
    found = FilesDays(rejected=len(read.rejections), records=read.rows_read)
    found.days.update(parsed.article.published_at.date() for parsed in read.articles)
    return found


def day_spans(keys: list[str], gap: int = SPAN_GAP_DAYS) -> list[PublicationWindow]:
    """Sorted partition keys as spans: a new span starts where the next day is more than `gap` days on."""
    spans: list[PublicationWindow] = []
    for day in sorted(dt.date.fromisoformat(k) for k in keys):
        if spans and (day - spans[-1].last).days <= gap:
            spans[-1] = PublicationWindow(spans[-1].first, day)
        else:
            spans.append(PublicationWindow(day, day))
    return spans


def run_requests(changed: list[str], found: FilesDays, key: str) -> list[dg.RunRequest]:
    """The runs for the changed files (the table in the module docstring); `key` identifies the change."""
    keys, outside = partition_keys(found.days)
    base = {"rasd/inbox_files": ", ".join(display_name(name) for name in changed)[:4000]}
    if outside:
        listing = ", ".join(d.isoformat() for d in outside[:20])
        return [
            dg.RunRequest(
                run_key=f"inbox-{key}", tags=base | {"rasd/days_outside_partitions": listing[:4000]}
            )
        ]
    if keys:
        requests = []
        for span in day_spans(keys):
            days = sum(n for d, n in found.days.items() if span.first <= d <= span.last)
            tags = base | span.run_tags() | {"rasd/articles_in_files": str(days)}
            requests.append(dg.RunRequest(run_key=f"inbox-{key}-{span.start_key}-{span.end_key}", tags=tags))
        return requests
    if found.rejected:
        return [
            dg.RunRequest(
                run_key=f"inbox-{key}",
                asset_selection=[dg.AssetKey("articles")],
                tags=base | {"rasd/rejected_in_files": str(found.rejected)},
            )
        ]
    return []


@dg.sensor(
    name="inbox_sensor",
    job_name="rasd_pipeline",
    minimum_interval_seconds=60,
    description=(
        "Runs rasd_pipeline over the publication-day partitions of the inbox files (RASD_INBOX) that are new or "
        "whose content changed (one run per span of days, as a partition range); the cursor keeps each file's "
        "name, size, mtime and sha256."
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
    try:
        config = rasd.settings()
    except ConfigError as err:  # the cursor is kept: the files are looked at again once the settings are fixed
        return dg.SkipReason(f"the ingest settings are invalid, nothing requested: {err}")
    found = publication_days(inbox, changed, config)
    key = hashlib.sha256(
        json.dumps({name: current[name] for name in changed}, sort_keys=True).encode()
    ).hexdigest()[:24]
    context.update_cursor(cursor)
    requests = run_requests(changed, found, key)
    if not requests:
        return dg.SkipReason(f"no record to ingest in {', '.join(display_name(n) for n in changed)}")
    return requests


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
