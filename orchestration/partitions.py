"""Daily partitions by publication day: what a partition of `event_mentions` is, and how a run says which days it
covers.

A partition is one UTC calendar day of `raw.articles.published_at` (ingest converts every offset to UTC, so the day
is `CAST(published_at AS DATE)`). Publication day, not event day, because it is what is known before extraction:
the sensor can tell which partitions a new inbox file touches by reading its dates, without running the
extractor, and every article belongs to exactly one partition, so re-extracting a partition replaces the
mentions of a fixed set of articles (warehouse.extraction.write_batch) and never duplicates them.

The first partition is 2011-03-01, the month the Syrian uprising began: the corpora span October 2012 to 2014
(../shared/corpora), the dev set 2016 and the example inbox March 2024. The last partition is tomorrow (UTC):
ingest admits a `published_at` up to `future_tolerance_hours` (24 h by default) past the time of ingest, so an
article can be dated tomorrow and still needs a partition. An article outside [first, last] is still ingested
and extracted by an unpartitioned run (`rasd run`, the daily schedule); the inbox sensor requests one for it.

A run covers a range of partitions in one of two ways, both run tags Dagster sets itself: `dagster/partition` (a
run of one partition, launched from the UI or with `partition_key=`), or `dagster/asset_partition_range_start` and
`..._end` (a single-run backfill: `event_mentions` has BackfillPolicy.single_run(), so backfilling a year is one
run; the inbox sensor asks for such a run too). Unpartitioned assets of the job (ingest, gazetteer, the dbt models,
the publication) run in the same run; `run_publication_window` tells them the days the run covers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import dagster as dg

FIRST_PUBLICATION_DAY = "2011-03-01"

# Tomorrow's partition exists (end_offset=1 would stop at today): see the module docstring.
publication_days = dg.DailyPartitionsDefinition(
    start_date=FIRST_PUBLICATION_DAY, end_offset=2, timezone="UTC"
)

# The run tags by which Dagster marks a partitioned run (dagster._core.storage.tags; tests check they agree).
PARTITION_TAG = "dagster/partition"
RANGE_START_TAG = "dagster/asset_partition_range_start"
RANGE_END_TAG = "dagster/asset_partition_range_end"


@dataclass(frozen=True)
class PublicationWindow:
    """The publication days a partitioned run covers, both ends included."""

    first: dt.date
    last: dt.date

    @property
    def start_key(self) -> str:
        return self.first.isoformat()

    @property
    def end_key(self) -> str:
        return self.last.isoformat()

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def describe(self) -> str:
        return self.start_key if self.first == self.last else f"{self.start_key} .. {self.end_key}"

    def run_tags(self) -> dict[str, str]:
        """The tags of a single run over these partitions (what a single-run backfill sets)."""
        return {RANGE_START_TAG: self.start_key, RANGE_END_TAG: self.end_key}


def window_from_time_window(window: dg.TimeWindow) -> PublicationWindow:
    """Dagster's time window [start, end) of daily partitions -> the days it holds, both ends included."""
    return PublicationWindow(window.start.date(), (window.end - dt.timedelta(days=1)).date())


def window_from_tags(tags: Mapping[str, str]) -> PublicationWindow | None:
    """The publication days a run covers, from its tags; None for an unpartitioned run."""
    if tags.get(RANGE_START_TAG) and tags.get(RANGE_END_TAG):
        first, last = tags[RANGE_START_TAG], tags[RANGE_END_TAG]
    elif tags.get(PARTITION_TAG):
        first = last = tags[PARTITION_TAG]
    else:
        return None
    window = PublicationWindow(dt.date.fromisoformat(first), dt.date.fromisoformat(last))
    if window.first > window.last:
        raise ValueError(f"partition range {first} .. {last} is empty")
    return window


def run_publication_window(
    context: dg.AssetExecutionContext | dg.AssetCheckExecutionContext,
) -> PublicationWindow | None:
    """The publication days of the current run, for any asset or check of the job, partitioned or not: Dagster
    gives `partition_time_window` only to the partitioned asset, and the dbt models, which are not partitioned
    (see orchestration/assets/warehouse.py), need the same days."""
    return window_from_tags(context.run.tags)


def partition_keys(days: Iterable[dt.date]) -> tuple[list[str], list[dt.date]]:
    """The partition keys of `days` that the partitions definition holds now, sorted, and the days it does not
    (before FIRST_PUBLICATION_DAY or after tomorrow)."""
    first = dt.date.fromisoformat(FIRST_PUBLICATION_DAY)
    last = dt.date.fromisoformat(publication_days.get_last_partition_key() or FIRST_PUBLICATION_DAY)
    inside = sorted({d for d in days if first <= d <= last})
    outside = sorted({d for d in days if not first <= d <= last})
    return [d.isoformat() for d in inside], outside
