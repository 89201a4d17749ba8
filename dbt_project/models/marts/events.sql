-- One row per event mention: the event records the extractor read from the articles, with
-- their article's provenance and named administrative units.

with

mentions as (

    select * from {{ ref('int_event_mentions_enriched') }}

),

final as (

    select
        mention_id as event_id,
        article_id,
        source,
        url,
        published_at,
        published_date,

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
        strikes_low,
        strikes_best,
        strikes_vague,
        event_type in ({{ sql_values(var('strike_event_types')) }}) as is_strike,
        civilian,

        evidence,
        evidence_start,
        evidence_end,
        extractor_version

    from mentions

)

select * from final
