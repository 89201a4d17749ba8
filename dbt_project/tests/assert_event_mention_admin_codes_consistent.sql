{{ config(severity='warn') }}

-- The extractor's admin codes must agree with the gazetteer's hierarchy: a mention's district
-- lies in its governorate, its community lies in its district. int_event_mentions_enriched
-- trusts the finer code when they disagree; this test lists the rows where they do.

with

mentions as (

    select * from {{ ref('stg_raw__event_mentions') }}

),

communities as (

    select * from {{ ref('stg_ref__communities') }}

),

districts as (

    select * from {{ ref('stg_ref__districts') }}

),

checked as (

    select
        mentions.mention_id,
        mentions.admin1_pcode,
        mentions.admin2_pcode,
        mentions.admin4_pcode,
        districts.admin1_pcode as district_admin1_pcode,
        communities.admin2_pcode as community_admin2_pcode,
        communities.admin1_pcode as community_admin1_pcode

    from mentions
    left join districts
        on mentions.admin2_pcode = districts.admin2_pcode
    left join communities
        on mentions.admin4_pcode = communities.admin4_pcode

),

final as (

    select * from checked
    where
        admin1_pcode != district_admin1_pcode
        or admin2_pcode != community_admin2_pcode
        or admin1_pcode != community_admin1_pcode

)

select * from final
