-- One row per event mention, joined to its article (outlet, url, publication time and day) and
-- to the Arabic and English names of its district and governorate.
--
-- Codes are completed down the hierarchy when the extractor left a coarser level null:
-- a community fixes its district, a district fixes its governorate. When the mention's own
-- admin1_pcode disagrees with its district's governorate, the district wins (so that a daily
-- district row has one governorate); tests/assert_event_mention_admin_codes_consistent.sql
-- reports such rows.

with

mentions as (

    select * from {{ ref('stg_raw__event_mentions') }}

),

articles as (

    select * from {{ ref('stg_raw__articles') }}

),

communities as (

    select * from {{ ref('stg_ref__communities') }}

),

districts as (

    select * from {{ ref('stg_ref__districts') }}

),

governorates as (

    select * from {{ ref('stg_ref__governorates') }}

),

with_district as (

    select
        mentions.mention_id,
        coalesce(mentions.admin2_pcode, communities.admin2_pcode) as admin2_pcode,
        mentions.admin1_pcode as stated_admin1_pcode

    from mentions
    left join communities
        on mentions.admin4_pcode = communities.admin4_pcode

),

with_governorate as (

    select
        with_district.mention_id,
        with_district.admin2_pcode,
        coalesce(districts.admin1_pcode, with_district.stated_admin1_pcode) as admin1_pcode,
        districts.admin2_name_ar,
        districts.admin2_name_en

    from with_district
    left join districts
        on with_district.admin2_pcode = districts.admin2_pcode

),

geocoded as (

    select
        with_governorate.mention_id,
        with_governorate.admin1_pcode,
        governorates.admin1_name_ar,
        governorates.admin1_name_en,
        with_governorate.admin2_pcode,
        with_governorate.admin2_name_ar,
        with_governorate.admin2_name_en

    from with_governorate
    left join governorates
        on with_governorate.admin1_pcode = governorates.admin1_pcode

),

joined as (

    select
        mentions.mention_id,
        mentions.article_id,
        mentions.ordinal,

        articles.source,
        articles.url,
        articles.published_at,
        articles.published_date,

        mentions.event_type,
        mentions.event_date,
        mentions.date_precision,

        mentions.place,
        geocoded.admin1_pcode,
        geocoded.admin1_name_ar,
        geocoded.admin1_name_en,
        geocoded.admin2_pcode,
        geocoded.admin2_name_ar,
        geocoded.admin2_name_en,
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
        mentions.extracted_at

    from mentions
    left join articles
        on mentions.article_id = articles.article_id
    left join geocoded
        on mentions.mention_id = geocoded.mention_id

),

final as (

    select * from joined

)

select * from final
