-- Grain: one row per incident (events, all its columns) that the daily marts count: dated to the day (var
-- daily_date_precisions) and placed at least in a governorate. The scope of daily_district_casualties,
-- daily_district_strikes and daily_governorate_summary, applied once here; the district marts keep the
-- rows with a district. events.is_strike (var strike_event_types) says which incidents the strike counts use.
--
-- Built on the events table, not on int_incidents: that view re-links every report each time it is read,
-- while events holds the merged incidents already (and the marts' incremental window selects from it).

with

events as (

    select * from {{ ref('events') }}

),

final as (

    select * from events
    where
        date_precision in ({{ sql_values(var('daily_date_precisions')) }})
        and admin1_pcode is not null

)

select * from final
