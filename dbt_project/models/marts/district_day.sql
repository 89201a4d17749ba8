-- A dense grid: one row per district (all 61, from `districts`) and day of the covered period,
-- zeros included; the shape dashboards want. The covered period runs from the first to the last
-- day of daily_district_casualties (every day-precision incident placed in a district), so the
-- grid's sums equal the daily marts' sums (tests/assert_district_day_matches_daily_marts.sql).
--
-- Incremental by event day: a run writes the days of the window and any day of the covered
-- period the table lacks (the period grew), and the post-hook removes the days outside the
-- period (it shrank).

{{
    config(
        materialized='incremental',
        incremental_strategy='event_days',
        on_schema_change='fail',
        post_hook=[
            "delete from {{ this }}
             where event_date < coalesce((select min(event_date) from {{ ref('daily_district_casualties') }}), date '9999-12-31')
                or event_date > coalesce((select max(event_date) from {{ ref('daily_district_casualties') }}), date '0001-01-01')"
        ],
    )
}}

with

districts as (

    select * from {{ ref('districts') }}

),

casualties as (

    select * from {{ ref('daily_district_casualties') }}

),

strikes as (

    select * from {{ ref('daily_district_strikes') }}

),

covered_period as (

    select
        min(event_date) as first_day,
        max(event_date) as last_day

    from casualties

),

days as (

    select cast(unnest(generate_series(first_day, last_day, interval 1 day)) as date) as event_date
    from covered_period
    where first_day is not null

),

days_to_write as (

    select event_date from days
    {% if is_incremental() %}
    where
        {{ event_day_window('event_date') }}
        or event_date not in (select distinct event_date from {{ this }})
    {% endif %}

),

grid as (

    select
        districts.admin1_pcode,
        districts.admin1_name_en,
        districts.admin1_name_ar,
        districts.admin2_pcode,
        districts.admin2_name_en,
        districts.admin2_name_ar,
        days_to_write.event_date

    from districts
    cross join days_to_write

),

final as (

    select
        grid.admin1_pcode,
        grid.admin1_name_en,
        grid.admin1_name_ar,
        grid.admin2_pcode,
        grid.admin2_name_en,
        grid.admin2_name_ar,
        grid.event_date,
        coalesce(casualties.events, 0) as events,
        coalesce(strikes.strike_events, 0) as strike_events,
        coalesce(strikes.air_strikes, 0) as air_strikes,
        coalesce(strikes.shelling, 0) as shelling,
        coalesce(casualties.killed_low, 0) as killed_low,
        coalesce(casualties.killed_best, 0) as killed_best,
        coalesce(casualties.injured_low, 0) as injured_low,
        coalesce(casualties.injured_best, 0) as injured_best,
        coalesce(casualties.civilian_killed_low, 0) as civilian_killed_low,
        coalesce(casualties.civilian_killed_best, 0) as civilian_killed_best,
        coalesce(strikes.strikes_low, 0) as strikes_low,
        coalesce(strikes.strikes_best, 0) as strikes_best

    from grid
    left join casualties
        on grid.admin2_pcode = casualties.admin2_pcode and grid.event_date = casualties.event_date
    left join strikes
        on grid.admin2_pcode = strikes.admin2_pcode and grid.event_date = strikes.event_date

)

select * from final
