"""events_acled.csv: the incidents in the columns of an ACLED export, for tools and analysts that read ACLED.

The mapping (documented in outputs/README.md):

    event_id_cnty    "SYR" + events.event_id (Rasd's incident id; ACLED's own ids are numbers)
    event_date       events.event_date (ISO 8601); year its year
    time_precision   1 day, 2 week, 3 month (events.date_precision)
    disorder_type, event_type, sub_event_type   from data/acled_event_types.csv
                     (air_strike -> Political violence / Explosions/Remote violence / Air/drone strike, ...)
    actor1, inter1   from data/acled_actors.csv (Rasd's side, in ACLED's style)
    actor2, inter2   "Civilians (Syria)", 7 when a report says the dead were civilians, else empty
    interaction      inter1 * 10 + inter2 (ACLED's numeric interaction code), inter1 * 10 without actor2
    civilian_targeting  "Civilian targeting" when a report says civilians, else empty
    iso, region, country   760, Middle East, Syria
    admin1, admin2, admin3 the English COD-AB names of the governorate, district and sub-district
    location         the community's English name, else the district's, else the place as written
    latitude, longitude  events.latitude / longitude (community; district centroid at geo_precision 2)
    geo_precision    1 a community, 2 a district or sub-district (or the district centroid), 3 a governorate
    source           the outlets of every report, "; "-separated; source_scale "Other"
    notes            what, where, the counts (low–best) and the Arabic evidence behind the count
    fatalities       events.killed_low: the CONSERVATIVE figure (ACLED's own practice is the most conservative
                     estimate); killed_best is in `tags`
    tags             "killed_best=N; injured_low=N; strikes_low=N; reports=N"
    timestamp        the Unix time of the first report's publication
"""

from __future__ import annotations

import csv
from functools import cache
from pathlib import Path

import duckdb
import polars as pl

FILE_NAME = "events_acled.csv"
DATA = Path(__file__).with_name("data")

# ACLED's export columns, in ACLED's order.
COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
)  # fmt: skip


def _read(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(line for line in handle if not line.startswith("#")))


@cache
def event_types() -> dict[str, dict[str, str]]:
    return {row["event_type"]: row for row in _read("acled_event_types.csv")}


@cache
def actors() -> dict[str, dict[str, str]]:
    return {row["actor"]: row for row in _read("acled_actors.csv")}


def _mapping_values(mapping: dict[str, dict[str, str]], key: str, fields: list[str]) -> str:
    rows = ", ".join(
        "("
        + ", ".join("'" + value.replace("'", "''") + "'" for value in [k, *(row[f] for f in fields)])
        + ")"
        for k, row in mapping.items()
    )
    return f"(values {rows}) as t({key}, {', '.join(fields)})"


def acled_sql(conn: duckdb.DuckDBPyConnection) -> str:
    """The query: events joined to the mappings, the sub-district and community names, and the reports' outlets."""
    types = _mapping_values(
        event_types(), "rasd_type", ["disorder_type", "acled_event_type", "sub_event_type"]
    )
    sides = _mapping_values(actors(), "rasd_actor", ["acled_actor", "inter"])
    return f"""
with
types as (select * from {types}),
sides as (select * from {sides}),
subdistricts as (select distinct admin3Pcode as admin3_pcode, admin3Name_en as admin3_name_en from ref.admin3),
communities as (select admin4Pcode as admin4_pcode, admin4Name_en as admin4_name_en from ref.admin4),
outlets as (
    select incident_id, string_agg(distinct source, '; ' order by source) as sources
    from main.event_reports group by incident_id
)
select
    'SYR' || e.event_id as event_id_cnty,
    e.event_date,
    year(e.event_date) as year,
    case e.date_precision when 'day' then 1 when 'week' then 2 else 3 end as time_precision,
    types.disorder_type,
    types.acled_event_type as event_type,
    types.sub_event_type,
    sides.acled_actor as actor1,
    '' as assoc_actor_1,
    cast(sides.inter as integer) as inter1,
    case when e.civilian then 'Civilians (Syria)' else '' end as actor2,
    '' as assoc_actor_2,
    case when e.civilian then 7 end as inter2,
    cast(sides.inter as integer) * 10 + coalesce(case when e.civilian then 7 end, 0) as interaction,
    case when e.civilian then 'Civilian targeting' else '' end as civilian_targeting,
    760 as iso,
    'Middle East' as region,
    'Syria' as country,
    e.admin1_name_en as admin1,
    e.admin2_name_en as admin2,
    subdistricts.admin3_name_en as admin3,
    coalesce(communities.admin4_name_en, e.admin2_name_en, e.place) as location,
    round(e.latitude, 5) as latitude,
    round(e.longitude, 5) as longitude,
    case when e.coordinates_from = 'district_centroid' then greatest(e.geo_precision, 2) else e.geo_precision end
        as geo_precision,
    coalesce(outlets.sources, e.source) as source,
    'Other' as source_scale,
    'On ' || strftime(e.event_date, '%d %B %Y') || ', ' || replace(e.event_type, '_', ' ') || ' in '
        || coalesce(communities.admin4_name_en, e.place, '?')
        || coalesce(' (' || e.admin2_name_en || ', ' || e.admin1_name_en || ')', '')
        || '. Killed ' || e.killed_low || '-' || e.killed_best || ', injured ' || e.injured_low || '-'
        || e.injured_best || ' (low-best), ' || e.n_reports || ' report(s). Evidence (Arabic): '
        || coalesce(e.count_evidence, e.evidence, '') as notes,
    e.killed_low as fatalities,
    'killed_best=' || e.killed_best || '; injured_low=' || e.injured_low || '; strikes_low=' || e.strikes_low
        || '; reports=' || e.n_reports as tags,
    cast(epoch(e.first_published_at) as bigint) as timestamp
from main.events as e
left join types on e.event_type = types.rasd_type
left join sides on e.actor = sides.rasd_actor
left join subdistricts on e.admin3_pcode = subdistricts.admin3_pcode
left join communities on e.admin4_pcode = communities.admin4_pcode
left join outlets on e.event_id = outlets.incident_id
order by e.event_date, e.event_id
"""


def acled_frame(conn: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    frame = conn.sql(acled_sql(conn)).pl()
    unmapped = frame.filter(pl.col("event_type").is_null() | pl.col("actor1").is_null())
    if unmapped.height:
        raise ValueError(
            f"{unmapped.height} incident(s) have an event type or actor that outputs/data/acled_*.csv does not map"
        )
    return frame.select(COLUMNS)


def write_acled_csv(conn: duckdb.DuckDBPyConnection, path: Path) -> int:
    """Write events_acled.csv (UTF-8 with BOM, ACLED's header, no HXL row). Returns the rows written."""
    frame = acled_frame(conn)
    tmp = path.with_name(path.name + ".part")
    frame.write_csv(tmp, include_bom=True)
    tmp.replace(path)
    return frame.height
