-- Grain: one row per governorate (admin1_pcode) and day the incidents happened (event_date), for
-- the governorate-days with at least one incident dated to the day. Unlike the district marts it
-- also counts the incidents placed only in the governorate ("ريف إدلب"): events_without_district
-- says how many. Incidents are counted once however many articles reported them; a
-- governorate-only report is linked only with other governorate-only reports
-- (int_incident_links), so it may describe an incident also counted in a district.
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
    {% if is_incremental() %}
    where {{ event_day_window('event_date') }}
    {% endif %}

),

daily as (

    select
        admin1_pcode,
        any_value(admin1_name_en) as admin1_name_en,
        any_value(admin1_name_ar) as admin1_name_ar,
        event_date,
        count(*) as events,
        count(*) filter (where admin2_pcode is null) as events_without_district,
        count(*) filter (where is_strike) as strike_events,
        {{ casualty_sums() }},
        cast(sum(strikes_low) filter (where is_strike) as bigint) as strikes_low,
        cast(sum(strikes_best) filter (where is_strike) as bigint) as strikes_best

    from in_scope
    group by admin1_pcode, event_date

),

final as (

    select
        admin1_pcode,
        admin1_name_en,
        admin1_name_ar,
        event_date,
        events,
        events_without_district,
        strike_events,
        killed_low,
        killed_best,
        injured_low,
        injured_best,
        civilian_killed_low,
        civilian_killed_best,
        coalesce(strikes_low, 0) as strikes_low,
        coalesce(strikes_best, 0) as strikes_best

    from daily

)

select * from final
