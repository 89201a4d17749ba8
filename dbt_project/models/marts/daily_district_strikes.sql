-- Grain: one row per district (admin2_pcode) and day the strikes happened (event_date).
-- A strike is an air_strike or a shelling event (GUIDELINES.md §2); clashes, explosions and
-- attacks are not counted. Same scope as daily_district_casualties: events dated to the day
-- and placed in a district.

with

events as (

    select * from {{ ref('events') }}

),

in_scope as (

    select * from events
    where
        event_type in ({{ sql_values(var('strike_event_types')) }})
        and date_precision in ({{ sql_values(var('daily_date_precisions')) }})
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
        count(*) filter (where event_type = 'air_strike') as air_strikes,
        count(*) filter (where event_type = 'shelling') as shelling,
        count(*) as strike_events,
        cast(sum(strikes_low) as bigint) as strikes_low,
        cast(sum(strikes_best) as bigint) as strikes_best

    from in_scope
    group by 1, 2, 3, 4, 5, 6, 7

),

final as (

    select * from daily

)

select * from final
