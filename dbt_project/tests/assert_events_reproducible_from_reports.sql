{{ config(meta={'dagster': {'ref': {'name': 'events'}}}) }}

-- events' merged counts are reproducible from the per-report audit table (event_reports): a
-- report is one article's mentions in the incident, summed; the incident's low and best are the
-- maxima over its reports (int_incidents). Lists every incident where they differ.

with

reports as (

    select * from {{ ref('event_reports') }}

),

events as (

    select * from {{ ref('events') }}

),

per_report as (

    select
        incident_id,
        article_id,
        sum(killed_low) as killed_low,
        sum(killed_best) as killed_best,
        sum(injured_low) as injured_low,
        sum(injured_best) as injured_best,
        sum(case when civilian then killed_low else 0 end) as civilian_killed_low,
        sum(case when civilian then killed_best else 0 end) as civilian_killed_best,
        sum(strikes_low) as strikes_low,
        sum(strikes_best) as strikes_best,
        count(*) as n_mentions

    from reports
    group by incident_id, article_id

),

recomputed as (

    select
        incident_id,
        max(killed_low) as killed_low,
        max(killed_best) as killed_best,
        max(injured_low) as injured_low,
        max(injured_best) as injured_best,
        max(civilian_killed_low) as civilian_killed_low,
        max(civilian_killed_best) as civilian_killed_best,
        max(strikes_low) as strikes_low,
        max(strikes_best) as strikes_best,
        count(*) as n_reports,
        sum(n_mentions) as n_mentions,
        list(article_id order by article_id) as article_ids

    from per_report
    group by incident_id

),

compared as (

    select
        coalesce(events.event_id, recomputed.incident_id) as event_id,
        events.event_id is null as missing_in_events,
        recomputed.incident_id is null as missing_in_reports

    from events
    full outer join recomputed
        on events.event_id = recomputed.incident_id
    where
        events.event_id is null
        or recomputed.incident_id is null
        or events.killed_low <> recomputed.killed_low
        or events.killed_best <> recomputed.killed_best
        or events.injured_low <> recomputed.injured_low
        or events.injured_best <> recomputed.injured_best
        or events.civilian_killed_low <> recomputed.civilian_killed_low
        or events.civilian_killed_best <> recomputed.civilian_killed_best
        or events.strikes_low <> recomputed.strikes_low
        or events.strikes_best <> recomputed.strikes_best
        or events.n_reports <> recomputed.n_reports
        or events.n_mentions <> recomputed.n_mentions
        or list_sort(events.article_ids) <> recomputed.article_ids

)

select * from compared
