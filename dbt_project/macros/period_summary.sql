{#-
    The body of the weekly and monthly marts (weekly_district_summary, monthly_governorate_summary, ...):
    the incidents of int_daily_incidents (the daily marts' scope: dated to the day, in a governorate) summed
    by `grain` ('week': ISO weeks from Monday, 'month': calendar months) and `level` ('district': admin2,
    'governorate': admin1). Incidents are counted once, however many articles reported them; the district
    level leaves out incidents without a district, the governorate level counts them
    (events_without_district). Every sum is cast to bigint: DuckDB's sum of integers is a 128-bit
    HUGEINT, which BI drivers (JDBC, ODBC, older DuckDB builds) do not read.
-#}
{% macro period_summary(grain, level) -%}
{%- set keys = ['admin1_pcode'] if level == 'governorate' else ['admin1_pcode', 'admin2_pcode'] -%}
{%- set names = ['admin1_name_en', 'admin1_name_ar'] if level == 'governorate'
    else ['admin1_name_en', 'admin1_name_ar', 'admin2_name_en', 'admin2_name_ar'] -%}

with

in_scope as (

    select
        *,
        cast(date_trunc('{{ grain }}', event_date) as date) as period_start

    from {{ ref('int_daily_incidents') }}
    where {{ keys[-1] }} is not null

),

summed as (

    select
        period_start,
        {% for key in keys %}{{ key }},
        {% endfor -%}
        {% for name in names %}any_value({{ name }}) as {{ name }},
        {% endfor -%}
        count(*) as events,
        {% if level == 'governorate' -%}
        count(*) filter (where admin2_pcode is null) as events_without_district,
        {% endif -%}
        count(*) filter (where is_strike) as strike_events,
        count(*) filter (where event_type = 'air_strike') as air_strike_events,
        count(*) filter (where event_type = 'shelling') as shelling_events,
        count(distinct event_date) as days_with_events,
        {{ casualty_sums() }},
        cast(coalesce(sum(strikes_low) filter (where is_strike), 0) as bigint) as strikes_low,
        cast(coalesce(sum(strikes_best) filter (where is_strike), 0) as bigint) as strikes_best,
        cast(sum(n_reports) as bigint) as reports

    from in_scope
    group by all

),

final as (

    select
        period_start,
        cast(
            period_start + interval 1 {{ grain }} - interval 1 day as date
        ) as period_end,
        * exclude (period_start)

    from summed

)

select * from final
{%- endmacro %}
