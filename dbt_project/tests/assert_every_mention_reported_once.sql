{{ config(meta={'dagster': {'ref': {'name': 'event_reports'}}}) }}

-- Linkage neither loses nor duplicates a report: every event mention is exactly one row of
-- event_reports, and event_reports holds nothing else. (A stale row left by an incremental run
-- would show here too.)

with

mentions as (

    select mention_id from {{ ref('stg_raw__event_mentions') }}

),

reports as (

    select mention_id from {{ ref('event_reports') }}

),

final as (

    (select mention_id, 'not in event_reports' as problem from mentions
     except all
     select mention_id, 'not in event_reports' from reports)
    union all
    (select mention_id, 'not a mention, or twice in event_reports' from reports
     except all
     select mention_id, 'not a mention, or twice in event_reports' from mentions)

)

select * from final
