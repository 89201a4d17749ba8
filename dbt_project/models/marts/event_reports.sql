-- One row per event mention (one article's report of an incident), with the incident it was
-- linked to and the report's own counts: the audit trail of the linkage. events' merged counts
-- are reproducible from here (tests/assert_events_reproducible_from_reports.sql).
--
-- Incremental by the incident's event day, like events.

{{
    config(
        materialized='incremental',
        incremental_strategy='event_days',
        on_schema_change='fail',
    )
}}

with

links as (

    select * from {{ ref('int_incident_links') }}

),

mentions as (

    select * from {{ ref('int_event_mentions_enriched') }}

),

communities as (

    select * from {{ ref('stg_ref__communities') }}

),

final as (

    select
        mentions.mention_id,
        links.incident_id,
        links.incident_event_date as event_date,
        links.link_rule,
        links.is_primary,

        mentions.article_id,
        mentions.ordinal,
        mentions.source,
        mentions.url,
        mentions.published_at,
        mentions.published_date,

        mentions.event_type,
        mentions.event_date as reported_event_date,
        mentions.date_precision,

        mentions.place,
        mentions.admin1_pcode,
        mentions.admin2_pcode,
        mentions.admin4_pcode,
        mentions.geo_precision,
        mentions.actor,

        mentions.killed_low,
        mentions.killed_best,
        mentions.killed_vague,
        mentions.injured_low,
        mentions.injured_best,
        mentions.injured_vague,
        mentions.strikes_low,
        mentions.strikes_best,
        mentions.strikes_vague,
        mentions.civilian,

        mentions.evidence,
        mentions.evidence_start,
        mentions.evidence_end,
        mentions.extractor_version,

        mentions.admin1_name_ar,
        mentions.admin1_name_en,
        mentions.admin2_name_ar,
        mentions.admin2_name_en,
        communities.admin4_name_ar,
        communities.admin4_name_en

    from links
    inner join mentions
        on links.mention_id = mentions.mention_id
    left join communities
        on mentions.admin4_pcode = communities.admin4_pcode
    {% if is_incremental() %}
    where {{ event_day_window('links.incident_event_date') }}
    {% endif %}

)

select * from final
