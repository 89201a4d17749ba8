{{ config(meta={'dagster': {'ref': {'name': 'events'}}}) }}

-- The incremental tables equal what a full rebuild would write today: events and event_reports
-- against the linkage views they are built from (which always see every mention), the daily
-- marts against a fresh aggregation of events. A window of days left out of an incremental run
-- (a stale or missing row) is listed here.

with

events_now as (

    select event_id, event_date, event_type, admin2_pcode, killed_low, killed_best, n_reports
    from {{ ref('events') }}

),

events_rebuilt as (

    select incident_id as event_id, event_date, event_type, admin2_pcode, killed_low, killed_best, n_reports
    from {{ ref('int_incidents') }}

),

reports_now as (

    select mention_id, incident_id, event_date from {{ ref('event_reports') }}

),

reports_rebuilt as (

    select mention_id, incident_id, incident_event_date as event_date from {{ ref('int_incident_links') }}

),

day_events as (

    select * from {{ ref('events') }}
    where date_precision in ({{ sql_values(var('daily_date_precisions')) }})

),

casualties_rebuilt as (

    select admin2_pcode, event_date, sum(killed_low) as killed_low, sum(killed_best) as killed_best,
        sum(injured_low) as injured_low, count(*) as events
    from day_events
    where admin2_pcode is not null
    group by all

),

casualties_now as (

    select admin2_pcode, event_date, killed_low, killed_best, injured_low, events
    from {{ ref('daily_district_casualties') }}

),

strikes_rebuilt as (

    select admin2_pcode, event_date, count(*) as strike_events, sum(strikes_low) as strikes_low,
        sum(strikes_best) as strikes_best
    from day_events
    where admin2_pcode is not null and event_type in ({{ sql_values(var('strike_event_types')) }})
    group by all

),

strikes_now as (

    select admin2_pcode, event_date, strike_events, strikes_low, strikes_best
    from {{ ref('daily_district_strikes') }}

),

governorates_rebuilt as (

    select admin1_pcode, event_date, count(*) as events, sum(killed_low) as killed_low
    from day_events
    where admin1_pcode is not null
    group by all

),

governorates_now as (

    select admin1_pcode, event_date, events, killed_low
    from {{ ref('daily_governorate_summary') }}

),

differences as (

    select 'events' as model, event_id as row_key, event_date from (
        (select * from events_now except all select * from events_rebuilt)
        union all
        (select * from events_rebuilt except all select * from events_now)
    )

    union all

    select 'event_reports', mention_id, event_date from (
        (select * from reports_now except all select * from reports_rebuilt)
        union all
        (select * from reports_rebuilt except all select * from reports_now)
    )

    union all

    select 'daily_district_casualties', admin2_pcode, event_date from (
        (select * from casualties_now except all select * from casualties_rebuilt)
        union all
        (select * from casualties_rebuilt except all select * from casualties_now)
    )

    union all

    select 'daily_district_strikes', admin2_pcode, event_date from (
        (select * from strikes_now except all select * from strikes_rebuilt)
        union all
        (select * from strikes_rebuilt except all select * from strikes_now)
    )

    union all

    select 'daily_governorate_summary', admin1_pcode, event_date from (
        (select * from governorates_now except all select * from governorates_rebuilt)
        union all
        (select * from governorates_rebuilt except all select * from governorates_now)
    )

)

select * from differences
