-- Grain: one row per district (admin2_pcode) and day the events happened (event_date).
-- Counts only events dated to the day and placed in a district; week/month-precision and
-- governorate-only events are left to the `events` mart.

with

events as (

    select * from {{ ref('events') }}

),

in_scope as (

    select * from events
    where
        date_precision in ({{ sql_values(var('daily_date_precisions')) }})
        and admin2_pcode is not null

),

daily as (

    select
        admin1_pcode,
        admin1_name_en,
        admin1_name_ar,
        admin2_pcode,
        admin2_name_en,
        admin2_name_ar,
        event_date,
        cast(sum(killed_low) as bigint) as killed_low,
        cast(sum(killed_best) as bigint) as killed_best,
        cast(sum(injured_low) as bigint) as injured_low,
        cast(sum(injured_best) as bigint) as injured_best,
        count(*) as events,
        count(distinct article_id) as articles

    from in_scope
    group by 1, 2, 3, 4, 5, 6, 7

),

final as (

    select * from daily

)

select * from final
