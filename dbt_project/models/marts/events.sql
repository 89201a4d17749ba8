-- One row per incident: an event type at one place on one day (GUIDELINES.md §1), however many
-- articles reported it, with its reports' counts merged (int_incidents) and its primary report's
-- provenance and evidence. The reports themselves are in event_reports.
--
-- Incremental by event day: a run replaces the incidents of the days in the window
-- [var min_event_date, var max_event_date] (macros/event_day_window.sql).

{{
    config(
        materialized='incremental',
        incremental_strategy='event_days',
        on_schema_change='fail',
    )
}}

with

incidents as (

    select * from {{ ref('int_incidents') }}

),

details as (

    select * from {{ ref('int_incident_details') }}

),

final as (

    select
        incidents.incident_id as event_id,
        event_type,
        event_date,
        date_precision,

        place,
        admin1_pcode,
        admin1_name_ar,
        admin1_name_en,
        admin2_pcode,
        admin2_name_ar,
        admin2_name_en,
        admin4_pcode,
        geo_precision,

        actor,

        killed_low,
        killed_best,
        killed_vague,
        injured_low,
        injured_best,
        injured_vague,
        civilian_killed_low,
        civilian_killed_best,
        strikes_low,
        strikes_best,
        strikes_vague,
        event_type in ({{ sql_values(var('strike_event_types')) }}) as is_strike,
        civilian,

        n_reports,
        n_sources,
        n_mentions,
        article_ids,
        first_published_at,

        article_id,
        source,
        url,
        published_at,
        published_date,
        evidence,
        evidence_start,
        evidence_end,
        extractor_version,

        details.title,
        details.count_mention_id,
        details.count_article_id,
        details.count_title,
        details.count_url,
        details.count_evidence,
        details.count_evidence_start,
        details.count_evidence_end,
        details.admin3_pcode,
        details.latitude,
        details.longitude,
        details.coordinates_from

    from incidents
    left join details
        on incidents.incident_id = details.incident_id
    {% if is_incremental() %}
    where {{ event_day_window('event_date') }}
    {% endif %}

)

select * from final
