-- No event in the marts is dated before 2011 (before the war: a misread date such as "بتاريخ 0001-03-05"), so the
-- daily grid (district_day) spans only the days with events. Extraction quarantines such mentions
-- (meta.quarantined_mentions); this fails if one got through.

with

events as (

    select * from {{ ref('events') }}

),

final as (

    select event_id, event_date
    from events
    where event_date < date '2011-01-01'

)

select * from final
