-- The weekly and monthly marts sum the same incidents as the daily marts: per district (governorate),
-- their totals over all periods equal the daily marts' totals over all days. Returns the differing
-- (mart, place, measure) rows.

with

daily_district as (

    select
        casualties.admin2_pcode as place,
        sum(casualties.killed_low) as killed_low,
        sum(casualties.killed_best) as killed_best,
        sum(casualties.injured_low) as injured_low,
        sum(casualties.events) as events,
        sum(coalesce(strikes.strikes_low, 0)) as strikes_low

    from {{ ref('daily_district_casualties') }} as casualties
    left join {{ ref('daily_district_strikes') }} as strikes
        on casualties.admin2_pcode = strikes.admin2_pcode and casualties.event_date = strikes.event_date
    group by 1

),

daily_governorate as (

    select
        admin1_pcode as place,
        sum(killed_low) as killed_low,
        sum(killed_best) as killed_best,
        sum(injured_low) as injured_low,
        sum(events) as events,
        sum(strikes_low) as strikes_low

    from {{ ref('daily_governorate_summary') }}
    group by 1

),

{% set periods = [
    ('weekly_district_summary', 'admin2_pcode', 'daily_district'),
    ('monthly_district_summary', 'admin2_pcode', 'daily_district'),
    ('weekly_governorate_summary', 'admin1_pcode', 'daily_governorate'),
    ('monthly_governorate_summary', 'admin1_pcode', 'daily_governorate'),
] %}

compared as (

    {% for mart, key, daily in periods %}
    select
        '{{ mart }}' as mart,
        coalesce(period.place, daily.place) as place,
        period.killed_low as period_killed_low,
        daily.killed_low as daily_killed_low,
        period.killed_best as period_killed_best,
        daily.killed_best as daily_killed_best,
        period.injured_low as period_injured_low,
        daily.injured_low as daily_injured_low,
        period.events as period_events,
        daily.events as daily_events,
        period.strikes_low as period_strikes_low,
        daily.strikes_low as daily_strikes_low

    from (
        select
            {{ key }} as place,
            sum(killed_low) as killed_low,
            sum(killed_best) as killed_best,
            sum(injured_low) as injured_low,
            sum(events) as events,
            sum(strikes_low) as strikes_low
        from {{ ref(mart) }}
        group by 1
    ) as period
    full outer join {{ daily }} as daily
        on period.place = daily.place
    {% if not loop.last %}union all{% endif %}
    {% endfor %}

),

final as (

    select * from compared
    where
        period_killed_low is distinct from daily_killed_low
        or period_killed_best is distinct from daily_killed_best
        or period_injured_low is distinct from daily_injured_low
        or period_events is distinct from daily_events
        or period_strikes_low is distinct from daily_strikes_low

)

select * from final
