-- Grain: one row per district (admin2_pcode) and day the strikes happened (event_date), for the
-- district-days with at least one strike incident. A strike is an incident of a type in var
-- strike_event_types (air_strike, shelling: GUIDELINES.md §2; int_daily_incidents.is_strike); clashes,
-- explosions and attacks are not counted. Same scope as daily_district_casualties: incidents dated to the
-- day and placed in a district, each counted once however many articles reported it.
--
-- Incremental by event day, like events.

{{
    config(
        materialized='incremental',
        incremental_strategy='event_days',
        on_schema_change='fail',
    )
}}

with

in_scope as (

    select * from {{ ref('int_daily_incidents') }}
    where
        is_strike
        and admin2_pcode is not null
        {% if is_incremental() %}
        and {{ event_day_window('event_date') }}
        {% endif %}

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
