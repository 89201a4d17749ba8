{{ config(meta={'dagster': {'ref': {'name': 'district_day'}}}) }}

-- district_day is dense (every district on every day from the first to the last day of
-- daily_district_casualties) and agrees with the sparse daily marts: each of their rows is the
-- grid's row, every other grid row is zero.

with

grid as (

    select * from {{ ref('district_day') }}

),

districts as (

    select admin2_pcode from {{ ref('districts') }}

),

casualties as (

    select * from {{ ref('daily_district_casualties') }}

),

strikes as (

    select * from {{ ref('daily_district_strikes') }}

),

covered_days as (

    select cast(unnest(generate_series(min(event_date), max(event_date), interval 1 day)) as date) as event_date
    from casualties
    having min(event_date) is not null

),

expected_keys as (

    select districts.admin2_pcode, covered_days.event_date
    from districts
    cross join covered_days

),

missing_or_extra as (

    (select admin2_pcode, event_date, 'missing from district_day' as problem from expected_keys
     except all
     select admin2_pcode, event_date, 'missing from district_day' from grid)
    union all
    (select admin2_pcode, event_date, 'outside the covered period, or twice' from grid
     except all
     select admin2_pcode, event_date, 'outside the covered period, or twice' from expected_keys)

),

disagreeing as (

    select grid.admin2_pcode, grid.event_date, 'differs from the daily marts' as problem
    from grid
    left join casualties
        on grid.admin2_pcode = casualties.admin2_pcode and grid.event_date = casualties.event_date
    left join strikes
        on grid.admin2_pcode = strikes.admin2_pcode and grid.event_date = strikes.event_date
    where
        grid.events <> coalesce(casualties.events, 0)
        or grid.killed_low <> coalesce(casualties.killed_low, 0)
        or grid.killed_best <> coalesce(casualties.killed_best, 0)
        or grid.injured_low <> coalesce(casualties.injured_low, 0)
        or grid.injured_best <> coalesce(casualties.injured_best, 0)
        or grid.civilian_killed_low <> coalesce(casualties.civilian_killed_low, 0)
        or grid.civilian_killed_best <> coalesce(casualties.civilian_killed_best, 0)
        or grid.strike_events <> coalesce(strikes.strike_events, 0)
        or grid.air_strikes <> coalesce(strikes.air_strikes, 0)
        or grid.shelling <> coalesce(strikes.shelling, 0)
        or grid.strikes_low <> coalesce(strikes.strikes_low, 0)
        or grid.strikes_best <> coalesce(strikes.strikes_best, 0)

),

final as (

    select * from missing_or_extra
    union all
    select * from disagreeing

)

select * from final
