-- Grain: one row per district (admin2_pcode) and day the incidents happened (event_date), for
-- the district-days with at least one incident. Counts incidents (events), each once however many
-- articles reported it, dated to the day (int_daily_incidents) and placed in a district;
-- week/month-precision and governorate-only incidents are left to `events` (and daily_governorate_summary).
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
        admin2_pcode is not null
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
        {{ casualty_sums() }},
        count(*) as events,
        cast(sum(n_reports) as bigint) as reports

    from in_scope
    group by 1, 2, 3, 4, 5, 6, 7

),

articles as (

    select
        admin2_pcode,
        event_date,
        count(distinct reported_article_id) as articles

    from (
        select admin2_pcode, event_date, unnest(article_ids) as reported_article_id
        from in_scope
    )
    group by 1, 2

),

final as (

    select
        daily.*,
        articles.articles

    from daily
    inner join articles
        on daily.admin2_pcode = articles.admin2_pcode and daily.event_date = articles.event_date

)

select * from final
